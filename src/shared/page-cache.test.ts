import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createPageCache, type CachedPage } from './page-cache.js';
import { prepareRepresentationsSync } from './representations.js';

const entry = (bytes: number, generation = 1): CachedPage => ({ status: 200, generation, representations: prepareRepresentationsSync({ body: Buffer.alloc(bytes, 'a'), headers: {} }) });

test('a byte budget keeps the newest answers and never an answer larger than the whole budget', async () => {
  let generation = 1;
  const cache = createPageCache({ maxEntries: 100, maxBytes: 1000, readGeneration: async () => generation, checkEveryMs: 60_000 });
  await cache.currentGeneration();
  // Under COMPRESS_MIN_BYTES, so each entry is its identity body alone: easy to count.
  cache.set('a', entry(400));
  cache.set('b', entry(400));
  cache.get('a'); // a is now the most recently used
  cache.set('c', entry(400));
  assert.ok(cache.get('a') && cache.get('c'), 'the recently used stay');
  assert.equal(cache.get('b'), undefined, 'the least recently used went to make room');
  const huge = entry(5000);
  assert.equal(cache.set('huge', huge), huge, 'an oversized answer is still answered');
  assert.equal(cache.get('huge'), undefined, 'but not kept');
  assert.equal(cache.size, 2);
  generation = 2;
  await cache.invalidate();
  assert.equal(cache.size, 0, 'a new generation empties the cache, budget and all');
  cache.set('d', entry(900, 2));
  assert.ok(cache.get('d'), 'the whole budget is free again');
});
