import type { PingInput } from './heartbeat-decision.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What `/ping/<key>[/<action>][?rid=<uuid>]` asks for, or why it is a 400: the action is start,
 * fail, log or an exit status 0-255 (0 a success, any other a failure), and rid a UUID.
 */
export function parsePing(action: string | undefined, rid: unknown): { ok: true; ping: PingInput } | { ok: false; message: string } {
  let parsedRid: string | null = null;
  if (rid !== undefined) {
    if (typeof rid !== 'string' || !UUID.test(rid)) {
      return { ok: false, message: `invalid rid: expected a UUID like 3f2c6e0a-1b2d-4c5e-8f90-a1b2c3d4e5f6, found ${JSON.stringify(rid)}` };
    }
    parsedRid = rid.toLowerCase();
  }
  const ping = (kind: PingInput['kind'], exitStatus: number | null = null): { ok: true; ping: PingInput } => ({ ok: true, ping: { kind, exitStatus, rid: parsedRid } });
  if (action === undefined) return ping('success');
  if (action === 'start' || action === 'fail' || action === 'log') return ping(action);
  if (!/^\d{1,3}$/.test(action) || Number(action) > 255) {
    return { ok: false, message: `invalid exit status: expected start, fail, log or an exit status from 0 to 255, found "${action}"` };
  }
  const status = Number(action);
  return ping(status === 0 ? 'success' : 'fail', status);
}
