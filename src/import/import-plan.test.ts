import { describe, expect, it } from 'vitest';
import { planImport } from './import-plan.ts';

const DOC = `# Shop Ops

## Daily Status (8:30 AM)

\`\`\`bash
kubectl get pods -n shop
curl -f https://shop.example.com/healthz
\`\`\`

## Weekly Restart

\`\`\`bash
kubectl rollout restart deployment/shop -n shop
\`\`\`

## Daily Pod Check

\`\`\`bash
kubectl logs <pod-name> -n shop
\`\`\`

## Chores

**Daily**
- [ ] Read the error log

**Monthly**
- [ ] Rotate the API keys
`;

describe('planImport', () => {
  const plan = planImport(DOC, 'shop.md');
  const config = plan.files.find((f) => f.path === 'opsdeck.yaml')!.text;

  it('writes opsdeck.yaml first, then one runbook per section with shell blocks', () => {
    expect(plan.files.map((f) => f.path)).toEqual(['opsdeck.yaml', 'runbooks/daily-status.md', 'runbooks/weekly-restart.md', 'runbooks/daily-pod-check.md']);
  });

  it('runs a read-only runbook without parameters by itself; otherwise running it is a checklist item, with the reason', () => {
    expect(config).toContain('  daily-status:\n    # From shop.md line 3. Assumed: "daily" taken as weekdays at 08:30, the time written.\n    title: "Daily Status (8:30 AM)"\n    at: "08:30"\n    days: weekdays\n    runbook: runbooks/daily-status.md\n');
    expect(config).toContain('    # A checklist item, not runbook:, because the runbook changes things (line 1: kubectl rollout); switch to runbook: to run it by itself.\n    title: "Weekly Restart"\n    every: "Mon 10:00"\n    checklist:\n      - "Run runbooks/weekly-restart.md"\n');
    expect(config).toContain('    # A checklist item, not runbook:, because the runbook needs POD_NAME; switch to runbook: with params: to run it by itself.\n');
  });

  it('makes a routine per labelled cadence, with its own items', () => {
    expect(config).toContain('  chores-daily:\n    # From shop.md line 24. Assumed: "daily" taken as weekdays at 09:00 (no time written).\n    title: "Chores: Daily"\n    at: "09:00"\n    days: weekdays\n    checklist:\n      - "Read the error log"\n');
    expect(config).toContain('  chores-monthly:\n');
    expect(config).toContain('    every: "first Mon 10:00"\n    checklist:\n      - "Rotate the API keys"\n');
  });

  it('maps the health check and says what it could not map', () => {
    expect(config).toContain('        http: { url: "https://shop.example.com/healthz" }\n        expect: ["[STATUS] == 200"]\n');
    expect(plan.mapped).toContain('check imported/http-shop-example-com <- line 7: curl -f https://shop.example.com/healthz -> http check expecting [STATUS] == 200');
    expect(plan.unmapped).toEqual(['no severity table (P1..P4 with response times) found: wrote P1..P4 without response targets']);
  });
});
