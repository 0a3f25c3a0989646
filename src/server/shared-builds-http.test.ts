import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { seedNewsroom } from '../../test/support/content-api-newsroom.js';

/** An answer's page as text, whatever coding it came in. */
function decoded(coding: unknown, body: Buffer): string {
  return (coding === 'br' ? brotliDecompressSync(body) : coding === 'gzip' ? gunzipSync(body) : body).toString();
}

const METRICS_TOKEN = 'metrics-token-for-shared-builds-0123456789';
const READERS = 20;

/** A counter's value for one cache from a /metrics scrape. */
function counter(text: string, name: string, cache: string): number {
  const match = new RegExp(`^${name}\\{cache="${cache}"\\} (\\d+)$`, 'm').exec(text);
  return match ? Number(match[1]) : 0;
}

/**
 * Right after a change every cached page is stale at once, and the readers of a page who arrive
 * while it is being built used to build it each (on PostgreSQL, where a build waits on the
 * network: 1,000 builds of one page in 12 s under `wrk -c50` with a change every second). They now
 * share one build (page-cache.ts, `build`); each still gets its own coding and request id.
 */
for (const target of await testDatabases()) {
  test(`[${target.name}] readers who miss one page right after a change share one build, and see the change`, async () => {
    const app = await createTestApp(target, { METRICS_TOKEN });
    try {
      const { article, section } = await publishStory(app, { headline: 'Night buses return to the ring road' });
      const url = `/${section.slug}/${article.slug}`;
      assert.equal((await app.app.inject(url)).statusCode, 200);
      const before = app.services.cache.stats();

      await app.services.articles.update(article.id, { headline: 'Night buses return to the ring road from Monday' });
      await app.announceChange();
      const codings = ['', 'br', 'gzip', 'br, gzip'];
      const answers = await Promise.all(Array.from({ length: READERS }, (_, i) => app.app.inject({ url, headers: { 'accept-encoding': codings[i % codings.length]! } })));
      const after = app.services.cache.stats();

      for (const answer of answers) assert.equal(answer.statusCode, 200);
      const pages = answers.map((a) => decoded(a.headers['content-encoding'], a.rawPayload));
      assert.equal(new Set(pages).size, 1, 'every reader got the same page');
      assert.match(pages[0]!, /from Monday/, 'the page after the change');
      for (const [i, answer] of answers.entries()) assert.equal(answer.headers['content-encoding'], ['', 'br', 'gzip', 'br'][i % 4] || undefined, `reader ${i} got the coding it asked for`);
      assert.equal(new Set(answers.map((a) => a.headers['x-request-id'])).size, READERS, 'each answer has its own request id');
      assert.equal(after.misses - before.misses + (after.hits - before.hits), READERS);
      assert.equal(after.builds - before.builds, 1, `one build for ${after.misses - before.misses} readers who missed`);
      // On PostgreSQL a build waits on the network, so the readers do overlap; a build on SQLite may
      // finish before the next reader is read, and then the rest are hits.
      if (target.name === 'postgres') assert.ok(after.misses - before.misses > 1, 'the readers arrived while the page was being built');

      // A second page's readers make a second build, not join the first.
      const home = await Promise.all(Array.from({ length: READERS }, () => app.app.inject('/')));
      assert.ok(home.every((a) => a.statusCode === 200 && a.body.includes('from Monday')));
      assert.equal(app.services.cache.stats().builds - after.builds, 1);
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] Content API clients who miss one answer right after a change share one build`, async () => {
    const app = await createTestApp(target, { METRICS_TOKEN });
    try {
      const room = await seedNewsroom(app);
      const url = `/ghost/api/content/posts/?key=${room.key}&limit=5`;
      assert.equal((await app.app.inject(url)).statusCode, 200);
      const scrape = async () => (await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body;
      const before = await scrape();

      await app.announceChange();
      const answers = await Promise.all(Array.from({ length: READERS }, () => app.app.inject(url)));
      const after = await scrape();
      assert.ok(answers.every((a) => a.statusCode === 200));
      assert.equal(new Set(answers.map((a) => a.body)).size, 1);
      const built = counter(after, 'dateline_page_cache_builds_total', 'content-api') - counter(before, 'dateline_page_cache_builds_total', 'content-api');
      const missed = counter(after, 'dateline_page_cache_misses_total', 'content-api') - counter(before, 'dateline_page_cache_misses_total', 'content-api');
      assert.equal(built, 1, `one build for ${missed} clients who missed`);
      if (target.name === 'postgres') assert.ok(missed > 1, 'the clients arrived while the answer was being built');
    } finally {
      await app.close();
    }
  });
}
