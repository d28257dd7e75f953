import { mkdirSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { launchChromium } from './support/browser.ts';
import { configDir, SEVERITIES } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

const SCREENSHOTS = path.resolve(import.meta.dirname, '../test-results');
const ZONE = 'America/New_York';
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

/** "2026-12-07" for the day `at` falls on in the schedule's zone, as a datetime-local input wants it. */
function localDate(at: number): string {
  const p = Object.fromEntries(new Intl.DateTimeFormat('en-US', { timeZone: ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(at).map((x) => [x.type, x.value]));
  return `${p['year']}-${p['month']}-${p['day']}`;
}

// Acceptance (issue 3, console): the schedule page shows four weeks with the override and who is
// on call now, an override made through the form appears, a silence is expired from the list, and
// the incident page shows where its escalation stands. Real server, real chromium, no mocks.
describe('on-call, silences and escalation in the console', () => {
  let app: Opsdeck;
  let down: HttpTarget;
  let receiver: HttpTarget;
  let browser: Browser;
  let call: ReturnType<typeof apiAs>;
  // The config override covers now, so "on call now" is Dee whatever the date the test runs on.
  const started = Date.now();
  const overrideFrom = new Date(started - HOUR).toISOString();
  const overrideTo = new Date(started + DAY).toISOString();

  beforeAll(async () => {
    down = await startHttpTarget(503);
    receiver = await startHttpTarget(200);
    const dir = configDir({
      'opsdeck.yaml': `
organization: OnCall Browser
timezone: UTC
${SEVERITIES}
users:
  ana: { name: Ana Alvarez, timezone: ${ZONE}, contact: { webhook: "${receiver.url}/ana" } }
  ben: { name: Ben Brown, timezone: ${ZONE}, contact: { webhook: "${receiver.url}/ben" } }
  chen: { name: Chen Cho, timezone: Europe/Berlin, contact: { webhook: "${receiver.url}/chen" } }
  # Dee's receiver is down, so her page becomes a dead letter within the short max_age below.
  dee: { name: Dee Dunn, contact: { webhook: "${down.url}/dee" } }
schedules:
  primary:
    name: Primary
    timezone: ${ZONE}
    layers:
      - { name: Weekly, rotation: weekly, handoff: "Fri 17:00", members: [ana, ben] }
      - name: Business hours
        rotation: daily
        handoff: "09:00"
        members: [chen]
        restrictions: [{ days: weekdays, from: "09:00", to: "17:00" }]
    overrides:
      - { user: dee, from: "${overrideFrom}", to: "${overrideTo}" }
escalation_policies:
  default:
    levels:
      - { after: 0m, notify: [schedule:primary, user:ana] }
      - { after: 30m, notify: [user:chen] }
    repeat: 1
    repeat_after: 15m
notifications:
  default_policy: default
  retry: { initial: 100ms, max_delay: 200ms, max_age: 2s }
services:
  payments:
    name: Payments
    checks:
      health: { http: { url: "${down.url}/health" }, every: 1s, timeout: 500ms, expect: ["[STATUS] == 200"] }
    alerts:
      down: { when: "health failing for 1s", severity: P1, summary: "Payments is down" }
`,
    });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, watch: false, logger: pino({ level: 'silent' }) });
    call = apiAs(app.url, app.bootstrapSecret);
    await waitFor('the incident', async () => (await call('GET', '/incidents')).body?.total === 1);
    browser = await launchChromium();
    mkdirSync(SCREENSHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await app?.stop();
    await down?.close();
    await receiver?.close();
  });

  async function signedIn(at: string): Promise<Page> {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.goto(`${app.url}/#token=${app.bootstrapSecret}`);
    await page.locator('[data-testid="whoami"]').waitFor();
    await page.goto(`${app.url}${at}`);
    return page;
  }

  it('lists schedules and shows four weeks of one with the override and who is on call now', async () => {
    const page = await signedIn('/oncall');
    const row = page.locator('[data-testid="schedule-row"][data-schedule-id="primary"]');
    await row.waitFor({ timeout: 10_000 });
    await expect.poll(() => row.locator('[data-testid="schedule-oncall"]').innerText()).toBe('Dee Dunn');

    await row.getByRole('link', { name: 'Primary' }).click();
    await page.getByRole('heading', { name: 'Primary', level: 1 }).waitFor();
    expect(await page.locator('[data-testid="oncall-now-name"]').innerText()).toBe('Dee Dunn');
    expect(await page.locator('[data-testid="oncall-now"]').innerText()).toContain('override');

    // Four tables of seven days, each with one row per layer, an overrides row and the final row.
    const weeks = page.locator('[data-testid="shift-calendar"] table.week');
    expect(await weeks.count()).toBe(4);
    expect(await weeks.first().locator('tbody tr').count()).toBe(4);
    expect(await weeks.first().locator('tbody th[scope="row"]').allInnerTexts()).toEqual(['Weekly', 'Business hours', 'Overrides', 'Final']);
    expect(await page.locator('[data-testid="shift-calendar"] thead th[scope="col"]:not(.row-label)').count()).toBe(28);

    // The config override is marked in the final row and listed without a remove button.
    const deeFinal = page.locator('[data-testid="final-shift"][data-source="override"][data-user="dee"]');
    expect(await deeFinal.count()).toBeGreaterThanOrEqual(1);
    expect(await deeFinal.first().innerText()).toContain('override');
    const configOverride = page.locator('[data-testid="override-row"][data-origin="config"]');
    expect(await configOverride.count()).toBe(1);
    expect(await configOverride.getByRole('button', { name: /Remove/ }).count()).toBe(0);
    // Weekly members appear on the layer row, in the schedule's own zone.
    expect(await page.locator('[data-testid="layer-shift"][data-user="ana"], [data-testid="layer-shift"][data-user="ben"]').count()).toBeGreaterThan(0);
    expect(await page.getByText(`All times in ${ZONE}`).count()).toBe(1);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oncall-schedule.png'), fullPage: true });

    // The API agrees with what the page says.
    const { body } = await call('GET', '/schedules/primary/oncall');
    expect(body.onCall.user).toBe('dee');

    // The calendar feed URL is shown on request and serves the schedule without a token.
    await page.getByRole('button', { name: 'Show the feed URL' }).click();
    const feedUrl = await page.getByTestId('feed-url').inputValue();
    expect(feedUrl.startsWith(app.url)).toBe(true);
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect(await feed.text()).toContain('BEGIN:VCALENDAR');
  });

  it('adds an override through the form, and it shows in the list and the final row', async () => {
    const page = await signedIn('/oncall/primary');
    const form = page.locator('[data-testid="override-form"]');
    await form.waitFor({ timeout: 10_000 });
    const day = localDate(started + 5 * DAY);
    await form.getByLabel('Who').selectOption('ben');
    await form.getByLabel(/^From/).fill(`${day}T10:00`);
    await form.getByLabel(/^To/).fill(`${day}T18:00`);
    await form.getByRole('button', { name: 'Add override' }).click();

    const apiRow = page.locator('[data-testid="override-row"][data-origin="api"]');
    await apiRow.waitFor({ timeout: 5000 });
    expect(await apiRow.innerText()).toContain('Ben Brown');
    await expect.poll(() => page.locator('[data-testid="final-shift"][data-source="override"][data-user="ben"]').count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator('[data-testid="final-shift"][data-source="override"][data-user="ben"]').first().innerText()).toContain('10:00–18:00');

    // The times were read on the schedule's wall clock: 10:00 in New York, whatever the browser's zone.
    const { body } = await call('GET', '/schedules/primary/shifts');
    const made = body.overrides.find((o: { origin: string }) => o.origin === 'api');
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(made.from)).toBe('10:00');
    expect(made.to - made.from).toBe(8 * HOUR);

    // An overlapping one is refused with the server's reason beside the form.
    await form.getByLabel(/^From/).fill(`${day}T12:00`);
    await form.getByRole('button', { name: 'Add override' }).click();
    await page.locator('[data-testid="override-error"]').waitFor({ timeout: 5000 });
    expect(await page.locator('[data-testid="override-error"]').innerText()).toContain('overlaps');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'oncall-override-added.png'), fullPage: true });

    // Removing it gives the hours back to the rotation.
    await apiRow.getByRole('button', { name: /Remove override for Ben Brown/ }).click();
    await apiRow.waitFor({ state: 'detached', timeout: 5000 });
    await expect.poll(() => page.locator('[data-testid="final-shift"][data-source="override"][data-user="ben"]').count()).toBe(0);
    expect((await call('GET', '/schedules/primary/shifts')).body.overrides.filter((o: { origin: string }) => o.origin === 'api')).toEqual([]);
  });

  it('expires a silence made through the API, and marks one about to end', async () => {
    const long = await call('POST', '/silences', { matchers: ['service=website', 'alertname=~down|latency'], duration: '2h', comment: 'Website migration' });
    expect(long.status).toBe(200);
    const short = await call('POST', '/silences', { matchers: ['service=search'], duration: '10m', comment: 'Reindexing' });
    expect(short.status).toBe(200);

    const page = await signedIn('/silences');
    const longRow = page.locator(`[data-testid="silence-row"][data-silence-id="${long.body.silence.id}"]`);
    const shortRow = page.locator(`[data-testid="silence-row"][data-silence-id="${short.body.silence.id}"]`);
    await longRow.waitFor({ timeout: 10_000 });
    expect(await longRow.getAttribute('data-state')).toBe('active');
    expect(await longRow.innerText()).toContain('alertname=~down|latency');
    expect(await longRow.locator('[data-testid="expires-soon"]').count()).toBe(0);
    expect(await shortRow.locator('[data-testid="expires-soon"]').count()).toBe(1);

    await longRow.getByRole('button', { name: `Expire silence ${long.body.silence.id}` }).click();
    await expect.poll(() => longRow.getAttribute('data-state'), { timeout: 5000 }).toBe('expired');
    expect(await longRow.getByRole('button').count()).toBe(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'silences.png'), fullPage: true });

    const { body } = await call('GET', '/silences');
    expect(body.items.find((s: { id: number }) => s.id === long.body.silence.id).state).toBe('expired');
  });

  it('creates a silence from the form and names the bad matcher when there is one', async () => {
    const page = await signedIn('/silences');
    const form = page.locator('[data-testid="silence-form"]');
    await form.waitFor({ timeout: 10_000 });
    await form.getByLabel('Matchers, one per line').fill('service=payments\nnot a matcher');
    await form.getByLabel('Why').fill('Payments failover test');
    await form.getByRole('button', { name: 'Create silence' }).click();
    await page.locator('[data-testid="silence-error"]').waitFor({ timeout: 5000 });
    expect(await page.locator('[data-testid="silence-error"]').innerText()).toContain('matchers.1');

    await form.getByLabel('Matchers, one per line').fill('service=payments');
    await form.getByRole('button', { name: 'Create silence' }).click();
    await expect.poll(() => page.locator('[data-testid="silence-row"]').filter({ hasText: 'Payments failover test' }).count(), { timeout: 5000 }).toBe(1);
    // Expire it again so it does not hold back the incident the next test looks at.
    const row = page.locator('[data-testid="silence-row"]').filter({ hasText: 'Payments failover test' });
    await row.getByRole('button', { name: /Expire silence/ }).click();
    await expect.poll(() => row.getAttribute('data-state'), { timeout: 5000 }).toBe('expired');
  });

  it('shows the escalation on the incident page, and its notifications', async () => {
    const { body: list } = await call('GET', '/incidents');
    const id = list.items[0].id as number;
    await waitFor('the escalation', async () => (await call('GET', `/incidents/${id}/escalation`)).body?.escalation);

    const page = await signedIn(`/incidents/${id}`);
    const panel = page.locator('[data-testid="escalation-panel"]');
    await panel.waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="escalation-policy"]').innerText()).toBe('default');
    expect(await page.locator('[data-testid="escalation-state"]').innerText()).toBe('escalating');
    // Level 1 went out at once; level 2 (Chen, after 30m) is next.
    await expect.poll(() => page.locator('[data-testid="escalation-next"]').innerText(), { timeout: 10_000 }).toContain('level 2');
    expect(await panel.locator('li[aria-current="step"]').innerText()).toContain('user chen');
    expect(await page.locator('[data-testid="reassign-form"]').count()).toBe(1);
    await expect.poll(() => page.locator('[data-testid="timeline-event"][data-kind="escalation"]').count(), { timeout: 10_000 }).toBeGreaterThan(0);
    await expect
      .poll(() => page.locator('[data-testid="timeline-event"][data-kind="delivery"][data-outcome="sent"]').count(), { timeout: 10_000 })
      .toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'incident-escalation.png'), fullPage: true });

    // A delivery on the timeline links to its notification and the attempts behind it.
    await page.locator('[data-testid="timeline-event"][data-kind="delivery"][data-outcome="sent"]').first().getByRole('link', { name: 'details' }).click();
    await page.locator('[data-testid="attempt-row"][data-outcome="sent"]').first().waitFor({ timeout: 5000 });
    await page.getByRole('link', { name: '← Notifications' }).click();
    await page.locator('[data-testid="notification-row"]').first().waitFor({ timeout: 5000 });
    expect(await page.locator('[data-testid="notification-row"][data-status="sent"]').count()).toBeGreaterThan(0);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'notifications.png'), fullPage: true });

    // Dee's receiver never answered 2xx: her notification is a dead letter, listed under its own filter
    // with every attempt behind it.
    await page.getByRole('button', { name: /Dead letters/ }).click();
    const dead = page.locator('[data-testid="notification-row"][data-status="dead"]');
    await dead.first().waitFor({ timeout: 10_000 });
    expect(await page.locator('[data-testid="notification-row"]:not([data-status="dead"])').count()).toBe(0);
    expect(await dead.first().innerText()).toContain('user:dee/webhook');
    expect(await page.getByTestId('notification-count-dead').innerText()).toMatch(/Dead letters [1-9]/);
    await page.screenshot({ path: path.join(SCREENSHOTS, 'notifications-dead.png'), fullPage: true });
    await dead.first().getByRole('link').first().click();
    const attempts = page.locator('[data-testid="attempt-row"]');
    await attempts.first().waitFor({ timeout: 5000 });
    expect(await attempts.count()).toBeGreaterThan(1);
    expect(await attempts.last().getAttribute('data-outcome')).toBe('failed-final');
    expect(await attempts.first().getAttribute('data-outcome')).toBe('failed');
    await page.screenshot({ path: path.join(SCREENSHOTS, 'notification-dead-letter.png'), fullPage: true });
  });

  it('reassigns the incident to a person from its page', async () => {
    const { body: list } = await call('GET', '/incidents');
    const id = list.items[0].id as number;
    const page = await signedIn(`/incidents/${id}`);
    const form = page.locator('[data-testid="reassign-form"]');
    await form.waitFor({ timeout: 10_000 });
    await expect.poll(() => form.getByLabel('Person').locator('option').count()).toBe(5);
    await form.getByLabel('Person').selectOption('ana');
    await form.getByRole('button', { name: 'Reassign' }).click();
    await expect
      .poll(() => page.locator('[data-testid="timeline-event"][data-kind="escalation"]').allInnerTexts(), { timeout: 10_000 })
      .toContainEqual(expect.stringContaining('Reassigned to user ana'));
    expect(await page.locator('[data-testid="action-error"]').count()).toBe(0);
  });
});
