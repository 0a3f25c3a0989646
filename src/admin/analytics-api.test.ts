import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { signIn } from '../../test/support/admin-client.js';
import { createTestApp, publishStory, type TestApp } from '../../test/support/test-app.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
const PHONE = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Mobile Safari/537.36';

async function read(app: TestApp, articleId: string, readers: number, options: { from?: number; ua?: string; referrer?: string } = {}) {
  for (let i = options.from ?? 0; i < (options.from ?? 0) + readers; i++) {
    await app.services.views.ingest({ articleId, address: `10.2.${i >> 8}.${i & 255}`, userAgent: options.ua ?? CHROME, purpose: '', referrer: options.referrer });
  }
  await app.services.views.flush();
}

const ENDPOINTS = ['/api/admin/analytics/views', '/api/admin/analytics/top-stories', '/api/admin/analytics/referrers', '/api/admin/analytics/devices', '/api/admin/analytics/live'];

for (const target of await testDatabases()) {
  const name = (title: string) => `[${target.name}] ${title}`;

  test(name('analytics are for editors and admins; a story’s own numbers for whoever may open it'), async () => {
    const app = await createTestApp(target);
    try {
      const author = await signIn(app, 'author');
      const { article } = await publishStory(app, { headline: 'Bylined', author: 'Author Person' });
      await app.database.db.updateTable('articles').set({ created_by: author.userId }).where('id', '=', article.id).execute();
      for (const role of ['contributor', 'author', 'editor', 'admin'] as const) {
        const client = role === 'author' ? author : await signIn(app, role);
        for (const url of ENDPOINTS) {
          const res = await client.request('GET', url);
          assert.equal(res.status, role === 'editor' || role === 'admin' ? 200 : 403, `${role} GET ${url}: ${res.body}`);
          if (res.status === 403) assert.equal(res.json.error.code, 'FORBIDDEN');
        }
        const own = await client.request('GET', `/api/admin/analytics/articles/${article.id}`);
        assert.equal(own.status, role === 'contributor' ? 404 : 200, `${role} reads the story's numbers`);
      }
      assert.equal((await app.app.inject('/api/admin/analytics/views')).statusCode, 401, 'signed out');
    } finally {
      await app.close();
    }
  });

  test(name('views over time by hour, day and month for the site, a section, an author and a story, with top stories, referrers, devices and live'), async () => {
    const app = await createTestApp(target);
    try {
      const { article: news, section, person } = await publishStory(app, { headline: 'Harbour floods', author: 'Asha Rao' });
      const { article: sport } = await publishStory(app, { headline: 'Derby won', section: 'Sport', author: 'Ben Okafor' });
      app.clock.set('2025-06-26T06:00:00Z');
      await read(app, news.id, 4, { referrer: 'https://www.google.com/' });
      app.clock.set('2025-06-27T04:30:00Z');
      await read(app, news.id, 3, { from: 100, ua: PHONE, referrer: 'https://m.facebook.com/' });
      await read(app, sport.id, 2, { from: 200 });
      const editor = await signIn(app, 'editor');
      const get = async (url: string) => {
        const res = await editor.request('GET', url);
        assert.equal(res.status, 200, `${url}: ${res.body}`);
        return res.json;
      };

      const days = await get('/api/admin/analytics/views?granularity=day&from=2025-06-25&to=2025-06-27');
      assert.deepEqual(days.points, [{ t: '2025-06-25', views: 0, visitors: 0 }, { t: '2025-06-26', views: 4, visitors: 4 }, { t: '2025-06-27', views: 5, visitors: 5 }]);
      assert.equal(days.total, 9);
      assert.equal(days.timeZone, 'Asia/Kolkata');
      const hours = await get('/api/admin/analytics/views?granularity=hour&from=2025-06-27&to=2025-06-27');
      assert.equal(hours.points.length, 24);
      assert.equal(hours.points[0].t, '2025-06-26T18:30:00.000Z', 'midnight in Kolkata');
      assert.deepEqual(hours.points.filter((p: { views: number }) => p.views), [{ t: '2025-06-27T04:30:00.000Z', views: 5 }]);
      const months = await get('/api/admin/analytics/views?granularity=month&from=2025-05-01&to=2025-06-27');
      assert.deepEqual(months.points, [{ t: '2025-05', views: 0 }, { t: '2025-06', views: 9 }]);
      assert.equal((await get(`/api/admin/analytics/views?scope=section&id=${section.id}&from=2025-06-20&to=2025-06-27`)).total, 7);
      assert.equal((await get(`/api/admin/analytics/views?scope=author&id=${person.id}&from=2025-06-20&to=2025-06-27`)).total, 7);
      const story = await get(`/api/admin/analytics/views?scope=article&id=${sport.id}&from=2025-06-27`);
      assert.deepEqual([story.scope, story.id, story.total, story.points.length], ['article', sport.id, 2, 1]);

      const top = await get('/api/admin/analytics/top-stories?from=2025-06-20&to=2025-06-27&limit=5');
      assert.deepEqual(top.items.map((s: { headline: string; views: number }) => [s.headline, s.views]), [['Harbour floods', 7], ['Derby won', 2]]);
      const referrers = await get('/api/admin/analytics/referrers?from=2025-06-20&to=2025-06-27');
      assert.deepEqual(referrers.items, [{ host: 'google.com', views: 4 }, { host: 'facebook.com', views: 3 }, { host: 'direct', views: 2 }]);
      const devices = await get(`/api/admin/analytics/devices?scope=article&id=${news.id}&from=2025-06-20&to=2025-06-27`);
      assert.deepEqual(devices.items, [{ device: 'mobile', views: 3 }, { device: 'tablet', views: 0 }, { device: 'desktop', views: 4 }]);
      const live = await get('/api/admin/analytics/live');
      assert.equal(live.points.length, 30);
      assert.deepEqual(live.points.at(-1), { t: '2025-06-27T04:30:00.000Z', views: 5 });
      assert.deepEqual(live.top.map((s: { headline: string }) => s.headline), ['Harbour floods', 'Derby won']);
      const readers = await get(`/api/admin/analytics/articles/${news.id}`);
      assert.deepEqual([readers.total, readers.today, readers.last7Days, readers.last30Days, readers.days.length], [7, 3, 7, 7, 30]);
      assert.deepEqual(readers.referrers[0], { host: 'google.com', views: 4 });
    } finally {
      await app.close();
    }
  });

  test(name('bad analytics input gets 400 naming the field, unknown scopes 404'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const cases: [string, number, string][] = [
        ['/api/admin/analytics/views?granularity=week', 400, 'granularity'],
        ['/api/admin/analytics/views?from=2025-02-30', 400, 'from'],
        ['/api/admin/analytics/views?from=27-06-2025', 400, 'from'],
        ['/api/admin/analytics/views?from=1999-12-31', 400, 'from'],
        ['/api/admin/analytics/views?from=2025-06-27&to=2025-06-01', 400, 'to'],
        ['/api/admin/analytics/views?granularity=hour&from=2025-05-01&to=2025-06-27', 400, 'from'],
        ['/api/admin/analytics/views?granularity=day&from=2020-01-01&to=2025-06-27', 400, 'from'],
        ['/api/admin/analytics/views?scope=section', 400, 'id'],
        [`/api/admin/analytics/views?scope=site&id=${'0'.repeat(26)}`, 400, 'id'],
        ['/api/admin/analytics/views?scope=author&id=not-an-id', 400, 'id'],
        ['/api/admin/analytics/views?scope=galaxy', 400, 'scope'],
        ['/api/admin/analytics/views?color=red', 400, 'color'],
        [`/api/admin/analytics/views?scope=section&id=${'0'.repeat(26)}`, 404, 'id'],
        [`/api/admin/analytics/top-stories?scope=author&id=${'0'.repeat(26)}`, 404, 'id'],
        ['/api/admin/analytics/top-stories?limit=0', 400, 'limit'],
        ['/api/admin/analytics/referrers?limit=500', 400, 'limit'],
        [`/api/admin/analytics/articles/${'0'.repeat(26)}`, 404, ''],
        ['/api/admin/analytics/articles/nope', 400, 'id'],
      ];
      for (const [url, status, field] of cases) {
        const res = await editor.request('GET', url);
        assert.equal(res.status, status, `${url}: ${res.body}`);
        if (field) assert.equal(res.json.error.field, field, url);
      }
    } finally {
      await app.close();
    }
  });
}
