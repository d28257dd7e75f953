import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateChange, validateEvent } from './event-validate.ts';

const sample = (name: string): unknown => JSON.parse(readFileSync(new URL(`../../../test/fixtures/events-v2/${name}`, import.meta.url), 'utf8'));
const trigger = (over: Record<string, unknown> = {}, payload: Record<string, unknown> = {}) => ({
  routing_key: 'k', event_action: 'trigger', ...over,
  payload: { summary: 's', source: 'host', severity: 'error', ...payload },
});

describe('validateEvent', () => {
  it('reads the documented trigger with every field', () => {
    const result = validateEvent(sample('pagerduty-events-v2-trigger-request.docs.json'));
    expect(result).toEqual({
      ok: true,
      value: {
        routingKey: 'e93facc04764012d7bfb002500d5d1a6', action: 'trigger', dedupKey: 'srv01/mysql',
        payload: {
          summary: 'DISK at 99% on machine prod-datapipe03.example.com', source: 'prod-datapipe03.example.com', severity: 'critical',
          timestamp: Date.parse('2015-07-17T08:42:58.315Z'), component: 'mysql', group: 'prod-datapipe', class: 'disk',
          customDetails: { 'free space': '1%', 'ping time': '1500ms', 'load avg': 0.75 },
        },
        links: [{ href: 'http://pagerduty.example.com', text: 'An example link.' }],
        images: [{ src: 'https://example.com/chart.png', href: 'https://example.com', alt: 'An example link with an image' }],
        client: 'Sample Monitoring Service', clientUrl: 'https://monitoring.service.com',
      },
    });
  });

  it.each(['pagerduty-events-v2-acknowledge-request.docs.json', 'pagerduty-events-v2-resolve-request.docs.json', 'alertmanager-pagerduty-v2-trigger.json', 'alertmanager-pagerduty-v2-resolve.json'])('accepts %s', (name) => {
    expect(validateEvent(sample(name))).toMatchObject({ ok: true });
  });

  it('tolerates unknown fields and a trigger without dedup_key', () => {
    expect(validateEvent({ ...trigger({}, { extra: 1 }), dedup_key: undefined, notification_reason: 'x' })).toMatchObject({ ok: true, value: { dedupKey: null } });
  });

  it.each<[string, unknown, string[]]>([
    ['a list', [], ['the body is a list; expected one JSON object like {"routing_key": "...", "event_action": "trigger", "payload": {...}}']],
    ['a number', 5, ['the body is number 5; expected one JSON object like {"routing_key": "...", "event_action": "trigger", "payload": {...}}']],
    ['nothing in it', {}, ["'routing_key' is missing or blank; expected text", "'event_action' is missing or blank; expected one of trigger, acknowledge, resolve"]],
    ['a blank key and a bad action', { routing_key: ' ', event_action: 'fire' }, ["'routing_key' is missing or blank; expected text", '\'event_action\' is invalid: expected one of trigger, acknowledge, resolve, found "fire"']],
    ['a key that is a number', { ...trigger(), routing_key: 42 }, ["'routing_key' is invalid: expected text, found number 42"]],
    ['a trigger without payload', { routing_key: 'k', event_action: 'trigger' }, ["'payload' is missing; expected an object"]],
    ['a payload that is text', { routing_key: 'k', event_action: 'trigger', payload: 'disk full' }, ['\'payload\' is invalid: expected an object, found "disk full"']],
    ['an empty payload', { routing_key: 'k', event_action: 'trigger', payload: {} }, [
      "'payload.summary' is missing or blank; expected text", "'payload.source' is missing or blank; expected text",
      "'payload.severity' is missing or blank; expected one of critical, error, warning, info",
    ]],
    ['a summary too long', trigger({}, { summary: 'x'.repeat(1025) }), ["'payload.summary' is too long: expected at most 1024 characters, found 1025"]],
    ['a bad severity', trigger({}, { severity: 'high' }), ['\'payload.severity\' is invalid: expected one of critical, error, warning, info, found "high"']],
    ['a bad timestamp', trigger({}, { timestamp: 'yesterday' }), ['\'payload.timestamp\' is invalid: expected an ISO 8601 time like 2015-07-17T08:42:58.315+0000, found "yesterday"']],
    ['a timestamp that is a number', trigger({}, { timestamp: 1437122578 }), ["'payload.timestamp' is invalid: expected text, found number 1437122578"]],
    ['custom_details a list', trigger({}, { custom_details: [1] }), ["'payload.custom_details' is invalid: expected an object, found a list"]],
    ['a component that is an object', trigger({}, { component: {} }), ["'payload.component' is invalid: expected text, found an object"]],
    ['a dedup_key too long', trigger({ dedup_key: 'd'.repeat(256) }), ["'dedup_key' is too long: expected at most 255 characters, found 256"]],
    ['a resolve without dedup_key', { routing_key: 'k', event_action: 'resolve' }, ["'dedup_key' is missing or blank; expected text"]],
    ['an acknowledge with a numeric dedup_key', { routing_key: 'k', event_action: 'acknowledge', dedup_key: 7 }, ["'dedup_key' is invalid: expected text, found number 7"]],
    ['links an object', trigger({ links: { href: 'x' } }), ['\'links\' is invalid: expected a list of objects like [{"href": "..."}], found an object']],
    ['a link without href and one a string', trigger({ links: [{ text: 't' }, 'http://x'] }), ["'links[0].href' is missing or blank; expected text", '\'links[1]\' is invalid: expected an object like {"href": "..."}, found "http://x"']],
    ['an image without src', trigger({ images: [{ href: 'h' }] }), ["'images[0].src' is missing or blank; expected text"]],
    ['client numbers', trigger({ client: 1, client_url: false }), ["'client' is invalid: expected text, found number 1", "'client_url' is invalid: expected text, found boolean false"]],
  ])('refuses %s', (_name, body, errors) => {
    expect(validateEvent(body)).toEqual({ ok: false, errors });
  });

  it.each([
    ['2015-07-17T08:42:58.315+0000', Date.parse('2015-07-17T08:42:58.315Z')],
    ['2015-07-17T10:42:58+02:00', Date.parse('2015-07-17T08:42:58Z')],
    ['2015-07-17T08:42Z', Date.parse('2015-07-17T08:42:00Z')],
    ['2015-07-17 08:42:58.1-05', Date.parse('2015-07-17T13:42:58.100Z')],
  ])('reads the timestamp %s', (timestamp, ms) => {
    expect(validateEvent(trigger({}, { timestamp }))).toMatchObject({ ok: true, value: { payload: { timestamp: ms } } });
  });
});

