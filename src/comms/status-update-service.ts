import { incidentLink } from '../incidents/index.ts';
import type { Config, TemplateDef } from '../config/index.ts';
import type { Incident, IncidentService } from '../incidents/index.ts';
import type { StatusUpdate, Store } from '../store/index.ts';
import type { NotificationMessage } from '../notify/index.ts';
import { notifySubscribers } from '../subscriptions/index.ts';
import type { Clock } from '../time/index.ts';
import { allComponents, componentsOfService } from './incident-components.ts';
import { formatUtcMinute } from './utc-minute.ts';
import { updateCadence, type UpdateCadence } from './update-cadence.ts';
import { checkComponents, findTemplate, renderTemplate, updateText, type UpdateInput } from './update-input.ts';

export interface StatusUpdateDeps {
  store: Store;
  clock: Clock;
  config: () => Config;
  incidents: IncidentService;
  /** Console links (server.public_url, else the listen address). */
  consoleUrl: () => string;
  /** Where subscribers' links point; the same base, kept apart because customers never see the console. */
  publicUrl: () => string;
  /** Wakes the delivery worker after rows were queued. */
  queued?: () => void;
}

const capitalized = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * Status updates on an incident: internal ones for the team, public ones for status pages and
 * subscribers. A public update's outbox rows commit with the update itself.
 */
export class StatusUpdates {
  readonly #deps: StatusUpdateDeps;

  constructor(deps: StatusUpdateDeps) {
    this.#deps = deps;
  }

  templates(): TemplateDef[] {
    return this.#deps.config().templates;
  }

  async preview(incidentId: number, templateId: string): Promise<{ template: TemplateDef; text: string }> {
    const incident = await this.#deps.incidents.get(incidentId);
    const template = findTemplate(this.#deps.config(), templateId);
    return { template, text: renderTemplate(template, this.#context(incident)).trim() };
  }

  /** The updates, oldest first, and when the next public one is due (overdueSince set once it is late). */
  async list(incidentId: number): Promise<{ items: StatusUpdate[]; cadence: UpdateCadence | null }> {
    const incident = await this.#deps.incidents.get(incidentId);
    const items = await this.#deps.store.statusUpdates.forIncident(incidentId);
    const lastPublic = items.filter((u) => u.visibility === 'public').at(-1)?.at ?? null;
    return { items, cadence: updateCadence(incident, lastPublic, this.#everyMs(incident), this.#deps.clock.now()) };
  }

  /**
   * Sets the incident's status first when asked (through the incident service, so acknowledgement
   * and escalation follow the usual rules), then records the update with its timeline event and,
   * when public, one outbox row per interested subscriber, in one transaction.
   */
  async post(incidentId: number, input: UpdateInput, actor: string): Promise<{ update: StatusUpdate; incident: Incident; notified: number }> {
    const config = this.#deps.config();
    let incident = await this.#deps.incidents.get(incidentId);
    const components = input.components !== undefined && input.components.length > 0 ? checkComponents(config, input.components) : componentsOfService(config, incident.service);
    const text = updateText(config, input, () => this.#context(incident));
    if (input.status !== undefined && input.status !== incident.status) {
      incident = await this.#deps.incidents.act(incidentId, input.status === 'resolved' ? { type: 'resolve' } : { type: 'status', status: input.status }, actor);
    }
    const now = this.#deps.clock.now();
    const outcome = await this.#deps.store.withTransaction(async (tx) => {
      const update = await tx.statusUpdates.add({ incidentId, at: now, status: incident.status, visibility: input.visibility, message: text, author: actor, components });
      await tx.incidents.addEvent(incidentId, {
        at: now, kind: 'update', actor, message: `${capitalized(input.visibility)} update (${incident.status}): ${text}`,
        data: { update: update.id, visibility: input.visibility, status: incident.status, components, template: input.template ?? null },
      });
      const notified = input.visibility === 'public'
        ? await notifySubscribers(tx, { organization: config.organization, publicUrl: this.#deps.publicUrl(), now }, {
          kind: 'status.update', key: `status-update:${update.id}`, components,
          subject: `${config.organization} status: ${incident.title} (${capitalized(incident.status)})`,
          text: this.#subscriberText(config, incident, text, components, now),
          incident: this.#publicIncident(config, incident),
        })
        : 0;
      return { update, notified };
    });
    if (outcome.notified > 0) this.#deps.queued?.();
    return { ...outcome, incident };
  }

  #everyMs(incident: Incident): number | null {
    return this.#deps.config().severities.find((s) => s.id === incident.severity)?.updateEveryMs ?? null;
  }

  /** The incident as a message snapshot: what template variables read (`{{incident.title}}`, `{{incident.url}}`). */
  #context(incident: Incident): NotificationMessage {
    const base = this.#deps.consoleUrl().replace(/\/+$/, '');
    return {
      kind: 'status.update', organization: this.#deps.config().organization, consoleUrl: base,
      incident: {
        id: incident.id, title: incident.title, service: incident.service, severity: incident.severity, status: incident.status,
        openedAt: incident.openedAt, url: incidentLink(base, incident.id), runbook: incident.runbook,
      },
      level: null, round: null, recipient: null, text: null, deadLetter: null,
    };
  }

  #subscriberText(config: Config, incident: Incident, text: string, components: readonly string[], now: number): string {
    const names = new Map(allComponents(config).map((c) => [c.id, c.name]));
    const lines = [incident.title, '', text, '', `Status: ${capitalized(incident.status)}`];
    if (components.length > 0) lines.push(`Affected: ${components.map((id) => names.get(id) ?? id).join(', ')}`);
    lines.push(`Posted: ${formatUtcMinute(now)}`);
    return lines.join('\n');
  }

  /** What subscribers may see of the incident: the public status page instead of the console, no runbook. */
  #publicIncident(config: Config, incident: Incident): NotificationMessage['incident'] {
    const base = this.#deps.publicUrl().replace(/\/+$/, '');
    const page = config.statusPages.find((p) => p.access === 'public');
    return {
      id: incident.id, title: incident.title, service: incident.service, severity: incident.severity, status: incident.status,
      openedAt: incident.openedAt, url: page ? `${base}${page.path}` : base, runbook: null,
    };
  }
}
