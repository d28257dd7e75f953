import type { ComponentDef } from './config-types.ts';

/**
 * The components a page shows when it lists none: one per distinct
 * `component:` name of the services, holding every service that names it
 * (the quick start's shop-api and search are both "API"), in service order.
 * The id is the name in lower case with dashes ("Checkout API" ->
 * "checkout-api"), numbered when two names come out the same, so every page
 * that uses the shorthand shows the same components under the same ids.
 */
export function derivedComponents(services: readonly (readonly [id: string, component: string | undefined])[]): ComponentDef[] {
  const byName = new Map<string, ComponentDef>();
  const taken = new Set<string>();
  for (const [service, name] of services) {
    if (name === undefined) continue;
    const known = byName.get(name);
    if (known) {
      known.services.push(service);
      continue;
    }
    const base = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '') || 'component';
    let id = base;
    for (let n = 2; taken.has(id); n++) id = `${base}-${n}`;
    taken.add(id);
    byName.set(name, { id, name, description: null, services: [service] });
  }
  return [...byName.values()];
}
