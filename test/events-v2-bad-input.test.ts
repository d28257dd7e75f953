import { randomBytes } from 'node:crypto';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { configDir } from './support/config-dir.ts';
import { DIALECTS, dropSchema } from './support/dialects.ts';

const KEY = 'badinput0key00000000000000000001';
const VALID = 2_000;
const MALFORMED = 2_000;
const IN_FLIGHT = 16;

interface Sent {
  kind: string;
  body: string | Buffer;
  contentType: string | null;
}

/** Four kinds of valid event, each with a distinct dedup_key or summary, so the log can be counted. */
function valid(i: number): Sent {
  const action = ['trigger', 'trigger', 'acknowledge', 'resolve'][i % 4]!;
  // Every other trigger updates one of five alerts (a distinct summary each time); the rest open new ones.
  const dedup = i % 4 === 1 ? `shared-${i % 5}` : `valid-${i}`;
  const body = action === 'trigger'
    ? { routing_key: KEY, event_action: action, dedup_key: dedup, payload: { summary: `valid ${i}`, source: 'bad-input-test', severity: 'warning', custom_details: { i } } }
    : { routing_key: KEY, event_action: action, dedup_key: dedup };
  return { kind: `valid ${action}`, body: JSON.stringify(body), contentType: 'application/json' };
}

const MALFORMED_KINDS: ((i: number) => Sent)[] = [
  (i) => ({ kind: 'random bytes', body: randomBytes(1 + (i % 300)), contentType: 'application/json' }),
  (i) => ({ kind: 'random bytes, no content type', body: randomBytes(1 + (i % 50)), contentType: null }),
  () => ({ kind: 'truncated JSON', body: '{"routing_key": "' + KEY + '", "event_action": "trig', contentType: 'application/json' }),
  () => ({ kind: 'a JSON list', body: '[1, 2, 3]', contentType: 'application/json' }),
  () => ({ kind: 'empty body', body: '', contentType: 'application/json' }),
  () => ({ kind: 'missing fields', body: JSON.stringify({ routing_key: KEY, event_action: 'trigger', payload: { source: 'x' } }), contentType: 'application/json' }),
  () => ({ kind: 'mistyped fields', body: JSON.stringify({ routing_key: KEY, event_action: 'trigger', dedup_key: 5, payload: { summary: ['no'], source: 'x', severity: 'loud', custom_details: 'x' } }), contentType: 'application/json' }),
  () => ({ kind: 'no dedup_key on resolve', body: JSON.stringify({ routing_key: KEY, event_action: 'resolve' }), contentType: 'application/json' }),
  (i) => ({ kind: 'unknown routing key', body: JSON.stringify({ routing_key: `unknown-${i}`, event_action: 'trigger', payload: { summary: 's', source: 'x', severity: 'info' } }), contentType: 'application/json' }),
  (i) => ({ kind: 'oversized', body: JSON.stringify({ routing_key: KEY, event_action: 'trigger', dedup_key: `big-${i}`, payload: { summary: 's', source: 'x', severity: 'info', custom_details: { blob: 'x'.repeat(513 * 1024) } } }), contentType: 'application/json' }),
  () => ({ kind: 'malformed content type', body: '{}', contentType: 'application/json; charset' }),
  () => ({ kind: 'form body', body: 'routing_key=x&event_action=trigger', contentType: 'application/x-www-form-urlencoded' }),
];

/** Valid and malformed alternate, so every malformed request lands between valid ones in flight. */
function requests(): Sent[] {
  const out: Sent[] = [];
  for (let i = 0; i < Math.max(VALID, MALFORMED); i++) {
    if (i < VALID) out.push(valid(i));
    if (i < MALFORMED) out.push(MALFORMED_KINDS[i % MALFORMED_KINDS.length]!(i));
  }
  return out;
}

