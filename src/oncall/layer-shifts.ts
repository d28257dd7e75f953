import type { ScheduleDef } from '../config/config-types.ts';
import type { PreparedLayer } from './layer-state.ts';
import { prepareLayer } from './layer-state.ts';
import { coveredIntervals } from './restriction-windows.ts';
import type { Shift } from './shift-types.ts';
import { NOBODY, sameHolder } from './shift-types.ts';

/**
 * One layer's shifts over [from, to), contiguous, merged, gaps (before the start, outside the
 * restrictions) as nobody: for showing each layer beside the final schedule.
 */
export function layerShifts(schedule: ScheduleDef, layerIndex: number, from: number, to: number): Shift[] {
  const layer = schedule.layers[layerIndex];
  if (!layer) throw new Error(`expected a layer index 0-${schedule.layers.length - 1} of schedule "${schedule.id}", found ${layerIndex}`);
  return preparedLayerShifts(prepareLayer(layer, schedule.timezone), from, to);
}

/** Walks the handoffs in the range one by one, then cuts them to the restriction windows. */
export function preparedLayerShifts({ layer, zone, lattice }: PreparedLayer, from: number, to: number): Shift[] {
  const out: Shift[] = [];
  const push = (shift: Shift) => {
    if (shift.to <= shift.from) return;
    const last = out[out.length - 1];
    if (last && last.to === shift.from && sameHolder(last, shift)) last.to = shift.to;
    else out.push(shift);
  };
  if (to <= from) return out;
  if (layer.members.length === 0) return [{ ...NOBODY, from, to }];

  const rotation: Shift[] = [];
  if (from < lattice.startMs) rotation.push({ ...NOBODY, from, to: Math.min(to, lattice.startMs) });
  const first = Math.max(from, lattice.startMs);
  if (first < to) {
    const k0 = lattice.latest(lattice.startMs);
    for (let k = lattice.latest(first); lattice.handoff(k) < to; k++) {
      const user = layer.members[(k - k0) % layer.members.length]!;
      const shiftFrom = Math.max(first, lattice.handoff(k));
      rotation.push({ user, source: 'layer', layer: layer.name, from: shiftFrom, to: Math.min(to, lattice.handoff(k + 1)) });
    }
  }
  if (layer.restrictions.length === 0) {
    rotation.forEach(push);
    return out;
  }
  const windows = coveredIntervals(layer.restrictions, zone, from, to);
  for (const shift of rotation) {
    let cursor = shift.from;
    for (const w of windows) {
      if (w.to <= shift.from || w.from >= shift.to || shift.user === null) continue;
      const a = Math.max(w.from, shift.from);
      const b = Math.min(w.to, shift.to);
      push({ ...NOBODY, from: cursor, to: a });
      push({ ...shift, from: a, to: b });
      cursor = b;
    }
    push({ ...NOBODY, from: cursor, to: shift.to });
  }
  return out;
}
