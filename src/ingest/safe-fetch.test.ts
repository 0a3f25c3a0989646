import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { createSafeFetcher } from './safe-fetch.js';

let server: Server;
let port = 0;
let bytesSent = 0;

before(async () => {
  server = createServer((request, response) => {
    if (request.url === '/feed') {
      if (request.headers['if-none-match'] === '"abc"' || request.headers['if-modified-since'] === 'Wed, 25 Jun 2025 10:00:00 GMT') {
        response.writeHead(304).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/rss+xml', etag: '"abc"', 'last-modified': 'Wed, 25 Jun 2025 10:00:00 GMT' }).end('<rss/>');
    } else if (request.url === '/to-loopback') {
      response.writeHead(302, { location: `http://127.0.0.1:${port}/feed` }).end();
    } else if (request.url === '/loop') {
      response.writeHead(302, { location: '/loop' }).end();
    } else if (request.url === '/endless') {
      response.writeHead(200);
      const chunk = Buffer.alloc(65_536, 'x');
      const pump = () => {
        while (!response.destroyed && bytesSent < 50 * 1024 * 1024) {
          bytesSent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      pump();
    } else if (request.url === '/slow') {
      setTimeout(() => response.end('late'), 2_000).unref();
    } else response.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

const allowed = () => createSafeFetcher({ allowHosts: [`127.0.0.1:${port}`] });

test('a conditional GET answers 304 with no body; the validators of a 200 are returned', async () => {
  const fetcher = allowed();
  const first = await fetcher.fetch(`http://127.0.0.1:${port}/feed`);
  assert.ok(first.ok && first.status === 200);
  assert.equal(first.etag, '"abc"');
  assert.equal(first.lastModified, 'Wed, 25 Jun 2025 10:00:00 GMT');
  const byEtag = await fetcher.fetch(`http://127.0.0.1:${port}/feed`, { ifNoneMatch: first.etag });
  assert.ok(byEtag.ok && byEtag.status === 304 && byEtag.bytes.length === 0);
  const byDate = await fetcher.fetch(`http://127.0.0.1:${port}/feed`, { ifModifiedSince: first.lastModified });
  assert.ok(byDate.ok && byDate.status === 304);
});

test('loopback, private, link-local, CGNAT and metadata addresses are refused in every spelling', async () => {
  const fetcher = createSafeFetcher();
  for (const url of [
    'http://127.0.0.1/',
    'http://2130706433/',
    'http://0177.0.0.1/',
    'http://0x7f.1/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:a9fe:a9fe]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://10.1.2.3/',
    'http://192.168.0.1/',
    'http://172.16.5.4/',
    'http://100.64.0.1/',
    'http://[fd00::1]/',
    'http://[fe80::1]/',
    'http://0.0.0.0/',
  ]) {
    const result = await fetcher.fetch(url);
    assert.ok(!result.ok, url);
    assert.equal(result.reason, 'forbidden_address', url);
  }
});

test('a name that resolves to a private address is refused, even when one answer is public', async () => {
  const lookup = async (host: string) => (host === 'mixed.example' ? [{ address: '93.184.216.34', family: 4 as const }, { address: '10.0.0.7', family: 4 as const }] : [{ address: '192.168.1.10', family: 4 as const }]);
  const fetcher = createSafeFetcher({ lookup });
  for (const url of ['http://intranet.example/feed', 'http://mixed.example/feed']) {
    const result = await fetcher.fetch(url);
    assert.ok(!result.ok);
    assert.equal(result.reason, 'forbidden_address');
    assert.match(result.message, /not a public address/);
  }
});

test('the connection goes to the vetted address: a later DNS answer cannot move it (no rebinding)', async () => {
  let calls = 0;
  // The first answer is what is checked; a rebinding resolver would answer differently the second time.
  const lookup = async () => (calls++ === 0 ? [{ address: '127.0.0.1', family: 4 as const }] : [{ address: '10.9.9.9', family: 4 as const }]);
  const fetcher = createSafeFetcher({ lookup, allowHosts: [`feed.test:${port}`] });
  const result = await fetcher.fetch(`http://feed.test:${port}/feed`);
  assert.ok(result.ok && result.status === 200, 'connected to the address that was checked');
  assert.equal(calls, 1, 'the name was resolved once, by the fetcher');
});

test('a redirect is checked again: an allowed host that redirects to 127.0.0.1 is refused', async () => {
  const lookup = async () => [{ address: '127.0.0.1', family: 4 as const }];
  const fetcher = createSafeFetcher({ lookup, allowHosts: [`wire.test:${port}`] });
  const result = await fetcher.fetch(`http://wire.test:${port}/to-loopback`);
  assert.ok(!result.ok);
  assert.equal(result.reason, 'forbidden_address');
});

test('redirects, bytes and time are capped', async () => {
  const loop = await allowed().fetch(`http://127.0.0.1:${port}/loop`);
  assert.ok(!loop.ok && /more than 3 redirects/.test(loop.message));
  const big = await allowed().fetch(`http://127.0.0.1:${port}/endless`, { maxBytes: 1024 * 1024 });
  assert.ok(!big.ok && big.reason === 'too_large');
  assert.ok(bytesSent < 20 * 1024 * 1024, `cut off early (${bytesSent} bytes sent)`);
  const slow = await allowed().fetch(`http://127.0.0.1:${port}/slow`, { timeoutMs: 200 });
  assert.ok(!slow.ok && slow.reason === 'timeout');
});

test('only http and https URLs with no credentials are fetched', async () => {
  for (const url of ['file:///etc/passwd', 'ftp://example.com/x', 'gopher://example.com/', 'http://user:pw@example.com/', 'not a url']) {
    const result = await createSafeFetcher().fetch(url);
    assert.ok(!result.ok && result.reason === 'bad_url', url);
  }
});
