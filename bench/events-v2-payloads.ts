/**
 * The two contenders' bodies, built to the same size: an Events v2 trigger, and one alert in
 * Alertmanager's `POST /api/v2/alerts` form, each padded with filler text in a field the
 * receiver keeps (custom_details, an annotation) until it is `bytes` long.
 */
const STARTED = new Date().toISOString();

export function padTo(bytes: number, build: (pad: string) => string): string {
  const bare = build('');
  return bytes > bare.length ? build('x'.repeat(bytes - bare.length)) : bare;
}

export function eventsV2Trigger(routingKey: string, key: string, i: number, bytes: number): string {
  return padTo(bytes, (pad) => JSON.stringify({
    routing_key: routingKey, event_action: 'trigger', dedup_key: key,
    payload: {
      summary: `Bench alert ${key} event ${i}`, source: `bench-host-${key}`, severity: 'critical',
      component: 'db', group: 'bench', class: 'load', custom_details: { note: pad },
    },
    client: 'opsdeck bench', client_url: 'http://127.0.0.1/bench',
  }));
}

export function amAlert(key: string, i: number, bytes: number): string {
  return padTo(bytes, (pad) => JSON.stringify([{
    labels: { alertname: 'BenchAlert', instance: `bench-host-${key}`, severity: 'critical', component: 'db', group: 'bench' },
    annotations: { summary: `Bench alert ${key} event ${i}`, note: pad },
    startsAt: STARTED,
    generatorURL: 'http://127.0.0.1/bench',
  }]));
}
