import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createPageCache, representationsIn, type CachedPage } from './page-cache.js';
import { answerRepresentations, etagOf, prepareRepresentationsSync } from './representations.js';
import type { ContentCoding } from './accept-encoding.js';

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

/** A page of text (compressible, well over COMPRESS_MIN_BYTES) as it is stored on its first request, in `coding`. */
function firstAnswer(text: string, coding: ContentCoding, generation = 1): CachedPage {
  const body = Buffer.from(text);
  const source = { body, headers: { 'content-type': 'text/html; charset=utf-8' }, etag: etagOf(body) };
  return { status: 200, generation, representations: answerRepresentations(source, coding), source };
}

const storyText = (n: number) => Array.from({ length: 400 }, (_, i) => `<p>Paragraph ${i} of story ${n}: the harbour board met on ${i % 28} June.</p>`).join('\n');
const decode = (coding: ContentCoding, body: Buffer) => (coding === 'br' ? brotliDecompressSync(body) : coding === 'gzip' ? gunzipSync(body) : body).toString();

test('a page asked for once keeps only the coding it was sent in; asked again, every coding is made at the storage setting', async () => {
  const cache = createPageCache({ maxEntries: 100, readGeneration: async () => 1, checkEveryMs: 60_000 });
  await cache.currentGeneration();
  const text = storyText(1);
  const stored = cache.set('/a/news/one', firstAnswer(text, 'br'));
  assert.deepEqual(Object.keys(stored.representations).sort(), ['br', 'identity'], 'no gzip made for a reader who took brotli');
  const cheapBrotli = stored.representations.br!.body;
  const cheapTag = stored.representations.br!.etag;
  await cache.settled();
  assert.deepEqual(Object.keys(stored.representations).sort(), ['br', 'identity'], 'nothing more is made before the page is asked for again');

  // Asked again, in another coding: answered at once (made for this answer), and the full set follows.
  const hit = cache.get('/a/news/one')!;
  const forGzip = representationsIn(hit, 'gzip');
  assert.equal(decode('gzip', forGzip.gzip!.body), text);
  assert.equal(forGzip.gzip!.etag, `W/${forGzip.identity.etag.slice(0, -1)}-gz"`, 'bytes made for one answer are tagged weak');
  await cache.settled();
  assert.equal(hit.source, undefined, 'the entry is complete');
  for (const coding of ['identity', 'br', 'gzip'] as const) {
    const representation = representationsIn(hit, coding)[coding]!;
    assert.equal(decode(coding, representation.body), text, `${coding}: the same page`);
    assert.equal(representation.headers['content-length'], representation.body.length);
  }
  assert.ok(hit.representations.br!.body.length < cheapBrotli.length, `brotli at the storage setting is smaller (${hit.representations.br!.body.length} < ${cheapBrotli.length})`);
  // One strong tag names one byte sequence (RFC 9110 §8.8.1): the cheap first bytes had the weak
  // form of the stored bytes' tag, so a reader revalidating them still gets a 304.
  assert.equal(hit.representations.br!.etag, `${hit.representations.identity.etag.slice(0, -1)}-br"`);
  assert.equal(cheapTag, `W/${hit.representations.br!.etag}`);
});

test('a full set finished after its page was replaced or retired is dropped, and the byte budget counts what is kept', async () => {
  let generation = 1;
  const cache = createPageCache({ maxEntries: 100, maxBytes: 60_000, readGeneration: async () => generation, checkEveryMs: 60_000 });
  await cache.currentGeneration();
  const first = cache.set('k', firstAnswer(storyText(1), 'identity'));
  cache.get('k'); // starts making the full set for `first`
  const second = cache.set('k', firstAnswer(storyText(2), 'identity'));
  await cache.settled();
  assert.equal(cache.get('k'), second, 'the newer page stays');
  assert.ok(first.source, 'the replaced entry was not completed into the cache');
  await cache.settled();
  assert.equal(second.source, undefined, 'the newer page, asked again, is completed');

  cache.set('r', firstAnswer(storyText(3), 'identity'));
  cache.get('r');
  generation = 2;
  await cache.invalidate();
  await cache.settled();
  assert.equal(cache.size, 0, 'a change retires the page; its full set does not bring it back');

  // A budget that holds two pages as first stored (identity only) but not with their compressed
  // bodies as well: completing them must count those bodies, and the least recently used goes.
  const size = Buffer.byteLength(storyText(4));
  const tight = createPageCache({ maxEntries: 100, maxBytes: 2 * size + 200, readGeneration: async () => 1, checkEveryMs: 60_000 });
  await tight.currentGeneration();
  tight.set('p1', firstAnswer(storyText(4), 'identity'));
  tight.set('p2', firstAnswer(storyText(4).replace('story 4', 'story 5'), 'identity'));
  assert.ok(tight.get('p1') && tight.get('p2'), 'both fit as first stored');
  await tight.settled();
  assert.equal(tight.get('p1'), undefined, 'the least recently used went when the compressed bodies were counted');
  const kept = tight.get('p2')!;
  assert.equal(kept.source, undefined);
  assert.ok(Object.values(kept.representations).reduce((sum, r) => sum + (r?.body.length ?? 0), 0) <= 2 * size + 200);
});

