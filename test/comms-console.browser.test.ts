import path from 'node:path';
import pino from 'pino';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { systemClock, type Clock } from '../src/time/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { launchChromium } from './support/browser.ts';
import { configDir } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');

// Issue 5, console: the incident page shows "public update overdue", fills a template from the
// preview, posts it as a public update with a status change, and lists it with its badge.
describe('status updates in the console', () => {
  let app: Opsdeck;
  let down: HttpTarget;
  let browser: Browser;
  let call: ReturnType<typeof apiAs>;
  // Real time for the checks and the browser, plus a jump: the server's clock moves 31 minutes at once.
  let jumped = 0;
  const clock: Clock = { now: () => Date.now() + jumped, setTimer: (ms, fn) => systemClock.setTimer(ms, fn) };

  beforeAll(async () => {
    down = await startHttpTarget(503);
    const dir = configDir({
      'opsdeck.yaml': `
organization: Comms Browser
severities:
  P1: { name: Critical, update_every: 30m }
services:
  payments:
    name: Payments
    checks:
      health: { http: { url: "${down.url}/health" }, every: 1s, timeout: 500ms }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "Payments is down" }
`,
    });
    app = await startOpsdeck({ configDir: dir, clock, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    call = apiAs(app.url, app.bootstrapSecret);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await down?.close();
  });

  it('shows the overdue marker, fills a template, and posts a public update that sets the status', async () => {
    const incident = await waitFor('the incident', async () => (await call('GET', '/incidents')).body.items[0], 15_000);
    expect((await call('GET', `/incidents/${incident.id}/updates`)).body.cadence).toMatchObject({ overdueSince: null });
    jumped = 31 * 60_000;
    await waitFor('the update to be overdue', async () => (await call('GET', `/incidents/${incident.id}/updates`)).body.cadence?.overdueSince, 10_000);
    const page = await browser.newPage();
    await page.goto(`${app.url}/#token=${app.bootstrapSecret}`);
    await page.locator('[data-testid="whoami"]').waitFor();
    await page.goto(`${app.url}/incidents/${incident.id}`);
    await page.getByRole('heading', { name: 'Status updates' }).waitFor();
    expect(await page.getByTestId('update-overdue').innerText()).toMatch(/^Public update overdue since .+; every 30m\)$/);

    await page.getByTestId('update-template').selectOption('customer-update');
    await expect.poll(() => page.getByTestId('update-message').inputValue()).toContain('with our payments service');
    expect(await page.locator('input[name="visibility"][value="public"]').isChecked()).toBe(true);
    await page.getByTestId('update-message').fill('Card payments are failing; we are investigating.');
    await page.getByTestId('update-status').selectOption('investigating');
    await page.getByRole('button', { name: 'Post public update' }).click();

    const posted = page.locator('[data-testid="status-update"]').first();
    await posted.waitFor();
    expect(await posted.innerText()).toContain('Card payments are failing; we are investigating.');
    expect(await posted.locator('.visibility').innerText()).toMatch(/public/i);
    await expect.poll(() => page.getByTestId('incident-status').innerText()).toBe('investigating');
    expect(await page.getByTestId('update-message').inputValue()).toBe('');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-status-updates.png'), fullPage: true });

    const { body } = await call('GET', `/incidents/${incident.id}/updates`);
    expect(body.items).toMatchObject([{ visibility: 'public', status: 'investigating', message: 'Card payments are failing; we are investigating.', author: 'token:bootstrap-admin' }]);
  }, 60_000);
});
