import { mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { launchChromium } from './support/browser.ts';
import { configDir } from './support/config-dir.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const KEY = 'browser0changes0key0000000000001';
const MINUTE = 60_000;
const trigger = JSON.parse(readFileSync(new URL('./fixtures/events-v2/pagerduty-events-v2-trigger-request.docs.json', import.meta.url), 'utf8'));

// Issue 6, console: a deploy recorded through /api/v1/changes shows on its service's page and on
// an incident opened after it ("changes in the two hours before"); the incident page shows what
// the Events v2 sender sent (links, images as links, custom_details, component/group/class).
// Real server, Debian's chromium, no mocks.
describe('changes and external alert details in the console', () => {
  let app: Opsdeck;
  let browser: Browser;
  let call: ReturnType<typeof apiAs>;
  let incidentId: number;

  beforeAll(async () => {
    // Receivers read routing_key_env from the process environment.
    process.env['BROWSER_CHANGES_KEY'] = KEY;
    const dir = configDir({
      'opsdeck.yaml': `
organization: Changes Browser
severities:
  P1: { name: Critical }
services:
  payments: { name: Payments }
  search: { name: Search }
integrations:
  monitoring:
    events_v2: { service: payments, routing_key_env: BROWSER_CHANGES_KEY }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    call = apiAs(app.url, app.bootstrapSecret);
    const ago = (m: number) => new Date(Date.now() - m * MINUTE).toISOString();
    for (const change of [
      { summary: 'deploy payments v1.4.2', service: 'payments', source: 'github-actions', timestamp: ago(30), links: [{ href: 'https://ci.example.com/run/42', text: 'CI run 42' }] },
      { summary: 'rotate TLS certificates', timestamp: ago(90) },
      { summary: 'deploy search v9', service: 'search', timestamp: ago(20) },
      { summary: 'deploy payments v1.3.0', service: 'payments', timestamp: ago(180) },
    ]) expect((await call('POST', '/changes', change)).status).toBe(200);

    const event = {
      ...trigger, routing_key: KEY, payload: { ...trigger.payload, timestamp: new Date().toISOString() },
      links: [...trigger.links, { href: 'javascript:alert(1)', text: 'not a link' }],
    };
    const sent = await fetch(`${app.url}/v2/enqueue`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(event) });
    expect(sent.status).toBe(202);
    incidentId = (await waitFor('the incident', async () => (await call('GET', '/incidents')).body.items[0])).id;
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  async function signedIn(at: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${app.url}/#token=${app.bootstrapSecret}`);
    await page.locator('[data-testid="whoami"]').waitFor();
    await page.goto(`${app.url}${at}`);
    return page;
  }

  const summaries = (page: Page, section: string) => page.locator(`[data-testid="${section}"] [data-testid="change-summary"]`).allInnerTexts();

  it('shows the service\'s recent changes, its own and those for every service, newest first', async () => {
    const page = await signedIn('/');
    await page.locator('[data-testid="service-link"]', { hasText: 'Payments' }).click();
    await page.getByRole('heading', { name: /Payments/, level: 1 }).waitFor();
    await page.locator('[data-testid="recent-changes"] [data-testid="change"]').first().waitFor();
    expect(page.url()).toBe(`${app.url}/services/payments`);
    expect(await summaries(page, 'recent-changes')).toEqual(['deploy payments v1.4.2', 'rotate TLS certificates', 'deploy payments v1.3.0']);
    const deploy = page.locator('[data-testid="recent-changes"] [data-testid="change"]').first();
    expect(await deploy.innerText()).toContain('github-actions');
    expect(await deploy.getByRole('link', { name: 'CI run 42' }).getAttribute('href')).toBe('https://ci.example.com/run/42');
    expect(await page.locator('[data-testid="recent-changes"]').innerText()).toContain('all services');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'service-recent-changes.png'), fullPage: true });
    await page.close();
  });

  it('shows an incident the changes in the two hours before it and what the sender sent', async () => {
    const page = await signedIn(`/incidents/${incidentId}`);
    await page.getByRole('heading', { name: 'Changes in the two hours before' }).waitFor();
    await page.locator('[data-testid="changes-before"] [data-testid="change"]').first().waitFor();
    // Not the search deploy (another service), not the one three hours ago.
    expect(await summaries(page, 'changes-before')).toEqual(['deploy payments v1.4.2', 'rotate TLS certificates']);

    const alert = page.locator('[data-testid="external-alert"]');
    expect(await alert.getByRole('heading').innerText()).toBe('Alert from Events API v2');
    expect(await alert.locator('[data-testid="external-source"]').innerText()).toBe('prod-datapipe03.example.com');
    expect(await alert.locator('[data-testid="external-component"]').innerText()).toBe('mysql');
    expect(await alert.locator('[data-testid="external-group"]').innerText()).toBe('prod-datapipe');
    expect(await alert.locator('[data-testid="external-class"]').innerText()).toBe('disk');
    expect(await alert.getByRole('link', { name: 'An example link.' }).getAttribute('href')).toBe('http://pagerduty.example.com');
    // An image is a link to where it points, not a picture fetched from the sender's server.
    expect(await alert.locator('img').count()).toBe(0);
    expect(await alert.getByRole('link', { name: 'An example link with an image' }).getAttribute('href')).toBe('https://example.com');
    // A javascript: URL from a sender stays text.
    expect(await alert.getByRole('link', { name: 'not a link' }).count()).toBe(0);
    expect(await alert.getByText('not a link').count()).toBe(1);
    const rows = await alert.locator('[data-testid="custom-details"] tr').allInnerTexts();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual(['free space 1%', 'ping time 1500ms', 'load avg 0.75']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-changes-and-alert.png'), fullPage: true });

    // The page's service link leads to the service page.
    await page.locator('.incident-head').getByRole('link', { name: 'payments' }).click();
    await page.locator('[data-testid="recent-changes"]').waitFor();
    expect(page.url()).toBe(`${app.url}/services/payments`);
    await page.close();
  });
});
