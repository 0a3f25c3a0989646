import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { brotliDecompressSync } from 'node:zlib';
import { createPageCache } from './page-cache.js';
import { articleCacheKey, createPageFastPath } from './page-fast-path.js';
import { COMPRESSED_CODINGS, prepareRepresentations } from './representations.js';

// The fast path on a plain node:http server: what it answers itself, and what it must hand on
// (here to a handler that answers 599, so a hand-over cannot pass for an answer).
const PAGE = `<!doctype html><title>Monsoon</title>${'<p>The rain came early to the coast this year. '.repeat(60)}`;

async function fixture() {
  const cache = createPageCache({ maxEntries: 10, readGeneration: async () => 1, checkEveryMs: 60_000 });
  const generation = await cache.currentGeneration();
  const headers = { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'public, max-age=60' };
  cache.set(articleCacheKey('news', 'monsoon-arrives'), { status: 200, generation, representations: await prepareRepresentations({ body: Buffer.from(PAGE), headers }, COMPRESSED_CODINGS, 'page') });
  cache.set(articleCacheKey('news', 'withdrawn-story'), { status: 410, generation, representations: await prepareRepresentations({ body: Buffer.from('<p>Gone</p>'), headers }, [], 'page') });
  cache.set(articleCacheKey('हिंदी', 'मानसून'), { status: 200, generation, representations: await prepareRepresentations({ body: Buffer.from('<p>वर्षा</p>'), headers }, [], 'page') });
  const observed: [string, string, number][] = [];
  const take = createPageFastPath({ cache, count: (route, method, status) => observed.push([route, method, status]) });
  const server: Server = createServer((req, res) => {
    if (!take(req, res)) res.writeHead(599).end('handed on');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { cache, observed, base, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

function get(base: string, path: string, init: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}${path}`, { method: init.method ?? 'GET', headers: init.headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject).end();
  });
}

test('a stored article page is answered in every coding, with 304 for a matching tag and nothing for HEAD', async () => {
  const f = await fixture();
  try {
    const plain = await get(f.base, '/news/monsoon-arrives');
    assert.equal(plain.status, 200);
    assert.equal(plain.body.toString(), PAGE);
    assert.equal(plain.headers['content-length'], String(Buffer.byteLength(PAGE)));
    assert.equal(plain.headers['vary'], 'Accept-Encoding');
    const br = await get(f.base, '/news/monsoon-arrives', { headers: { 'accept-encoding': 'gzip, deflate, br' } });
    assert.equal(br.headers['content-encoding'], 'br');
    assert.equal(brotliDecompressSync(br.body).toString(), PAGE);
    const again = await get(f.base, '/news/monsoon-arrives', { headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers['etag']) } });
    assert.deepEqual([again.status, again.body.length], [304, 0]);
    const head = await get(f.base, '/news/monsoon-arrives', { method: 'HEAD' });
    assert.deepEqual([head.status, head.body.length, head.headers['content-length']], [200, 0, String(Buffer.byteLength(PAGE))]);
    assert.deepEqual(f.observed, [
      ['/:section/:slug', 'GET', 200],
      ['/:section/:slug', 'GET', 200],
      ['/:section/:slug', 'GET', 304],
      ['/:section/:slug', 'HEAD', 200],
    ]);
  } finally {
    await f.close();
  }
});

test('a withdrawn story stays 410 even for a matching tag; a percent-encoded Hindi URL finds its page', async () => {
  const f = await fixture();
  try {
    const gone = await get(f.base, '/news/withdrawn-story');
    assert.equal(gone.status, 410);
    assert.equal((await get(f.base, '/news/withdrawn-story', { headers: { 'if-none-match': String(gone.headers['etag']) } })).status, 410);
    const hindi = await get(f.base, `/${encodeURIComponent('हिंदी')}/${encodeURIComponent('मानसून')}`);
    assert.deepEqual([hindi.status, hindi.body.toString()], [200, '<p>वर्षा</p>']);
  } finally {
    await f.close();
  }
});

test('anything but a GET or HEAD of a stored page is handed on, and its miss is left for the route to count', async () => {
  const f = await fixture();
  try {
    const handedOn = [
      ['/news/monsoon-arrives?utm_source=x', 'GET'],
      ['/news/monsoon-arrives/', 'GET'],
      ['/news/monsoon-arrives', 'POST'],
      ['/news/monsoon-arrives', 'DELETE'],
      ['/news/not-stored', 'GET'],
      ['/news', 'GET'],
      ['/news/monsoon-arrives/extra', 'GET'],
      ['/News/Monsoon-Arrives', 'GET'],
      ['/news/%E0%A4', 'GET'],
      ['/news/..%2Fmonsoon-arrives', 'GET'],
      ['//monsoon-arrives', 'GET'],
    ] as const;
    for (const [path, method] of handedOn) assert.equal((await get(f.base, path, { method })).status, 599, `${method} ${path}`);
    assert.deepEqual(f.observed, [], 'nothing answered here');
    assert.equal(f.cache.stats().misses, 0, 'misses are counted by the route that builds the page');
  } finally {
    await f.close();
  }
});

test('a page of an older content generation is not served: the request goes on to be built', async () => {
  let generation = 1;
  const cache = createPageCache({ maxEntries: 10, readGeneration: async () => generation, checkEveryMs: 60_000 });
  const stamped = await cache.currentGeneration();
  cache.set(articleCacheKey('news', 'monsoon-arrives'), { status: 200, generation: stamped, representations: await prepareRepresentations({ body: Buffer.from(PAGE), headers: {} }, [], 'page') });
  const take = createPageFastPath({ cache });
  const server = createServer((req, res) => {
    if (!take(req, res)) res.writeHead(599).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  try {
    assert.equal((await get(base, '/news/monsoon-arrives')).status, 200);
    generation = 2;
    await cache.invalidate();
    assert.equal((await get(base, '/news/monsoon-arrives')).status, 599);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});
