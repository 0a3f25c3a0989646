import { test } from 'node:test';
import assert from 'node:assert/strict';
import { gunzipSync } from 'node:zlib';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory, type TestApp } from '../../test/support/test-app.js';
import { NEVER_PUBLIC, seedFeedSite } from '../../test/support/feed-fixture.js';
import { validateXml, XSD, xmllintAvailable } from '../../test/support/feed-tools.js';

const SITE = 'https://news.example.com';

/** Fetches a sitemap, checks it is served as XML, never lists a draft, and validates it against the published schema. */
async function sitemap(app: TestApp, url: string, schema: string): Promise<string> {
  const res = await app.app.inject(url);
  assert.equal(res.statusCode, 200, `${url} answers 200`);
  assert.equal(res.headers['content-type'], 'application/xml; charset=utf-8');
  for (const secret of NEVER_PUBLIC) assert.ok(!res.body.includes(secret), `${url} never lists "${secret}"`);
  if (xmllintAvailable()) {
    const result = validateXml(res.body, schema);
    assert.ok(result.ok, `${url} validates against ${schema.split('/').pop()}: ${result.output}`);
  }
  return res.body;
}

const locs = (xml: string) => [...xml.matchAll(/<loc>([^<]*)<\/loc>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('the sitemap index lists every sitemap, and each kind validates against the published schemas'), async () => {
    const app = await createTestApp(target);
    try {
      const { flood, cricket, may } = await seedFeedSite(app);
      const index = await sitemap(app, '/sitemap.xml', XSD.index);
      assert.deepEqual(locs(index), [
        `${SITE}/sitemaps/sections.xml`,
        `${SITE}/sitemaps/authors.xml`,
        `${SITE}/sitemaps/topics.xml`,
        `${SITE}/news-sitemap.xml`,
        `${SITE}/sitemaps/articles-2025-05.xml`,
        `${SITE}/sitemaps/articles-2025-06.xml`,
      ]);
      assert.match(index, /<sitemap><loc>https:\/\/news\.example\.com\/sitemaps\/articles-2025-05\.xml<\/loc><lastmod>2025-05-10T08:00:00Z<\/lastmod><\/sitemap>/);

      const june = await sitemap(app, '/sitemaps/articles-2025-06.xml', XSD.urlset);
      assert.deepEqual(locs(june).filter((l) => !l.includes('/media/')), [`${SITE}/news/${flood.slug}`, `${SITE}/sport/${cricket.slug}`]);
      assert.match(june, new RegExp(`<url><loc>${SITE}/news/${flood.slug}</loc><lastmod>2025-06-27T04:30:00Z</lastmod><image:image><image:loc>${SITE}/media/[^<]+-1600\\.jpg</image:loc></image:image></url>`));
      const mayMap = await sitemap(app, '/sitemaps/articles-2025-05.xml', XSD.urlset);
      assert.deepEqual(locs(mayMap).filter((l) => !l.includes('/media/')), [`${SITE}/business/${may.slug}`]);

      const sections = await sitemap(app, '/sitemaps/sections.xml', XSD.urlset);
      assert.deepEqual(new Set(locs(sections)), new Set([`${SITE}/`, `${SITE}/news`, `${SITE}/sport`, `${SITE}/business`]));
      const authors = await sitemap(app, '/sitemaps/authors.xml', XSD.urlset);
      assert.deepEqual(locs(authors), [`${SITE}/author/asha-rao`, `${SITE}/author/tom-field`]);
      const topics = await sitemap(app, '/sitemaps/topics.xml', XSD.urlset);
      assert.deepEqual(locs(topics), [`${SITE}/topic/monsoon`]);

      const news = await sitemap(app, '/news-sitemap.xml', XSD.urlset);
      assert.deepEqual(locs(news), [`${SITE}/sport/${cricket.slug}`, `${SITE}/news/${flood.slug}`], 'the last 48 hours, newest first; May is too old');
      assert.ok(
        news.includes(
          '<news:news><news:publication><news:name>The Test Times</news:name><news:language>en</news:language></news:publication><news:publication_date>2025-06-27T05:30:00Z</news:publication_date><news:title>Rain &amp; &lt;wind&gt; stop the final</news:title></news:news>',
        ),
      );
    } finally {
      await app.close();
    }
  });

  test(name('a month with no stories, a malformed month, a page past the end and a bad page number are refused'), async () => {
    const app = await createTestApp(target);
    try {
      await seedFeedSite(app);
      const refusals: [string, number][] = [
        ['/sitemaps/articles-2025-04.xml', 404],
        ['/sitemaps/articles-2025-13.xml', 404],
        ['/sitemaps/articles-25-06.xml', 404],
        ['/sitemaps/articles-2025-06-01.xml', 404],
        ['/sitemaps/articles-2025-06.xml?page=2', 404],
        ['/sitemaps/articles-2025-06.xml?page=99999999999', 404],
        ['/sitemaps/articles-2025-06.xml?page=abc', 400],
        ['/sitemaps/articles-2025-06.xml?page=0', 400],
        ['/sitemaps/authors.xml?page=2', 404],
        ['/sitemaps/topics.xml?page=2', 404],
        ['/sitemaps/sections.xml?page=-1', 400],
      ];
      for (const [url, status] of refusals) {
        const res = await app.app.inject(url);
        assert.equal(res.statusCode, status, url);
        assert.match(String(res.headers['content-type']), /^text\/plain/, `${url} says why`);
      }
      assert.equal((await app.app.inject('/sitemaps/articles-2025-06.xml?page=1')).statusCode, 200, 'the server keeps serving');
    } finally {
      await app.close();
    }
  });

  test(name('the news sitemap lets a story go after 48 hours without any other change'), async () => {
    const app = await createTestApp(target);
    try {
      const { flood, cricket } = await seedFeedSite(app);
      assert.equal(locs((await app.app.inject('/news-sitemap.xml')).body).length, 2);
      assert.ok(locs((await app.app.inject('/sitemap.xml')).body).includes(`${SITE}/news-sitemap.xml`));
      app.clock.set('2025-06-29T05:00:00Z');
      assert.deepEqual(locs((await app.app.inject('/news-sitemap.xml')).body), [`${SITE}/sport/${cricket.slug}`], `${flood.slug} is over 48 hours old`);
      app.clock.set('2025-06-29T06:00:00Z');
      const empty = await app.app.inject('/news-sitemap.xml');
      assert.equal(empty.statusCode, 200);
      assert.deepEqual(locs(empty.body), [], 'an empty urlset, not an error, for the address crawlers were given');
      assert.ok(!locs((await app.app.inject('/sitemap.xml')).body).includes(`${SITE}/news-sitemap.xml`), 'the index stops listing it');
    } finally {
      await app.close();
    }
  });

  test(name('sitemaps are compressed, revalidate with 304 and change when a story is published'), async () => {
    const app = await createTestApp(target);
    try {
      await seedFeedSite(app);
      // Enough stories that the sitemap is worth compressing (small bodies go out as they are).
      for (let i = 0; i < 6; i++) await publishStory(app, { headline: `Filler story number ${i} about the harbour and the rain` });
      await app.announceChange();
      const plain = await app.app.inject('/sitemaps/articles-2025-06.xml');
      const gz = await app.app.inject({ url: '/sitemaps/articles-2025-06.xml', headers: { 'accept-encoding': 'gzip' } });
      assert.equal(gz.headers['content-encoding'], 'gzip');
      assert.equal(gunzipSync(gz.rawPayload).toString(), plain.body);
      assert.equal(plain.headers['last-modified'], 'Fri, 27 Jun 2025 05:30:00 GMT');
      assert.equal((await app.app.inject({ url: '/sitemaps/articles-2025-06.xml', headers: { 'if-none-match': String(plain.headers.etag) } })).statusCode, 304);
      assert.equal((await app.app.inject({ url: '/sitemaps/articles-2025-06.xml', headers: { 'if-modified-since': String(plain.headers['last-modified']) } })).statusCode, 304);

      app.clock.advance(600_000);
      const { article } = await publishStory(app, { headline: 'Late edition' });
      await app.announceChange();
      const after = await app.app.inject({ url: '/sitemaps/articles-2025-06.xml', headers: { 'if-none-match': String(plain.headers.etag) } });
      assert.equal(after.statusCode, 200);
      assert.ok(locs(after.body).includes(`${SITE}/news/${article.slug}`));
    } finally {
      await app.close();
    }
  });
}
