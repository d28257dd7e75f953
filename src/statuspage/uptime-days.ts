import { roundPercent, type AvailabilityReport, type DayStatus } from '../reports/index.ts';

export interface UptimeDay {
  /** "2026-12-01", the page zone's calendar day. */
  date: string;
  /** nodata: before monitoring of the component began (nothing is claimed for it). */
  worst: DayStatus | 'nodata';
  /** Availability with maintenance excluded; null for no data or a day that was all maintenance. */
  percent: number | null;
  hadMaintenance: boolean;
}

export interface ComponentUptime {
  /** Over the days with data; null when none has any. */
  percent: number | null;
  days: UptimeDay[];
}

/**
 * Bars from the reports' per-day figures. A day that ended before the component's checks had
 * any result is "no data", not 100%: the reports count unknown time as up (nothing was known to
 * be down), which is right for a report over a monitored period but would make a page installed
 * yesterday claim 90 days of perfect uptime.
 */
export function uptimeDays(report: AvailabilityReport, monitoredSince: number | null): ComponentUptime {
  const days = report.days.map((d): UptimeDay => (monitoredSince === null || d.end <= monitoredSince
    ? { date: d.date, worst: 'nodata', percent: null, hadMaintenance: d.hadMaintenance }
    : { date: d.date, worst: d.worst, percent: d.percent, hadMaintenance: d.hadMaintenance }));
  const known = report.days.filter((d) => monitoredSince !== null && d.end > monitoredSince);
  const counted = known.reduce((sum, d) => sum + d.countedMs, 0);
  const down = known.reduce((sum, d) => sum + d.downtimeMs, 0);
  return { percent: counted > 0 ? roundPercent(1 - down / counted) : null, days };
}
