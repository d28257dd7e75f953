/**
 * A stretch of time with one answer to "who is on call". Nobody is { user: null, source: 'layer',
 * layer: null }. `layer` is the LayerDef name that supplied the user.
 */
export interface Shift {
  user: string | null;
  from: number;
  to: number;
  source: 'override' | 'layer';
  layer: string | null;
}

/** onCallAt's answer: the person on call and the bounds of their current final shift. */
export interface OnCall extends Shift {
  user: string;
}

/** Shifts are merged when these agree, so onCallAt and finalShifts cut time the same way. */
export function sameHolder(a: Omit<Shift, 'from' | 'to'>, b: Omit<Shift, 'from' | 'to'>): boolean {
  return a.user === b.user && a.source === b.source && a.layer === b.layer;
}

export const NOBODY = { user: null, source: 'layer', layer: null } as const satisfies Omit<Shift, 'from' | 'to'>;