describe('validateChange', () => {
  it('reads the documented change event', () => {
    expect(validateChange(sample('pagerduty-change-event-request.docs.json'))).toEqual({
      ok: true,
      value: {
        routingKey: 'samplekeyhere', summary: 'Build Success: Increase snapshot create timeout to 30 seconds', source: 'acme-build-pipeline-tool-default-i-9999',
        timestamp: Date.parse('2020-07-17T08:42:58.315Z'), customDetails: { build_state: 'passed', build_number: '2', run_time: '1236s' },
        links: [{ href: 'https://acme.pagerduty.dev/build/2', text: 'View more details in Acme!' }],
      },
    });
  });

  it.each<[string, unknown, string[]]>([
    ['no payload', { routing_key: 'k' }, ["'payload' is missing; expected an object"]],
    ['no summary', { routing_key: 'k', payload: { source: 's' } }, ["'payload.summary' is missing or blank; expected text"]],
    ['no key and a bad timestamp', { payload: { summary: 's', timestamp: '17/07/2020' } }, ["'routing_key' is missing or blank; expected text", '\'payload.timestamp\' is invalid: expected an ISO 8601 time like 2015-07-17T08:42:58.315+0000, found "17/07/2020"']],
  ])('refuses %s', (_name, body, errors) => {
    expect(validateChange(body)).toEqual({ ok: false, errors });
  });
});
