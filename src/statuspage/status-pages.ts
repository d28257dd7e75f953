import { createHash } from 'node:crypto';
import type { StatusPageDef } from '../config/index.ts';
import type { Clock } from '../time/index.ts';
import { atomFeed } from './atom-feed.ts';
import { incidentHtml } from './incident-html.ts';
import { readSnapshot, type MonitoredSince, type PageSources } from './page-data.ts';
import { pageHtml } from './page-html.ts';
import { RenderCache } from './page-cache.ts';
import { pageModel, type PageModel } from './page-model.ts';
import { summaryJson } from './summary-json.ts';

export interface StatusPagesDeps extends PageSources {
  clock: Clock;
  /** The site's absolute URL (server.public_url, else where it listens): Atom ids and links are absolute. */
  baseUrl(): string;
}

export type PageTarget = { kind: 'page' } | { kind: 'feed' } | { kind: 'summary' } | { kind: 'incident'; id: number };

export interface Rendered {
  body: Buffer;
  contentType: string;
  /** Strong: the bytes' hash. */
  etag: string;
}

/** Uptime bars and "as of" move with time: no render is older than this. */
export const MAX_AGE_MS = 60_000;

function rendered(text: string, contentType: string): Rendered {
  const body = Buffer.from(text);
  return { body, contentType, etag: `"${createHash('sha1').update(body).digest('base64url').slice(0, 22)}"` };
}

/** Which page and what of it a path asks for; null when it is no status page's. */
export function resolvePath(pages: readonly StatusPageDef[], path: string): { page: StatusPageDef; target: PageTarget } | null {
  const clean = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  for (const page of pages) {
    if (clean === page.path) return { page, target: { kind: 'page' } };
    if (!clean.startsWith(`${page.path}/`)) continue;
    const rest = clean.slice(page.path.length + 1);
    if (rest === 'feed.atom') return { page, target: { kind: 'feed' } };
    if (rest === 'summary.json') return { page, target: { kind: 'summary' } };
    const incident = /^incidents\/([1-9]\d{0,15})$/.exec(rest);
    if (incident) return { page, target: { kind: 'incident', id: Number(incident[1]) } };
  }
  return null;
}

/**
 * The server-rendered status pages: each page's model is read once and each answer rendered once
 * into a Buffer, until invalidate() or its expiry. Invalidation is cheap (a counter and a clear),
 * so the app calls it on every change that might show, and the next request renders.
 */
export class StatusPages {
  readonly #deps: StatusPagesDeps;
  readonly #models = new RenderCache<PageModel>();
  readonly #bodies = new RenderCache<Rendered | null>();
  readonly #known: MonitoredSince = new Map();

  constructor(deps: StatusPagesDeps) {
    this.#deps = deps;
  }

  invalidate(): void {
    this.#models.invalidate();
    this.#bodies.invalidate();
  }

  resolve(path: string): { page: StatusPageDef; target: PageTarget } | null {
    return resolvePath(this.#deps.config().statusPages, path);
  }

  model(page: StatusPageDef): Promise<PageModel> {
    const now = this.#deps.clock.now();
    return this.#models.get(page.id, now, async () => {
      const model = pageModel(await readSnapshot(this.#deps, this.#known, page, now));
      return { value: model, expiresAt: Math.min(now + MAX_AGE_MS, model.nextChangeAt ?? Infinity) };
    });
  }

  /** The answer for a target, or null when there is none (an incident this page does not show). */
  render(page: StatusPageDef, target: PageTarget): Promise<Rendered | null> {
    const now = this.#deps.clock.now();
    const key = `${page.id} ${target.kind} ${target.kind === 'incident' ? target.id : ''}`;
    return this.#bodies.get(key, now, async () => {
      const m = await this.model(page);
      const expiresAt = Math.min(now + MAX_AGE_MS, m.nextChangeAt ?? Infinity);
      return { value: this.#renderModel(m, target), expiresAt };
    });
  }

  #renderModel(m: PageModel, target: PageTarget): Rendered | null {
    const email = this.#deps.config().subscriptions.email;
    switch (target.kind) {
      case 'page': return rendered(pageHtml(m, email), 'text/html; charset=utf-8');
      case 'summary': return rendered(JSON.stringify(summaryJson(m)), 'application/json; charset=utf-8');
      case 'feed': return rendered(atomFeed(m, this.#deps.baseUrl().replace(/\/$/, '')), 'application/atom+xml; charset=utf-8');
      case 'incident': {
        const incident = [...m.active, ...m.history].find((i) => i.id === target.id);
        return incident ? rendered(incidentHtml(m, incident, email), 'text/html; charset=utf-8') : null;
      }
    }
  }
}
