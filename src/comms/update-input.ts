import type { Config, TemplateDef } from '../config/index.ts';
import { IncidentError } from '../incidents/index.ts';
import type { NotificationMessage } from '../notify/index.ts';
import { compileTemplate } from '../notify/templates/index.ts';
import { allComponents } from './incident-components.ts';

export const UPDATE_STATUSES = ['investigating', 'identified', 'monitoring', 'resolved'] as const;
export type UpdateStatus = (typeof UPDATE_STATUSES)[number];

/** What a responder sends to post an update. */
export interface UpdateInput {
  visibility: 'public' | 'internal';
  /** Free text; wins over a template (the console previews the template, then sends the edited text). */
  message?: string | undefined;
  template?: string | undefined;
  status?: UpdateStatus | undefined;
  components?: string[] | undefined;
}

export function findTemplate(config: Config, id: string): TemplateDef {
  const template = config.templates.find((t) => t.id === id);
  if (!template) {
    const ids = config.templates.map((t) => t.id);
    throw new IncidentError('invalid', `unknown template "${id}"; templates: ${ids.join(', ') || 'none are configured'}`, 'template');
  }
  return template;
}

/**
 * A template's text filled in for the incident. Communication templates use the variables of every
 * other template (the config loader checks them with the same compiler), read from a message
 * snapshot of the incident; a template that does not compile is reported, not sent.
 */
export function renderTemplate(template: TemplateDef, context: NotificationMessage): string {
  const compiled = compileTemplate(template.text);
  if (!compiled.ok) {
    throw new IncidentError('invalid', `template "${template.id}", line ${compiled.line}, column ${compiled.column}: ${compiled.message}`, 'template');
  }
  return compiled.render(context);
}

/** The text of the update: the message, else the rendered template; neither is a mistake the sender must fix. */
export function updateText(config: Config, input: UpdateInput, context: () => NotificationMessage): string {
  const message = input.message?.trim();
  if (message) return message;
  if (input.template !== undefined) return renderTemplate(findTemplate(config, input.template), context()).trim();
  throw new IncidentError('invalid', 'expected a message or a template id; found neither', 'message');
}

/** Component ids as given, each checked against the status pages' components. */
export function checkComponents(config: Config, ids: readonly string[]): string[] {
  const known = new Set(allComponents(config).map((c) => c.id));
  for (const id of ids) {
    if (!known.has(id)) throw new IncidentError('invalid', `unknown component "${id}"; components: ${[...known].join(', ') || 'none are configured'}`, 'components');
  }
  return [...new Set(ids)];
}
