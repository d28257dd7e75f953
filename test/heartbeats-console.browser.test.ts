import { randomUUID } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { launchChromium } from './support/browser.ts';
import { configDir } from './support/config-dir.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

// Issue 4, item 6 in the console: each heartbeat's status (a failed one with why), when it goes
// down unless pinged, and its measured runs and last logs. Real server, Debian's chromium.
describe('heartbeats in the console', () => {
  let app: Opsdeck;
  let browser: Browser;
  const urls: Record<string, string> = {};

  beforeAll(async () => {
    const dir = configDir({
      'opsdeck.yaml': `
organization: Heartbeats Browser
severities:
  P1: { name: Critical }
services:
  db: { name: Database }
heartbeats:
  backup: { name: Nightly backup, cron: "0 2 * * *", grace: 1h, service: db }
  export: { name: Hourly export, period: 1h, grace: 5m, service: db }
  reports: { period: 1d }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    const listed = await apiAs(app.url, app.bootstrapSecret)('GET', '/heartbeats');
    for (const h of listed.body.items) urls[h.id] = h.pingUrl;
    const rid = randomUUID();
    expect((await fetch(`${urls['backup']}/start?rid=${rid}`)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 120));
    expect((await fetch(`${urls['backup']}/0?rid=${rid}`, { method: 'POST', body: 'pg_dump: 42 GB written\nuploaded to s3://backups/2026-03-02' })).status).toBe(200);
    expect((await fetch(`${urls['export']}/3`, { method: 'POST', body: 'export failed: disk full' })).status).toBe(200);
    await waitFor('the export incident', () => app.store.incidents.findOpenByKey('heartbeat:export'));
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
  });

  it('lists status, why one is down, the measured run and the last log', async () => {
    const page = await browser.newPage({ viewport: { width: 1300, height: 900 } });
    await page.goto(`${app.url}/#token=${app.bootstrapSecret}`);
    await page.locator('[data-testid="whoami"]').waitFor();
    await page.getByRole('link', { name: 'Heartbeats' }).click();
    await page.getByRole('heading', { name: 'Heartbeats', level: 1 }).waitFor();
    const row = (id: string) => page.locator(`[data-testid="heartbeat-${id}"]`);
    await row('backup').waitFor();
    expect(page.url()).toBe(`${app.url}/heartbeats`);
    expect(await row('backup').locator('.status-word').innerText()).toBe('up');
    expect(await row('reports').locator('.status-word').innerText()).toBe('new');
    expect(await row('export').locator('.status-word').innerText()).toBe('down');
    expect(await row('export').innerText()).toContain('Hourly export: the job reported a failure (exit status 3)');

    await row('backup').getByText('Runs and logs').click();
    const durations = await row('backup').locator('[data-testid="durations-backup"] li').allInnerTexts();
    expect(durations).toHaveLength(1);
    expect(durations[0]).toMatch(/^\d+ ms\s+· ended/);
    expect(Number(/^(\d+) ms/.exec(durations[0]!)![1])).toBeGreaterThanOrEqual(100);
    expect(await row('backup').locator('pre').first().innerText()).toBe('pg_dump: 42 GB written\nuploaded to s3://backups/2026-03-02');
    expect(await row('backup').locator('[data-testid="ping-url-backup"]').innerText()).toBe(urls['backup']);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'heartbeats.png'), fullPage: true });
    await page.close();
  });
});
