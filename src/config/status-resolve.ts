import { parseInstant } from '../calendar/index.ts';
import type { ComponentDef, Config, MaintenanceDef, StatusPageDef, TemplateDef } from './config-types.ts';
import type { ParsedRoot } from './root-schema.ts';
import { derivedComponents } from './component-derive.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { defaultPagePath } from './status-references.ts';

type Status = Pick<Config, 'statusPages' | 'maintenance' | 'templates' | 'subscriptions'>;

/** Accessible on white (WCAG AA for text) and told apart by more than hue alone in the page's icons. */
export const DEFAULT_COLORS: Readonly<Record<string, string>> = {
  brand: '#0b7285',
  operational: '#1a7f37',
  degraded: '#9a6700',
  partial: '#bc4c00',
  major: '#cf222e',
  maintenance: '#0969da',
};

/**
 * The status part of the Config: pages with their default paths and
 * components, windows with their zone, first start and scope filled in,
 * the shipped templates merged with the config's. Runs only on a valid tree.
 */
export function resolveStatus(root: ParsedRoot): Status {
  const services = Object.entries(root.services ?? {}).map(([id, s]) => [id, s.component] as const);
  const derived = derivedComponents(services);

  const statusPages: StatusPageDef[] = Object.entries(root.status_pages ?? {}).map(([id, p], index) => {
    const groups: StatusPageDef['groups'] = [];
    for (const entry of p.components ?? [{ group: null, components: [] }]) {
      const components = entry.components.map((c): ComponentDef => ({ id: c.id, name: c.name ?? c.id, description: c.description ?? null, services: c.services }));
      // Neighbouring ungrouped components share one unnamed group, so display order is kept without a group per component.
      const last = groups.at(-1);
      if (entry.group === null && last && last.name === null) last.components.push(...components);
      else groups.push({ name: entry.group, components });
    }
    if (!p.components) groups[0]!.components.push(...derived.map((c) => ({ ...c, services: [...c.services] })));
    return {
      id,
      title: p.title ?? `${root.organization} status`,
      path: p.path ?? defaultPagePath(id, index),
      access: p.access,
      description: p.description ?? null,
      logo: p.logo ?? null,
      colors: { ...DEFAULT_COLORS, ...definedOnly(p.colors ?? {}) },
      links: p.links ?? [],
      groups,
    };
  });
  const components = statusPages.flatMap((page) => page.groups.flatMap((g) => g.components));

  const maintenance: MaintenanceDef[] = Object.entries(root.maintenance ?? {}).map(([id, w]) => {
    const timezone = w.timezone ?? root.timezone;
    const servicesOf = (ids: readonly string[]) => components.filter((c) => ids.includes(c.id)).flatMap((c) => c.services);
    const scope = w.services ?? [...new Set(servicesOf(w.components ?? []))];
    return {
      id,
      title: w.title ?? id,
      timezone,
      schedule: w.schedule.kind === 'once' ? { kind: 'once', start: instant(w.schedule.start, timezone) } : w.schedule,
      duration: w.duration,
      services: scope,
      components: w.components ?? [...new Set(components.filter((c) => c.services.some((s) => scope.includes(s))).map((c) => c.id))],
      noticeMs: w.noticeMs,
      message: w.message ?? null,
      checklist: w.checklist ?? null,
    };
  });

  const written = root.templates ?? {};
  const templates: TemplateDef[] = DEFAULT_TEMPLATES.map((shipped) => ({ ...shipped }));
  for (const [id, t] of Object.entries(written)) {
    const shipped = DEFAULT_TEMPLATES.find((s) => s.id === id);
    const def: TemplateDef = { id, title: t.title ?? shipped?.title ?? id, audience: t.audience ?? shipped?.audience ?? 'internal', text: t.text };
    const at = templates.findIndex((s) => s.id === id);
    if (at >= 0) templates[at] = def;
    else templates.push(def);
  }

  return { statusPages, maintenance, templates, subscriptions: { email: root.subscriptions.email, webhook: root.subscriptions.webhook } };
}

function definedOnly(colors: Record<string, string | undefined>): Record<string, string> {
  return Object.fromEntries(Object.entries(colors).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

function instant(written: string, zone: string): number {
  const parsed = parseInstant(written, zone);
  // The schema accepted it already; a failure here is a bug, not a config problem.
  if (!parsed.ok) throw new Error(`maintenance start "${written}" passed validation but does not parse: ${parsed.message}`);
  return parsed.value;
}
