import { IANAZone } from 'luxon';

/**
 * The only place Opsdeck asks the tz database anything: the UTC offset of a zone at an
 * instant. Everything else in the calendar is integer arithmetic over these offsets, so a
 * zone's rules are consulted the same way for rotations, windows, routines and cron.
 */
const zones = new Map<string, IANAZone>();

/** Offsets repeat within an hour almost everywhere; caching per (zone, minute) keeps sweeps cheap. */
const offsetCache = new Map<string, number>();
const OFFSET_CACHE_LIMIT = 200_000;

export function isValidZone(zone: string): boolean {
  return IANAZone.isValidZone(zone);
}

function zoneFor(name: string): IANAZone {
  let zone = zones.get(name);
  if (!zone) {
    zone = IANAZone.create(name);
    if (!zone.isValid) throw new Error(`expected an IANA time zone like "Europe/Berlin", found "${name}"`);
    zones.set(name, zone);
  }
  return zone;
}

/** Minutes east of UTC in `zone` at `at` (epoch ms). Transitions fall on whole minutes. */
export function offsetMinutes(zone: string, at: number): number {
  const minute = Math.floor(at / 60_000);
  const key = `${zone}|${minute}`;
  const cached = offsetCache.get(key);
  if (cached !== undefined) return cached;
  const offset = zoneFor(zone).offset(minute * 60_000);
  if (offsetCache.size >= OFFSET_CACHE_LIMIT) offsetCache.clear();
  offsetCache.set(key, offset);
  return offset;
}
