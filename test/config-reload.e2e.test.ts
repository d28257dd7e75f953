import { writeFileSync } from 'node:fs';
import path from 'node:path';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startOpsdeck, type Opsdeck } from '../src/app/index.ts';
import { apiAs, waitFor } from './support/api.ts';
import { configDir, SEVERITIES } from './support/config-dir.ts';
import { startHttpTarget, type HttpTarget } from './support/http-target.ts';

const config = (url: string, services: string) => `
organization: Reload
${SEVERITIES}
services:
  web:
    checks:
      health: { http: { url: "${url}/" }, every: 1s, timeout: 500ms }
${services}`;

// A bad new config is reported (API; the console shows the same status as a banner)
// and the last good one keeps running; a good one is applied without a restart.
describe('config reload', () => {
  let app: Opsdeck;
  let target: HttpTarget;
  let dir: string;

  beforeAll(async () => {
    target = await startHttpTarget(200);
    dir = configDir({ 'opsdeck.yaml': config(target.url, '') });
    app = await startOpsdeck({ configDir: dir, listen: { host: '127.0.0.1', port: 0 }, logger: pino({ level: 'silent' }) });
  });

  afterAll(async () => {
    await app.stop();
    await target.close();
  });

  it('keeps the last good config on a bad change, applies a good one, and watches the files', async () => {
    const api = apiAs(app.url, app.bootstrapSecret);
    writeFileSync(path.join(dir, 'opsdeck.yaml'), config(target.url, '  api:\n    checks:\n      health: { http: { url: 42 }, every: soon }\n'));
    const bad = await waitFor('the watcher to report the bad config', async () => {
      const { body } = await api('GET', '/config/status');
      return body.ok === false ? body : null;
    }, 5000);
    expect(bad.errors.length).toBeGreaterThanOrEqual(2);
    expect(bad.errors.join('\n')).toMatch(/^opsdeck\.yaml:\d+:\d+: services\.api\.checks\.health\.every: /m);
    expect((await api('GET', '/services')).body.items.map((s: { id: string }) => s.id)).toEqual(['web']);

    writeFileSync(path.join(dir, 'opsdeck.yaml'), config(target.url, `  api:\n    checks:\n      health: { http: { url: "${target.url}/api" }, every: 1s, timeout: 500ms }\n`));
    const good = await app.reload();
    expect(good).toMatchObject({ ok: true, errors: [] });
    await waitFor('the new service to be probed', async () => {
      const { body } = await api('GET', '/services');
      return body.total === 2 && body.counts.up === 2;
    }, 5000);
  });
});
