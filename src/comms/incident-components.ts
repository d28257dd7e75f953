import type { ComponentDef, Config } from '../config/index.ts';

/** Every status-page component of the config, once each (a component id is unique across pages). */
export function allComponents(config: Config): ComponentDef[] {
  const seen = new Map<string, ComponentDef>();
  for (const page of config.statusPages) for (const group of page.groups) for (const c of group.components) if (!seen.has(c.id)) seen.set(c.id, c);
  return [...seen.values()];
}

/** The components whose services include the incident's service: what an update concerns unless it says otherwise. */
export function componentsOfService(config: Config, service: string | null): string[] {
  if (service === null) return [];
  return allComponents(config).filter((c) => c.services.includes(service)).map((c) => c.id);
}
