import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { FakeClock } from '../src/time/index.ts';
import { launchChromium } from './support/browser.ts';
import { configDir } from './support/config-dir.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// Routines in the console: the 09:00 checklist's task appears on the Routines page; a person opens
// it, ticks one item with a note and the other without, and sees it done. Real server (on a fake
// clock, so the task is due when the test says), Debian's chromium, no mocks.
describe('routine tasks in the console', () => {
  const clock = new FakeClock('2026-03-02T08:59:00Z');
  let app: Opsdeck;
  let browser: Browser;

  beforeAll(async () => {
    const dir = configDir({
      'opsdeck.yaml': `
organization: Routines Browser
timezone: UTC
severities:
  P3: { name: Medium }
routines:
  morning:
    title: Morning checklist
    checklist: ["Review overnight alerts", "Verify backups completed"]
    at: "09:00"
    days: weekdays
    deadline: 2h
`,
    });
    app = await startOpsdeck({ configDir: dir, clock, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    clock.advance(30_000);
    await sleep(100);
    clock.advance(30_000);
    await app.settle();
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

  it('lists the open task, ticks its items with a note, and shows it done', async () => {
    const page = await signedIn('/routines');
    const row = page.locator('[data-testid="routine-tasks"] tbody tr', { hasText: 'Morning checklist' });
    await expect.poll(() => row.locator('[data-testid="task-state"]').innerText()).toBe('open');
    expect(await row.innerText()).toContain('0 of 2 ticked');
    await row.getByRole('link', { name: 'Morning checklist' }).click();

    await page.locator('[data-testid="task-items"]').waitFor();
    await page.getByLabel('Note for “Review overnight alerts”').fill('two disk alerts, both known');
    await page.locator('[data-testid="item-0"]').getByRole('button', { name: 'Tick' }).click();
    await expect.poll(() => page.locator('[data-testid="item-note-0"]').innerText().catch(() => '')).toBe('two disk alerts, both known');
    expect(await page.locator('[data-testid="item-0"]').innerText()).toContain('token:bootstrap-admin');
    expect(await page.locator('[data-testid="task-state"]').innerText()).toBe('open');

    await page.locator('[data-testid="item-1"]').getByRole('button', { name: 'Tick' }).click();
    await expect.poll(() => page.locator('[data-testid="task-state"]').innerText()).toBe('done');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'routine-task-done.png'), fullPage: true });

    const stored = (await app.store.routineTasks.list({ routine: 'morning', limit: 5, offset: 0 })).items[0]!;
    expect(stored.items.map((i) => [i.doneBy, i.note])).toEqual([['token:bootstrap-admin', 'two disk alerts, both known'], ['token:bootstrap-admin', null]]);
    expect(stored.completedAt).not.toBeNull();

    await page.getByRole('link', { name: '← Routines' }).click();
    await expect.poll(() => page.locator('[data-testid="routine-tasks"] tbody').innerText()).toContain('Nothing open.');
    await page.close();
  });
});
