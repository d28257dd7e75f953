import type { TemplateDef } from './config-types.ts';

/**
 * The three communication templates the procedures use, shipped so a team
 * has them on day one; `templates:` in config replaces any of them by id.
 * Variables are those of src/notify/templates (checked at load like any
 * other template); the [bracketed] parts are for the person writing the
 * update, who edits the text before it is posted.
 */
export const DEFAULT_TEMPLATES: readonly TemplateDef[] = [
  {
    id: 'internal-update',
    title: 'Internal status update',
    audience: 'internal',
    text: [
      'Incident #{{incident.id}} - {{incident.severity}} - {{incident.title}}',
      'Status: {{incident.status}}',
      'Affected systems: {{incident.service}}',
      'Impact: [description of user impact]',
      "Current actions: [what's being done now]",
      'Next update: [time]',
      '{{incident.url}}',
    ].join('\n'),
  },
  {
    id: 'customer-update',
    title: 'Customer communication',
    audience: 'public',
    text: [
      'We are currently experiencing [brief non-technical description] with our {{incident.service}} service.',
      'Our team is [current action] and we expect to have this resolved by [ETA].',
      'We apologize for any inconvenience and will update this status when the issue is resolved.',
    ].join('\n'),
  },
  {
    id: 'incident-report',
    title: 'Incident report',
    audience: 'internal',
    text: [
      '# Incident Report: #{{incident.id}} {{incident.title}}',
      '',
      '## Summary',
      '[Brief description of the incident]',
      '',
      '## Timeline',
      '- **{{incident.opened_at}}** - Incident detected',
      '- **[HH:MM]** - Investigation started',
      '- **[HH:MM]** - Root cause identified',
      '- **[HH:MM]** - Fix applied',
      '- **[HH:MM]** - Service restored',
      '',
      '## Impact',
      '- **Severity**: {{incident.severity}}',
      '- **Duration**: [X hours Y minutes]',
      '- **Users Affected**: [number/percentage]',
      '- **Services Affected**: {{incident.service}}',
      '',
      '## Root Cause',
      '[Detailed explanation of what caused the incident]',
      '',
      '## Resolution',
      '[How the incident was resolved]',
      '',
      '## Action Items',
      '1. [ ] [Action item 1] - Owner: [Name] - Due: [Date]',
      '',
      '## Lessons Learned',
      '- [Key takeaway 1]',
    ].join('\n'),
  },
];
