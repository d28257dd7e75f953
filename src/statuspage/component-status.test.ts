import { describe, expect, it } from 'vitest';
import { componentStatus, overallStatus, type ComponentSignals, type ComponentStatus } from './component-status.ts';

const calm: ComponentSignals = { checksKnown: 3, checksFailing: 0, firingAlertRanks: [], openIncidentRanks: [], inMaintenance: false };

describe('componentStatus', () => {
  const table: [string, Partial<ComponentSignals>, ComponentStatus][] = [
    ['all checks passing, nothing firing', {}, 'operational'],
    ['no check has a result yet', { checksKnown: 0 }, 'operational'],
    ['one of three checks failing', { checksFailing: 1 }, 'partial'],
    ['every check failing', { checksFailing: 3 }, 'major'],
    ['the only known check failing', { checksKnown: 1, checksFailing: 1 }, 'major'],
    ['a firing alert of the most severe severity', { firingAlertRanks: [0] }, 'major'],
    ['a firing alert of the second severity', { firingAlertRanks: [1] }, 'partial'],
    ['a firing alert of the third severity', { firingAlertRanks: [2] }, 'degraded'],
    ['a firing alert of a severity the config no longer has', { firingAlertRanks: [-1] }, 'degraded'],
    ['an open P1 incident with every check passing', { openIncidentRanks: [0] }, 'major'],
    ['an open P3 incident', { openIncidentRanks: [2] }, 'degraded'],
    ['the worst signal wins: partial checks, a P3 alert, a P1 incident', { checksFailing: 1, firingAlertRanks: [2], openIncidentRanks: [0] }, 'major'],
    ['checks failing outrank a P3 incident', { checksFailing: 1, openIncidentRanks: [3] }, 'partial'],
    ['maintenance while everything passes', { inMaintenance: true }, 'maintenance'],
    ['maintenance wins over failing checks and a P1 incident', { inMaintenance: true, checksFailing: 3, openIncidentRanks: [0], firingAlertRanks: [0] }, 'maintenance'],
  ];
  it.each(table)('%s', (_name, signals, expected) => {
    expect(componentStatus({ ...calm, ...signals })).toBe(expected);
  });
});

describe('overallStatus', () => {
  const table: [ComponentStatus[], ComponentStatus][] = [
    [[], 'operational'],
    [['operational', 'operational'], 'operational'],
    [['operational', 'maintenance'], 'maintenance'],
    [['maintenance', 'degraded'], 'degraded'],
    [['partial', 'degraded', 'operational'], 'partial'],
    [['major', 'maintenance', 'partial'], 'major'],
  ];
  it.each(table)('%j -> %s', (statuses, expected) => {
    expect(overallStatus(statuses)).toBe(expected);
  });
});
