import type { LayerDef } from '../config/config-types.ts';
import { handoffLattice } from './handoff-lattice.ts';
import type { HandoffLattice } from './handoff-lattice.ts';
import { windowStateAt } from './restriction-windows.ts';

/** Who a layer has at t and an interval around t in which that holds (callers merge neighbours). */
export interface LayerState {
  user: string | null;
  from: number;
  to: number;
}

/** A layer with its handoffs computed once, for answering many instants. */
export interface PreparedLayer {
  layer: LayerDef;
  zone: string;
  lattice: HandoffLattice;
}

/**
 * Layers live as long as their config, and onCallAt / finalShifts are asked about the same
 * schedules again and again, so the parsed start and handoff arithmetic are kept per layer.
 */
const prepared = new WeakMap<LayerDef, PreparedLayer>();

export function prepareLayer(layer: LayerDef, zone: string): PreparedLayer {
  const known = prepared.get(layer);
  if (known && known.zone === zone) return known;
  const fresh = { layer, zone, lattice: handoffLattice(layer, zone) };
  prepared.set(layer, fresh);
  return fresh;
}

/** Point query: no walking from the layer's start, whatever the distance. */
export function layerStateAt({ layer, zone, lattice }: PreparedLayer, t: number): LayerState {
  if (layer.members.length === 0) return { user: null, from: -Infinity, to: Infinity };
  if (t < lattice.startMs) return { user: null, from: -Infinity, to: lattice.startMs };
  const shift = lattice.rotationAt(t);
  const user = layer.members[shift.index % layer.members.length]!;
  if (layer.restrictions.length === 0) return { user, from: shift.from, to: shift.to };
  const window = windowStateAt(layer.restrictions, zone, t);
  return {
    user: window.covered ? user : null,
    from: Math.max(shift.from, window.from),
    to: Math.min(shift.to, window.to),
  };
}
