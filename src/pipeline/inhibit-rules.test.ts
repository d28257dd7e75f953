import { describe, expect, it } from 'vitest';
import type { InhibitRuleDef } from '../config/config-types.ts';
import { FiringSet } from './firing-set.ts';
import { describeInhibition, inhibitedBy } from './inhibit-rules.ts';
import type { Labels } from './label-matcher.ts';

// A service-down alert inhibits that service's other alerts (the example).
const downInhibitsLatency: InhibitRuleDef = {
  source: [{ label: 'alertname', op: '=', value: 'down' }],
  target: [{ label: 'alertname', op: '=~', value: 'latency|error-rate' }],
  equal: ['service'],
};
const criticalInhibitsWarning: InhibitRuleDef = {
  source: [{ label: 'severity', op: '=', value: 'P1' }],
  target: [{ label: 'severity', op: '=~', value: 'P[12]' }],
  equal: ['cluster'],
};

const firingOf = (alerts: Record<string, Labels>): FiringSet => {
  const firing = new FiringSet();
  for (const [key, labels] of Object.entries(alerts)) firing.add(key, labels);
  return firing;
};

describe('inhibitedBy', () => {
  const apiDown = { alertname: 'down', service: 'api' };
  const cases: [name: string, rules: InhibitRuleDef[], firing: Record<string, Labels>, key: string, labels: Labels, source: string | null][] = [
    ['a firing source inhibits a target with the same service', [downInhibitsLatency], { 'api/down': apiDown }, 'api/latency', { alertname: 'latency', service: 'api' }, 'api/down'],
    ['another service is not inhibited', [downInhibitsLatency], { 'api/down': apiDown }, 'db/latency', { alertname: 'latency', service: 'db' }, null],
    ['an alert the target does not match is not inhibited', [downInhibitsLatency], { 'api/down': apiDown }, 'api/disk', { alertname: 'disk', service: 'api' }, null],
    ['no source firing, no inhibition', [downInhibitsLatency], { 'db/down': { alertname: 'down', service: 'db' } }, 'api/latency', { alertname: 'latency', service: 'api' }, null],
    ['an equal label absent on both sides counts as equal', [downInhibitsLatency], { down: { alertname: 'down' } }, 'latency', { alertname: 'latency' }, 'down'],
    ['absent on one side, set on the other, is not equal', [downInhibitsLatency], { down: { alertname: 'down' } }, 'api/latency', { alertname: 'latency', service: 'api' }, null],
    ['no rules, no inhibition', [], { 'api/down': apiDown }, 'api/latency', { alertname: 'latency', service: 'api' }, null],
    ['an alert never inhibits itself', [criticalInhibitsWarning], { a: { severity: 'P1', cluster: 'eu' } }, 'a', { severity: 'P1', cluster: 'eu' }, null],
    // The set still holds the alert's earlier labels (it fired as P1, now fires as P2): still itself.
    ['an alert whose labels changed does not inhibit itself', [criticalInhibitsWarning], { a: { severity: 'P1', cluster: 'eu' } }, 'a', { severity: 'P2', cluster: 'eu' }, null],
    // Both P1s match source and target; neither may silence the other, or nobody is paged.
    ['two alerts matching both sides do not inhibit each other', [criticalInhibitsWarning], { a: { severity: 'P1', cluster: 'eu' } }, 'b', { severity: 'P1', cluster: 'eu' }, null],
    ['a P1 inhibits a P2 in its cluster', [criticalInhibitsWarning], { a: { severity: 'P1', cluster: 'eu' } }, 'b', { severity: 'P2', cluster: 'eu' }, 'a'],
    ['the second rule applies when the first does not', [downInhibitsLatency, criticalInhibitsWarning], { a: { severity: 'P1', cluster: 'eu' } }, 'b', { severity: 'P2', cluster: 'eu' }, 'a'],
  ];
  it.each(cases)('%s', (_name, rules, firing, key, labels, source) => {
    expect(inhibitedBy(rules, firingOf(firing), key, labels)?.sourceKey ?? null).toBe(source);
  });

  it('a resolved source stops inhibiting', () => {
    const firing = firingOf({ 'api/down': apiDown });
    const latency = { alertname: 'latency', service: 'api' };
    expect(inhibitedBy([downInhibitsLatency], firing, 'api/latency', latency)).toEqual({ sourceKey: 'api/down', rule: downInhibitsLatency });
    firing.remove('api/down');
    expect(inhibitedBy([downInhibitsLatency], firing, 'api/latency', latency)).toBeNull();
  });

  it('describes the inhibition with the inhibiting alert and the shared labels', () => {
    expect(describeInhibition({ sourceKey: 'api/down', rule: downInhibitsLatency }, { alertname: 'latency', service: 'api' }))
      .toBe('inhibited by firing alert "api/down" (service="api")');
  });
});

describe('FiringSet', () => {
  it('adds, refreshes labels keeping delivery, removes, and restores as delivered', () => {
    const firing = new FiringSet();
    firing.add('a', { x: '1' });
    expect(firing.isDelivered('a')).toBe(false);
    firing.markDelivered('a');
    firing.add('a', { x: '2' });
    expect([firing.isDelivered('a'), firing.labels('a')]).toEqual([true, { x: '2' }]);
    firing.remove('a');
    expect([firing.has('a'), firing.isDelivered('a'), firing.size]).toEqual([false, false, 0]);

    firing.add('stale', {});
    firing.restore([{ key: 'b', labels: { y: '1' } }]);
    expect([...firing.entries()]).toEqual([['b', { y: '1' }]]);
    expect(firing.isDelivered('b')).toBe(true);
  });
});
