import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileCheck, runCheck } from '../../index.ts';

// A loopback server answering /api/v1/query with the body the test names in the query text,
// shaped like Prometheus 2.42's answers (test/fixtures/prometheus); the real Prometheus runs in test/prometheus-rules.e2e.test.ts.
const ANSWERS: Record<string, string> = {
  one: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"__name__":"up","job":"api"},"value":[1795353939,"1"]}]}}',
  none: '{"status":"success","data":{"resultType":"vector","result":[]}}',
  two: '{"status":"success","data":{"resultType":"vector","result":[{"metric":{"job":"a"},"value":[1,"1"]},{"metric":{"job":"b"},"value":[1,"0"]}]}}',
  scalar: '{"status":"success","data":{"resultType":"scalar","result":[1795353939.764,"0"]}}',
};

describe('the prometheus check type', () => {
  let server: Server;
  let url = '';
  beforeAll(async () => {
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (d) => (body += d)).on('end', () => {
        const query = new URLSearchParams(body).get('query') ?? '';
        const answer = ANSWERS[query];
        if (answer) res.writeHead(200, { 'content-type': 'application/json' }).end(answer);
        else res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'error', errorType: 'bad_data', error: `invalid parameter "query": 1:${query.length + 1}: parse error: unexpected end of input` }));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const run = (query: string, expect: string[] = ['[VALUE] == 1']) =>
    runCheck(compileCheck('api/q', 'prometheus', { datasource: 'prom', url, headers: {}, query }, expect, { timeoutMs: 2_000 }), () => Date.now());

  it.each([
    ['one', true, null, '[VALUE] (1) == 1'],
    ['scalar', false, null, '[VALUE] (0) == 1'],
    ['none', false, 'the query returned no series; expected exactly one (check the selector, or aggregate with sum() or max())', null],
    ['two', false, 'the query returned 2 series; expected exactly one: {job="a"} = 1, {job="b"} = 0; narrow the selector or aggregate', null],
    ['sum(up', false, 'PromQL parse error at column 7: unexpected end of input', null],
  ])('%s', async (query, ok, error, condition) => {
    const result = await run(query);
    expect(result.ok).toBe(ok);
    if (error) expect(JSON.stringify(result)).toContain(JSON.stringify(error).slice(1, -1));
    if (condition) expect(result.conditions[0]!.text).toBe(condition);
  });

  it('without a resolved url it cannot be created', () => {
    expect(() => compileCheck('api/q', 'prometheus', { datasource: 'prom', headers: {}, query: 'up' }, [], {})).toThrow('datasource "prom" was not resolved to a URL');
  });
});