// Acceptance 4: bad input never takes the server down or loses a good event.
describe.each(DIALECTS)('Events v2 under 2,000 malformed requests among 2,000 valid ones ($name)', (dialect) => {
  let app: Opsdeck | undefined;
  let schema: string | undefined;

  afterAll(async () => {
    await app?.stop();
    if (schema) await dropSchema(schema);
  });

  it('answers every malformed one 400, 404 or 413 with a reason, stays up, and stores each valid one once', async (test) => {
    const options = await dialect.options();
    if (!options) return test.skip();
    schema = options.schema;
    process.env['BAD_INPUT_KEY'] = KEY;
    const dir = configDir({
      'opsdeck.yaml': `
organization: Bad input
severities:
  P1: { name: Critical }
  P3: { name: Medium }
services:
  payments: { name: Payments }
integrations:
  checkout:
    events_v2: { service: payments, routing_key_env: BAD_INPUT_KEY, rate_limit: 100000/s }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }), ...options });
    const url = app.url;
    const all = requests();
    const outcomes: { sent: Sent; status: number; body: any }[] = [];
    let next = 0;
    let healthChecks = 0;
    const worker = async () => {
      while (next < all.length) {
        const sent = all[next++]!;
        const response = await fetch(`${url}/v2/enqueue`, {
          method: 'POST', body: typeof sent.body === 'string' ? sent.body : new Uint8Array(sent.body),
          headers: sent.contentType === null ? {} : { 'content-type': sent.contentType },
        });
        const text = await response.text();
        let body: unknown = text;
        try {
          body = JSON.parse(text);
        } catch {
          // Kept as text: the assertion below shows it.
        }
        outcomes.push({ sent, status: response.status, body });
        if (next % 500 === 0) {
          expect((await fetch(`${url}/healthz`)).status).toBe(200);
          healthChecks++;
        }
      }
    };
    await Promise.all(Array.from({ length: IN_FLIGHT }, worker));

    const bad = outcomes.filter((o) => !o.sent.kind.startsWith('valid'));
    const good = outcomes.filter((o) => o.sent.kind.startsWith('valid'));
    expect(bad).toHaveLength(MALFORMED);
    expect(good).toHaveLength(VALID);
    for (const o of bad) {
      const summary = { kind: o.sent.kind, status: o.status, body: o.body };
      expect([400, 404, 413], JSON.stringify(summary)).toContain(o.status);
      expect(o.body, JSON.stringify(summary)).toMatchObject({ status: 'invalid event', errors: expect.arrayContaining([expect.stringMatching(/\S/)]) });
    }
    const statusOf = (kind: string) => new Set(bad.filter((o) => o.sent.kind === kind).map((o) => o.status));
    expect(statusOf('oversized')).toEqual(new Set([413]));
    expect(statusOf('unknown routing key')).toEqual(new Set([404]));
    expect(statusOf('random bytes')).toEqual(new Set([400]));
    for (const o of good) expect(o, JSON.stringify({ status: o.status, body: o.body })).toMatchObject({ status: 202, body: { status: 'success' } });
    expect(healthChecks).toBeGreaterThan(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);

    // Stored: every valid event once, nothing else.
    expect(await app.store.inboundEvents.count({ source: 'events-v2' })).toBe(VALID);
    const logged = await app.store.inboundEvents.list({ source: 'events-v2', limit: VALID + 10, offset: 0 });
    const identities = logged.items.map((e) => {
      const body = JSON.parse(e.body) as { event_action: string; dedup_key: string; payload?: { summary: string } };
      return `${body.event_action} ${body.dedup_key} ${body.payload?.summary ?? ''}`;
    });
    expect(new Set(identities).size).toBe(VALID);
    const expected = new Set(Array.from({ length: VALID }, (_, i) => {
      const body = JSON.parse(valid(i).body as string) as { event_action: string; dedup_key: string; payload?: { summary: string } };
      return `${body.event_action} ${body.dedup_key} ${body.payload?.summary ?? ''}`;
    }));
    expect(new Set(identities)).toEqual(expected);
    // New triggers opened alerts; repeats added to the five shared ones.
    const firing = await app.store.externalAlerts.list({ source: 'events-v2', limit: 1, offset: 0 });
    expect(firing.total).toBe(VALID / 4 + 5);
  }, 240_000);
});
