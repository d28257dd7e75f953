import { describe, expect, it } from 'vitest';
import type { InhibitRuleDef } from '../config/config-types.ts';
import type { SilenceRecord } from '../store/ports.ts';
import { FiringSet } from './firing-set.ts';
import type { Labels } from './label-matcher.ts';
import type { Muter } from './muter.ts';
import { buildPipeline } from './pipeline.ts';
import type { AlertEvent, StageContext } from './pipeline-types.ts';
import { silenceMuter } from './silence-muter.ts';

const T0 = Date.parse('2026-03-02T12:00:00Z');
const MIN = 60_000;

const dbSilence: SilenceRecord = {
  id: 4, matchers: [{ label: 'service', op: '=', value: 'db' }], startsAt: T0, endsAt: T0 + 30 * MIN,
  author: 'ana', comment: 'db migration', createdAt: T0, expiredAt: null, noticeSentAt: null,
};
const downInhibitsLatency: InhibitRuleDef = {
  source: [{ label: 'alertname', op: '=', value: 'down' }],
  target: [{ label: 'alertname', op: '=', value: 'latency' }],
  equal: ['service'],
};

interface Rule { id: string }
const event = (key: string, transition: 'firing' | 'resolved', labels: Labels, atMin = 0): AlertEvent<Rule> =>
  ({ key, transition, labels, value: '1', at: T0 + atMin * MIN, payload: { id: key } });
const latency = (service: string) => ({ alertname: 'latency', service });
const down = (service: string) => ({ alertname: 'down', service });

/** A pipeline over the given silences and rules whose deliver records what reached it. */
function setup(options: { silences?: SilenceRecord[]; rules?: InhibitRuleDef[]; muters?: Muter[]; deliver?: (e: AlertEvent<Rule>) => Promise<void> } = {}) {
  const delivered: Array<{ key: string; transition: string; heldBy: string | null; payload: Rule }> = [];
  const firing = new FiringSet();
  let silences = options.silences ?? [];
  const pipeline = buildPipeline<Rule>({
    muters: () => options.muters ?? [silenceMuter(silences)],
    inhibitRules: () => options.rules ?? [],
    firing,
    async deliver(e, context: Readonly<StageContext>) {
      await options.deliver?.(e);
      delivered.push({ key: e.key, transition: e.transition, heldBy: context.heldBy && `${context.heldBy.kind}:${context.heldBy.id}`, payload: e.payload });
    },
  });
  return { pipeline, delivered, firing, setSilences: (s: SilenceRecord[]) => { silences = s; } };
}

