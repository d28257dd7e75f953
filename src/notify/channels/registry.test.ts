import { describe, expect, it } from 'vitest';
import { channelTypes, findChannelType } from './registry.ts';

/** The smallest valid block of each type, as a user would write it. */
const MINIMAL: Record<string, Record<string, unknown>> = {
  webhook: { url: 'https://hooks.example.test/opsdeck' },
  slack: { url_env: 'SLACK_URL' },
  email: { to: 'ops@example.test' },
  pagerduty: { routing_key_env: 'PD_ROUTING_KEY' },
};

describe('channel registry', () => {
  it('holds the four channel types under their YAML names', () => {
    expect([...channelTypes.keys()].sort()).toEqual(['email', 'pagerduty', 'slack', 'webhook']);
    for (const [name, type] of channelTypes) expect(type.name).toBe(name);
    expect(findChannelType('slack')).toBe(channelTypes.get('slack'));
    expect(findChannelType('sms')).toBeUndefined();
  });

  it.each(Object.keys(MINIMAL))('%s accepts its minimal block and rejects unknown keys, naming them', (name) => {
    const type = findChannelType(name)!;
    expect(type.schema.safeParse(MINIMAL[name]).success).toBe(true);
    const result = type.schema.safeParse({ ...MINIMAL[name], retries: 3 });
    expect(result.success).toBe(false);
    expect(result.error?.issues).toEqual([expect.objectContaining({ code: 'unrecognized_keys', keys: ['retries'] })]);
  });

  it.each(Object.keys(MINIMAL))('%s checks its template placeholders at load', (name) => {
    const result = findChannelType(name)!.schema.safeParse({ ...MINIMAL[name], template: { subject: '{{incident.name}}' } });
    expect(result.error?.issues[0]).toMatchObject({ path: ['template', 'subject'], params: { column: 2 } });
  });
});
