import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory, type TestApp } from '../../test/support/test-app.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

function post(app: TestApp, id: string, options: { ua?: string; address?: string; body?: string | object; headers?: Record<string, string> } = {}) {
  const body = options.body ?? '';
  return app.app.inject({
    method: 'POST',
    url: `/api/views/${id}`,
    remoteAddress: options.address ?? '198.51.100.7',
    headers: { 'user-agent': options.ua ?? CHROME, 'content-type': typeof body === 'string' ? 'text/plain;charset=UTF-8' : 'application/json', ...options.headers },
    payload: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function storedViews(app: TestApp, id: string): Promise<number> {
  await app.services.views.flush();
  return Number((await app.database.db.selectFrom('articles').select('views').where('id', '=', id).executeTakeFirstOrThrow()).views);
}

for (const target of await testDatabases()) {
  const name = (title: string) => `[${target.name}] ${title}`;

  test(name('the beacon takes a sendBeacon-style text body with the referrer, and the JSON endpoint gives the number'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Beaconed' });
      const counted = await post(app, article.id, { body: JSON.stringify({ referrer: 'https://www.google.com/search?q=x' }) });
      assert.equal(counted.statusCode, 200);
      assert.equal(counted.headers['cache-control'], 'no-store');
      assert.deepEqual(counted.json(), { views: 1, counted: true });
      assert.deepEqual((await post(app, article.id, { body: {} })).json(), { views: 1, counted: false, reason: 'repeat' });
      assert.deepEqual((await post(app, article.id, { address: '198.51.100.8', headers: { 'sec-purpose': 'prefetch;prerender' } })).json(), { views: 1, counted: false, reason: 'prefetch' });
      assert.deepEqual((await post(app, article.id, { address: '198.51.100.8', headers: { purpose: 'prefetch' } })).json(), { views: 1, counted: false, reason: 'prefetch' });
      const count = await app.app.inject(`/api/views/${article.id}`);
      assert.deepEqual(count.json(), { views: 1 });
      assert.equal(count.headers['cache-control'], 'public, max-age=5');
      const missing = await app.app.inject(`/api/views/${'0'.repeat(26)}`);
      assert.deepEqual([missing.statusCode, missing.json().error.field], [404, 'id']);
      assert.deepEqual(await app.database.db.selectFrom('article_referrers_daily').select('host').execute(), [], 'nothing is written before the flush');
      await app.services.views.flush();
      assert.deepEqual(await app.database.db.selectFrom('article_referrers_daily').select(['host', 'views']).execute().then((r) => r.map((x) => [x.host, Number(x.views)])), [['google.com', 1]]);
    } finally {
      await app.close();
    }
  });

  test(name('bad beacons get a 4xx naming the field and change nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Probed' });
      const refusals: [string, Awaited<ReturnType<typeof post>>, number, string][] = [
        ['an 8 KB user agent', await post(app, article.id, { ua: 'Mozilla/5.0 '.padEnd(8192, 'x') }), 400, 'user-agent'],
        ['a referrer that is not a string', await post(app, article.id, { body: { referrer: ['https://a.example'] } }), 400, 'referrer'],
        ['a 3 KB referrer', await post(app, article.id, { body: { referrer: `https://a.example/${'x'.repeat(3000)}` } }), 400, 'referrer'],
        ['a body that is not JSON', await post(app, article.id, { body: '{"referrer": ' }), 400, 'body'],
        ['a JSON body that is not an object', await post(app, article.id, { body: '[1,2]' }), 400, 'body'],
        ['a bad id', await post(app, 'not-an-id'), 400, 'id'],
        ['an unknown story', await post(app, '0'.repeat(26)), 404, 'id'],
        ['a body over 4 KB', await post(app, article.id, { body: { referrer: 'https://a.example/', pad: 'x'.repeat(5000) } }), 413, 'body'],
      ];
      for (const [what, res, status, field] of refusals) {
        assert.equal(res.statusCode, status, `${what}: ${res.body}`);
        assert.equal(res.json().error.field, field, what);
      }
      const draft = await app.services.articles.create({ headline: 'Unpublished', body: { type: 'doc', content: [] }, sectionId: article.sectionId, authorIds: [], tagIds: [] });
      const unpublished = await post(app, draft.id);
      assert.deepEqual([unpublished.statusCode, unpublished.json().error.code, unpublished.json().error.field], [404, 'ARTICLE_NOT_FOUND', 'id']);
      assert.equal(await storedViews(app, article.id), 0, 'none of them counted');
      assert.equal(await storedViews(app, draft.id), 0);
    } finally {
      await app.close();
    }
  });

  test(name('forged referrers are dropped or grouped as other, never more than the daily cap of hosts'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Forged referrers' });
      for (const referrer of ['javascript:alert(document.cookie)', 'https://<script>.example/', 'https://news.example.com/self']) {
        assert.equal((await post(app, article.id, { address: `192.0.2.${referrer.length}`, body: { referrer } })).json().counted, true, referrer);
      }
      // 1,050 readers, each claiming a different host: the first 1,000 hosts are kept, the rest are "other".
      for (let i = 0; i < 1050; i++) {
        const res = await post(app, article.id, { address: `10.${i >> 8}.${i & 255}.1`, body: { referrer: `https://spam-${i}.example/` } });
        assert.equal(res.statusCode, 200);
      }
      await app.services.views.flush();
      const rows = await app.database.db.selectFrom('article_referrers_daily').select(['host', 'views']).execute();
      assert.equal(rows.length, 1001);
      assert.equal(Number(rows.find((r) => r.host === 'other')?.views), 50);
      assert.ok(!rows.some((r) => /script|javascript|news\.example\.com/.test(r.host)), 'the forged values and self-referrals are not stored');
      assert.equal(await storedViews(app, article.id), 1053, 'each view still counted');
    } finally {
      await app.close();
    }
  });

  test(name('a flood from one address is cut off with 429 after 120 beacons a minute; others and pages are still served'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Flooded' });
      const answers = await Promise.all(Array.from({ length: 300 }, (_, i) => post(app, article.id, { address: '203.0.113.66', ua: `${CHROME} flood/${i}` })));
      const statuses = answers.map((a) => a.statusCode);
      assert.equal(statuses.filter((s) => s === 200).length, 120);
      assert.equal(statuses.filter((s) => s === 429).length, 180);
      const limited = answers.find((a) => a.statusCode === 429)!;
      assert.equal(limited.json().error.code, 'RATE_LIMITED');
      assert.ok(Number(limited.headers['retry-after']) >= 1);
      assert.equal(await storedViews(app, article.id), 120, 'the flood counted at most the limit');
      assert.equal((await post(app, article.id, { address: '203.0.113.67' })).json().counted, true, 'another address is served');
      assert.equal((await app.app.inject(`/news/${article.slug}`)).statusCode, 200, 'the site keeps serving');
      app.clock.advance(60_000);
      assert.equal((await post(app, article.id, { address: '203.0.113.66', ua: `${CHROME} next minute` })).statusCode, 200, 'the next minute is open again');
    } finally {
      await app.close();
    }
  });
}
