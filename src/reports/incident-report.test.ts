import { describe, expect, it } from 'vitest';
import type { Incident } from '../incidents/index.ts';
import { incidentReport } from './incident-report.ts';

const M = 60_000;
const base: Incident = {
  id: 1, key: null, title: 't', service: 'api', severity: 'P1', status: 'resolved', openedAt: 0, acknowledgedAt: null, resolvedAt: null,
  respondBy: 15 * M, resolveBy: 240 * M, respondBreachedAt: null, resolveBreachedAt: null, runbook: null, updatedAt: 0,
};
const inc = (over: Partial<Incident>): Incident => ({ ...base, ...over });

describe('incidentReport', () => {
  const incidents = [
    // Acknowledged at 5 m, resolved at 60 m: both targets met.
    inc({ id: 1, acknowledgedAt: 5 * M, resolvedAt: 60 * M }),
    // Acknowledged at 25 m (late), resolved at 300 m (late), breaches recorded.
    inc({ id: 2, openedAt: 1000 * M, respondBy: 1015 * M, resolveBy: 1240 * M, acknowledgedAt: 1025 * M, resolvedAt: 1300 * M, respondBreachedAt: 1015 * M, resolveBreachedAt: 1240 * M }),
    // Resolved at 10 m without acknowledgement: the resolution is the response (met).
    inc({ id: 3, severity: 'P2', openedAt: 2000 * M, respondBy: 2060 * M, resolveBy: null, resolvedAt: 2010 * M }),
    // Open, not due yet at `now`: pending.
    inc({ id: 4, status: 'triggered', openedAt: 3000 * M, respondBy: 3015 * M, resolveBy: 3240 * M }),
    // Opened after the period: left out.
    inc({ id: 5, openedAt: 5000 * M, acknowledgedAt: 5001 * M, resolvedAt: 5002 * M }),
  ];
  const report = incidentReport(incidents, 0, 4000 * M, 3005 * M);

  it('averages time to acknowledge and to resolve over the incidents that got there', () => {
    expect(report.count).toBe(4);
    expect(report.acknowledged).toBe(2);
    expect(report.resolved).toBe(3);
    expect(report.mttaMs).toBe(((5 + 25) / 2) * M);
    expect(report.mttrMs).toBe(((60 + 300 + 10) / 3) * M);
  });

  it('counts targets met, missed and pending', () => {
    expect(report.respond).toEqual({ met: 2, missed: 1, pending: 1, ratio: 2 / 3, percent: 66.667 });
    expect(report.resolve).toEqual({ met: 1, missed: 1, pending: 1, ratio: 0.5, percent: 50 });
  });

  it('an open incident past its due time is missed even before the breach is recorded', () => {
    const late = incidentReport([inc({ status: 'triggered' })], 0, 1, 16 * M);
    expect(late.respond).toMatchObject({ met: 0, missed: 1, pending: 0 });
  });

  it('splits by severity', () => {
    expect(Object.keys(report.bySeverity)).toEqual(['P1', 'P2']);
    expect(report.bySeverity['P2']).toMatchObject({ count: 1, mttaMs: null, mttrMs: 10 * M, resolve: { met: 0, missed: 0, ratio: null } });
  });
});
