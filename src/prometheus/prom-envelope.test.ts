import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readQueryAnswer } from './prom-envelope.ts';

const SAMPLES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../test/fixtures/prometheus');
const sample = (name: string) => readFileSync(path.join(SAMPLES, name), 'utf8');
const WHERE = 'http://127.0.0.1:9090/api/v1/query';

describe('readQueryAnswer on answers captured from Prometheus 2.42', () => {
  it('a vector: labels as written, times in ms, values as numbers', () => {
    expect(readQueryAnswer(200, sample('prom-query-vector.json'), WHERE)).toEqual({
      ok: true, warnings: [],
      result: { type: 'vector', samples: [
        { labels: { __name__: 'harness_value', component: 'db', host: 'db-1', instance: '127.0.0.1:19100', job: 'harness-target' }, value: 0, at: 1795353939755 },
        { labels: { __name__: 'harness_value', component: 'db', host: 'db-2', instance: '127.0.0.1:19100', job: 'harness-target' }, value: 0, at: 1795353939755 },
      ] },
    });
    expect(readQueryAnswer(200, sample('prom-query-vector-empty.json'), WHERE)).toEqual({ ok: true, warnings: [], result: { type: 'vector', samples: [] } });
  });

  it.each([
    ['prom-query-scalar.json', { type: 'scalar', value: 0, at: 1795353939764 }],
    ['prom-query-string.json', { type: 'string', value: 'hello', at: 1795353939773 }],
  ])('%s', (file, result) => {
    expect(readQueryAnswer(200, sample(file), WHERE)).toEqual({ ok: true, warnings: [], result });
  });

  it('a matrix keeps every point', () => {
    const outcome = readQueryAnswer(200, sample('prom-query-range-matrix.json'), WHERE);
    if (!outcome.ok || outcome.result.type !== 'matrix') throw new Error('expected a matrix');
    expect(outcome.result.series).toHaveLength(2);
    expect(outcome.result.series[0]!.values.map((p) => p.value)).toEqual([10, 10, 0, 0, 0]);
  });

  it('NaN and ±Inf are values, other text is not', () => {
    const vector = (v: string) => JSON.stringify({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [1, v] }] } });
    const values = ['NaN', '+Inf', '-Inf', '1e3', '-0.5'].map((v) => {
      const outcome = readQueryAnswer(200, vector(v), WHERE);
      return outcome.ok && outcome.result.type === 'vector' ? outcome.result.samples[0]!.value : null;
    });
    expect(values).toEqual([NaN, Infinity, -Infinity, 1000, -0.5]);
    expect(readQueryAnswer(200, vector('lots'), WHERE)).toMatchObject({ ok: false, error: { kind: 'invalid_response' } });
  });

  it.each([
    ['prom-error-bad-data-parse.json', 400, 'bad_data', 'PromQL parse error at column 18: unclosed left parenthesis'],
    ['prom-error-bad-data-missing-param.json', 400, 'bad_data', 'Prometheus rejected the query: invalid parameter "start": cannot parse "" to a valid timestamp'],
    ['prom-error-execution-422.json', 422, 'execution', 'the query failed while Prometheus ran it: found duplicate series for the match group'],
    ['prom-error-timeout-503.json', 503, 'timeout', 'the query timed out in Prometheus: query timed out in query execution'],
  ])('%s -> %s', (file, status, kind, message) => {
    const outcome = readQueryAnswer(status, sample(file), WHERE);
    if (outcome.ok) throw new Error('expected an error');
    expect(outcome.error.kind).toBe(kind);
    expect(outcome.error.status).toBe(status);
    expect(outcome.error.message.startsWith(message)).toBe(true);
  });

  it('a parse error past the first line names the line', () => {
    const body = JSON.stringify({ status: 'error', errorType: 'bad_data', error: 'invalid parameter "query": 2:4: parse error: unexpected identifier "x"' });
    expect(readQueryAnswer(400, body, WHERE)).toMatchObject({ ok: false, error: { message: 'PromQL parse error at line 2, column 4: unexpected identifier "x"' } });
  });

  it('a plain-text 404 says the URL is not the Prometheus API', () => {
    expect(readQueryAnswer(404, '404 page not found\n', WHERE)).toEqual({
      ok: false,
      error: { kind: 'http', status: 404, message: `${WHERE} answered 404 with "404 page not found", not the Prometheus API's JSON; the datasource url should be the Prometheus base URL, like http://127.0.0.1:9090` },
    });
  });

  it('a 200 that is not the envelope is an invalid response', () => {
    expect(readQueryAnswer(200, '{"hello":1}', WHERE)).toMatchObject({ ok: false, error: { kind: 'invalid_response' } });
    expect(readQueryAnswer(200, '{"status":"success","data":{"resultType":"vector"}}', WHERE)).toMatchObject({ ok: false, error: { kind: 'invalid_response', message: `${WHERE} answered success with a vector that is not a list; expected data.resultType vector, scalar, matrix or string with its result` } });
  });
});
