import type { ScopeDowntime } from './check-downtime.ts';
import { clipIntervals, subtractIntervals, totalMs, type Interval } from './interval-set.ts';
import { localDays } from './local-days.ts';

export interface AvailabilityInput {
  /** [from, to) */
  from: number;
  to: number;
  /** Days are this zone's calendar days (the status page's zone). */
  zone: string;
  downtime: ScopeDowntime;
  /** Maintenance windows that applied to the scope, as they really ran (ended early or extended). */
  maintenance: readonly Interval[];
}

/** operational: nothing failed; partial: some of the scope's checks failed; major: all of them at once. */
export type DayStatus = 'operational' | 'partial' | 'major';

export interface AvailabilityFigures {
  /** The time that counts: the period minus maintenance. */
  countedMs: number;
  /** Failing time outside maintenance. */
  downtimeMs: number;
  /** Maintenance time within the period, removed from both downtime and the denominator. */
  maintenanceMs: number;
  /** Failing time that fell inside maintenance (not held against the scope). */
  downtimeInMaintenanceMs: number;
  /** 1 - downtime / counted; null when no time counts (the whole span was maintenance). */
  ratio: number | null;
  /** ratio as a percentage rounded to 0.001. */
  percent: number | null;
}

export interface AvailabilityDay extends AvailabilityFigures {
  date: string;
  start: number;
  end: number;
  /** The worst moment outside maintenance. */
  worst: DayStatus;
  hadMaintenance: boolean;
}

export interface AvailabilityReport extends AvailabilityFigures {
  from: number;
  to: number;
  zone: string;
  days: AvailabilityDay[];
}

/** Rounded in integer arithmetic on 1e-5 steps, so 99.6905 rounds the same way everywhere. */
export function roundPercent(ratio: number): number {
  return Math.round(ratio * 100_000) / 1000;
}

function figures(from: number, to: number, down: readonly Interval[], maintenance: readonly Interval[]): AvailabilityFigures {
  const inMaintenance = clipIntervals(maintenance, from, to);
  const failing = clipIntervals(down, from, to);
  const maintenanceMs = totalMs(inMaintenance);
  const countedMs = to - from - maintenanceMs;
  const downtimeMs = totalMs(subtractIntervals(failing, inMaintenance));
  const ratio = countedMs > 0 ? 1 - downtimeMs / countedMs : null;
  return {
    countedMs, downtimeMs, maintenanceMs,
    downtimeInMaintenanceMs: totalMs(failing) - downtimeMs,
    ratio, percent: ratio === null ? null : roundPercent(ratio),
  };
}

/**
 * Availability over [from, to), the SLO way: maintenance is neither downtime nor time that counts,
 * so a scope that never failed outside its windows is at 100% (maintenance leaves the denominator
 * as well as the numerator). Pure: the caller gathers state changes and maintenance occurrences.
 */
export function availabilityReport(input: AvailabilityInput): AvailabilityReport {
  const { from, to, zone, downtime, maintenance } = input;
  const days = localDays(zone, from, to).map((day): AvailabilityDay => {
    const dayFigures = figures(day.start, day.end, downtime.down, maintenance);
    const inMaintenance = clipIntervals(maintenance, day.start, day.end);
    const worst: DayStatus = totalMs(subtractIntervals(clipIntervals(downtime.allDown, day.start, day.end), inMaintenance)) > 0
      ? 'major'
      : dayFigures.downtimeMs > 0 ? 'partial' : 'operational';
    return { date: day.date, start: day.start, end: day.end, ...dayFigures, worst, hadMaintenance: inMaintenance.length > 0 };
  });
  return { from, to, zone, ...figures(from, to, downtime.down, maintenance), days };
}
