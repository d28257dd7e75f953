import type { Problem, TreePath } from './source-map.ts';
import { dottedPath } from './source-map.ts';
import { derivedComponents } from './component-derive.ts';
import { unknownName } from './oncall-references.ts';
import { isRecord, mapOrEmpty as entries } from './value-describe.ts';

/** A page's path when it sets none: the first page is "the" status page. */
export function defaultPagePath(pageId: string, index: number): string {
  return index === 0 ? '/status' : `/status/${pageId}`;
}

/**
 * The status page, maintenance and subscription cross-references, read from
 * the merged tree as written (like config-references.ts): services and
 * components that exist, component ids and page paths used once, email
 * subscriptions only with a mail server to send through.
 */
export function checkStatusReferences(tree: unknown): Problem[] {
  const problems: Problem[] = [];
  const root = entries(tree);
  const services = entries(root['services']);
  const serviceIds = Object.keys(services);
  const serviceRef = (path: TreePath, name: unknown) => {
    if (typeof name === 'string' && !Object.hasOwn(services, name)) problems.push({ path, target: 'value', message: unknownName('service', 'services', 'services', name, serviceIds) });
  };
  const derived = derivedComponents(Object.entries(services).map(([id, s]) => [id, stringOr(entries(s)['component'])] as const));

  const written = new Map<string, TreePath>();
  const paths = new Map<string, string>();
  let shorthand = false;
  Object.entries(entries(root['status_pages'])).forEach(([pageId, page], index) => {
    const own = entries(page);
    const at = ['status_pages', pageId];
    const path = own['path'] === undefined ? defaultPagePath(pageId, index) : own['path'];
    if (typeof path === 'string') {
      const first = paths.get(path);
      if (first !== undefined) {
        const where: Problem = own['path'] === undefined ? { path: at, target: 'key', message: '' } : { path: [...at, 'path'], target: 'value', message: '' };
        const fix = own['path'] === undefined ? `this page's default path is ${path}; set path: on it` : 'give each page its own path';
        problems.push({ ...where, message: `path "${path}" is already the path of status page "${first}"; ${fix}` });
      } else paths.set(path, pageId);
    }
    if (own['components'] === undefined) {
      shorthand = true;
      if (isRecord(page) && derived.length === 0) {
        problems.push({ path: at, target: 'key', message: `status page "${pageId}" would show no components: it lists none under components:, and no service sets component:` });
      }
      return;
    }
    for (const { component, path: componentPath } of writtenComponents(own['components'], [...at, 'components'])) {
      const { id, services: listed } = entries(component);
      if (typeof id === 'string') {
        const first = written.get(id);
        if (first) problems.push({ path: [...componentPath, 'id'], target: 'value', message: `component id "${id}" is already used at ${dottedPath(first)}; component ids are unique across pages` });
        else written.set(id, componentPath);
      }
      if (Array.isArray(listed)) listed.forEach((service, k) => serviceRef([...componentPath, 'services', k], service));
    }
  });

  // The shorthand's ids live beside the written ones: a window naming "api" must mean one thing,
  // so a written component may share a derived id only when it holds the same services.
  if (shorthand) {
    for (const component of derived) {
      const clash = written.get(component.id);
      if (!clash) continue;
      const listed = entries(writtenAt(root, clash))['services'];
      if (Array.isArray(listed) && sameSet(listed, component.services)) continue;
      problems.push({
        path: [...clash, 'id'],
        target: 'value',
        message: `component id "${component.id}" is also the id made from services' component: ${component.name} (services ${component.services.join(', ')}), which pages without components: show; choose another id, or list the same services`,
      });
    }
  }
  const componentIds = [...new Set([...written.keys(), ...(shorthand ? derived.map((c) => c.id) : [])])];

  for (const [windowId, window] of Object.entries(entries(root['maintenance']))) {
    const own = entries(window);
    const at = ['maintenance', windowId];
    if (Array.isArray(own['services'])) own['services'].forEach((service, k) => serviceRef([...at, 'services', k], service));
    if (!Array.isArray(own['components'])) continue;
    own['components'].forEach((name, k) => {
      if (typeof name === 'string' && !componentIds.includes(name)) {
        problems.push({ path: [...at, 'components', k], target: 'value', message: unknownName('component', 'components', 'status_pages', name, componentIds) });
      }
    });
  }

  const subscriptions = entries(root['subscriptions']);
  if (subscriptions['email'] === true && entries(root['notifications'])['smtp'] === undefined) {
    problems.push({
      path: ['subscriptions', 'email'],
      target: 'value',
      message: 'email subscriptions are sent through notifications.smtp, which is not configured; add notifications: { smtp: { host: ..., from: ... } } or set email: false',
    });
  }
  return problems;
}

/** Every component a page writes, in groups or not, with where it is. */
function writtenComponents(list: unknown, at: TreePath): { component: unknown; path: TreePath }[] {
  if (!Array.isArray(list)) return [];
  return list.flatMap((entry, i) => {
    const nested = entries(entry)['components'];
    if (!Array.isArray(nested)) return [{ component: entry, path: [...at, i] }];
    return nested.map((component, k) => ({ component, path: [...at, i, 'components', k] }));
  });
}

/** The value at a tree path (the tree as written, so anything may be missing). */
function writtenAt(root: unknown, path: TreePath): unknown {
  let at = root;
  for (const step of path) at = Array.isArray(at) && typeof step === 'number' ? at[step] : entries(at)[step];
  return at;
}

function sameSet(a: readonly unknown[], b: readonly string[]): boolean {
  return a.length === b.length && b.every((item) => a.includes(item));
}

function stringOr(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}
