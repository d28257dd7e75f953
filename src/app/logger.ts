import pino, { type Logger } from 'pino';

/** Structured JSON logs to stdout; OPSDECK_LOG_LEVEL overrides the level (debug, info, warn, error, silent). */
export function createLogger(level = process.env.OPSDECK_LOG_LEVEL ?? 'info'): Logger {
  return pino({ level, base: { app: 'opsdeck' } });
}
