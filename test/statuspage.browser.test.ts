import { createRequire } from 'node:module';
import path from 'node:path';
import { HtmlValidate } from 'html-validate';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './support/api.ts';
import { launchChromium } from './support/browser.ts';
import { startStatusFixture, type StatusFixture } from './statuspage-fixture.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

// Issue 5, acceptance 1: with JavaScript off in Debian's chromium, the status page shows its
// components, an active incident with its public update (posted through the API) and an upcoming
// maintenance window (from the config); the HTML validates, axe finds nothing serious, and a page
// of 20 components with 90 days of bars stays under 50 KB of HTML and CSS.
describe('the public status page in a browser', () => {
  let f: StatusFixture;
  let browser: Browser;
  let html: string;

  beforeAll(async () => {
    f = await startStatusFixture();
    browser = await launchChromium();
    const id = await f.trigger('Checkout errors', 'error');
    const posted = await f.api('POST', `/incidents/${id}/updates`, { visibility: 'public', status: 'identified', message: 'Some card payments fail; we have found the cause and are fixing it.' });
    expect(posted.status).toBe(200);
    // Let the failing check of component 3 run, so the page shows a check-driven outage too.
    f.clock.advance(11_000);
    await waitFor('component 3 failing', async () => ((await (await fetch(`${f.app.url}/status/summary.json`)).json()) as { components: { id: string; status: string }[] })
      .components.some((c) => c.id === 'c03' && c.status === 'major'));
    html = await (await fetch(`${f.app.url}/status`)).text();
  });
  afterAll(async () => {
    await browser?.close();
    await f?.stop();
  });

  it('shows components, the incident with its public update, and the upcoming maintenance with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 1000, height: 900 } });
    // Scripts really are off in this context.
    const probe = await context.newPage();
    await probe.setContent('<p id="x">off</p><script>document.getElementById("x").textContent = "on"</script>');
    expect(await probe.locator('#x').textContent()).toBe('off');
    const page = await context.newPage();
    await page.goto(`${f.app.url}/status`);
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Demo Shop status');
    expect(await page.getByRole('heading', { level: 2, name: 'Major outage' }).count()).toBe(1);

    const components = page.getByRole('region', { name: 'Components' });
    for (const [name, status] of [['Component 01', 'Partial outage'], ['Component 02', 'Operational'], ['Component 03', 'Major outage'], ['Component 20', 'Operational']] as const) {
      const row = components.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) }).first();
      expect(await row.locator('.row').textContent()).toBe(`${name}${status}`);
    }
    expect(await components.getByRole('list', { name: /uptime by day$/ }).count()).toBe(20);
    expect(await components.getByRole('list', { name: 'Component 05, uptime by day' }).getByRole('listitem').count()).toBe(90);
    expect(await components.getByText('99.973% uptime over the last 90 days').count()).toBe(1);

    const incidents = page.getByRole('region', { name: 'Active incidents' });
    expect(await incidents.getByRole('heading', { level: 3 }).textContent()).toContain('Checkout errors');
    expect(await incidents.getByText('Some card payments fail; we have found the cause and are fixing it.').count()).toBe(1);
    expect(await incidents.getByText('Identified').count()).toBe(1);

    const maintenance = page.getByRole('region', { name: 'Maintenance' });
    expect(await maintenance.getByRole('heading', { name: 'Database upgrade' }).count()).toBe(1);
    expect(await maintenance.textContent()).toContain('Scheduled 3 Dec 2026, 12:00 UTC to 3 Dec 2026, 14:00 UTC');
    expect(await maintenance.getByText('Checkout may be slow while the database is upgraded.').count()).toBe(1);

    await page.screenshot({ path: path.join(SCREENSHOTS, 'status-page-no-js.png'), fullPage: true });
    await context.close();
  });

  it('validates with html-validate\'s recommended rules', async () => {
    const report = await new HtmlValidate({ extends: ['html-validate:recommended'] }).validateString(html);
    expect(report.results.flatMap((r) => r.messages.map((m) => `${m.ruleId}: ${m.message}`))).toEqual([]);
    expect(report.valid).toBe(true);
  });

  it('has no serious or critical axe-core violations', async () => {
    // axe is JavaScript: it runs in a second context, on the same page, with scripts on.
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`${f.app.url}/status`);
    await page.addScriptTag({ path: AXE });
    const violations = await page.evaluate(async () => {
      const result = await (globalThis as unknown as { axe: { run(): Promise<{ violations: { id: string; impact: string; nodes: unknown[] }[] }> } }).axe.run();
      return result.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.length }));
    });
    expect(violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')).toEqual([]);
    await context.close();
  });

  it('stays under 50 KB of HTML and CSS with 20 components and 90 days of bars', () => {
    const bytes = Buffer.byteLength(html);
    console.log(`status page: ${bytes} bytes for 20 components`);
    expect(html).not.toMatch(/<script|<link rel="stylesheet"|@import|url\(/);
    expect(bytes).toBeLessThan(50 * 1024);
  });
});
