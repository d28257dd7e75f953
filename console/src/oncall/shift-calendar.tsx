import type { ScheduleShifts, Shift } from '../api/types.ts';
import { dayKey, formatInZone, type ZoneDay } from '../ui/zone-time.ts';
import { ShiftCell } from './shift-cells.tsx';

interface Row {
  label: string;
  shifts: Shift[];
  final: boolean;
}

/**
 * Four weeks as four tables of seven days, one row per layer, then the overrides, then the
 * final answer. A week per table keeps each day wide enough to read a name and a handoff time.
 */
export function ShiftCalendar({ data, days, now }: { data: ScheduleShifts; days: ZoneDay[]; now: number }) {
  const zone = data.schedule.timezone;
  const overrideShifts: Shift[] = data.overrides.map((o) => ({ user: o.user, name: o.name, from: o.from, to: o.to, source: 'override', layer: null }));
  const rows: Row[] = [
    ...data.layers.map((layer) => ({ label: layer.name, shifts: layer.shifts, final: false })),
    { label: 'Overrides', shifts: overrideShifts, final: false },
    { label: 'Final', shifts: data.final, final: true },
  ];
  const today = dayKey(now, zone);
  const weeks: ZoneDay[][] = [];
  for (let i = 0; i < days.length; i += 7) weeks.push(days.slice(i, i + 7));

  return (
    <div className="calendar" data-testid="shift-calendar">
      {weeks.map((week) => {
        const first = week[0];
        const last = week[week.length - 1];
        if (!first || !last) return null;
        const caption = `${formatInZone(first.start, zone, 'day')} – ${formatInZone(last.start, zone, 'day')}`;
        return (
          <table key={first.key} className="week">
            <caption>{caption}</caption>
            <thead>
              <tr>
                <th scope="col" className="row-label">
                  <span className="visually-hidden">Layer</span>
                </th>
                {week.map((day) => (
                  <th key={day.key} scope="col" className={day.key === today ? 'today' : undefined} aria-current={day.key === today ? 'date' : undefined}>
                    {formatInZone(day.start, zone, 'day')}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((row, i) => (
                // Layer names are the config's and could be "Final": the position is the key.
                <tr key={i} className={row.final ? 'final-row' : undefined}>
                  <th scope="row" className="row-label">
                    {row.label}
                  </th>
                  {week.map((day) => (
                    <td key={day.key} className={day.key === today ? 'today' : undefined}>
                      <ShiftCell shifts={row.shifts} day={day} zone={zone} final={row.final} />
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        );
      })}
    </div>
  );
}
