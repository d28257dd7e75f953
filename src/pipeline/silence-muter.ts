import type { SilenceRecord } from '../store/ports.ts';
import { formatMatcher, matchesAll, type Labels, type Matcher } from './label-matcher.ts';
import type { Muter, MuteReason } from './muter.ts';

export type SilenceState = 'pending' | 'active' | 'expired';

/** When the silence stops muting; expiring early moves endsAt too, but a record may carry only expiredAt. */
function endOf(s: SilenceRecord): number {
  return s.expiredAt === null ? s.endsAt : Math.min(s.endsAt, s.expiredAt);
}

/** A silence mutes in [startsAt, end): from its start, inclusive, until its end, exclusive. */
export function silenceState(s: SilenceRecord, now: number): SilenceState {
  if (now >= endOf(s)) return 'expired';
  return now < s.startsAt ? 'pending' : 'active';
}

/**
 * Active and ending within `withinMs` of now, so people can extend it before
 * alerts come back. Whether the notice already went out (noticeSentAt) is the
 * caller's bookkeeping, not part of this answer.
 */
export function expiringSoon(s: SilenceRecord, now: number, withinMs: number): boolean {
  return silenceState(s, now) === 'active' && endOf(s) - now <= withinMs;
}

/**
 * Why these matchers cannot make a silence, or null when they can. As in
 * Alertmanager, at least one matcher must need a label to be set: a silence
 * whose matchers all match "" would also match alerts without those labels,
 * which is almost never what its author meant.
 */
export function silenceMatchersProblem(matchers: readonly Matcher[]): string | null {
  if (matchers.length === 0) return 'expected at least one matcher like service="api", found none';
  if (matchesAll(matchers, {})) {
    return `expected at least one matcher that needs a label to be set, found only matchers that also match alerts without them (${matchers.map(formatMatcher).join(', ')})`;
  }
  return null;
}

/**
 * Mutes labels matched by an active silence. When several match, the one that
 * ends last is named: that is how long the alert stays held. A silence without
 * matchers mutes nothing: it should have been refused when it was made
 * (silenceMatchersProblem), and muting every alert by accident is the worse failure.
 */
export function silenceMuter(silences: readonly SilenceRecord[]): Muter {
  return {
    mutedBy(labels: Labels, at: number): MuteReason | null {
      let best: SilenceRecord | null = null;
      for (const s of silences) {
        if (s.matchers.length === 0 || silenceState(s, at) !== 'active' || !matchesAll(s.matchers, labels)) continue;
        if (best === null || endOf(s) > endOf(best) || (endOf(s) === endOf(best) && s.id < best.id)) best = s;
      }
      return best === null ? null : { kind: 'silence', id: String(best.id), description: describeSilence(best, at) };
    },
  };
}

/** `silence #4 by ana: "db migration" until 14:30 UTC`; the date is added when the end is on another UTC day. */
export function describeSilence(s: SilenceRecord, at: number): string {
  const end = new Date(endOf(s)).toISOString();
  const sameDay = end.slice(0, 10) === new Date(at).toISOString().slice(0, 10);
  const until = `${sameDay ? '' : `${end.slice(0, 10)} `}${end.slice(11, 16)} UTC`;
  const comment = s.comment === '' ? '' : `: ${JSON.stringify(s.comment)}`;
  return `silence #${s.id} by ${s.author}${comment} until ${until}`;
}
