export interface Link {
  href: string;
  text?: string;
}
export interface Image {
  src: string;
  href?: string;
  alt?: string;
}

/** How a JSON value reads in an error: strings quoted (and cut), the rest by what they are. */
export function describeJson(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return value.length > 40 ? `${JSON.stringify(value.slice(0, 40))}... (${value.length} characters)` : JSON.stringify(value);
  if (typeof value === 'number' || typeof value === 'boolean') return `${typeof value} ${String(value)}`;
  if (Array.isArray(value)) return 'a list';
  return 'an object';
}

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

export function readObject(body: unknown): { ok: true; value: Record<string, unknown> } | { ok: false; error: string } {
  if (isObject(body)) return { ok: true, value: body };
  return { ok: false, error: `the body is ${describeJson(body)}; expected one JSON object like {"routing_key": "...", "event_action": "trigger", "payload": {...}}` };
}

// ISO 8601 with a date and time; seconds, fractions and the offset's colon optional (PagerDuty's own examples write +0000).
const ISO_8601 = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?)(Z|[+-]\d{2}(?::?\d{2})?)$/i;

/** PagerDuty-style timestamps to ms since the epoch, or null when it is not one. */
export function parseTimestamp(written: string): number | null {
  const m = ISO_8601.exec(written.trim());
  if (!m) return null;
  let offset = m[3]!.toUpperCase();
  if (offset !== 'Z') offset = offset.length === 3 ? `${offset}:00` : `${offset.slice(0, 3)}:${offset.slice(-2)}`;
  const ms = Date.parse(`${m[1]}T${m[2]}${offset}`);
  return Number.isNaN(ms) ? null : ms;
}

/**
 * Reads fields of one JSON object, collecting an error for each that is missing or mistyped.
 * Errors name the field by its full path ('payload.severity', 'links[2].href') as PagerDuty does.
 */
export class FieldCheck {
  readonly errors: string[];
  private readonly fields: Record<string, unknown>;
  private readonly prefix: string;

  constructor(object: Record<string, unknown>, prefix = '', errors: string[] = []) {
    this.fields = object;
    this.prefix = prefix;
    this.errors = errors;
  }

  private name(field: string): string {
    return `'${this.prefix}${field}'`;
  }

  requiredText(field: string, max = Infinity): string | null {
    const value = this.fields[field];
    if (value === undefined || value === null || (typeof value === 'string' && value.trim() === '')) {
      this.errors.push(`${this.name(field)} is missing or blank; expected text`);
      return null;
    }
    return this.text(field, value, max);
  }

  optionalText(field: string, max = Infinity): string | null {
    const value = this.fields[field];
    return value === undefined || value === null ? null : this.text(field, value, max);
  }

  private text(field: string, value: unknown, max: number): string | null {
    if (typeof value !== 'string') {
      this.errors.push(`${this.name(field)} is invalid: expected text, found ${describeJson(value)}`);
      return null;
    }
    if (value.length > max) {
      this.errors.push(`${this.name(field)} is too long: expected at most ${max} characters, found ${value.length}`);
      return null;
    }
    return value;
  }

  oneOf<T extends string>(field: string, allowed: readonly T[]): T | null {
    const value = this.fields[field];
    if (value === undefined || value === null || value === '') {
      this.errors.push(`${this.name(field)} is missing or blank; expected one of ${allowed.join(', ')}`);
      return null;
    }
    if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
    this.errors.push(`${this.name(field)} is invalid: expected one of ${allowed.join(', ')}, found ${describeJson(value)}`);
    return null;
  }

  object(field: string, required: boolean): FieldCheck | null {
    const value = this.fields[field];
    if (value === undefined || value === null) {
      if (required) this.errors.push(`${this.name(field)} is missing; expected an object`);
      return null;
    }
    if (!isObject(value)) {
      this.errors.push(`${this.name(field)} is invalid: expected an object, found ${describeJson(value)}`);
      return null;
    }
    return new FieldCheck(value, `${this.prefix}${field}.`, this.errors);
  }

  timestamp(field: string): number | null {
    const value = this.optionalText(field);
    if (value === null) return null;
    const ms = parseTimestamp(value);
    if (ms === null) this.errors.push(`${this.name(field)} is invalid: expected an ISO 8601 time like 2015-07-17T08:42:58.315+0000, found ${describeJson(value)}`);
    return ms;
  }

  /** custom_details: an object as PagerDuty documents; other JSON is kept as sent (Alertmanager sends strings inside). */
  details(field: string): unknown {
    const value = this.fields[field];
    if (value === undefined || value === null) return null;
    if (!isObject(value)) {
      this.errors.push(`${this.name(field)} is invalid: expected an object, found ${describeJson(value)}`);
      return null;
    }
    return value;
  }

  links(field: string): Link[] {
    return this.list(field, 'href', (item) => {
      const href = item.requiredText('href');
      const text = item.optionalText('text');
      return href === null ? null : { href, ...(text === null ? {} : { text }) };
    });
  }

  images(field: string): Image[] {
    return this.list(field, 'src', (item) => {
      const src = item.requiredText('src');
      const href = item.optionalText('href');
      const alt = item.optionalText('alt');
      return src === null ? null : { src, ...(href === null ? {} : { href }), ...(alt === null ? {} : { alt }) };
    });
  }

  private list<T>(field: string, key: string, read: (item: FieldCheck) => T | null): T[] {
    const value = this.fields[field];
    if (value === undefined || value === null) return [];
    if (!Array.isArray(value)) {
      this.errors.push(`${this.name(field)} is invalid: expected a list of objects like [{"${key}": "..."}], found ${describeJson(value)}`);
      return [];
    }
    const out: T[] = [];
    value.forEach((item, i) => {
      if (!isObject(item)) {
        this.errors.push(`'${this.prefix}${field}[${i}]' is invalid: expected an object like {"${key}": "..."}, found ${describeJson(item)}`);
        return;
      }
      const read1 = read(new FieldCheck(item, `${this.prefix}${field}[${i}].`, this.errors));
      if (read1 !== null) out.push(read1);
    });
    return out;
  }
}
