import { test } from 'node:test';
import assert from 'node:assert/strict';
import { prepareRepresentations } from '../shared/representations.js';
import { createDocumentCache, type CachedDocument } from './document-cache.js';

async function doc(generation: number, bytes: number, expiresAt: number | null = null): Promise<CachedDocument> {
  const representations = await prepareRepresentations({ body: Buffer.alloc(bytes, 'a'), headers: {} }, [], 'response');
  return { generation, representations, lastModified: null, expiresAt };
}

function setup(maxBytes = 10_000) {
  let generation = 1;
  let time = 0;
  const cache = createDocumentCache({ maxBytes, checkEveryMs: 1000, readGeneration: async () => generation, now: () => time });
  let builds = 0;
  const build = (bytes = 100, expiresAt: number | null = null) => async (g: number) => {
    builds++;
    return doc(g, bytes, expiresAt);
  };
  return { cache, build, builds: () => builds, bump: () => generation++, tick: (ms: number) => (time += ms) };
}

test('a document is built once per content generation', async () => {
  const t = setup();
  await t.cache.get('feed', t.build());
  await t.cache.get('feed', t.build());
  assert.equal(t.builds(), 1);
  t.bump();
  await t.cache.invalidate();
  await t.cache.get('feed', t.build());
  assert.equal(t.builds(), 2, 'a new generation rebuilds');
});

test('requests for the same document at once share one build', async () => {
  const t = setup();
  await Promise.all([t.cache.get('sitemap', t.build()), t.cache.get('sitemap', t.build()), t.cache.get('sitemap', t.build())]);
  assert.equal(t.builds(), 1);
});

test('the cache holds no more bytes than its budget and drops the least recently used first', async () => {
  const t = setup(1000);
  for (const key of ['a', 'b', 'c', 'd']) await t.cache.get(key, t.build(240));
  assert.ok(t.cache.bytes <= 1000);
  await t.cache.get('a', t.build(240));
  await t.cache.get('e', t.build(240));
  const before = t.builds();
  await t.cache.get('a', t.build(240));
  assert.equal(t.builds(), before, '"a" was used recently and stayed');
  await t.cache.get('b', t.build(240));
  assert.equal(t.builds(), before + 1, '"b" was the oldest and went');
  await t.cache.get('huge', t.build(600));
  await t.cache.get('huge', t.build(600));
  assert.equal(t.builds(), before + 3, 'a document over a quarter of the budget is served but not kept');
});

test('a document that expires (the news sitemap) is rebuilt after its time, with no content change', async () => {
  const t = setup();
  await t.cache.get('news', t.build(100, 500));
  t.tick(400);
  await t.cache.get('news', t.build(100, 500));
  assert.equal(t.builds(), 1);
  t.tick(200);
  await t.cache.get('news', t.build(100, 500));
  assert.equal(t.builds(), 2);
});

test('a missing document (404) is not kept', async () => {
  const t = setup();
  let asked = 0;
  const missing = async () => (asked++, null);
  assert.equal(await t.cache.get('nope', missing), null);
  assert.equal(await t.cache.get('nope', missing), null);
  assert.equal(asked, 2);
  assert.equal(t.cache.bytes, 0);
});

test('a request after a change never joins a build begun before it', async () => {
  const t = setup();
  let finishOld!: () => void;
  const held = new Promise<void>((resolve) => (finishOld = resolve));
  const old = t.cache.get('feed', async (g) => (await held, doc(g, 100)));
  await new Promise((resolve) => setImmediate(resolve));
  t.bump(); // an editor publishes in this process, which announces it at once
  await t.cache.invalidate();
  const fresh = await t.cache.get('feed', t.build());
  assert.equal(fresh?.generation, 2, 'built anew for the new generation, not the build still under way');
  finishOld();
  assert.equal((await old)?.generation, 1);
  assert.equal((await t.cache.get('feed', t.build()))?.generation, 2, 'and the old build, finishing late, is not kept');
  assert.equal(t.builds(), 1);
});
