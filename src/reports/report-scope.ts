import type { Config } from '../config/index.ts';

/** What an availability report is about: one service, or one status-page component (all its services). */
export type ReportScope = { kind: 'service'; id: string } | { kind: 'component'; id: string };

export interface ResolvedScope {
  scope: ReportScope;
  name: string;
  services: string[];
  /** Full check ids of those services: their failures are the scope's downtime. */
  checks: string[];
  /** The components these services show in (maintenance scoped to a component applies to them). */
  components: string[];
}

/** The scope's services and checks from the config, or a sentence saying what was not found. */
export function resolveScope(config: Config, scope: ReportScope): ResolvedScope | string {
  const allComponents = config.statusPages.flatMap((page) => page.groups.flatMap((g) => g.components));
  let services: string[];
  let name: string;
  if (scope.kind === 'service') {
    const service = config.services.find((s) => s.id === scope.id);
    if (!service) return `no service "${scope.id}"; defined: ${config.services.map((s) => s.id).join(', ') || 'none'}`;
    services = [service.id];
    name = service.name;
  } else {
    const component = allComponents.find((c) => c.id === scope.id);
    if (!component) return `no status-page component "${scope.id}"; defined: ${[...new Set(allComponents.map((c) => c.id))].join(', ') || 'none'}`;
    services = [...component.services];
    name = component.name;
  }
  const checks = config.services.filter((s) => services.includes(s.id)).flatMap((s) => s.checks.map((c) => c.id));
  const components = [...new Set(allComponents.filter((c) => c.services.some((s) => services.includes(s))).map((c) => c.id))];
  if (scope.kind === 'component' && !components.includes(scope.id)) components.push(scope.id);
  return { scope, name, services, checks, components };
}
