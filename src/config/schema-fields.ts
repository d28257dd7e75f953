import { z } from 'zod';
import { IANAZone } from 'luxon';
import { formatDuration, parseDuration } from '../time/index.ts';
import { describeValue } from './value-describe.ts';
import { suggestion } from './name-suggest.ts';

/** Scalar field schemas shared by the sections; each says what it expects in its own words. */

const ID = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Service, check, alert and severity ids: they end up in URLs, metric labels and "svc/check" references. */
export const id = z.string().regex(ID, {
  error: (iss) => `expected an id of letters, digits, "-" and "_" starting with a letter or digit, found ${describeValue(iss.input)}`,
});

export const text = z.string({ error: (iss) => `expected text, found ${describeValue(iss.input)}` });

const DURATION_EXAMPLE = 'a duration like 30s, 5m, 1h30m or 14d';

/** "30s", "1h30m" -> milliseconds. `atLeastMs` rejects values too small to make sense, naming the floor. */
export function duration(atLeastMs = 0) {
  return z
    .string({ error: (iss) => `expected ${DURATION_EXAMPLE}, found ${describeValue(iss.input)}` })
    .transform((written, ctx) => {
      const parsed = parseDuration(written);
      if (!parsed.ok) {
        ctx.addIssue({ code: 'custom', message: parsed.message });
        return z.NEVER;
      }
      if (parsed.ms < atLeastMs) {
        ctx.addIssue({ code: 'custom', message: `expected at least ${formatDuration(atLeastMs)}, found "${written}"` });
        return z.NEVER;
      }
      return parsed.ms;
    });
}

/** How often something runs: below a second would hammer the target and the store. */
export const interval = () => duration(1000);

export const timezone = z.string({ error: (iss) => `expected an IANA time zone like UTC or Europe/Berlin, found ${describeValue(iss.input)}` }).refine(
  (zone) => IANAZone.isValidZone(zone),
  { error: (iss) => `expected an IANA time zone like UTC or Europe/Berlin, found ${describeValue(iss.input)}${suggestion(String(iss.input), Intl.supportedValuesOf('timeZone'))}` },
);

/** "127.0.0.1:8080", "[::1]:8080", ":8080" (all interfaces). */
export const listenAddress = z
  .string({ error: (iss) => `expected host:port like 127.0.0.1:8080, found ${describeValue(iss.input)}` })
  .transform((written, ctx) => {
    const match = /^(?:\[([0-9A-Fa-f:.]+)\]|([^:\s[\]]*)):(\d{1,5})$/.exec(written);
    const port = Number(match?.[3]);
    if (!match || port < 1 || port > 65535) {
      ctx.addIssue({ code: 'custom', message: `expected host:port like 127.0.0.1:8080 with a port from 1 to 65535, found "${written}"` });
      return z.NEVER;
    }
    return { host: match[1] ?? (match[2] || '0.0.0.0'), port };
  });

/** Where people reach Opsdeck; links in notifications are built on it, so no trailing slash. */
export const publicUrl = z
  .string({ error: (iss) => `expected a URL like https://ops.example.com, found ${describeValue(iss.input)}` })
  .refine((written) => /^https?:\/\/[^\s/]+/.test(written) && URL.canParse(written), {
    error: (iss) => `expected an http or https URL like https://ops.example.com, found ${describeValue(iss.input)}`,
  })
  .transform((written) => written.replace(/\/+$/, ''));