describe('pipeline: mute -> inhibit -> dedup -> deliver -> record', () => {
  it('delivers a firing alert unheld with its payload untouched', async () => {
    const { pipeline, delivered } = setup();
    expect(await pipeline.process(event('api/down', 'firing', down('api')))).toBe('delivered');
    expect(delivered).toEqual([{ key: 'api/down', transition: 'firing', heldBy: null, payload: { id: 'api/down' } }]);
  });

  it('a muted alert reaches deliver held by the silence, not dropped', async () => {
    const { pipeline, delivered } = setup({ silences: [dbSilence] });
    expect(await pipeline.process(event('db/down', 'firing', down('db'), 5))).toBe('delivered');
    expect(await pipeline.process(event('api/down', 'firing', down('api'), 5))).toBe('delivered');
    expect(delivered.map((d) => [d.key, d.heldBy])).toEqual([['db/down', 'silence:4'], ['api/down', null]]);
  });

  it('an inhibited alert reaches deliver held, naming the inhibiting alert', async () => {
    const { pipeline, delivered } = setup({ rules: [downInhibitsLatency] });
    await pipeline.process(event('api/down', 'firing', down('api')));
    await pipeline.process(event('api/latency', 'firing', latency('api')));
    await pipeline.process(event('db/latency', 'firing', latency('db')));
    expect(delivered.map((d) => [d.key, d.heldBy])).toEqual([['api/down', null], ['api/latency', 'inhibit:api/down'], ['db/latency', null]]);
  });

  it('mute comes before inhibit: a silenced and inhibited alert is held by the silence', async () => {
    const { pipeline, delivered } = setup({ silences: [dbSilence], rules: [downInhibitsLatency] });
    await pipeline.process(event('db/down', 'firing', down('db')));
    await pipeline.process(event('db/latency', 'firing', latency('db')));
    expect(delivered.map((d) => d.heldBy)).toEqual(['silence:4', 'silence:4']);
  });

  it('the first muter listed wins', async () => {
    const maintenance: Muter = { mutedBy: () => ({ kind: 'maintenance', id: 'weekly-prod', description: 'maintenance weekly-prod' }) };
    const { pipeline, delivered } = setup({ muters: [maintenance, silenceMuter([dbSilence])] });
    await pipeline.process(event('db/down', 'firing', down('db')));
    expect(delivered.map((d) => d.heldBy)).toEqual(['maintenance:weekly-prod']);
  });

  it('drops a duplicate firing, delivers again after resolve, and always passes resolved', async () => {
    const { pipeline, delivered, firing } = setup();
    const outcomes = [];
    for (const e of [
      event('api/down', 'firing', down('api')),
      event('api/down', 'firing', down('api'), 1),
      event('api/down', 'resolved', down('api'), 2),
      event('api/down', 'resolved', down('api'), 3),
      event('api/down', 'firing', down('api'), 4),
    ]) outcomes.push(await pipeline.process(e));
    expect(outcomes).toEqual(['delivered', 'duplicate', 'delivered', 'delivered', 'delivered']);
    expect(delivered.map((d) => d.transition)).toEqual(['firing', 'resolved', 'resolved', 'firing']);
    expect(firing.isDelivered('api/down')).toBe(true);
  });

  it('a resolved event is never held, even while silenced', async () => {
    const { pipeline, delivered } = setup({ silences: [dbSilence] });
    await pipeline.process(event('db/down', 'firing', down('db')));
    await pipeline.process(event('db/down', 'resolved', down('db'), 1));
    expect(delivered.map((d) => [d.transition, d.heldBy])).toEqual([['firing', 'silence:4'], ['resolved', null]]);
  });

  it('a restored alert is a duplicate: a restart pages nobody twice', async () => {
    const { pipeline, delivered, firing } = setup();
    firing.restore([{ key: 'api/down', labels: down('api') }]);
    expect(await pipeline.process(event('api/down', 'firing', down('api')))).toBe('duplicate');
    expect(delivered).toEqual([]);
  });

  it('when deliver throws, the alert is not recorded as delivered and the next firing gets through', async () => {
    let failures = 1;
    const { pipeline, delivered } = setup({ deliver: async () => { if (failures-- > 0) throw new Error('database is down'); } });
    await expect(pipeline.process(event('api/down', 'firing', down('api')))).rejects.toThrow('database is down');
    expect(await pipeline.process(event('api/down', 'firing', down('api'), 1))).toBe('delivered');
    expect(delivered.map((d) => d.key)).toEqual(['api/down']);
  });

  it('events for one key run in arrival order: a second firing waits for the first deliver and is a duplicate', async () => {
    const order: string[] = [];
    let release!: () => void;
    const gate = new Promise<void>((resolve) => { release = resolve; });
    const { pipeline } = setup({
      deliver: async (e) => {
        order.push(`start ${e.transition} ${e.at - T0}`);
        if (e.at === T0) await gate;
        order.push(`end ${e.transition} ${e.at - T0}`);
      },
    });
    const first = pipeline.process(event('api/down', 'firing', down('api')));
    const second = pipeline.process(event('api/down', 'firing', down('api'), 1));
    const resolved = pipeline.process(event('api/down', 'resolved', down('api'), 2));
    const other = pipeline.process(event('db/down', 'firing', down('db'), 3));
    expect(await other).toBe('delivered');
    release();
    expect(await Promise.all([first, second, resolved])).toEqual(['delivered', 'duplicate', 'delivered']);
    expect(order).toEqual([`start firing 0`, `start firing ${3 * MIN}`, `end firing ${3 * MIN}`, 'end firing 0', `start resolved ${2 * MIN}`, `end resolved ${2 * MIN}`]);
  });
});

describe('heldReason', () => {
  it('changes when the silence ends', async () => {
    const { pipeline } = setup({ silences: [dbSilence] });
    await pipeline.process(event('db/down', 'firing', down('db')));
    expect(pipeline.heldReason(down('db'), 'db/down', T0 + 30 * MIN - 1)?.description).toBe('silence #4 by ana: "db migration" until 12:30 UTC');
    expect(pipeline.heldReason(down('db'), 'db/down', T0 + 30 * MIN)).toBeNull();
  });

  it('sees silences made after the alert fired', async () => {
    const { pipeline, setSilences } = setup();
    await pipeline.process(event('db/down', 'firing', down('db')));
    expect(pipeline.heldReason(down('db'), 'db/down', T0 + MIN)).toBeNull();
    setSilences([dbSilence]);
    expect(pipeline.heldReason(down('db'), 'db/down', T0 + MIN)?.id).toBe('4');
  });

  it('changes when the inhibiting alert resolves', async () => {
    const { pipeline } = setup({ rules: [downInhibitsLatency] });
    await pipeline.process(event('api/down', 'firing', down('api')));
    await pipeline.process(event('api/latency', 'firing', latency('api')));
    expect(pipeline.heldReason(latency('api'), 'api/latency', T0 + MIN)).toEqual({
      kind: 'inhibit', id: 'api/down', description: 'inhibited by firing alert "api/down" (service="api")',
    });
    await pipeline.process(event('api/down', 'resolved', down('api'), 2));
    expect(pipeline.heldReason(latency('api'), 'api/latency', T0 + 3 * MIN)).toBeNull();
  });
});
