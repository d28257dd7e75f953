import { z } from 'zod';
import { id, text } from './schema-fields.ts';
import { mapSection } from './schema-registry.ts';
import { describeValue } from './value-describe.ts';

/** Top-level path segments the server itself answers; a status page there would never be seen. */
export const RESERVED_SEGMENTS = ['api', 'healthz', 'readyz', 'metrics'];
const PATH = /^(\/[A-Za-z0-9._~-]+)+$/;
const PATH_EXAMPLE = 'a URL path like /status or /status/internal';

const pagePath = z.string({ error: (iss) => `expected ${PATH_EXAMPLE}, found ${describeValue(iss.input)}` }).superRefine((written, ctx) => {
  if (written === '/') ctx.addIssue({ code: 'custom', message: `expected ${PATH_EXAMPLE}, found "/", where the console is served` });
  else if (!PATH.test(written)) ctx.addIssue({ code: 'custom', message: `expected ${PATH_EXAMPLE} (letters, digits, ".", "_", "~" and "-" between slashes, no trailing slash), found "${written}"` });
  else if (RESERVED_SEGMENTS.includes(written.split('/')[1]!)) {
    ctx.addIssue({ code: 'custom', message: `expected a path outside ${RESERVED_SEGMENTS.map((s) => `/${s}`).join(', ')} (Opsdeck answers those itself), found "${written}"` });
  }
});

/**
 * Colours go into the page's CSS, so only hex is taken: a free-form value
 * could close the declaration and inject rules. Unquoted, YAML reads
 * `#0b7285` as a comment, hence the hint on an empty value.
 */
const HEX = /^#(?:[0-9a-fA-F]{3,4}|[0-9a-fA-F]{6}|[0-9a-fA-F]{8})$/;
const color = z.unknown().superRefine((written, ctx) => {
  if (typeof written === 'string' && HEX.test(written)) return;
  const quote = written === null ? ' (quote it: an unquoted # starts a YAML comment)' : '';
  ctx.addIssue({ code: 'custom', message: `expected a hex colour like "#0b7285"${quote}, found ${describeValue(written)}` });
}) as z.ZodType<string>;

export const COLOR_NAMES = ['brand', 'operational', 'degraded', 'partial', 'major', 'maintenance'] as const;
const colors = z.strictObject(Object.fromEntries(COLOR_NAMES.map((name) => [name, color.optional()])) as Record<(typeof COLOR_NAMES)[number], z.ZodOptional<z.ZodType<string>>>);

/** Links end up in href attributes: no javascript: or data: URLs. */
function link(example: string, allowMail: boolean) {
  const schemes = allowMail ? /^(https?:\/\/[^\s/]+|mailto:[^\s@]+@[^\s@]+$)/ : /^https?:\/\/[^\s/]+/;
  return z.string({ error: (iss) => `expected ${example}, found ${describeValue(iss.input)}` }).refine(
    (written) => (written.startsWith('/') && !written.startsWith('//') && !/\s/.test(written)) || (schemes.test(written) && URL.canParse(written)),
    { error: (iss) => `expected ${example}, found ${describeValue(iss.input)}` },
  );
}

const nonEmpty = (what: string) => text.min(1, { error: `expected ${what}, found an empty string` });

const componentFields = {
  /** Unique across every page; maintenance windows and subscriptions name it. */
  id,
  /** Display name; the id when absent. */
  name: nonEmpty('a component name').optional(),
  description: text.optional(),
  /** Service ids whose checks, alerts and incidents decide the component's status (checked by status-references.ts). */
  services: z.array(text, { error: (iss) => `expected a list of service ids like [api], found ${describeValue(iss.input)}` })
    .min(1, { error: 'expected at least one service, found an empty list; a component shows the status of its services' }),
};

export interface ComponentSpec {
  id: string;
  name: string | undefined;
  description: string | undefined;
  services: string[];
}

const component = z.strictObject(componentFields);

/**
 * A list entry is a component, or a group `{ group: Checkout, components: [...] }`.
 * One strict map with both shapes' keys, sorted out after parsing, so an
 * unknown key is still reported as one (a union would only say "no match").
 */
const entry = z
  .strictObject({
    group: nonEmpty('a group name').optional(),
    components: z.array(component).min(1, { error: 'expected at least one component in the group, found an empty list' }).optional(),
    ...Object.fromEntries(Object.entries(componentFields).map(([key, schema]) => [key, schema.optional()])) as { [K in keyof typeof componentFields]: z.ZodOptional<(typeof componentFields)[K]> },
  })
  .transform((e, ctx): { group: string | null; components: ComponentSpec[] } => {
    const own = (['id', 'name', 'description', 'services'] as const).filter((key) => e[key] !== undefined);
    if (e.group !== undefined || e.components !== undefined) {
      for (const key of own) ctx.addIssue({ code: 'custom', path: [key], params: { target: 'key' }, message: `"${key}" belongs to a component, not to a group; move it into one of the group's components` });
      if (e.group === undefined) ctx.addIssue({ code: 'custom', message: 'missing required key "group" (the name shown above the components)' });
      if (e.components === undefined) ctx.addIssue({ code: 'custom', message: 'missing required key "components" of the group' });
      return { group: e.group ?? null, components: (e.components ?? []).map(spec) };
    }
    for (const key of ['id', 'services'] as const) if (e[key] === undefined) ctx.addIssue({ code: 'custom', message: `missing required key "${key}" of the component` });
    return { group: null, components: e.id && e.services ? [spec(e as z.output<typeof component>)] : [] };
  });

function spec(c: z.output<typeof component>): ComponentSpec {
  return { id: c.id, name: c.name, description: c.description, services: c.services };
}

const page = z.strictObject({
  /** Default: "<organization> status". */
  title: nonEmpty('a page title').optional(),
  /** Default: /status for the first page, /status/<id> for the others; unique across pages (status-references.ts). */
  path: pagePath.optional(),
  access: z.enum(['public', 'private']).default('public'),
  description: text.optional(),
  logo: link('an image URL like https://example.com/logo.svg or a path like /logo.svg', false).optional(),
  colors: colors.optional(),
  links: z.array(z.strictObject({ text: nonEmpty('the link text'), href: link('a link like https://example.com, mailto:support@example.com or /path', true) })).optional(),
  /** Default: one component per distinct `component:` name of the services, in service order. */
  components: z
    .array(entry, { error: (iss) => `expected a list of components and groups, found ${describeValue(iss.input)}` })
    .min(1, { error: 'expected at least one component, found an empty list; leave components out to show the services by their component:' })
    .optional(),
});

/** Public and internal status pages; included files may add pages. */
export const statusPagesSection = mapSection('status page', page);
