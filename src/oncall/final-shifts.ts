import type { OverrideDef, ScheduleDef } from '../config/config-types.ts';
import { prepareLayer } from './layer-state.ts';
import { preparedLayerShifts } from './layer-shifts.ts';
import type { Shift } from './shift-types.ts';
import { NOBODY, sameHolder } from './shift-types.ts';

/**
 * The final schedule over [from, to): contiguous, merged shifts, nobody as user null. At every
 * instant an override wins (the later one in [...schedule.overrides, ...extraOverrides] if two
 * meet, though loaders refuse that), else the highest layer that has someone.
 *
 * This walks each layer's shifts and sweeps their boundaries; onCallAt answers the same question
 * by point arithmetic instead, and the tests hold the two to the same answer.
 */
export function finalShifts(schedule: ScheduleDef, from: number, to: number, extraOverrides: readonly OverrideDef[] = []): Shift[] {
  if (to <= from) return [];
  const overrides = [...schedule.overrides, ...extraOverrides].filter((o) => o.to > from && o.from < to && o.to > o.from);
  const layers = schedule.layers.map((layer) => preparedLayerShifts(prepareLayer(layer, schedule.timezone), from, to));

  const edges = new Set<number>([from, to]);
  for (const shifts of layers) for (const s of shifts) edges.add(s.from);
  for (const o of overrides) {
    if (o.from > from) edges.add(o.from);
    if (o.to < to) edges.add(o.to);
  }
  const cuts = [...edges].sort((a, b) => a - b);

  const out: Shift[] = [];
  const cursors = layers.map(() => 0);
  for (let i = 0; i + 1 < cuts.length; i++) {
    const a = cuts[i]!;
    const b = cuts[i + 1]!;
    let holder: Omit<Shift, 'from' | 'to'> = NOBODY;
    const override = overrides.findLast((o) => o.from <= a && a < o.to);
    if (override) {
      holder = { user: override.user, source: 'override', layer: null };
    } else {
      for (let l = layers.length - 1; l >= 0; l--) {
        const shifts = layers[l]!;
        while (shifts[cursors[l]!]!.to <= a) cursors[l]!++;
        const shift = shifts[cursors[l]!]!;
        if (shift.user !== null) {
          holder = { user: shift.user, source: shift.source, layer: shift.layer };
          break;
        }
      }
    }
    const last = out[out.length - 1];
    if (last && sameHolder(last, holder)) last.to = b;
    else out.push({ ...holder, from: a, to: b });
  }
  return out;
}
