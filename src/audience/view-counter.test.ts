import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, publishStory, type TestApp } from '../../test/support/test-app.js';
import type { Beacon } from './view-counter.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const IPHONE = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';

function beacon(articleId: string, over: Partial<Beacon> = {}): Beacon {
  return { articleId, address: '198.51.100.10', userAgent: CHROME, purpose: '', referrer: undefined, ...over };
}

async function stored(app: TestApp, articleId: string) {
  const db = app.database.db;
  const sum = async (table: 'article_views_daily' | 'article_views_hourly' | 'article_views_minutely' | 'article_referrers_daily' | 'article_devices_daily') =>
    Number((await db.selectFrom(table).select((eb) => eb.fn.sum<number>('views').as('n')).where('article_id', '=', articleId).executeTakeFirst())?.n ?? 0);
  const article = await db.selectFrom('articles').select('views').where('id', '=', articleId).executeTakeFirstOrThrow();
  return { total: Number(article.views), daily: await sum('article_views_daily'), hourly: await sum('article_views_hourly'), minutely: await sum('article_views_minutely'), referrers: await sum('article_referrers_daily'), devices: await sum('article_devices_daily') };
}

for (const target of await testDatabases()) {
  const name = (title: string) => `[${target.name}] ${title}`;

  test(name('one view per reader per story per day: a reload is not a new view, the next day is'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Counted once' });
      const { article: second } = await publishStory(app, { headline: 'Another story' });
      const views = app.services.views;
      assert.deepEqual(await views.ingest(beacon(article.id)), { status: 'counted', views: 1 });
      // 41 reloads in a second (the reader) are still one view.
      for (let i = 0; i < 40; i++) assert.deepEqual(await views.ingest(beacon(article.id)), { status: 'not-counted', reason: 'repeat', views: 1 });
      assert.deepEqual(await views.ingest(beacon(article.id, { address: '198.51.100.11' })), { status: 'counted', views: 2 }, 'another reader');
      assert.deepEqual(await views.ingest(beacon(article.id, { userAgent: IPHONE })), { status: 'counted', views: 3 }, 'another device at the same address');
      assert.equal((await views.ingest(beacon(second.id))).status, 'counted', 'the same reader on another story');
      assert.equal(await views.flush(), 4);
      assert.equal((await views.ingest(beacon(article.id))).status, 'not-counted', 'still a repeat after the flush');
      // Local midnight in Kolkata is 18:30Z; the test clock starts at 04:30Z.
      app.clock.set('2025-06-27T18:30:05Z');
      assert.deepEqual(await views.ingest(beacon(article.id)), { status: 'counted', views: 4 }, 'a new day, a new view');
      await views.flush();
      // Minute rows (the live view) are kept two hours: the morning's are gone.
      assert.deepEqual(await stored(app, article.id), { total: 4, daily: 4, hourly: 4, minutely: 1, referrers: 4, devices: 4 });
      const days = await app.database.db.selectFrom('article_views_daily').select(['day', 'views']).where('article_id', '=', article.id).orderBy('day').execute();
      assert.deepEqual(days.map((d) => [d.day, Number(d.views)]), [['2025-06-27', 3], ['2025-06-28', 1]]);
      const visitors = await app.database.db.selectFrom('site_visitors_daily').select(['day', 'visitors']).orderBy('day').execute();
      assert.deepEqual(visitors.map((v) => [v.day, Number(v.visitors)]), [['2025-06-27', 3], ['2025-06-28', 1]], 'three distinct readers on the first day, across two stories');
    } finally {
      await app.close();
    }
  });

  test(name('bots and prefetches see the number and are not counted'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Seen by crawlers' });
      const views = app.services.views;
      await views.ingest(beacon(article.id));
      const bots = ['Googlebot/2.1 (+http://www.google.com/bot.html)', 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) HeadlessChrome/120.0 Safari/537.36', 'curl/8.5.0', ''];
      for (const userAgent of bots) assert.deepEqual(await views.ingest(beacon(article.id, { userAgent, address: '198.51.100.50' })), { status: 'not-counted', reason: 'bot', views: 1 }, userAgent);
      for (const purpose of ['prefetch', 'prefetch;prerender', 'preview']) {
        assert.deepEqual(await views.ingest(beacon(article.id, { purpose, address: '198.51.100.60' })), { status: 'not-counted', reason: 'prefetch', views: 1 }, purpose);
      }
      // The prefetched reader who then opens the page is counted then.
      assert.equal((await views.ingest(beacon(article.id, { address: '198.51.100.60' }))).status, 'counted');
      await views.flush();
      assert.equal((await stored(app, article.id)).total, 2);
    } finally {
      await app.close();
    }
  });

  test(name('a flush writes day, hour, minute, referrer and device rows that add up to the counted views'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Widely read' });
      const views = app.services.views;
      const referrers = ['https://www.google.com/search?q=x', 'https://m.facebook.com/', undefined, 'https://news.example.com/sport', 'javascript:alert(1)', 'https://www.google.com/'];
      let counted = 0;
      for (let i = 0; i < 30; i++) {
        const outcome = await views.ingest(beacon(article.id, { address: `203.0.113.${i}`, userAgent: i % 3 ? CHROME : IPHONE, referrer: referrers[i % referrers.length] }));
        if (outcome.status === 'counted') counted++;
      }
      assert.equal(counted, 30);
      assert.equal(await views.current(article.id), 30, 'the number includes views not yet written');
      assert.equal(await views.flush(), 30);
      assert.deepEqual(await stored(app, article.id), { total: 30, daily: 30, hourly: 30, minutely: 30, referrers: 20, devices: 30 });
      const hosts = await app.database.db.selectFrom('article_referrers_daily').select(['host', 'views']).where('article_id', '=', article.id).orderBy('host').execute();
      // Self-referrals and a javascript: "referrer" are not recorded; the view itself still counts.
      assert.deepEqual(hosts.map((h) => [h.host, Number(h.views)]), [['direct', 5], ['facebook.com', 5], ['google.com', 10]]);
      const devices = await app.database.db.selectFrom('article_devices_daily').select(['device', 'views']).where('article_id', '=', article.id).orderBy('device').execute();
      assert.deepEqual(devices.map((d) => [d.device, Number(d.views)]), [['desktop', 20], ['mobile', 10]]);
      const hour = await app.database.db.selectFrom('article_views_hourly').select('hour').where('article_id', '=', article.id).executeTakeFirstOrThrow();
      assert.equal(hour.hour, '2025-06-27T04:30:00.000Z', '10:00 in Kolkata');
      assert.equal(await views.flush(), 0, 'nothing is written twice');
      assert.equal(await views.current(article.id), 30);
    } finally {
      await app.close();
    }
  });

  test(name('views are written within a second while the server runs, and at close'), async (t) => {
    const handle = await target.create();
    const app = await createTestApp(target, {}, { database: handle });
    try {
      const { article } = await publishStory(app, { headline: 'Written soon' });
      // The second is counted on a clock of the test's own: measured on the wall clock, a loaded CI
      // machine made it whatever the machine was doing (the database and its I/O stay real).
      t.mock.timers.enable({ apis: ['setInterval'] });
      app.services.views.start();
      await app.services.views.ingest(beacon(article.id));
      t.mock.timers.tick(999);
      await new Promise((resolve) => setTimeout(resolve, 200));
      assert.equal((await stored(app, article.id)).total, 0, 'not written before the second is up');
      t.mock.timers.tick(1);
      const started = Date.now();
      while ((await stored(app, article.id)).total === 0 && Date.now() - started < 10_000) await new Promise((r) => setTimeout(r, 20));
      assert.equal((await stored(app, article.id)).total, 1, 'written when the second is up, with no request and no close');
      for (let i = 0; i < 25; i++) await app.services.views.ingest(beacon(article.id, { address: `192.0.2.${i}` }));
      await app.close();
      const row = await handle.db.selectFrom('articles').select('views').where('id', '=', article.id).executeTakeFirstOrThrow();
      assert.equal(Number(row.views), 26, 'close() wrote what the timer had not');
    } finally {
      await app.close().catch(() => {});
      await handle.close();
    }
  });

  test(name('unknown, unpublished and deleted stories count nothing, and the other stories are still written'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Will be withdrawn' });
      const { article: kept } = await publishStory(app, { headline: 'Stays up' });
      const views = app.services.views;
      assert.deepEqual(await views.ingest(beacon('0'.repeat(26))), { status: 'not-found' });
      const draft = await app.services.articles.create({ headline: 'A draft', body: paragraphs('Not yet.'), sectionId: article.sectionId, authorIds: [], tagIds: [] });
      assert.deepEqual(await views.ingest(beacon(draft.id)), { status: 'not-found' });
      assert.equal((await views.ingest(beacon(article.id))).status, 'counted');
      assert.equal((await views.ingest(beacon(kept.id))).status, 'counted');
      await app.services.articles.unpublish(article.id);
      await app.services.cache.invalidate();
      assert.deepEqual(await views.ingest(beacon(article.id, { address: '192.0.2.99' })), { status: 'not-found' });
      // Deleted between the count and the flush: its view is dropped, the batch still goes in.
      await app.services.articles.remove(article.id);
      assert.equal(await views.flush(), 1);
      assert.equal((await stored(app, kept.id)).total, 1);
    } finally {
      await app.close();
    }
  });
}
