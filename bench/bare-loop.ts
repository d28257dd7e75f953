/**
 * The baseline: the same requests on the same slots with the same client
 * function and concurrency as opsdeck's http checks, and nothing else (no
 * conditions, no timeouts, no results, no store). Opsdeck's CPU per check is
 * quoted against this loop's CPU per request.
 */
import { httpRequest, type HttpRequestSpec } from '../src/checks/types/http/index.ts';
import { createLatenessHistogram, phaseOf } from '../src/engine/index.ts';
import { fleetChecks, type FleetShape } from './bench-fleet.ts';
import { arg, emit, serveParent } from './parent-link.ts';
import { createProcessMeter } from './process-meter.ts';

const shape = JSON.parse(arg('shape')) as FleetShape;
const base = arg('target');
const concurrency = Number(arg('concurrency'));
const { intervalMs } = shape;

interface Slot {
  spec: HttpRequestSpec;
  phase: number;
  busy: boolean;
}

// Built once, as the http check type builds its request in create().
const slots: Slot[] = fleetChecks(shape)
  .map((check) => ({
    spec: { url: new URL(base + check.path), method: 'GET', headers: { 'user-agent': 'Opsdeck-Check/1' }, verifyTls: true, followRedirects: true },
    phase: phaseOf(check.id, intervalMs),
    busy: false,
  }))
  .sort((a, b) => a.phase - b.phase);

const lateness = createLatenessHistogram();
const meter = createProcessMeter();
let completed = 0;
let failed = 0;
let skipped = 0;
let running = 0;
const queue: Array<{ slot: Slot; due: number }> = [];
let queueHead = 0;

// The next slot to fire is slots[cursor] in cycle `cycle`: due = cycle * interval + phase.
let cycle = 0;
let cursor = 0;
let timer: NodeJS.Timeout | null = null;
let stopped = false;

function settle(slot: Slot): void {
  slot.busy = false;
  running--;
  pump();
}

function begin(slot: Slot, due: number): void {
  running++;
  lateness.record(Date.now() - due);
  httpRequest(slot.spec).then(
    () => { completed++; settle(slot); },
    () => { failed++; settle(slot); },
  );
}

function pump(): void {
  while (running < concurrency && queueHead < queue.length) {
    const next = queue[queueHead++]!;
    begin(next.slot, next.due);
  }
  if (queueHead === queue.length) {
    queue.length = 0;
    queueHead = 0;
  }
}

function tick(): void {
  timer = null;
  if (stopped || slots.length === 0) return;
  const now = Date.now();
  for (;;) {
    const slot = slots[cursor]!;
    const due = cycle * intervalMs + slot.phase;
    if (due > now) {
      timer = setTimeout(tick, due - now);
      break;
    }
    // Like the scheduler: a check still in flight skips this slot rather than overlapping itself.
    if (slot.busy) skipped++;
    else {
      slot.busy = true;
      queue.push({ slot, due });
    }
    if (++cursor === slots.length) {
      cursor = 0;
      cycle++;
    }
  }
  pump();
}

serveParent({
  start() {
    const now = Date.now();
    cycle = Math.floor(now / intervalMs);
    // Start at the first slot not yet passed, as the scheduler does.
    cursor = slots.findIndex((s) => cycle * intervalMs + s.phase >= now);
    if (cursor < 0) {
      cursor = 0;
      cycle++;
    }
    tick();
    return now;
  },
  reset() {
    lateness.reset();
    completed = 0;
    failed = 0;
    skipped = 0;
    meter.reset();
  },
  report() {
    return { completed, failed, skipped, lateness: lateness.summary(), process: meter.snapshot() };
  },
  stop() {
    stopped = true;
    if (timer) clearTimeout(timer);
    setTimeout(() => process.exit(0), 50);
    return true;
  },
});

emit('ready', { checks: slots.length });
