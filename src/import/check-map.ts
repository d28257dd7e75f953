import type { SimpleCommand } from '../runbooks/index.ts';

/** A check the config loader accepts, as YAML lines under its name. */
export interface CheckGuess {
  name: string;
  yaml: string[];
  /** What became what, for the summary. */
  note: string;
}

const HEALTH_PATH = /\/(health|healthz|healthcheck|ready|readyz|livez|ping|status)\/?$/i;

/**
 * Health-check commands that Opsdeck can run itself:
 *   curl -f URL (or -sf, --fail, or a URL ending in /health)  -> http, [STATUS] == 200
 *   pg_isready -h H -p P -> tcp H:P: a postgres check needs a user and password, which a
 *                           procedures document never says; reachability is what pg_isready tells
 *   redis-cli -h H [-p P] ping -> redis
 *   nc -z H P -> tcp
 * Anything else, or one of these run inside a pod (kubectl exec), is not a check: the
 * server cannot reach where it runs. The answer says why, for the summary.
 */
export function checkFrom(command: SimpleCommand, insidePod: boolean): CheckGuess | { unmapped: string } | null {
  const [program, ...args] = command.words;
  if (program === 'curl') {
    const url = args.find((a) => /^https?:\/\//.test(a));
    const fails = args.some((a) => a === '--fail' || /^-[a-zA-Z]*f[a-zA-Z]*$/.test(a));
    const sends = args.some((a) => /^(-X|--request|-d|--data.*|-F|--form)$/.test(a) || /^-X./.test(a));
    if (!url || sends || (!fails && !HEALTH_PATH.test(new URL(url).pathname))) return null;
    if (/[$<[]/.test(url)) return { unmapped: `curl ${url}: the URL has a placeholder; a check needs a fixed URL` };
    if (insidePod) return { unmapped: `curl ${url} runs inside a pod` };
    return { name: `http-${hostName(new URL(url).host)}`, yaml: [`http: { url: ${JSON.stringify(url)} }`, 'expect: ["[STATUS] == 200"]'], note: `${command.words.join(' ')} -> http check expecting [STATUS] == 200` };
  }
  if (program === 'pg_isready' || program === 'redis-cli' || program === 'nc') {
    const host = valueOf(args, '-h', '--host') ?? (program === 'nc' ? args.filter((a) => !a.startsWith('-'))[0] : undefined);
    const port = valueOf(args, '-p', '--port') ?? (program === 'nc' ? args.filter((a) => !a.startsWith('-'))[1] : undefined);
    if (program === 'redis-cli' && !args.some((a) => a.toLowerCase() === 'ping')) return null;
    if (program === 'nc' && !args.some((a) => /^-[a-zA-Z]*z/.test(a))) return null;
    if (insidePod) return { unmapped: `${command.words.join(' ')} runs inside a pod (kubectl exec); the server cannot reach it there` };
    if (!host || /[$<[]/.test(host) || (port !== undefined && !/^\d+$/.test(port))) return { unmapped: `${command.words.join(' ')}: no fixed host${program === 'nc' ? ' and port' : ''} to check` };
    if (program === 'redis-cli') return { name: `redis-${hostName(host)}`, yaml: [`redis: { host: ${JSON.stringify(host)}, port: ${port ?? 6379} }`], note: `${command.words.join(' ')} -> redis check` };
    if (program === 'nc' && port === undefined) return { unmapped: `${command.words.join(' ')}: no port to check` };
    const tcpPort = port ?? '5432';
    const why = program === 'pg_isready' ? ' (a postgres check needs credentials the document does not give; a tcp check on the port is what pg_isready tells)' : '';
    return { name: `tcp-${hostName(host)}-${tcpPort}`, yaml: [`tcp: { host: ${JSON.stringify(host)}, port: ${tcpPort} }`], note: `${command.words.join(' ')} -> tcp check ${host}:${tcpPort}${why}` };
  }
  return null;
}

function valueOf(args: string[], ...flags: string[]): string | undefined {
  for (let k = 0; k < args.length; k++) {
    const a = args[k]!;
    if (flags.includes(a)) return args[k + 1];
    for (const f of flags) if (f.startsWith('--') && a.startsWith(`${f}=`)) return a.slice(f.length + 1);
  }
  return undefined;
}

function hostName(host: string): string {
  return host.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 40) || 'host';
}
