import { z } from 'zod';
import { templateSchema } from '../../templates/index.ts';
import { blockError, envName, httpUrl, withShorthand } from '../channel-schema.ts';

const block = z
  .strictObject(
    {
      url: httpUrl.optional(),
      /** The URL is a credential (anyone holding it can post); url_env keeps it out of the config repo. */
      url_env: envName.optional(),
      template: templateSchema.optional(),
    },
    { error: blockError('a webhook URL or a map with url: or url_env:') },
  )
  .superRefine((value, ctx) => {
    if ((value.url === undefined) === (value.url_env === undefined)) {
      const found = value.url === undefined ? 'neither' : 'both';
      ctx.addIssue({ code: 'custom', message: `expected exactly one of url: or url_env:, found ${found}` });
    }
  });

/** `slack: https://hooks.slack.com/...`, `slack: { url }` or `slack: { url_env: SLACK_ALERTS_URL }`, each with an optional template. */
export const slackSchema = withShorthand('url', block);

export type SlackConfig = z.output<typeof block>;
