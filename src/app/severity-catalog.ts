import type { Config } from '../config/index.ts';
import type { SeverityCatalog } from '../incidents/index.ts';

export function severityCatalog(config: Config): SeverityCatalog {
  const byId = new Map(config.severities.map((s) => [s.id, s]));
  return {
    targets: (id) => {
      const s = byId.get(id);
      return s ? { respondWithinMs: s.respondWithinMs, resolveWithinMs: s.resolveWithinMs } : undefined;
    },
    has: (id) => byId.has(id),
    ids: () => [...byId.keys()],
  };
}
