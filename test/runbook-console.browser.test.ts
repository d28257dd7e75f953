import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { launchChromium } from './support/browser.ts';
import { configDir, SEVERITIES } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// A read-only step that prints with pauses, so output can be seen arriving before the step ends,
// a manual item, then a step shaped like `kubectl delete pod "$POD"` but harmless: it writes a file.
const RUNBOOK = `---
title: Restart the API
description: Look first, then delete the stuck pod.
---

# Restart the API

## Look

\`\`\`bash
echo "line 1"; sleep 2; echo "line 2"; sleep 2; echo "line 3"
\`\`\`

## Act

- [ ] Tell #ops the API restarts now

\`\`\`bash {mutating}
echo deleting $POD > "$OUT_FILE"
\`\`\`
`;

// Acceptance 7 (issue 4): a responder runs the incident's runbook from the incident page, watches a
// step's output arrive live over SSE, confirms the mutating step, and the run succeeds, linked on
// the timeline. Real server, real shell, Debian's chromium; no mocks.
describe('running a runbook from the console', () => {
  let app: Opsdeck;
  let down: HttpTarget;
  let browser: Browser;
  let admin: ReturnType<typeof apiAs>;
  let responderToken: string;
  let viewerToken: string;
  let incidentId: number;
  const work = mkdtempSync(path.join(tmpdir(), 'opsdeck-runbook-out-'));

  beforeAll(async () => {
    down = await startHttpTarget(503);
    const dir = configDir({
      'opsdeck.yaml': `
organization: Runbook Browser
timezone: UTC
${SEVERITIES}
services:
  api:
    name: API
    checks:
      health: { http: { url: "${down.url}/health" }, every: 1s, timeout: 500ms, expect: ["[STATUS] == 200"] }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "API is down", runbook: runbooks/restart-api.md }
`,
    });
    mkdirSync(path.join(dir, 'runbooks'));
    writeFileSync(path.join(dir, 'runbooks', 'restart-api.md'), RUNBOOK);
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    admin = apiAs(app.url, app.bootstrapSecret);
    responderToken = (await admin('POST', '/tokens', { name: 'responder', role: 'responder' })).body.secret;
    viewerToken = (await admin('POST', '/tokens', { name: 'wall', role: 'viewer' })).body.secret;
    incidentId = await waitFor('the incident', async () => (await admin('GET', '/incidents')).body?.items?.[0]?.id as number | undefined);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  // Each test's pages close after it, so no page of an earlier test still holds a stream or a poll.
  const pages: Page[] = [];
  afterEach(async () => {
    await Promise.all(pages.splice(0).map((p) => p.close()));
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await down?.close();
  });

  async function signedIn(token: string, at: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    pages.push(page);
    await page.goto(`${app.url}/#token=${token}`);
    await page.locator('[data-testid="whoami"]').waitFor();
    await page.goto(`${app.url}${at}`);
    return page;
  }

  /** axe-core over one region (what these pages add), serious and critical findings only. */
  async function axeFindings(page: Page, selector: string): Promise<{ id: string; impact: string; nodes: number }[]> {
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async (sel) => {
      const axe = (globalThis as unknown as { axe: { run(context: Element): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe;
      const result = await axe.run(document.querySelector(sel)!);
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    }, selector);
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  const step = (page: Page, index: number) => page.locator(`[data-testid="run-step"][data-index="${index}"]`);

  it('lists the runbook with its steps and the one that changes things', async () => {
    const page = await signedIn(responderToken, '/runbooks');
    const row = page.locator('[data-testid="runbook-row"][data-runbook-id="runbooks/restart-api.md"]');
    await row.waitFor({ timeout: 10_000 });
    expect(await row.innerText()).toContain('Restart the API');
    expect(await row.innerText()).toContain('1 mutating');
    await row.getByRole('link', { name: 'Restart the API' }).click();
    await page.getByRole('heading', { name: 'Restart the API', level: 1 }).waitFor();
    const steps = page.locator('[data-testid="plan-step"]');
    expect(await steps.count()).toBe(3);
    expect(await steps.nth(0).getAttribute('data-risk')).toBe('readonly');
    expect(await steps.nth(1).getAttribute('data-kind')).toBe('manual');
    expect(await steps.nth(2).getAttribute('data-risk')).toBe('mutating');
    expect(await steps.nth(2).innerText()).toContain('echo deleting $POD');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'runbook-plan.png'), fullPage: true });
  });

  it('runs it from the incident page: output live, the mutating step confirmed, the run on the timeline', async () => {
    const outFile = path.join(work, 'deleted.txt');
    const page = await signedIn(responderToken, `/incidents/${incidentId}`);
    const panel = page.getByTestId('runbook-panel');
    await panel.waitFor({ timeout: 10_000 });
    await panel.getByTestId('run-runbook').click();

    // The run form comes prefilled with the incident, below the plan the responder is about to run.
    const form = page.getByTestId('run-form');
    await form.waitFor({ timeout: 10_000 });
    expect(await form.getByLabel('Incident').inputValue()).toBe(String(incidentId));
    await page.locator('#param-POD').fill('api-7f9c');
    await page.locator('#param-OUT_FILE').fill(outFile);
    await form.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(/\/runbook-runs\/\d+$/, { timeout: 10_000 });
    const runId = Number(/(\d+)$/.exec(page.url())?.[1]);

    // A line is on screen while its step is still running: it came over the stream, not after the fact.
    const first = step(page, 0);
    const output = first.getByTestId('step-output');
    await expect.poll(() => output.innerText({ timeout: 250 }).catch(() => ''), { timeout: 10_000, interval: 50 }).toContain('line 1');
    expect(await first.getAttribute('data-status')).toBe('running');
    expect(await output.innerText()).not.toContain('line 3');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'runbook-run-live.png'), fullPage: true });

    // The manual item waits for a person, who says what they did.
    const manual = step(page, 1);
    await expect.poll(() => manual.getAttribute('data-status'), { timeout: 15_000 }).toBe('waiting');
    expect(await output.innerText()).toContain('line 3');
    expect(await first.getByTestId('step-exit').innerText()).toBe('exit 0');
    await manual.getByLabel('Note (optional)').fill('Told #ops at the stand-up');
    await manual.getByRole('button', { name: 'Done' }).click();
    await expect.poll(() => manual.getAttribute('data-status'), { timeout: 10_000 }).toBe('succeeded');
    await expect.poll(() => manual.getByTestId('step-by').innerText().catch(() => ''), { timeout: 10_000 }).toContain('Told #ops at the stand-up');

    // The mutating step waits, showing what it will run; nothing has been deleted yet.
    const second = step(page, 2);
    await expect.poll(() => second.getAttribute('data-status'), { timeout: 15_000 }).toBe('waiting');
    expect(await second.innerText()).toContain('echo deleting $POD');
    expect(await page.getByTestId('run-status').innerText()).toBe('waiting for you');
    expect(existsSync(outFile)).toBe(false);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'runbook-run-waiting.png'), fullPage: true });

    await second.getByRole('button', { name: 'Confirm and run step 3' }).click();
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 15_000 }).toBe('succeeded');
    await expect.poll(() => second.getAttribute('data-status')).toBe('succeeded');
    expect(readFileSync(outFile, 'utf8')).toBe('deleting api-7f9c\n');
    expect(await page.getByRole('button', { name: 'Cancel run' }).count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'runbook-run-succeeded.png'), fullPage: true });

    // The API agrees, and the run is linked to the incident.
    const { body } = await admin('GET', `/runbook-runs/${runId}`);
    expect(body.run).toMatchObject({ status: 'succeeded', incidentId, runbook: 'runbooks/restart-api.md', dryRun: false });
    expect(body.steps.map((s: { status: string }) => s.status)).toEqual(['succeeded', 'succeeded', 'succeeded']);
    expect(body.steps[2].exitCode).toBe(0);
    expect(body.steps[1].note).toBe('Told #ops at the stand-up');

    // Back on the incident: the run is listed and its events stand out on the timeline.
    await page.getByRole('link', { name: `← Incident #${incidentId}` }).click();
    const row = page.locator(`[data-testid="run-row"][data-run-id="${runId}"]`);
    await row.waitFor({ timeout: 10_000 });
    expect(await row.getAttribute('data-status')).toBe('succeeded');
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-kind="runbook"]').count(), { timeout: 10_000 }).toBeGreaterThanOrEqual(2);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'runbook-incident.png'), fullPage: true });

    // Each of those events leads back to the run and its output.
    await page.locator('[data-testid="timeline-event"][data-kind="runbook"]').first().getByRole('link', { name: 'view run' }).click();
    await page.waitForURL(new RegExp(`/runbook-runs/${runId}$`));
    await expect.poll(() => step(page, 0).getByTestId('step-output').innerText({ timeout: 250 }).catch(() => '')).toBe('line 1\nline 2\nline 3\n');
  });

  it('cancels a run while its step is running, and a dry run executes nothing', async () => {
    const outFile = path.join(work, 'cancelled.txt');
    const page = await signedIn(responderToken, `/runbooks/view?id=${encodeURIComponent('runbooks/restart-api.md')}`);
    await page.getByTestId('run-form').waitFor({ timeout: 10_000 });
    await page.locator('#param-POD').fill('api-1');
    await page.locator('#param-OUT_FILE').fill(outFile);
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    await page.waitForURL(/\/runbook-runs\/\d+$/, { timeout: 10_000 });
    await expect.poll(() => step(page, 0).getByTestId('step-output').innerText({ timeout: 250 }).catch(() => ''), { timeout: 10_000 }).toContain('line 1');
    await page.getByRole('button', { name: 'Cancel run' }).click();
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 10_000 }).toBe('cancelled');
    expect(await step(page, 0).getByTestId('step-output').innerText()).not.toContain('line 3');
    expect(existsSync(outFile)).toBe(false);

    const dryFile = path.join(work, 'dry.txt');
    await page.goto(`${app.url}/runbooks/view?id=${encodeURIComponent('runbooks/restart-api.md')}`);
    await page.getByTestId('run-form').waitFor({ timeout: 10_000 });
    await page.locator('#param-POD').fill('api-2');
    await page.locator('#param-OUT_FILE').fill(dryFile);
    await page.getByRole('button', { name: 'Dry run' }).click();
    await page.waitForURL(/\/runbook-runs\/\d+$/, { timeout: 10_000 });
    await page.getByText('dry run: nothing was executed').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.getByTestId('run-status').innerText(), { timeout: 10_000 }).not.toMatch(/running|waiting/);
    expect(existsSync(dryFile)).toBe(false);
    // What would have run, with the values in place of the references.
    await expect.poll(() => step(page, 2).getByTestId('step-output').innerText({ timeout: 250 }).catch(() => ''), { timeout: 10_000 }).toContain(`echo deleting api-2 > "${dryFile}"`);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'runbook-dry-run.png'), fullPage: true });
  });

  it('shows a viewer the plan but no way to run it', async () => {
    const page = await signedIn(viewerToken, `/incidents/${incidentId}`);
    const panel = page.getByTestId('runbook-panel');
    await panel.waitFor({ timeout: 10_000 });
    await expect.poll(() => panel.innerText(), { timeout: 10_000 }).toContain('cannot run it');
    expect(await panel.getByTestId('run-runbook').count()).toBe(0);
    await page.goto(`${app.url}/runbooks/view?id=${encodeURIComponent('runbooks/restart-api.md')}`);
    await page.getByTestId('run-not-allowed').waitFor({ timeout: 10_000 });
    expect(await page.getByTestId('run-form').count()).toBe(0);
    expect(await page.locator('[data-testid="plan-step"]').count()).toBe(3);
  });

  it('has no serious or critical axe-core findings on the runbook pages and the incident panel', async () => {
    const { body } = await admin('GET', '/runbook-runs?limit=50');
    const done = body.items.find((r: { status: string; dryRun: boolean }) => r.status === 'succeeded' && !r.dryRun);
    expect(done).toBeDefined();
    const pages: [string, string][] = [
      ['/runbooks', 'main'],
      [`/runbooks/view?id=${encodeURIComponent('runbooks/restart-api.md')}&incident=${incidentId}`, 'main'],
      [`/runbook-runs/${done.id}`, 'main'],
      [`/incidents/${incidentId}`, '[data-testid="runbook-panel"]'],
    ];
    for (const [at, region] of pages) {
      const page = await signedIn(responderToken, at);
      await page.locator(`${region} h1, ${region} h2`).first().waitFor({ timeout: 10_000 });
      await page.locator('[data-testid="run-row"], [data-testid="run-step"], [data-testid="plan-step"]').first().waitFor({ timeout: 10_000 });
      expect({ at, findings: await axeFindings(page, region) }).toEqual({ at, findings: [] });
    }
  });
});
