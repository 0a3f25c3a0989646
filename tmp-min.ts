import { createServer } from 'node:http';
import { readFileSync } from 'node:fs';
if (process.env.MET) { const { createMetrics } = await import('./src/ops/metrics.js'); (globalThis as any).m = createMetrics(); }
const body = readFileSync('/tmp/article.html');
const headers = JSON.parse(readFileSync('/tmp/pages.json', 'utf8')).identity.headers;
headers['content-length'] = body.length;
const s = createServer((req, res) => { res.writeHead(200, headers); res.end(body); });
if (process.env.APPLIKE) { s.keepAliveTimeout = 72_000; s.requestTimeout = 0; s.setTimeout(0); }
s.listen(Number(process.env.P), '127.0.0.1');
