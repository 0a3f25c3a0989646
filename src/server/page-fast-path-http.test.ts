import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';

// A cached article page is answered before Fastify (src/site/page-fast-path.ts) only on a
// listening server; app.inject() never reaches it. These tests compare the two paths over real
// HTTP: the same URL with a query goes through Fastify's route and the same cache entry.
const METRICS_TOKEN = 'metrics-token-for-fast-path-0123456789';

function get(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c)).on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject).end();
  });
}

/** An answer without what differs between any two answers (its date and request id). */
function comparable(answer: Awaited<ReturnType<typeof get>>) {
  const { date: _date, 'x-request-id': _id, ...headers } = answer.headers;
  return { status: answer.status, headers, body: answer.body.toString('base64') };
}

for (const target of await testDatabases()) {
  const name = (title: string) => `[${target.name}] ${title}`;

  test(name('a cached article answered before Fastify is byte for byte what the route sends, in every coding'), async () => {
    const app = await createTestApp(target, { PORT: '0', HOST: '127.0.0.1', METRICS_TOKEN });
    const base = (await app.listen()).replace('localhost', '127.0.0.1');
    try {
      const { article, section } = await publishStory(app, { headline: 'Harbour ferries resume after the storm' });
      const url = `${base}/${section.slug}/${article.slug}`;
      assert.equal((await get(url)).status, 200, 'the first view builds and stores the page');
      // The second view has every coding made for storage, in zlib's threads; until they are stored,
      // another coding is compressed for one answer (weakly tagged), so compare the stored set.
      assert.equal((await get(url, { 'accept-encoding': 'br' })).headers['etag']?.toString().startsWith('W/'), true, 'until the full set is stored, brotli is made for the answer');
      await app.services.cache.settled();
      const codings: Record<string, string>[] = [{}, { 'accept-encoding': 'br' }, { 'accept-encoding': 'gzip' }];
      for (const coding of codings) {
        const fast = await get(url, coding);
        const routed = await get(`${url}?ref=newsletter`, coding);
        assert.deepEqual(comparable(fast), comparable(routed), JSON.stringify(coding));
        assert.match(String(fast.headers['x-request-id']), /^[0-9a-f-]{36}$/);
        const revalidated = await get(url, { ...coding, 'if-none-match': String(fast.headers['etag']) });
        assert.deepEqual(comparable(revalidated), comparable(await get(`${url}?ref=newsletter`, { ...coding, 'if-none-match': String(fast.headers['etag']) })));
        assert.equal(revalidated.status, 304);
      }
      assert.equal((await get(url, { 'x-request-id': 'edge-7f3a9c21' })).headers['x-request-id'], 'edge-7f3a9c21', "a proxy's id is kept");
      const head = await get(url, {}, 'HEAD');
      assert.deepEqual([head.status, head.body.length], [200, 0]);

      // A change shows at once (the desk announces it), and a withdrawal is a 410 on both paths.
      await app.services.articles.update(article.id, { headline: 'Harbour ferries resume on a shorter timetable' });
      await app.announceChange();
      assert.match((await get(url)).body.toString(), /shorter timetable/);
      assert.match((await get(url)).body.toString(), /shorter timetable/, 'and from the cache');
      await app.services.articles.unpublish(article.id);
      await app.announceChange();
      assert.equal((await get(url)).status, 410);
      assert.equal((await get(url)).status, 410, 'from the cache');

      const metrics = (await get(`${base}/metrics`, { authorization: `Bearer ${METRICS_TOKEN}` })).body.toString();
      // Every answer counted once, on either path: 200s are the first two views, 3 codings × (fast, routed),
      // the kept id and the two after the edit; 304s 3 codings × (fast, routed).
      assert.match(metrics, /dateline_http_requests_total\{route="\/:section\/:slug",method="GET",status="200"\} 11\n/);
      assert.match(metrics, /dateline_http_requests_total\{route="\/:section\/:slug",method="GET",status="304"\} 6\n/);
      assert.match(metrics, /dateline_http_requests_total\{route="\/:section\/:slug",method="GET",status="410"\} 2\n/);
      assert.match(metrics, /dateline_http_requests_total\{route="\/:section\/:slug",method="HEAD",status="200"\} 1\n/);
    } finally {
      await app.close();
    }
  });
}
