/** A refusal a person reads; `status` is the HTTP answer (400 bad input, 403 switched off, 404 unknown token). */
export class SubscriptionError extends Error {
  readonly status: 400 | 403 | 404;
  readonly field: string | undefined;

  constructor(status: 400 | 403 | 404, message: string, field?: string) {
    super(message);
    this.status = status;
    this.field = field;
  }
}
