import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { createAnalyticsRepo } from './analytics-repo.js';
import { createMostReadRanking, HOUR_SETTLED_MS } from './most-read-ranking.js';
import { createTimeKeys } from './zoned-time.js';

const HOUR = 3_600_000;

for (const target of await testDatabases()) {
  test(`[${target.name}] most read kept in memory ranks as the database's own sum does, hour after hour, per section, with late views and an unpublished story`, async () => {
    const app = await createTestApp(target);
    try {
      const db = app.database.db;
      const repo = createAnalyticsRepo(db);
      // A half-hour zone: hour keys fall on :30 in UTC.
      const timeKeys = createTimeKeys(() => 'Asia/Kolkata');
      const queries: string[] = [];
      const ranking = createMostReadRanking({
        source: {
          hourViews: (hour) => (queries.push(hour), repo.hourViews(hour)),
          publishedSections: repo.publishedSections,
          rankedSince: (since, limit, sectionId) => repo.rankedSince('article_views_hourly', since, limit, sectionId),
        },
        timeKeys,
        clock: app.clock,
      });
      const stories: { id: string; sectionId: string }[] = [];
      for (let i = 0; i < 6; i++) stories.push((await publishStory(app, { headline: `Story ${i}`, section: i % 2 ? 'Sport' : 'World' })).article);
      const sport = stories[1]!.sectionId;

      let seed = 7;
      const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
      async function addViews(hour: string, articleId: string, views: number) {
        await db
          .insertInto('article_views_hourly')
          .values({ article_id: articleId, hour, views })
          .onConflict((oc) => oc.columns(['article_id', 'hour']).doUpdateSet((eb) => ({ views: eb('article_views_hourly.views', '+', views) })))
          .execute();
      }
      const expected = async (hours: number, sectionId?: string) => {
        const current = Date.parse(timeKeys(app.clock.now().getTime()).hour);
        return (await repo.rankedSince('article_views_hourly', new Date(current - (hours - 1) * HOUR).toISOString(), 5, sectionId)).map(({ id, views }) => ({ id, views }));
      };

      // Ten days, 25 minutes at a time: views land in the running hour, and now and then in the
      // hour that just ended (a process flushing late, within the settling time).
      for (let step = 0; step < 10 * 24 * 2.4; step++) {
        const now = app.clock.now().getTime();
        const hour = timeKeys(now).hour;
        for (const story of stories) if (random() < 0.6) await addViews(hour, story.id, 1 + Math.floor(random() * 20));
        const previousHour = new Date(Date.parse(hour) - HOUR).toISOString();
        if (now - Date.parse(hour) < HOUR_SETTLED_MS - 60_000) {
          // Read once, then a late flush into the hour that just ended, a minute later.
          await ranking(24, 5);
          await addViews(previousHour, stories[Math.floor(random() * 6)]!.id, 50);
          app.clock.advance(60_000);
          assert.deepEqual(await ranking(24, 5), await expected(24), `late views at step ${step}`);
        }
        if (step === 300) await db.updateTable('articles').set({ status: 'unpublished' }).where('id', '=', stories[0]!.id).execute();
        if (step % 7 === 0) {
          for (const hours of [24, 168]) {
            assert.deepEqual(await ranking(hours, 5), await expected(hours), `${hours} h at step ${step}`);
            assert.deepEqual(await ranking(hours, 5, sport), await expected(hours, sport), `${hours} h in a section at step ${step}`);
          }
        }
        app.clock.advance(25 * 60_000);
      }
      const ranked = await ranking(168, 5);
      assert.ok(ranked.length >= 4 && !ranked.some((r) => r.id === stories[0]!.id), 'the unpublished story left the lists');
      // Settled hours are read once: ten days of refreshes read far fewer hours than they summed.
      assert.ok(queries.length < 240 + 3 * 100, `hours read: ${queries.length}`);
      assert.deepEqual(await ranking(24 * 30, 5), await expected(24 * 30), 'a longer window is summed by the database');
      await assert.rejects(ranking(0, 5), /hours must be a whole number/);
    } finally {
      await app.close();
    }
  });
}