test('a change made elsewhere retires cached pages at the first request after checkEveryMs, never before', async () => {
  let generation = 1;
  let time = 0;
  let reads = 0;
  const cache = createPageCache({ maxEntries: 100, readGeneration: async () => (reads++, generation), checkEveryMs: 1000, now: () => time });
  await cache.currentGeneration();
  cache.set('home', entry(100));
  generation = 2; // another process (a worker, the CLI, another node) changed the site
  time = 1000;
  assert.ok(cache.get('home'), 'within the interval the page is served without asking the database');
  assert.equal(reads, 1);
  time = 1001;
  assert.ok(cache.get('home'), 'the first request after it is still answered at once, and starts a check');
  assert.equal(reads, 2);
  await cache.currentGeneration(); // the check in flight
  assert.equal(cache.get('home'), undefined, 'the next request builds the page anew');
  assert.equal(cache.knownGeneration(), 2);
});

test('pages read often stay and the least recently used go, in a cache of any size', async () => {
  for (const size of [4, 8, 64]) {
    const cache = createPageCache({ maxEntries: size, readGeneration: async () => 1, checkEveryMs: 60_000 });
    await cache.currentGeneration();
    for (let i = 0; i < size; i++) cache.set(`old-${i}`, entry(10));
    assert.ok(cache.get('old-0') && cache.get('old-1'));
    // A hot page read between every two new pages, and a warm one read every quarter of the cache.
    const warmEvery = Math.max(1, size >> 2);
    for (let i = 0; i < size * 5; i++) {
      cache.set(`new-${i}`, entry(10));
      assert.ok(cache.get('old-0'), `size ${size}: the page read after every store stayed (store ${i})`);
      if (i % warmEvery === 0) assert.ok(cache.get('old-1'), `size ${size}: the page read every ${warmEvery} stores stayed (store ${i})`);
    }
    // Everything else old went first, oldest first; the newest pages stored are all there.
    for (let i = 2; i < size; i++) assert.equal(cache.get(`old-${i}`), undefined, `size ${size}: old-${i} went`);
    for (let i = size * 5 - (size - 2); i < size * 5; i++) assert.ok(cache.get(`new-${i}`), `size ${size}: new-${i} stayed`);
  }
});

/** A build the test finishes when it chooses, counting how often it was started. */
function controlledBuilds() {
  const started: { generation: number; finish: (value: string) => void; fail: (err: Error) => void }[] = [];
  const make = (generation: number) => new Promise<string>((finish, fail) => started.push({ generation, finish, fail }));
  return { started, make };
}

test('readers who miss the same page at once share one build; another page, or the cache off, builds its own', async () => {
  const cache = createPageCache({ maxEntries: 100, readGeneration: async () => 1, checkEveryMs: 60_000 });
  const { started, make } = controlledBuilds();
  const waiting = Array.from({ length: 20 }, () => cache.build('/a/news/one', make));
  const other = cache.build('/a/news/two', make);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started.length, 2, 'twenty readers of one page and one of another: two builds');
  started[0]!.finish('page one');
  started[1]!.finish('page two');
  assert.deepEqual(new Set(await Promise.all(waiting)), new Set(['page one']));
  assert.equal(await other, 'page two');
  assert.equal(cache.stats().builds, 2);

  // Once a build has finished, a later miss (the page was not stored, or has been retired) builds again.
  const again = cache.build('/a/news/one', make);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started.length, 3);
  started[2]!.finish('page one, again');
  assert.equal(await again, 'page one, again');

  const off = createPageCache({ maxEntries: 0, readGeneration: async () => 1, checkEveryMs: 60_000 });
  const offBuilds = controlledBuilds();
  const each = [off.build('/a/news/one', offBuilds.make), off.build('/a/news/one', offBuilds.make)];
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(offBuilds.started.length, 2, 'with nothing kept, every answer is built (what PAGE_CACHE_ENTRIES=0 measures)');
  offBuilds.started.forEach((b, i) => b.finish(`answer ${i}`));
  assert.deepEqual(await Promise.all(each), ['answer 0', 'answer 1']);
});

test('a reader who comes after a change never joins a build begun before it, and a failed build is not kept', async () => {
  let generation = 1;
  const cache = createPageCache({ maxEntries: 100, readGeneration: async () => generation, checkEveryMs: 60_000 });
  const { started, make } = controlledBuilds();
  const before = cache.build('/a/news/one', make);
  await new Promise((resolve) => setImmediate(resolve));
  generation = 2; // the editor publishes: this process invalidates at once
  await cache.invalidate();
  const after = cache.build('/a/news/one', make);
  await new Promise((resolve) => setImmediate(resolve));
  assert.deepEqual(started.map((b) => b.generation), [1, 2], 'the later reader started a build of the new generation');
  started[0]!.finish('old page');
  started[1]!.finish('new page');
  assert.equal(await before, 'old page');
  assert.equal(await after, 'new page', 'the editor sees the change');

  const failing = [cache.build('/a/news/two', make), cache.build('/a/news/two', make)];
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started.length, 3);
  started[2]!.fail(new Error('database unavailable'));
  for (const result of await Promise.allSettled(failing)) assert.equal(result.status, 'rejected', 'everyone waiting hears of the failure');
  const retry = cache.build('/a/news/two', make);
  await new Promise((resolve) => setImmediate(resolve));
  assert.equal(started.length, 4, 'the next miss tries again');
  started[3]!.finish('page two');
  assert.equal(await retry, 'page two');
});
