import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs } from './support/api.ts';
import { opsdeck } from './support/cli.ts';
import { configDir } from './support/config-dir.ts';

const HOUR = 3_600_000;
type Shift = { user: string | null; from: number; to: number; source: string | null };

// Acceptance 1 (the API and CLI side) and 6 (bad input through the API): who is on call at an
// instant agrees with the preview for every instant tested, across the March DST change in New
// York; overrides, reassignment and silences with bad input get 400 naming the field.
describe('on-call through the API and the CLI', () => {
  let app: Opsdeck;
  let api: ReturnType<typeof apiAs>;
  let env: Record<string, string>;

  beforeAll(async () => {
    const dir = configDir({
      'opsdeck.yaml': `
organization: OnCall
severities:
  P1: { name: Critical }
users:
  ana: { name: Ana Lima, timezone: America/New_York, email: ana@example.test }
  ben: { name: Ben Okafor, email: ben@example.test }
  chen: { name: Chen Wei, email: chen@example.test }
  dan: { name: Dan Wu, email: dan@example.test }
notifications:
  smtp: { host: 127.0.0.1, port: 2525, secure: false, starttls: never, from: "Opsdeck <opsdeck@example.test>" }
schedules:
  primary:
    name: Primary
    timezone: America/New_York
    layers:
      - name: weekly
        rotation: weekly
        handoff: "Fri 17:00"
        start: "2026-01-02T17:00"
        members: [ana, ben, chen]
      - name: business-hours
        rotation: daily
        handoff: "09:00"
        start: "2026-01-05T09:00"
        members: [dan]
        restrictions: [ { days: weekdays, from: "09:00", to: "12:00" } ]
    overrides:
      - { user: chen, from: "2026-03-07T20:00", to: "2026-03-08T08:00" }
escalation_policies:
  default: { levels: [ { after: 0m, notify: [schedule:primary] } ] }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    api = apiAs(app.url, app.bootstrapSecret);
    env = { OPSDECK_URL: app.url, OPSDECK_TOKEN: app.bootstrapSecret! };
  });

  afterAll(async () => {
    await app?.stop();
  });

  it('answers "who is on call at T" exactly as the preview says, every 3 hours over four weeks across DST', async () => {
    const { status, body } = await api('GET', '/schedules/primary/shifts?from=2026-02-27T00:00:00Z&days=28');
    expect(status).toBe(200);
    const final: Shift[] = body.final;
    expect(final.length).toBeGreaterThan(10);
    // Handoffs of the weekly layer stay at 17:00 New York time on both sides of 2026-03-08.
    const weekly = body.layers[0].shifts as Shift[];
    for (const s of weekly.slice(1)) {
      const local = new Intl.DateTimeFormat('en-US', { timeZone: 'America/New_York', weekday: 'short', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(s.from);
      expect(local).toBe('Fri 17:00');
    }
    for (let at = body.from; at < body.to; at += 3 * HOUR) {
      const expected = final.find((s) => s.from <= at && at < s.to)!;
      const answer = await api('GET', `/schedules/primary/oncall?at=${new Date(at).toISOString()}`);
      expect(answer.body.onCall?.user ?? null, new Date(at).toISOString()).toBe(expected.user);
    }
    // The config override and the restricted business-hours layer win where they apply.
    expect((await api('GET', '/schedules/primary/oncall?at=2026-03-08T03:00:00Z')).body.onCall).toMatchObject({ user: 'chen', source: 'override' });
    expect((await api('GET', '/schedules/primary/oncall?at=2026-03-10T10:30')).body.onCall).toMatchObject({ user: 'dan', layer: 'business-hours' });
  });

  it('the CLI\'s oncall --at agrees with its preview', async () => {
    const preview = await opsdeck(['oncall', 'preview', 'primary', '--from', '2026-03-06T00:00Z', '--days', '4'], env);
    expect(preview.code, preview.stderr).toBe(0);
    expect(preview.stdout).toContain('[override]');
    for (const at of ['2026-03-06T21:30Z', '2026-03-07T23:00Z', '2026-03-08T06:59Z', '2026-03-08T07:00Z', '2026-03-09T14:30Z', '2026-03-09T17:00Z']) {
      const one = await opsdeck(['oncall', 'primary', '--at', at], env);
      expect(one.code, one.stderr).toBe(0);
      const { body } = await api('GET', `/schedules/primary/shifts?from=${at.replace('Z', ':00Z')}&days=1`);
      const user = body.final[0].user as string;
      expect(one.stdout, at).toContain(`(${user})`);
      expect(preview.stdout).toContain(`(${user})`);
    }
  }, 60_000);

  it('refuses bad overrides, reassignments and silences with 400 naming the field', async () => {
    const create = (body: unknown) => api('POST', '/schedules/primary/overrides', body);
    const ok = await create({ user: 'dan', from: '2026-04-01T09:00', to: '2026-04-02T09:00' });
    expect(ok.status).toBe(200);
    expect(ok.body.override).toMatchObject({ user: 'dan', origin: 'api' });
    expect((await api('GET', '/schedules/primary/oncall?at=2026-04-01T15:00:00Z')).body.onCall).toMatchObject({ user: 'dan', source: 'override' });

    const cases: [unknown, string, RegExp][] = [
      [{ user: 'eve', from: '2026-05-01T09:00', to: '2026-05-02T09:00' }, 'user', /unknown user "eve"/],
      [{ user: 'ben', from: '2026-04-01T18:00', to: '2026-04-03T09:00' }, 'from', /overlaps the override of dan/],
      [{ user: 'ben', from: '2026-05-02T09:00', to: '2026-05-01T09:00' }, 'to', /expected "from" before "to"/],
      [{ user: 'ben', from: 'Fri 25:00', to: '2026-05-01T09:00' }, 'from', /from:/],
      [{ user: 'ben', from: '2026-05-01T09:00' }, 'to', /to/],
    ];
    for (const [body, field, message] of cases) {
      const answer = await create(body);
      expect(answer.status, JSON.stringify(body)).toBe(400);
      expect(answer.body.field).toBe(field);
      expect(answer.body.error).toMatch(message);
    }
    expect((await api('POST', '/schedules/nope/overrides', { user: 'ben', from: '2026-05-01T09:00', to: '2026-05-02T09:00' })).status).toBe(404);
    expect((await api('DELETE', `/schedules/primary/overrides/${ok.body.override.id}`)).status).toBe(200);

    const silence = await api('POST', '/silences', { matchers: ['service=~(api'], duration: '1h', comment: 'x' });
    expect(silence.status).toBe(400);
    expect(silence.body.field).toBe('matchers.0');
    expect((await api('POST', '/silences', { matchers: ['service=api'], comment: 'no end' })).status).toBe(400);
  });

  it('serves a schedule\'s iCalendar feed at an unguessable URL, and nothing at a wrong one', async () => {
    const { body } = await api('GET', '/schedules/primary/feed');
    expect(body.url).toMatch(/\/calendar\/[\w-]{32}\.ics$/);
    const feed = await fetch(body.url);
    expect(feed.status).toBe(200);
    expect(feed.headers.get('content-type')).toContain('text/calendar');
    const text = await feed.text();
    expect(text).toMatch(/^BEGIN:VCALENDAR\r\n/);
    expect(text).toContain('SUMMARY:On call: ');
    const users = await api('GET', '/users');
    const anaFeed = await fetch(users.body.items.find((u: { id: string }) => u.id === 'ana').feedUrl);
    expect(anaFeed.status).toBe(200);
    expect((await fetch(`${app.url}/calendar/${'x'.repeat(32)}.ics`)).status).toBe(404);
  });
});
