/** A refused runbook action, in words a person reads; the API maps the code to its status. */
export class RunbookError extends Error {
  readonly code: 'not_found' | 'forbidden' | 'invalid' | 'conflict';
  readonly field: string | undefined;

  constructor(code: RunbookError['code'], message: string, field?: string) {
    super(message);
    this.code = code;
    this.field = field;
  }
}
