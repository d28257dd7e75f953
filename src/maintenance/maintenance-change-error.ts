/** Why a change to a window was refused; the HTTP layer maps the reason to 404, 409 or 400. */
export class MaintenanceChangeError extends Error {
  readonly reason: 'not-found' | 'conflict' | 'invalid';
  readonly field: string | undefined;

  constructor(reason: 'not-found' | 'conflict' | 'invalid', message: string, field?: string) {
    super(message);
    this.reason = reason;
    this.field = field;
  }
}
