import { describe, expect, it } from 'vitest';
import { testConfig } from '../escalation/escalation-test-config.ts';
import { IncidentError } from '../incidents/index.ts';
import { testDialects, useTestStore } from '../store/store-test-dialects.ts';
import { FakeClock } from '../time/index.ts';
import { PostmortemService } from './postmortem-service.ts';

const H = 3_600_000;

describe.each(testDialects)('PostmortemService on $name', (dialect) => {
  const t = useTestStore(dialect);

  async function setup() {
    const clock = new FakeClock('2026-04-01T09:00:00Z');
    const service = new PostmortemService({ store: t.store, clock, config: () => testConfig({ timezone: 'Europe/Berlin' }) });
    const { incident } = await t.store.incidents.openOrAppend(
      { key: null, title: 'Queue stuck', service: null, severity: 'P1', status: 'triggered', openedAt: clock.now() - 2 * H, acknowledgedAt: null,
        resolvedAt: null, respondBy: null, resolveBy: null, respondBreachedAt: null, resolveBreachedAt: null, runbook: null },
      { at: clock.now() - 2 * H, kind: 'opened', actor: 'system', message: 'Opened by hand', data: null },
    );
    return { clock, service, id: incident.id };
  }

  const refusal = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(IncidentError);
    return { code: (error as IncidentError).code, message: (error as Error).message };
  };

  it('drafts only from a resolved incident, and replaces a draft only when asked', async () => {
    const { clock, service, id } = await setup();
    expect(await refusal(service.generate(id, 'token:ana'))).toEqual({
      code: 'conflict', message: `incident ${id} is triggered; a post-mortem is drafted from a resolved incident, so resolve it first`,
    });
    expect((await refusal(service.generate(999, 'token:ana'))).code).toBe('not_found');
    await t.store.incidents.update(id, { status: 'resolved', resolvedAt: clock.now() }, { at: clock.now(), kind: 'status', actor: 'token:ana', message: 'Resolved', data: null });

    const first = await service.generate(id, 'token:ana');
    expect(first.postmortem).toMatchObject({ incidentId: id, state: 'draft', updatedBy: 'token:ana', createdAt: clock.now() });
    expect(first.postmortem.body).toContain('Opened by hand');
    expect(await refusal(service.generate(id, 'token:ben'))).toEqual({
      code: 'conflict', message: `incident ${id} has a post-mortem already (draft, last edited by token:ana at 2026-04-01 09:00:00 UTC); pass ?regenerate=true to replace it with a fresh draft`,
    });

    clock.advance(H);
    await service.saveBody(id, '# Ours\n', 'token:ben');
    await service.publish(id, 'token:ben');
    expect((await service.get(id)).postmortem).toMatchObject({ body: '# Ours\n', state: 'published', updatedAt: clock.now() });

    clock.advance(H);
    const again = await service.generate(id, 'token:carol', true);
    expect(again.postmortem).toMatchObject({ state: 'draft', updatedBy: 'token:carol', createdAt: clock.now() - 2 * H });
    expect(again.postmortem.body).toContain('# Post-mortem:');
  });

  it('tracks action items: due dates in the config\'s zone, done toggles, a moved due date reminds again, overdue listing', async () => {
    const { clock, service, id } = await setup();
    expect(await refusal(service.addAction(id, { title: 'x', owner: 'ana', due: null }))).toMatchObject({ code: 'not_found' });
    await t.store.incidents.update(id, { status: 'resolved', resolvedAt: clock.now() }, { at: clock.now(), kind: 'status', actor: 'system', message: 'Resolved', data: null });
    await service.generate(id, 'token:ana');

    const a = await service.addAction(id, { title: 'Alert on queue age', owner: 'ana', due: '2026-04-01' });
    expect(a.dueAt).toBe(Date.parse('2026-04-01T22:00:00Z'));
    const b = await service.addAction(id, { title: 'Later', owner: 'ben', due: '2026-05-01T12:00' });
    expect(await refusal(service.addAction(id, { title: 'Bad', owner: 'ben', due: 'soon' }))).toMatchObject({ code: 'invalid', message: expect.stringMatching(/^due: expected/) });

    clock.set(Date.parse('2026-04-02T08:00:00Z'));
    expect((await service.listActions({ overdue: true })).map((x) => x.id)).toEqual([a.id]);
    expect((await service.listActions({ overdue: false })).map((x) => x.id)).toEqual([a.id, b.id]);
    expect((await service.get(id)).markdown).toContain(`| ${a.id} | Alert on queue age | ana | 2026-04-01 22:00:00 UTC | overdue |`);

    await t.store.postmortems.updateAction(a.id, { remindedAt: clock.now() });
    const moved = await service.updateAction(a.id, { due: '2026-04-10' });
    expect(moved).toMatchObject({ dueAt: Date.parse('2026-04-10T22:00:00Z'), remindedAt: null });
    const doneItem = await service.updateAction(a.id, { done: true, owner: 'carol' });
    expect(doneItem).toMatchObject({ doneAt: clock.now(), owner: 'carol' });
    expect((await service.updateAction(a.id, { done: true })).doneAt).toBe(clock.now());
    expect((await service.updateAction(a.id, { done: false })).doneAt).toBeNull();
    expect((await refusal(service.updateAction(424242, { done: true }))).code).toBe('not_found');
  });
});
