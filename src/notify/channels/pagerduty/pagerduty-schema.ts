import { z } from 'zod';
import { templateSchema } from '../../templates/index.ts';
import { blockError, envName, httpUrl } from '../channel-schema.ts';

export const PAGERDUTY_SEVERITIES = ['critical', 'error', 'warning', 'info'] as const;
export type PagerDutySeverity = (typeof PAGERDUTY_SEVERITIES)[number];

const block = z
  .strictObject(
    {
      /** Preferred: an integration key is a credential, so it lives in the environment. */
      routing_key_env: envName.optional(),
      routing_key: z.string().min(1).optional(),
      url: httpUrl.default('https://events.pagerduty.com/v2/enqueue'),
      /** Opsdeck severity id -> PagerDuty severity, over the default P1 critical, P2 error, P3 warning, P4 info. */
      severity_map: z.record(z.string(), z.enum(PAGERDUTY_SEVERITIES)).optional(),
      template: templateSchema.optional(),
    },
    { error: blockError('a map with routing_key_env: (or routing_key:)') },
  )
  .superRefine((value, ctx) => {
    if ((value.routing_key === undefined) === (value.routing_key_env === undefined)) {
      const found = value.routing_key === undefined ? 'neither' : 'both';
      ctx.addIssue({ code: 'custom', message: `expected exactly one of routing_key_env: (preferred) or routing_key:, found ${found}` });
    }
  });

/** `pagerduty: { routing_key_env: PD_ROUTING_KEY, url?, severity_map?, template? }`. */
export const pagerdutySchema = block;

export type PagerDutyConfig = z.output<typeof block>;
