import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pino } from 'pino';
import { loadConfig } from '../config/index.js';
import { createCdnPurger, parseCdnPurge, purgeRequests, type PurgeTarget } from './cdn-purge.js';

const varnish: PurgeTarget = { kind: 'varnish', url: 'http://127.0.0.1:6081/' };
const fastly: PurgeTarget = { kind: 'fastly', serviceId: 'SU1Z0isxPaozGVKXdv0eY', token: 'fastly-token' };
const cloudflare: PurgeTarget = { kind: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353', token: 'cf-token' };

test('CDN_PURGE is read as varnish, fastly or cloudflare, and a bad value or a missing token is a config error naming it', () => {
  assert.equal(parseCdnPurge('', {}), null);
  assert.deepEqual(parseCdnPurge('varnish:http://10.0.0.5:6081/ignored/path', {}), { kind: 'varnish', url: 'http://10.0.0.5:6081/' });
  assert.deepEqual(parseCdnPurge('fastly:SU1Z0isxPaozGVKXdv0eY', { FASTLY_API_TOKEN: 't' }), { kind: 'fastly', serviceId: 'SU1Z0isxPaozGVKXdv0eY', token: 't' });
  assert.deepEqual(parseCdnPurge('cloudflare:023e105f4ecef8ad9ca31a8372d0c353', { CLOUDFLARE_API_TOKEN: 'c' }), { kind: 'cloudflare', zoneId: '023e105f4ecef8ad9ca31a8372d0c353', token: 'c' });
  for (const [value, reason] of [
    ['varnish:not a url', /needs a URL/],
    ['varnish:ftp://host:21', /http\(s\) URL/],
    ['fastly:SU1Z0isxPaozGVKXdv0eY', /FASTLY_API_TOKEN/],
    ['cloudflare:../../zones', /zone id/],
    ['akamai:abc', /expected varnish/],
  ] as const) {
    assert.match(String(parseCdnPurge(value, {})), reason, value);
  }
  assert.throws(() => loadConfig({ CDN_PURGE: 'fastly:SU1Z0isxPaozGVKXdv0eY' }, '/tmp'), /Invalid configuration: CDN_PURGE=.*FASTLY_API_TOKEN/);
  assert.deepEqual(loadConfig({ CDN_PURGE: 'varnish:http://127.0.0.1:6081' }, '/tmp').cdnPurge, { kind: 'varnish', url: 'http://127.0.0.1:6081/' });
});

test('purge requests have the shapes Varnish (xkey), Fastly and Cloudflare take, in batches of their limits', () => {
  assert.deepEqual(purgeRequests(varnish, ['article-1', 'section-news', 'article-1', 'bad key!', 'home']), [
    { url: 'http://127.0.0.1:6081/', method: 'PURGE', headers: { 'xkey-purge': 'article-1 section-news home' } },
  ]);
  assert.deepEqual(purgeRequests(fastly, ['article-1', 'home']), [
    {
      url: 'https://api.fastly.com/service/SU1Z0isxPaozGVKXdv0eY/purge',
      method: 'POST',
      headers: { 'fastly-key': 'fastly-token', 'content-type': 'application/json', accept: 'application/json' },
      body: '{"surrogate_keys":["article-1","home"]}',
    },
  ]);
  assert.deepEqual(purgeRequests(cloudflare, ['article-1', 'home']), [
    {
      url: 'https://api.cloudflare.com/client/v4/zones/023e105f4ecef8ad9ca31a8372d0c353/purge_cache',
      method: 'POST',
      headers: { authorization: 'Bearer cf-token', 'content-type': 'application/json' },
      body: '{"tags":["article-1","home"]}',
    },
  ]);
  const many = Array.from({ length: 300 }, (_, i) => `topic-${i}`);
  assert.deepEqual(purgeRequests(fastly, many).map((r) => JSON.parse(r.body!).surrogate_keys.length), [256, 44]);
  assert.deepEqual(purgeRequests(cloudflare, many).map((r) => JSON.parse(r.body!).tags.length), [...Array(10).fill(30)]);
  assert.deepEqual(purgeRequests(varnish, []), [], 'nothing to purge, no request');
});

test('a failing CDN is logged, counted and tried once more; the caller never sees an error', async () => {
  const seen: { method: string; keys: string }[] = [];
  let failuresLeft = 1;
  const server = createServer((req: IncomingMessage, res) => {
    seen.push({ method: req.method!, keys: String(req.headers['xkey-purge']) });
    if (failuresLeft-- > 0) return void res.writeHead(503, { 'content-type': 'text/plain' }).end('backend busy');
    res.writeHead(200).end('Purged 2');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const lines: string[] = [];
  const log = pino({ level: 'warn' }, { write: (line: string) => void lines.push(line) });
  const outcomes: string[] = [];
  try {
    const purger = createCdnPurger({ target: { kind: 'varnish', url }, log, count: (o) => outcomes.push(o), retryAfterMs: 10 });
    await purger.purge(['article-1', 'home']);
    assert.deepEqual(seen, [{ method: 'PURGE', keys: 'article-1 home' }, { method: 'PURGE', keys: 'article-1 home' }]);
    assert.deepEqual(outcomes, ['retried', 'ok']);
    assert.match(lines[0]!, /"reason":"503 backend busy".*CDN purge failed; trying again shortly/);

    // Down for good: both attempts fail, nothing is thrown.
    failuresLeft = 2;
    await purger.purge(['section-news']);
    assert.deepEqual(outcomes.slice(2), ['retried', 'failed']);
    assert.match(lines.at(-1)!, /CDN purge failed again; pages expire after their max-age/);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
  // Nobody listening, and a CDN that never answers.
  const closed = createCdnPurger({ target: { kind: 'varnish', url }, log, count: (o) => outcomes.push(o), retryAfterMs: 10 });
  await closed.purge(['home']);
  assert.match(lines.at(-1)!, /"reason":"fetch failed"/);
  const silent = createServer(() => {});
  await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
  try {
    const slow = createCdnPurger({ target: { kind: 'varnish', url: `http://127.0.0.1:${(silent.address() as AddressInfo).port}/` }, log, timeoutMs: 100, retryAfterMs: 10 });
    await slow.purge(['home']);
    assert.match(lines.at(-1)!, /"reason":"no answer in 100 ms"/);
  } finally {
    silent.closeAllConnections();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
  }
});

test('a kept-alive connection the CDN closed meanwhile is sent again at once, not after the retry pause', async () => {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests++;
    // The first purge finds its connection gone: the socket is dropped before any answer.
    if (requests === 1) return void res.socket?.destroy();
    res.writeHead(200).end('Purged 1');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const outcomes: string[] = [];
  try {
    const purger = createCdnPurger({ target: { kind: 'varnish', url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/` }, log: pino({ level: 'silent' }), count: (o) => outcomes.push(o), retryAfterMs: 60_000 });
    const started = Date.now();
    await purger.purge(['article-1']);
    assert.deepEqual(outcomes, ['ok'], 'purged on the second connection, counted once as ok');
    assert.equal(requests, 2);
    assert.ok(Date.now() - started < 5_000, 'without waiting for the slow retry');
  } finally {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
