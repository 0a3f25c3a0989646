import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../../test/support/databases.js';
import { createTestApp, publishStory } from '../../../test/support/test-app.js';
import { CARD_DESIGN_VERSION, cardHash, heroHash } from './card-inputs.js';
import { CARD_WINDOW_DAYS, createShareCardRepo, STALE_SLICE_MS, type CardSource } from './share-card-repo.js';

const SITE = 'The Test Times';
const at = (minutes: number) => new Date(Date.UTC(2025, 5, 27, 5, minutes)).toISOString();
const claim = (token: string, minutes: number) => ({ token, nowIso: at(minutes), untilIso: at(minutes + 10) });

function finished(source: CardSource) {
  const inputs = { ...source, siteName: SITE };
  return { inputs, renderer: CARD_DESIGN_VERSION, hash: cardHash(inputs), heroHash: heroHash(inputs), cardPath: `zz/${source.articleId}-x.jpg`, images: [], madeAt: at(0) };
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('a published story without a current card is stale until a card for its inputs is recorded'), async () => {
    const app = await createTestApp(target);
    try {
      const repo = createShareCardRepo(app.database.db);
      const { article, mediaId } = await publishStory(app, { headline: 'Stale until drawn' });
      const [source] = await repo.stale(SITE, CARD_DESIGN_VERSION, at(0), 10);
      assert.equal(source?.articleId, article.id);
      assert.equal(source.heroMediaId, mediaId);
      assert.match(source.heroPath, /^o\//);

      assert.ok(await repo.claim(article.id, claim('a', 0)));
      assert.deepEqual(await repo.stale(SITE, CARD_DESIGN_VERSION, at(1), 10), [], 'a live claim hides it from other processes');
      assert.equal(await repo.finish(article.id, 'a', finished(source)), true);
      assert.deepEqual(await repo.stale(SITE, CARD_DESIGN_VERSION, at(1), 10), [], 'drawn from the current inputs');

      assert.equal((await repo.stale('Another Name', CARD_DESIGN_VERSION, at(1), 10)).length, 1, 'a new site name makes it stale');
      assert.equal((await repo.stale(SITE, 'card-next', at(1), 10)).length, 1, 'a new design makes it stale');
      await app.services.articles.update(article.id, { headline: 'A new headline' });
      const [again] = await repo.stale(SITE, CARD_DESIGN_VERSION, at(1), 10);
      assert.equal(again?.headline, 'A new headline');
      await app.database.db.updateTable('media').set({ focal_x: 0.3 }).where('id', '=', mediaId).execute();
      assert.equal((await repo.stale(SITE, CARD_DESIGN_VERSION, at(1), 10))[0]?.focalX.toFixed(3), '0.300');
    } finally {
      await app.close();
    }
  });

  test(name('of two processes one wins the claim, and a lapsed lease is taken over'), async () => {
    const app = await createTestApp(target);
    try {
      const repo = createShareCardRepo(app.database.db);
      const { article } = await publishStory(app, { headline: 'Claimed once' });
      const [source] = await repo.stale(SITE, CARD_DESIGN_VERSION, at(0), 10);
      const results = await Promise.all([repo.claim(article.id, claim('a', 0)), repo.claim(article.id, claim('b', 0))]);
      assert.equal(results.filter(Boolean).length, 1, 'exactly one claim wins');
      const winner = results[0] ? 'a' : 'b';

      assert.equal(await repo.claim(article.id, claim('c', 5)), null, 'the lease still holds');
      assert.ok(await repo.claim(article.id, claim('c', 11)), 'a lapsed lease is taken over');
      assert.equal(await repo.finish(article.id, winner, finished(source!)), false, 'the process that lost its lease writes nothing');
      assert.equal(await repo.finish(article.id, 'c', finished(source!)), true);
      assert.deepEqual(await repo.referencedPaths([article.id]), new Set([`zz/${article.id}-x.jpg`]));

      // After a failure the story waits for its retry time.
      await app.services.articles.update(article.id, { headline: 'Fails to draw' });
      assert.ok(await repo.claim(article.id, claim('d', 20)));
      await repo.release(article.id, 'd', at(80));
      assert.deepEqual(await repo.stale(SITE, CARD_DESIGN_VERSION, at(30), 10), []);
      assert.equal((await repo.stale(SITE, CARD_DESIGN_VERSION, at(81), 10)).length, 1);
    } finally {
      await app.close();
    }
  });

  test(name('only stories published within the card window are drawn in the background'), async () => {
    const app = await createTestApp(target);
    try {
      const repo = createShareCardRepo(app.database.db);
      const { article: recent } = await publishStory(app, { headline: 'Inside the window' });
      const { article: old } = await publishStory(app, { headline: 'Outside the window' });
      const now = Date.parse(at(0));
      const daysAgo = (days: number) => new Date(now - days * 86_400_000).toISOString();
      await app.database.db.updateTable('articles').set({ published_at: daysAgo(CARD_WINDOW_DAYS - 1) }).where('id', '=', recent.id).execute();
      await app.database.db.updateTable('articles').set({ published_at: daysAgo(CARD_WINDOW_DAYS + 1) }).where('id', '=', old.id).execute();
      assert.deepEqual((await repo.stale(SITE, CARD_DESIGN_VERSION, at(0), 10)).map((s) => s.articleId), [recent.id]);
    } finally {
      await app.close();
    }
  });

  test(name('the window is searched a slice at a time, newest first, and finds what one search over it would'), async () => {
    const app = await createTestApp(target);
    try {
      const repo = createShareCardRepo(app.database.db);
      const now = Date.parse(at(0));
      const ago = (ms: number) => new Date(now - ms).toISOString();
      // Stories across many slices of the window (and one dated ahead, and one just inside its start); one of them drawn already.
      const times = [-3_600_000, 0, STALE_SLICE_MS - 1, STALE_SLICE_MS, 3 * STALE_SLICE_MS + 5, 40 * STALE_SLICE_MS, CARD_WINDOW_DAYS * 86_400_000 - 60_000];
      const stories: string[] = [];
      for (const [i, ms] of times.entries()) {
        const { article } = await publishStory(app, { headline: `Story ${i}` });
        await app.database.db.updateTable('articles').set({ published_at: ago(ms) }).where('id', '=', article.id).execute();
        stories.push(article.id);
      }
      const [drawn] = (await repo.stale(SITE, CARD_DESIGN_VERSION, at(0), 10)).filter((s) => s.articleId === stories[3]);
      assert.ok(await repo.claim(stories[3]!, claim('a', 0)));
      assert.equal(await repo.finish(stories[3]!, 'a', finished(drawn!)), true);
      const expected = stories.filter((id) => id !== stories[3]);
      assert.deepEqual((await repo.stale(SITE, CARD_DESIGN_VERSION, at(0), 10)).map((s) => s.articleId), expected, 'every stale story, newest first');
      for (const limit of [1, 2, 3, 5]) {
        assert.deepEqual((await repo.stale(SITE, CARD_DESIGN_VERSION, at(0), limit)).map((s) => s.articleId), expected.slice(0, limit), `the newest ${limit}, the limit spanning slices`);
      }
    } finally {
      await app.close();
    }
  });
}
