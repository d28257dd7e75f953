import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { watchConfig } from './config-watch.ts';
import type { ConfigWatch } from './config-watch.ts';

// Real directories and real fs.watch: the point is how the platform's events come in.
const DEBOUNCE_MS = 60;
const SETTLE_MS = 400;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

let dir = '';
let watcher: ConfigWatch | null = null;
let changes = 0;

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'opsdeck-watch-'));
  await mkdir(path.join(dir, 'services'));
  await mkdir(path.join(dir, 'state'));
  await writeFile(path.join(dir, 'opsdeck.yaml'), 'organization: Test\ninclude: [services/*.yaml]\nserver: { data_dir: state }\n');
  await writeFile(path.join(dir, 'services', 'api.yaml'), 'services: {}\n');
  changes = 0;
  watcher = watchConfig(dir, () => changes++, { debounceMs: DEBOUNCE_MS });
  // inotify needs a moment before the first event is delivered reliably.
  await sleep(50);
});

afterEach(async () => {
  watcher?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('watchConfig', () => {
  it('reports a burst of edits to opsdeck.yaml once', async () => {
    for (let i = 0; i < 5; i++) await writeFile(path.join(dir, 'opsdeck.yaml'), `organization: Test ${i}\ninclude: [services/*.yaml]\n`);
    await sleep(SETTLE_MS);
    expect(changes).toBe(1);
  });

  it('reports edits to included files in their own folder', async () => {
    await writeFile(path.join(dir, 'services', 'api.yaml'), 'services: { api: {} }\n');
    await sleep(SETTLE_MS);
    expect(changes).toBe(1);
  });

  it('starts watching a folder that a changed include list adds', async () => {
    await mkdir(path.join(dir, 'teams'));
    await writeFile(path.join(dir, 'opsdeck.yaml'), 'organization: Test\ninclude: [services/*.yaml, teams/*.yaml]\n');
    await sleep(SETTLE_MS);
    expect(changes).toBe(1);
    await writeFile(path.join(dir, 'teams', 'ops.yaml'), 'services: {}\n');
    await sleep(SETTLE_MS);
    expect(changes).toBe(2);
  });

  it('ignores editor temp files, non-config files and the data directory', async () => {
    await writeFile(path.join(dir, '.opsdeck.yaml.swp'), 'x');
    await writeFile(path.join(dir, 'opsdeck.yaml~'), 'x');
    await writeFile(path.join(dir, '.#opsdeck.yaml'), 'x');
    await writeFile(path.join(dir, 'services', '4913'), 'x');
    await writeFile(path.join(dir, 'README.md'), 'x');
    await writeFile(path.join(dir, 'state', 'opsdeck.yaml'), 'x');
    await writeFile(path.join(dir, 'state', 'results.db'), 'x');
    await sleep(SETTLE_MS);
    expect(changes).toBe(0);
  });

  it('says nothing after close', async () => {
    watcher!.close();
    await writeFile(path.join(dir, 'opsdeck.yaml'), 'organization: Closed\n');
    await sleep(SETTLE_MS);
    expect(changes).toBe(0);
  });
});
