import { parseInstant } from '../../calendar/index.ts';
import { ApiError } from '../api-error.ts';

/**
 * A time in a request: an ISO instant ("...Z", an offset) or a local date-time read in `zone` by the
 * DST rules. Anything else is a 400 naming the field.
 */
export function instantField(text: string, zone: string, field: string): number {
  const parsed = parseInstant(text, zone);
  if (!parsed.ok) throw new ApiError(400, `${field}: ${parsed.message}`, field);
  return parsed.value;
}
