import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import type { LightMyRequestResponse } from 'fastify';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory, type TestApp } from '../../test/support/test-app.js';
import { articleCacheKey } from '../site/page-fast-path.js';

const BROWSER = 'gzip, deflate, br, zstd';

/** The body as the client reads it, after undoing the content coding. */
function decoded(res: LightMyRequestResponse): string {
  const coding = res.headers['content-encoding'];
  const raw = res.rawPayload;
  return (coding === 'br' ? brotliDecompressSync(raw) : coding === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

const get = (app: TestApp, url: string, headers: Record<string, string> = {}, method: 'GET' | 'HEAD' = 'GET') => app.app.inject({ method, url, headers });

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('pages are sent in brotli or gzip as asked, each with its own ETag and Vary: Accept-Encoding'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Compressed harbour story' });
      for (const url of [`/news/${article.slug}`, '/', '/news']) {
        const plain = await get(app, url);
        const br = await get(app, url, { 'accept-encoding': BROWSER });
        const gzip = await get(app, url, { 'accept-encoding': 'br;q=0, gzip' });
        assert.equal(plain.headers['content-encoding'], undefined, `${url}: no Accept-Encoding, no coding`);
        assert.equal(br.headers['content-encoding'], 'br', url);
        assert.equal(gzip.headers['content-encoding'], 'gzip', url);
        for (const res of [plain, br, gzip]) {
          assert.equal(res.statusCode, 200);
          assert.equal(res.headers.vary, 'Accept-Encoding', `${url}: every encoding says it varies`);
          assert.equal(Number(res.headers['content-length']), res.rawPayload.length, `${url}: the length is that of the bytes sent`);
          assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
          assert.equal(decoded(res), plain.body, `${url}: the same page in every encoding`);
        }
        assert.ok(br.rawPayload.length < plain.rawPayload.length / 2, `${url}: brotli at least halves the page`);
        const tags = [plain, br, gzip].map((r) => String(r.headers.etag));
        assert.equal(new Set(tags).size, 3, `${url}: one ETag per encoding (${tags.join(' ')})`);
        assert.equal(tags[1], `W/${tags[0]!.replace(/"$/, '-br"')}`, `${url}: bytes compressed for one answer are tagged weak`);
        // Asked for again, the page is stored in every coding at the storage setting; hits send those bytes.
        await app.services.cache.settled();
        const stored = await get(app, url, { 'accept-encoding': BROWSER });
        const again = await get(app, url, { 'accept-encoding': BROWSER });
        assert.deepEqual(again.rawPayload, stored.rawPayload, `${url}: a hit sends the stored bytes`);
        assert.equal(again.headers.etag, tags[0]!.replace(/"$/, '-br"'), `${url}: the stored bytes have a strong tag of their own`);
        assert.equal(br.headers.etag, `W/${again.headers.etag}`);
        const revalidated = await get(app, url, { 'accept-encoding': BROWSER, 'if-none-match': String(br.headers.etag) });
        assert.equal(revalidated.statusCode, 304, `${url}: a reader holding the first bytes keeps them`);
        assert.equal(decoded(again), plain.body);
        assert.ok(stored.rawPayload.length < br.rawPayload.length, `${url}: the stored brotli is smaller than the first answer's (${stored.rawPayload.length} < ${br.rawPayload.length})`);
      }
    } finally {
      await app.close();
    }
  });

  test(name('a page asked for once is compressed only in the coding its reader took; every coding is stored when it is asked again'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Crawled archive story' });
      const key = articleCacheKey('news', article.slug);
      const first = await get(app, `/news/${article.slug}`, { 'accept-encoding': 'gzip' });
      assert.equal(first.headers['content-encoding'], 'gzip');
      // A crawler walking the archive asks for each story once: compressing every such page in
      // brotli at the storage setting cost four times the rest of building it.
      await app.services.cache.settled();
      const once = app.services.cache.peek(key)!; // the page's second look-up
      assert.deepEqual(Object.keys(once.representations).sort(), ['gzip', 'identity'], 'nothing more was made after the first answer');
      await app.services.cache.settled();
      assert.deepEqual(Object.keys(app.services.cache.peek(key)!.representations).sort(), ['br', 'gzip', 'identity'], 'asked again, every coding is stored');
      const br = await get(app, `/news/${article.slug}`, { 'accept-encoding': BROWSER });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(decoded(br), decoded(first));
    } finally {
      await app.close();
    }
  });

  test(name('HEAD answers with the headers of GET and no body'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Head request story' });
      const full = await get(app, `/news/${article.slug}`, { 'accept-encoding': 'gzip' });
      const head = await get(app, `/news/${article.slug}`, { 'accept-encoding': 'gzip' }, 'HEAD');
      assert.equal(head.statusCode, 200);
      assert.equal(head.rawPayload.length, 0);
      assert.equal(head.headers['content-encoding'], 'gzip');
      for (const header of ['content-encoding', 'content-length', 'etag', 'vary', 'cache-control', 'content-type']) assert.equal(head.headers[header], full.headers[header], header);
    } finally {
      await app.close();
    }
  });

  test(name('If-None-Match uses weak comparison, takes lists and *, and names one encoding'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Revalidated story' });
      const url = `/news/${article.slug}`;
      const firstTag = String((await get(app, url, { 'accept-encoding': BROWSER })).headers.etag);
      const plainTag = String((await get(app, url)).headers.etag);
      await app.services.cache.settled(); // asked twice: every coding is stored, with strong tags
      const brTag = String((await get(app, url, { 'accept-encoding': BROWSER })).headers.etag);
      assert.equal(firstTag, `W/${brTag}`);
      for (const condition of [brTag, `W/${brTag}`, `"nope", W/${brTag}`, `"a","b",${brTag}`, '*']) {
        const res = await get(app, url, { 'accept-encoding': BROWSER, 'if-none-match': condition });
        assert.equal(res.statusCode, 304, `If-None-Match: ${condition}`);
        assert.equal(res.rawPayload.length, 0);
        assert.equal(res.headers.etag, brTag);
        assert.equal(res.headers.vary, 'Accept-Encoding');
        assert.match(String(res.headers['cache-control']), /max-age=60/);
        assert.equal(res.headers['content-encoding'], undefined, 'a 304 has no body to be encoded');
        assert.equal(res.headers['content-type'], undefined);
      }
      const other = await get(app, url, { 'accept-encoding': BROWSER, 'if-none-match': plainTag });
      assert.equal(other.statusCode, 200, 'the tag of the plain page does not revalidate the brotli one');
      assert.equal(other.headers['content-encoding'], 'br');
      assert.equal((await get(app, url, { 'if-none-match': `W/${plainTag}` })).statusCode, 304);
      assert.equal((await get(app, url, { 'if-none-match': '"something-else"' })).statusCode, 200);
      const head = await get(app, url, { 'if-none-match': plainTag }, 'HEAD');
      assert.equal(head.statusCode, 304);
    } finally {
      await app.close();
    }
  });

  test(name('a withdrawn story answers 410 in full, never 304'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Story to withdraw' });
      await app.services.articles.unpublish(article.id);
      await app.services.cache.invalidate();
      const url = `/news/${article.slug}`;
      const gone = await get(app, url, { 'accept-encoding': BROWSER });
      assert.equal(gone.statusCode, 410);
      assert.ok(decoded(gone).includes('withdrawn'));
      for (const condition of ['*', String(gone.headers.etag), `W/${gone.headers.etag}`]) {
        const again = await get(app, url, { 'accept-encoding': BROWSER, 'if-none-match': condition });
        assert.equal(again.statusCode, 410, `If-None-Match: ${condition}`);
        assert.ok(decoded(again).includes('withdrawn'));
      }
      const missing = await get(app, '/news/never-was', { 'if-none-match': '*' });
      assert.equal(missing.statusCode, 404, 'If-None-Match: * on nothing is still a 404');
    } finally {
      await app.close();
    }
  });

  test(name('error pages are compressed and say they vary'), async () => {
    const app = await createTestApp(target);
    try {
      const notFound = await get(app, '/no-such-section', { 'accept-encoding': BROWSER });
      assert.equal(notFound.statusCode, 404);
      assert.equal(notFound.headers['content-encoding'], 'br');
      assert.equal(notFound.headers.vary, 'Accept-Encoding');
      assert.ok(decoded(notFound).includes('Page not found'));
      const bad = await get(app, '/news?page=abc', { 'accept-encoding': 'gzip' });
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.headers['content-encoding'], 'gzip');
      assert.ok(decoded(bad).includes('whole number'));
      const plain = await get(app, '/no-such-section');
      assert.equal(plain.headers['content-encoding'], undefined);
      assert.ok(plain.body.includes('Page not found'));
    } finally {
      await app.close();
    }
  });

  test(name('with the page cache off, pages are still compressed for the reader who asks'), async () => {
    const app = await createTestApp(target, { PAGE_CACHE_ENTRIES: '0' });
    try {
      const { article } = await publishStory(app, { headline: 'Uncached story' });
      const url = `/news/${article.slug}`;
      const plain = await get(app, url);
      for (const [accept, coding] of [[BROWSER, 'br'], ['gzip', 'gzip']] as const) {
        const res = await get(app, url, { 'accept-encoding': accept });
        assert.equal(res.headers['content-encoding'], coding);
        assert.equal(res.headers.vary, 'Accept-Encoding');
        assert.equal(decoded(res), plain.body);
        assert.equal((await get(app, url, { 'accept-encoding': accept, 'if-none-match': String(res.headers.etag) })).statusCode, 304);
      }
      assert.equal(app.services.cache.size, 0, 'nothing was stored');
    } finally {
      await app.close();
    }
  });

  test(name('the reader script is served compressed; the tiny favicon as it is'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Script story' });
      const script = (await get(app, `/news/${article.slug}`)).body.match(/<script src="([^"]+)" defer>/)![1]!;
      const plain = await get(app, script);
      const br = await get(app, script, { 'accept-encoding': BROWSER });
      assert.equal(br.statusCode, 200);
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers.vary, 'Accept-Encoding');
      assert.match(String(br.headers['cache-control']), /immutable/);
      assert.equal(br.headers['content-type'], 'text/javascript; charset=utf-8');
      assert.equal(decoded(br), plain.body);
      assert.ok(plain.body.includes('navigator.share'));
      const favicon = await get(app, '/favicon.svg', { 'accept-encoding': BROWSER });
      assert.equal(favicon.headers['content-encoding'], undefined, 'under 1 KB is not worth compressing');
      assert.equal(favicon.headers['content-type'], 'image/svg+xml');
      assert.equal((await get(app, '/favicon.svg', { 'if-none-match': String(favicon.headers.etag) })).statusCode, 304);
    } finally {
      await app.close();
    }
  });
}
