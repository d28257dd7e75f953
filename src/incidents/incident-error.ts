/** A refusal a person reads: the HTTP layer maps the code to a status (404, 409, 400). */
export class IncidentError extends Error {
  readonly code: 'not_found' | 'conflict' | 'invalid';
  readonly field: string | undefined;

  constructor(code: 'not_found' | 'conflict' | 'invalid', message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}
