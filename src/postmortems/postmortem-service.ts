import type { Config } from '../config/index.ts';
import { IncidentError, type Incident } from '../incidents/index.ts';
import type { ActionItem, Postmortem, Store } from '../store/index.ts';
import type { Clock } from '../time/index.ts';
import { parseDue } from './action-due.ts';
import { withActionItems } from './action-table.ts';
import { draftPostmortem } from './postmortem-draft.ts';
import { utc } from './markdown-text.ts';

export interface PostmortemServiceDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
}

export interface PostmortemView {
  postmortem: Postmortem;
  actions: ActionItem[];
  /** The body with the action-item table as the items are now: what an export gives. */
  markdown: string;
}

export interface ActionPatch {
  title?: string;
  owner?: string;
  /** A date or time as people write it; null clears it. */
  due?: string | null;
  done?: boolean;
}

/** Post-mortems drafted from resolved incidents, edited and published by people, and their action items. */
export class PostmortemService {
  private readonly deps: PostmortemServiceDeps;

  constructor(deps: PostmortemServiceDeps) {
    this.deps = deps;
  }

  private async incident(id: number): Promise<Incident> {
    const incident = await this.deps.store.incidents.get(id);
    if (!incident) throw new IncidentError('not_found', `no incident ${id}`);
    return incident;
  }

  private async existing(incidentId: number): Promise<Postmortem> {
    await this.incident(incidentId);
    const postmortem = await this.deps.store.postmortems.get(incidentId);
    if (!postmortem) throw new IncidentError('not_found', `incident ${incidentId} has no post-mortem yet; generate one with POST /api/v1/incidents/${incidentId}/postmortem`);
    return postmortem;
  }

  private async view(postmortem: Postmortem): Promise<PostmortemView> {
    const actions = await this.deps.store.postmortems.actions(postmortem.incidentId);
    return { postmortem, actions, markdown: withActionItems(postmortem.body, actions, this.deps.clock.now()) };
  }

  /** A fresh draft; an existing post-mortem is replaced only when asked, since it holds people's writing. */
  async generate(incidentId: number, actor: string, regenerate = false): Promise<PostmortemView> {
    const incident = await this.incident(incidentId);
    if (incident.status !== 'resolved') {
      throw new IncidentError('conflict', `incident ${incidentId} is ${incident.status}; a post-mortem is drafted from a resolved incident, so resolve it first`);
    }
    const { store, clock, config } = this.deps;
    const current = await store.postmortems.get(incidentId);
    if (current && !regenerate) {
      throw new IncidentError('conflict', `incident ${incidentId} has a post-mortem already (${current.state}, last edited by ${current.updatedBy} at ${utc(current.updatedAt)}); pass ?regenerate=true to replace it with a fresh draft`);
    }
    const now = clock.now();
    const cfg = config();
    const components = cfg.statusPages.flatMap((p) => p.groups.flatMap((g) => g.components))
      .filter((c) => incident.service !== null && c.services.includes(incident.service)).map((c) => c.name);
    const body = draftPostmortem({
      incident, now,
      timeline: await store.incidents.timeline(incidentId),
      updates: await store.statusUpdates.forIncident(incidentId),
      actions: await store.postmortems.actions(incidentId),
      severity: cfg.severities.find((s) => s.id === incident.severity),
      components: [...new Set(components)],
    });
    const postmortem: Postmortem = { incidentId, body, createdAt: current?.createdAt ?? now, updatedAt: now, updatedBy: actor, state: 'draft' };
    await store.postmortems.save(postmortem);
    return this.view((await store.postmortems.get(incidentId))!);
  }

  async get(incidentId: number): Promise<PostmortemView> {
    return this.view(await this.existing(incidentId));
  }

  /** Saves people's edits; a published post-mortem stays published (corrections happen). */
  async saveBody(incidentId: number, body: string, actor: string): Promise<PostmortemView> {
    const current = await this.existing(incidentId);
    const next = { ...current, body, updatedAt: this.deps.clock.now(), updatedBy: actor };
    await this.deps.store.postmortems.save(next);
    return this.view(next);
  }

  async publish(incidentId: number, actor: string): Promise<PostmortemView> {
    const current = await this.existing(incidentId);
    if (current.state === 'published') return this.view(current);
    const next: Postmortem = { ...current, state: 'published', updatedAt: this.deps.clock.now(), updatedBy: actor };
    await this.deps.store.postmortems.save(next);
    return this.view(next);
  }

  private due(text: string | null, field: string): number | null {
    if (text === null) return null;
    const parsed = parseDue(text, this.deps.config().timezone);
    if (!parsed.ok) throw new IncidentError('invalid', `${field}: ${parsed.message}`, field);
    return parsed.value;
  }

  /** Action items belong to a post-mortem: they are what its lessons turn into. */
  async addAction(incidentId: number, input: { title: string; owner: string; due: string | null }): Promise<ActionItem> {
    await this.existing(incidentId);
    return this.deps.store.postmortems.addAction({
      incidentId, title: input.title, owner: input.owner, dueAt: this.due(input.due, 'due'), createdAt: this.deps.clock.now(),
    });
  }

  /** A new due time reminds again once it passes; reopening an item (done: false) clears doneAt. */
  async updateAction(id: number, patch: ActionPatch): Promise<ActionItem> {
    const store = this.deps.store.postmortems;
    const current = await store.updateAction(id, {});
    if (!current) throw new IncidentError('not_found', `no action item ${id}`);
    const next: Parameters<typeof store.updateAction>[1] = {};
    if (patch.title !== undefined) next.title = patch.title;
    if (patch.owner !== undefined) next.owner = patch.owner;
    if (patch.due !== undefined) {
      next.dueAt = this.due(patch.due, 'due');
      if (next.dueAt !== current.dueAt) next.remindedAt = null;
    }
    if (patch.done !== undefined && patch.done !== (current.doneAt !== null)) next.doneAt = patch.done ? this.deps.clock.now() : null;
    return (await store.updateAction(id, next))!;
  }

  /**
   * Every action item, oldest first, or only the open ones past their due time. Items hang off
   * post-mortems, so this walks them (the store has no listing across incidents; hundreds at most).
   */
  async listActions(filter: { overdue: boolean }): Promise<ActionItem[]> {
    const { store, clock } = this.deps;
    const now = clock.now();
    const out: ActionItem[] = [];
    for (let offset = 0; ; offset += 200) {
      const page = await store.postmortems.list(200, offset);
      for (const p of page.items) out.push(...(await store.postmortems.actions(p.incidentId)));
      if (offset + page.items.length >= page.total || page.items.length === 0) break;
    }
    const chosen = filter.overdue ? out.filter((a) => a.doneAt === null && a.dueAt !== null && a.dueAt < now) : out;
    return chosen.sort((a, b) => a.id - b.id);
  }
}
