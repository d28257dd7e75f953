import { describe, expect, it } from 'vitest';
import { simpleCommands } from '../runbooks/index.ts';
import { checkFrom } from './check-map.ts';
import { slug } from './procedure-sections.ts';
import { guessSchedule } from './schedule-guess.ts';
import { durationOf, severitiesFrom } from './severity-table.ts';

describe('guessSchedule: headings and labels as the procedures documents write them', () => {
  it.each([
    ['Morning Health Check (9:00 AM)', ['at: "09:00"', 'days: weekdays']],
    ['Daily Checklist', ['at: "09:00"', 'days: weekdays']],
    ['Every Morning (9:00 AM)', ['at: "09:00"', 'days: weekdays']],
    ['Database Backups (Daily at 2:00 AM)', ['at: "02:00"', 'days: weekdays']],
    ['Daily report at 5 PM', ['at: "17:00"', 'days: weekdays']],
    ['Weekly Operations (Monday 10:00 AM)', ['every: "Mon 10:00"']],
    ['Weekly Database Maintenance (Sunday 2:00 AM)', ['every: "Sun 02:00"']],
    ['Weekly', ['every: "Mon 10:00"']],
    ['Monthly Operations (First Monday)', ['every: "first Mon 10:00"']],
    ['Monthly', ['every: "first Mon 10:00"']],
    ['Database Recovery', null],
    ['Incident Response', null],
  ])('%s', (text, yaml) => {
    expect(guessSchedule(text)?.yaml ?? null).toEqual(yaml);
  });

  it('says what it assumed', () => {
    expect(guessSchedule('Weekly')!.assumed).toBe('weekly on Mon at 10:00: Monday assumed (no day written), 10:00 assumed (no time written)');
    expect(guessSchedule('Morning Health Check (9:00 AM)')!.assumed).toBe('"daily" taken as weekdays at 09:00, the time written');
  });
});

describe('severity tables', () => {
  it.each([
    ['15 minutes', '15m'], ['1 hour', '1h'], ['24 hours', '24h'], ['< 2 hours', '2h'], ['4 hours', '4h'], ['2 days', '2d'], ['As needed', null], ['15 minutes to 1 hour', null],
  ])('%s -> %s', (text, ms) => {
    expect(durationOf(text)).toBe(ms);
  });

  it('reads ids, names and targets; a table that is not about severities yields nothing', () => {
    const table = { kind: 'table' as const, line: 10, rows: [['Level', 'Description', 'Response Time', 'Resolution'], ['P1 - Critical', 'Outage', '15 minutes', '4 hours'], ['P2', 'Partial', '1 hour', 'next day']] };
    expect(severitiesFrom(table)).toEqual([
      { id: 'P1', name: 'Critical', respondWithin: '15m', resolveWithin: '4h', line: 12 },
      { id: 'P2', name: null, respondWithin: '1h', resolveWithin: null, line: 13 },
    ]);
    expect(severitiesFrom({ kind: 'table', line: 1, rows: [['Environment', 'Day'], ['Production', 'Saturday']] })).toEqual([]);
  });
});

describe('checkFrom: health-check commands to checks', () => {
  const guess = (script: string, insidePod = false) => checkFrom(simpleCommands(script)[0]!, insidePod);
  it.each([
    ['curl -f https://api.example.com/health', 'http: { url: "https://api.example.com/health" }'],
    ['curl -sf http://10.0.0.5:8080/ready', 'http: { url: "http://10.0.0.5:8080/ready" }'],
    ['curl --fail https://example.com/', 'http: { url: "https://example.com/" }'],
    ['curl https://api.accelerapp.io/health', 'http: { url: "https://api.accelerapp.io/health" }'],
    ['pg_isready -h db.internal -p 5433', 'tcp: { host: "db.internal", port: 5433 }'],
    ['pg_isready -h db.internal', 'tcp: { host: "db.internal", port: 5432 }'],
    ['redis-cli -h cache.internal ping', 'redis: { host: "cache.internal", port: 6379 }'],
    ['redis-cli -h cache.internal -p 6380 PING', 'redis: { host: "cache.internal", port: 6380 }'],
    ['nc -z mq.internal 5672', 'tcp: { host: "mq.internal", port: 5672 }'],
  ])('%s', (script, yaml) => {
    const result = guess(script);
    expect(result && 'yaml' in result ? result.yaml[0] : result).toBe(yaml);
  });

  it.each([
    ['curl localhost:9901/stats', null],
    ['curl -s "http://prometheus:9090/api/v1/query?query=up"', null],
    ['curl -f -X POST https://api.example.com/health', null],
    ['redis-cli -h cache info memory', null],
    ['kubectl get pods', null],
  ])('not a check: %s', (script, expected) => {
    expect(guess(script)).toBe(expected);
  });

  it.each([
    ['pg_isready', false, 'pg_isready: no fixed host to check'],
    ['pg_isready', true, 'pg_isready runs inside a pod (kubectl exec); the server cannot reach it there'],
    ['curl -f https://$HOST/health', false, 'curl https://$HOST/health: the URL has a placeholder; a check needs a fixed URL'],
    ['nc -z mq.internal', false, 'nc -z mq.internal: no port to check'],
    ['nc -z', false, 'nc -z: no fixed host and port to check'],
  ])('unmapped, with why: %s', (script, insidePod, why) => {
    expect(guess(script, insidePod)).toEqual({ unmapped: why });
  });
});

describe('slug', () => {
  it.each([
    ["Runbook: Service Won't Start", 'service-wont-start'],
    ['Morning Health Check (9:00 AM)', 'morning-health-check'],
    ['mTLS Certificate Management', 'mtls-certificate-management'],
    ['!!!', 'section'],
  ])('%s -> %s', (text, expected) => {
    expect(slug(text)).toBe(expected);
  });
});
