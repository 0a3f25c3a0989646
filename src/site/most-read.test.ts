import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory, type TestApp } from '../../test/support/test-app.js';

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

async function read(app: TestApp, articleId: string, readers: number, from = 0) {
  for (let i = from; i < from + readers; i++) {
    const outcome = await app.services.views.ingest({ articleId, address: `10.1.${i >> 8}.${i & 255}`, userAgent: CHROME, purpose: '', referrer: undefined });
    assert.equal(outcome.status, 'counted');
  }
  await app.services.views.flush();
}

/** The headlines of one most-read window of a page, in order. */
function window(html: string, id: string, which: 'day' | 'week'): string[] {
  const section = new RegExp(`<section class="most-read-window" id="${id}-${which}"[^>]*>(.*?)</section>`, 's').exec(html)?.[1] ?? '';
  return [...section.matchAll(/<li><a href="[^"]+">([^<]+)<\/a> <span class="views-small">([^<]+)<\/span>/g)].map((m) => `${m[1]} (${m[2]})`);
}

for (const target of await testDatabases()) {
  test(`[${target.name}] most read is by the last 24 hours and the last 7 days, on the home page and each section page`, async () => {
    const app = await createTestApp(target);
    try {
      const { article: old } = await publishStory(app, { headline: 'Big three days ago' });
      const { article: fresh } = await publishStory(app, { headline: 'Read today' });
      const { article: sport } = await publishStory(app, { headline: 'Match report', section: 'Sport' });
      const { article: ancient } = await publishStory(app, { headline: 'Read last month' });
      app.clock.set('2025-05-20T10:00:00Z');
      await read(app, ancient.id, 9);
      app.clock.set('2025-06-24T06:00:00Z');
      await read(app, old.id, 5);
      app.clock.set('2025-06-27T04:30:00Z');
      await read(app, fresh.id, 3, 100);
      await read(app, sport.id, 1, 200);
      await read(app, old.id, 2, 300);

      const home = (await app.app.inject('/')).body;
      assert.deepEqual(window(home, 'popular', 'day'), ['Read today (3 Views)', 'Big three days ago (2 Views)', 'Match report (1 View)']);
      assert.deepEqual(window(home, 'popular', 'week'), ['Big three days ago (7 Views)', 'Read today (3 Views)', 'Match report (1 View)'], 'not all-time: last month’s 9 views do not count');
      assert.match(home, /<h3 id="popular-day-h" class="most-read-when">Last 24 hours<\/h3>/);

      const news = (await app.app.inject('/news')).body;
      assert.match(news, /Most read in News/);
      assert.deepEqual(window(news, 'section-popular', 'week'), ['Big three days ago (7 Views)', 'Read today (3 Views)']);
      assert.deepEqual(window((await app.app.inject('/sport')).body, 'section-popular', 'day'), ['Match report (1 View)']);

      // Cached pages follow within a minute, without any content change.
      await read(app, sport.id, 4, 400);
      assert.deepEqual(window((await app.app.inject('/')).body, 'popular', 'day')[0], 'Read today (3 Views)', 'the cached page, seconds later');
      app.clock.advance(61_000);
      assert.deepEqual(window((await app.app.inject('/')).body, 'popular', 'day')[0], 'Match report (5 Views)', 'a minute later');
      // A day on, yesterday's reading has left the 24-hour list.
      app.clock.advance(24 * 3_600_000);
      assert.deepEqual(window((await app.app.inject('/')).body, 'popular', 'day'), []);
      assert.match((await app.app.inject('/')).body, /No views counted in this time yet/);
      await app.services.articles.unpublish(sport.id);
      await app.services.cache.invalidate();
      app.clock.advance(61_000);
      assert.ok(!window((await app.app.inject('/')).body, 'popular', 'week').some((h) => h.startsWith('Match report')), 'an unpublished story leaves the lists');
    } finally {
      await app.close();
    }
  });
}
