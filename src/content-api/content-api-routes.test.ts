import { test } from 'node:test';
import assert from 'node:assert/strict';
import Fastify from 'fastify';
import { createManualClock } from '../shared/clock.js';
import { createPageCache } from '../shared/page-cache.js';
import type { ContentApiService } from './content-api-service.js';
import { contentApiRoutes } from './content-api-routes.js';
import { createKeyCheck } from './key-check.js';

/** The routes with a counting fake service and an in-memory generation: no database. */
async function harness() {
  const calls = { browse: 0, lookups: 0 };
  let generation = 1;
  const clock = createManualClock('2025-06-27T04:30:00Z');
  const cache = createPageCache({ maxEntries: 100, readGeneration: async () => generation, checkEveryMs: 60_000 });
  const service = {
    async browse(resource: string) {
      calls.browse++;
      await new Promise((resolve) => setTimeout(resolve, 20));
      return { [resource]: [{ id: `built-${calls.browse}` }], meta: { pagination: { page: 1, limit: 15, pages: 1, total: 1, next: null, prev: null } } };
    },
  } as unknown as ContentApiService;
  const checkKey = createKeyCheck({ lookup: async (key) => (calls.lookups++, key === 'good' ? 'content-read' : null), clock, generation: () => cache.knownGeneration() });
  await cache.currentGeneration();
  const app = Fastify();
  await app.register(contentApiRoutes, { service, cache, checkKey, clock, document: () => ({}) });
  return { app, calls, clock, cache, bump: () => ((generation += 1), cache.invalidate()) };
}

test('requests that miss together wait for one build, and later ones are hits', async () => {
  const { app, calls } = await harness();
  const answers = await Promise.all(Array.from({ length: 20 }, () => app.inject('/ghost/api/content/posts/?key=good&include=authors')));
  assert.ok(answers.every((a) => a.statusCode === 200 && a.json().posts[0].id === 'built-1'));
  assert.equal(calls.browse, 1, 'one build for twenty concurrent misses');
  await app.inject('/api/content/posts?key=good&include=authors');
  assert.equal(calls.browse, 1, 'the other prefix and no trailing slash reach the same answer');
  await app.close();
});

test('a new content generation rebuilds; a relative date is never stored', async () => {
  const { app, calls, bump } = await harness();
  await app.inject('/ghost/api/content/posts/?key=good');
  await bump();
  await app.inject('/ghost/api/content/posts/?key=good');
  assert.equal(calls.browse, 2);
  await app.inject('/ghost/api/content/posts/?key=good&filter=published_at:>now-7d');
  await app.inject('/ghost/api/content/posts/?key=good&filter=published_at:>now-7d');
  assert.equal(calls.browse, 4, 'answers that depend on the clock are built each time');
  await app.close();
});

test('a key is looked up once per ten seconds and per content generation', async () => {
  const { app, calls, clock, bump } = await harness();
  for (let i = 0; i < 5; i++) await app.inject('/ghost/api/content/posts/?key=good');
  assert.equal(calls.lookups, 1);
  clock.advance(10_001);
  await app.inject('/ghost/api/content/posts/?key=good');
  assert.equal(calls.lookups, 2, 'looked up again after ten seconds: a disabled owner takes effect');
  await bump();
  await app.inject('/ghost/api/content/posts/?key=good');
  assert.equal(calls.lookups, 3, 'looked up again in a new generation: a revocation takes effect at once');
  const refused = await app.inject('/ghost/api/content/posts/?key=bad');
  assert.equal(refused.statusCode, 401);
  await app.close();
});

test('a failed build is not remembered: the next request tries again', async () => {
  const { app, calls } = await harness();
  assert.equal((await app.inject('/ghost/api/content/posts/?key=good&limit=zero')).statusCode, 422);
  assert.equal((await app.inject('/ghost/api/content/posts/?key=good&limit=2')).statusCode, 200);
  assert.equal(calls.browse, 1);
  await app.close();
});
