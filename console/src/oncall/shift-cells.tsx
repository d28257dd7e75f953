import type { Shift } from '../api/types.ts';
import { formatInZone, type ZoneDay } from '../ui/zone-time.ts';

export interface DayPiece {
  shift: Shift;
  from: number;
  to: number;
}

/** The parts of `shifts` that fall inside `day`, clipped to it. */
export function piecesOf(shifts: Shift[], day: ZoneDay): DayPiece[] {
  const pieces: DayPiece[] = [];
  for (const shift of shifts) {
    if (shift.to <= day.start || shift.from >= day.end) continue;
    pieces.push({ shift, from: Math.max(shift.from, day.start), to: Math.min(shift.to, day.end) });
  }
  return pieces.sort((a, b) => a.from - b.from);
}

/** "–17:00", "17:00–", "09:00–17:00" or nothing for a whole day: the handoff is the news. */
function span(piece: DayPiece, day: ZoneDay, zone: string): string {
  const starts = piece.from > day.start;
  const ends = piece.to < day.end;
  if (starts && ends) return `${formatInZone(piece.from, zone, 'clock')}–${formatInZone(piece.to, zone, 'clock')}`;
  if (starts) return `${formatInZone(piece.from, zone, 'clock')}–`;
  if (ends) return `–${formatInZone(piece.to, zone, 'clock')}`;
  return '';
}

interface CellProps {
  shifts: Shift[];
  day: ZoneDay;
  zone: string;
  /** The final row says "nobody" out loud; a layer row just leaves its gaps blank. */
  final: boolean;
}

/** One day of one row: who is on, and when within the day they start or stop. */
export function ShiftCell({ shifts, day, zone, final }: CellProps) {
  const pieces = piecesOf(shifts, day).filter((p) => final || p.shift.user !== null);
  return (
    <ul className="shifts">
      {pieces.map((piece) => {
        const override = piece.shift.source === 'override';
        const nobody = piece.shift.user === null;
        const when = span(piece, day, zone);
        return (
          <li
            key={piece.from}
            className={override ? 'shift shift-override' : nobody ? 'shift shift-nobody' : 'shift'}
            data-testid={final ? 'final-shift' : 'layer-shift'}
            data-source={piece.shift.source ?? 'none'}
            data-user={piece.shift.user ?? ''}
            title={`${piece.shift.name ?? 'Nobody'}: ${formatInZone(piece.shift.from, zone, 'dayClock')} – ${formatInZone(piece.shift.to, zone, 'dayClock')}${override ? ' (override)' : piece.shift.layer ? ` (${piece.shift.layer})` : ''}`}
          >
            <span className="shift-name">{nobody ? 'nobody' : piece.shift.name}</span>
            {when && <span className="shift-when"> {when}</span>}
            {/* The overrides row is all overrides; the tag is news only among the final row's shifts. */}
            {override && final && <span className="override-tag">override</span>}
          </li>
        );
      })}
    </ul>
  );
}
