/** What every parser of human-written time text returns: a value, or a message a person can act on. */
export type Parsed<T> = { ok: true; value: T } | { ok: false; message: string };
