// A small pretend shop for the quick start: most endpoints answer, the
// payments one fails, so a new user sees green and red services and an
// incident within a minute. Port: DEMO_PORT or 8081.
import { createServer } from 'node:http';

const port = Number(process.env.DEMO_PORT ?? 8081);
const json = (status: number, body: unknown) => ({ status, type: 'application/json', body: JSON.stringify(body) });
const routes: Record<string, () => { status: number; type: string; body: string }> = {
  '/': () => ({ status: 200, type: 'text/html', body: '<!doctype html><title>Demo shop</title><h1>Demo shop</h1>' }),
  '/api/health': () => json(200, { status: 'UP', version: '1.4.2' }),
  '/search/health': () => json(200, { status: 'UP', indexLagSeconds: 2 }),
  '/payments/health': () => json(503, { status: 'DOWN', reason: 'card processor unreachable' }),
};

createServer((req, res) => {
  // A stand-in for people's phones: Opsdeck's webhook notifications land here and are printed.
  if (req.method === 'POST' && req.url?.startsWith('/pager/')) {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const page = JSON.parse(body) as { subject?: string; recipient?: { name: string } | null };
      console.error(`demo pager: ${page.recipient?.name ?? req.url.slice(7)} was paged: ${page.subject ?? 'a notification'}`);
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
    return;
  }
  const route = routes[(req.url ?? '/').split('?')[0]!];
  const answer = route ? route() : json(404, { error: 'not found' });
  res.writeHead(answer.status, { 'content-type': answer.type }).end(answer.body);
}).listen(port, '127.0.0.1', () => console.error(`demo target listening on http://127.0.0.1:${port}`));
