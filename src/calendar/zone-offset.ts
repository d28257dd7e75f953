import { IANAZone } from 'luxon';

/**
 * The only place Opsdeck asks the tz database anything: the UTC offset of a zone at an
 * instant. Everything else in the calendar is integer arithmetic over these offsets, so a
 * zone's rules are consulted the same way for rotations, windows, routines and cron.
 */
const zones = new Map<string, IANAZone>();

/**
 * Offsets change a few times a year, hours apart, so they are cached per zone and UTC hour: an
 * hour whose first and last minute share an offset has it throughout. Only the hour holding a
 * transition is asked minute by minute.
 */
const hourCache = new Map<string, Map<number, number | null>>();
const HOUR_CACHE_LIMIT = 500_000;
const MINUTE = 60_000;
const HOUR = 3_600_000;

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
  let hours = hourCache.get(zone);
  if (!hours) hourCache.set(zone, (hours = new Map()));
  const hour = Math.floor(at / HOUR);
  let offset = hours.get(hour);
  if (offset === undefined) {
    const tz = zoneFor(zone);
    const first = tz.offset(hour * HOUR);
    offset = first === tz.offset(hour * HOUR + 59 * MINUTE) ? first : null;
    if (hours.size >= HOUR_CACHE_LIMIT) hours.clear();
    hours.set(hour, offset);
  }
  return offset ?? zoneFor(zone).offset(Math.floor(at / MINUTE) * MINUTE);
}
