/**
 * The checks every contender runs, as one pure description: the opsdeck
 * config, the bare loop and the target all derive ids and URLs from it, so
 * they agree on what "the same requests" means without talking to each other.
 */
export interface FleetShape {
  checks: number;
  checksPerService: number;
  intervalMs: number;
  /** Every n-th service has a failing first check (so alerts fire and incidents open); 0 for none. */
  failEvery: number;
}

export interface FleetCheck {
  /** "<service>/<check>", as opsdeck names it. */
  id: string;
  service: string;
  check: string;
  /** Path and query on the target: the target reads the id back from the path. */
  path: string;
  failing: boolean;
}

export interface FleetService {
  id: string;
  name: string;
  component: string;
  checks: FleetCheck[];
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

export function serviceCount(shape: FleetShape): number {
  return Math.ceil(shape.checks / shape.checksPerService);
}

export function fleet(shape: FleetShape): FleetService[] {
  const services: FleetService[] = [];
  const width = Math.max(5, String(serviceCount(shape)).length);
  for (let first = 0, s = 0; first < shape.checks; first += shape.checksPerService, s++) {
    const id = `svc-${pad(s, width)}`;
    const checks: FleetCheck[] = [];
    for (let c = 0; c < shape.checksPerService && first + c < shape.checks; c++) {
      const failing = c === 0 && shape.failEvery > 0 && s % shape.failEvery === shape.failEvery - 1;
      const check = `c${c}`;
      checks.push({ id: `${id}/${check}`, service: id, check, path: `/${id}/${check}${failing ? '?fail=1' : ''}`, failing });
    }
    services.push({ id, name: `Service ${pad(s, width)}`, component: `Group ${pad(s % 20, 2)}`, checks });
  }
  return services;
}

export function fleetChecks(shape: FleetShape): FleetCheck[] {
  return fleet(shape).flatMap((s) => s.checks);
}

/** The check id a target request belongs to: the path without its leading slash and query. */
export function idFromPath(url: string): string {
  const q = url.indexOf('?');
  return url.slice(1, q < 0 ? url.length : q);
}
