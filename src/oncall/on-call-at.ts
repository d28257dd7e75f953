import type { OverrideDef, ScheduleDef } from '../config/config-types.ts';
import type { PreparedLayer } from './layer-state.ts';
import { layerStateAt, prepareLayer } from './layer-state.ts';
import type { OnCall, Shift } from './shift-types.ts';
import { NOBODY, sameHolder } from './shift-types.ts';

/**
 * How far from `at` the bounds of the current shift are looked for. A one-person layer is one
 * endless shift; 90 days either way answers "until when" for any real rotation and keeps the
 * question cheap. A bound beyond it is reported as at ± 90 days.
 */
export const SHIFT_SEARCH_MS = 90 * 86_400_000;

/**
 * Who is on call at `at`, and the bounds of their current final shift (the largest interval around
 * `at` with the same user, source and layer, within SHIFT_SEARCH_MS). Null when nobody is.
 * Agrees with finalShifts at every instant: that is what makes `oncall --at` match the preview.
 */
export function onCallAt(schedule: ScheduleDef, at: number, extraOverrides: readonly OverrideDef[] = []): OnCall | null {
  const overrides = [...schedule.overrides, ...extraOverrides].filter((o) => o.to > o.from);
  const layers = schedule.layers.map((layer) => prepareLayer(layer, schedule.timezone));
  const here = pieceAt(layers, overrides, at);
  if (here.user === null) return null;
  const earliest = at - SHIFT_SEARCH_MS;
  const latest = at + SHIFT_SEARCH_MS;
  let from = here.from;
  while (from > earliest) {
    const before = pieceAt(layers, overrides, from - 1);
    if (!sameHolder(before, here)) break;
    from = before.from;
  }
  let to = here.to;
  while (to < latest) {
    const after = pieceAt(layers, overrides, to);
    if (!sameHolder(after, here)) break;
    to = after.to;
  }
  return { ...here, user: here.user, from: Math.max(from, earliest), to: Math.min(to, latest) };
}

/** The holder at t and an interval around t in which nothing that decides it changes. */
function pieceAt(layers: readonly PreparedLayer[], overrides: readonly OverrideDef[], t: number): Shift {
  let from = -Infinity;
  let to = Infinity;
  for (const o of overrides) {
    for (const edge of [o.from, o.to]) {
      if (edge <= t) from = Math.max(from, edge);
      else to = Math.min(to, edge);
    }
  }
  const override = overrides.findLast((o) => o.from <= t && t < o.to);
  if (override) return { user: override.user, source: 'override', layer: null, from, to };
  // Layers below the winner cannot change the answer while the winner has someone.
  for (let l = layers.length - 1; l >= 0; l--) {
    const prepared = layers[l]!;
    const state = layerStateAt(prepared, t);
    from = Math.max(from, state.from);
    to = Math.min(to, state.to);
    if (state.user !== null) return { user: state.user, source: 'layer', layer: prepared.layer.name, from, to };
  }
  return { ...NOBODY, from, to };
}
