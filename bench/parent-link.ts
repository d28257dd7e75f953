/**
 * The child side of the harness's IPC: answers the parent's requests by type,
 * sends events, and exits when the parent goes away, so no contender outlives
 * a harness that crashed or was interrupted.
 */
export type Handler = (data: unknown) => unknown;

interface Request {
  id: number;
  type: string;
  data?: unknown;
}

export function serveParent(handlers: Record<string, Handler>, onGone: () => void = () => process.exit(0)): void {
  if (!process.send) throw new Error('this is a benchmark child process; start it through bench/run.ts');
  process.on('disconnect', onGone);
  process.on('message', (raw) => {
    const request = raw as Request;
    const handler = handlers[request.type];
    void (async () => {
      try {
        if (!handler) throw new Error(`no handler for "${request.type}"`);
        const value = await handler(request.data);
        process.send?.({ replyTo: request.id, ok: true, value });
      } catch (error) {
        process.send?.({ replyTo: request.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
      }
    })();
  });
}

export function emit(event: string, data: unknown): void {
  process.send?.({ event, data });
}

/** The child's command-line value for --name=value. */
export function arg(name: string): string {
  const prefix = `--${name}=`;
  const found = process.argv.find((a) => a.startsWith(prefix));
  if (found === undefined) throw new Error(`missing ${prefix}...`);
  return found.slice(prefix.length);
}
