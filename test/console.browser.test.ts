import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { waitFor, apiAs } from './support/api.ts';
import { launchChromium } from './support/browser.ts';
import { configDir, SEVERITIES } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

// Acceptance: a Playwright test in Debian's chromium opens the console, finds a
// failing service, acknowledges its incident, and saves a screenshot.
describe('the web console in chromium', () => {
  let app: Opsdeck;
  let up: HttpTarget;
  let down: HttpTarget;
  let browser: Browser;
  let dir: string;

  beforeAll(async () => {
    up = await startHttpTarget(200);
    down = await startHttpTarget(503);
    dir = configDir({
      'opsdeck.yaml': `
organization: Browser
${SEVERITIES}
services:
  website:
    name: Website
    checks:
      home: { http: { url: "${up.url}/" }, every: 1s, timeout: 500ms }
  payments:
    name: Payments
    checks:
      health: { http: { url: "${down.url}/health" }, every: 1s, timeout: 500ms, expect: ["[STATUS] == 200"] }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "Payments is down" }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    await waitFor('the incident', async () => (await apiAs(app.url, app.bootstrapSecret)('GET', '/incidents')).body.total === 1);
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await up?.close();
    await down?.close();
  });

  it('signs in from the printed URL, finds the failing service and acknowledges its incident', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.url}/#token=${app.bootstrapSecret}`);
    expect(page.url()).not.toContain('token=');

    const failing = page.locator('[data-testid="service-row"][data-status="down"]');
    await failing.first().waitFor({ timeout: 10_000 });
    expect(await failing.count()).toBe(1);
    await expect.poll(() => failing.first().innerText()).toContain('[STATUS] (503) == 200');
    await expect.poll(() => page.locator('[data-testid="service-row"][data-status="up"]').count(), { timeout: 10_000 }).toBe(1);
    mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-overview.png') });

    await failing.locator('[data-testid="open-incidents-link"]').click();
    const row = page.locator('[data-testid="incident-row"]');
    await row.first().waitFor();
    await row.first().getByText('Payments is down').click();

    const status = page.locator('[data-testid="incident-status"]');
    await expect.poll(() => status.textContent()).toBe('triggered');
    await page.getByRole('button', { name: 'Acknowledge' }).click();
    await expect.poll(() => status.textContent(), { timeout: 5000 }).toBe('acknowledged');
    await expect.poll(() => page.locator('[data-testid="timeline-event"]').last().innerText()).toContain('Acknowledged');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-incident-acknowledged.png'), fullPage: true });

    const { body } = await apiAs(app.url, app.bootstrapSecret)('GET', '/incidents/1');
    expect(body.incident.status).toBe('acknowledged');
  });

  it('shows a banner with the errors when a config reload fails, and clears it once fixed', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    await page.goto(`${app.url}/#token=${app.bootstrapSecret}`);
    await page.locator('[data-testid="service-row"]').first().waitFor();
    const file = path.join(dir, 'opsdeck.yaml');
    const good = readFileSync(file, 'utf8');
    const bad = good.replace('every: 1s, timeout: 500ms }\n  payments', 'every: often, timeout: 500ms }\n  payments');
    writeFileSync(file, bad);
    const lines = bad.split('\n');
    const line = lines.findIndex((l) => l.includes('often')) + 1;
    const column = lines[line - 1]!.indexOf('often') + 1;
    expect((await app.reload()).ok).toBe(false);
    const banner = page.locator('[data-testid="config-banner"]');
    await banner.waitFor({ timeout: 10_000 });
    expect(await banner.innerText()).toContain(
      `opsdeck.yaml:${line}:${column}: services.website.checks.home.every: expected a duration like 30s, 5m, 1h30m or 14d, found "often"`,
    );
    await page.screenshot({ path: path.join(SCREENSHOTS, 'console-config-banner.png') });
    writeFileSync(file, good);
    expect((await app.reload()).ok).toBe(true);
    await banner.waitFor({ state: 'detached', timeout: 10_000 });
  });
});
