import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { insertPictures, insertStories } from '../../test/support/bulk-stories.js';
import { createDirectoryService } from '../content/index.js';
import { createMediaRepo } from '../media/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSitemapBuilder, monthRange, newsLanguage, type DocumentStream } from './sitemap-builder.js';
import { createSitemapRepo } from './sitemap-repo.js';

async function text(stream: DocumentStream | null): Promise<string> {
  assert.ok(stream, 'a document');
  let out = '';
  for await (const chunk of stream.chunks) out += chunk;
  return out;
}
const pageLocs = (xml: string) => [...xml.matchAll(/<url><loc>([^<]*)<\/loc>/g)].map((m) => m[1]!);

test('months and news languages are read strictly', () => {
  assert.deepEqual(monthRange('2025-12'), { from: '2025-12', to: '2026-01' });
  assert.deepEqual(monthRange('2025-06'), { from: '2025-06', to: '2025-07' });
  for (const bad of ['2025-13', '2025-00', '25-06', '2025-6', '2025-06-01', '']) assert.equal(monthRange(bad), null, bad);
  assert.equal(newsLanguage('en-IN'), 'en');
  assert.equal(newsLanguage('hi'), 'hi');
  assert.equal(newsLanguage('zh-Hant-TW'), 'zh-tw');
  assert.equal(newsLanguage('zh'), 'zh-cn');
  assert.equal(newsLanguage('x-klingon', 'en'), 'en');
});

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('month, author and topic sitemaps page by keyset: every story exactly once, in order, and nothing past the end'), async () => {
    const handle = await target.create();
    try {
      const { db } = handle;
      const directory = createDirectoryService({ db, clock: createManualClock('2025-06-01T00:00:00Z'), newId: createIdGenerator() });
      const section = await directory.ensureSection('News');
      const people = await Promise.all(['Ana', 'Ben', 'Cai', 'Dee', 'Eli'].map((n) => directory.ensurePerson(n)));
      const tags = await Promise.all(['One', 'Two', 'Three'].map((n) => directory.ensureTag(n)));
      const pictures = await insertPictures(db, 2);
      // 25 June stories, three at a time sharing a timestamp (the keyset must break ties by id), and drafts between them.
      await insertStories(db, {
        count: 40,
        start: new Date('2025-06-02T00:00:00Z'),
        stepMs: 0,
        sectionIds: [section.id],
        personIds: people.map((p) => p.id),
        tagIds: tags.map((t) => t.id),
        mediaIds: pictures,
        status: (n) => (n % 8 === 7 ? 'draft' : n >= 29 ? 'scheduled' : 'published'),
        slugPrefix: 'june',
      });
      await insertStories(db, { count: 2, start: new Date('2025-07-01T00:00:00Z'), stepMs: 60_000, sectionIds: [section.id], personIds: [people[0]!.id], slugPrefix: 'july' });
      const site = 'https://n.example';
      const builder = createSitemapBuilder({ repo: createSitemapRepo(db), mediaViews: (ids) => createMediaRepo(db).views(ids), siteUrl: site, pageSize: 10, batchSize: 4 });

      const pages = [await text(await builder.month('2025-06', 1)), await text(await builder.month('2025-06', 2)), await text(await builder.month('2025-06', 3))];
      const seen = pages.flatMap(pageLocs);
      assert.deepEqual(pages.map((p) => pageLocs(p).length), [10, 10, 6]);
      assert.equal(new Set(seen).size, seen.length, 'no story twice');
      const published = Array.from({ length: 29 }, (_, n) => n).filter((n) => n % 8 !== 7);
      assert.deepEqual(new Set(seen), new Set(published.map((n) => `${site}/news/june-${n}`)), 'every published story, no draft or scheduled one');
      assert.match(pages[0]!, /<image:image><image:loc>https:\/\/n\.example\/media\/v\/[0-9a-z]+-full-1600\.jpg<\/image:loc><\/image:image>/, 'the largest variant');
      assert.equal(await builder.month('2025-06', 4), null, 'past the last page');
      assert.equal(await builder.month('2025-08', 1), null, 'a month with no stories');

      const index = await text(await builder.index(new Date('2025-07-01T00:00:00Z')));
      for (const loc of ['/sitemaps/articles-2025-06.xml', '/sitemaps/articles-2025-06.xml?page=2', '/sitemaps/articles-2025-06.xml?page=3', '/sitemaps/articles-2025-07.xml', '/sitemaps/authors.xml', '/sitemaps/topics.xml']) {
        assert.ok(index.includes(`<loc>${site}${loc}</loc>`), `the index lists ${loc}`);
      }
      assert.ok(!index.includes('articles-2025-06.xml?page=4'));

      const smallPages = createSitemapBuilder({ repo: createSitemapRepo(db), mediaViews: async () => new Map(), siteUrl: site, pageSize: 2, batchSize: 1 });
      const authors = [await text(await smallPages.listing('authors', 1)), await text(await smallPages.listing('authors', 2)), await text(await smallPages.listing('authors', 3))].flatMap(pageLocs);
      assert.deepEqual(authors, ['ana', 'ben', 'cai', 'dee', 'eli'].map((s) => `${site}/author/${s}`));
      assert.equal(await smallPages.listing('authors', 4), null);
      const topics = [await text(await smallPages.listing('topics', 1)), await text(await smallPages.listing('topics', 2))].flatMap(pageLocs);
      assert.deepEqual(topics.sort(), ['one', 'three', 'two'].map((s) => `${site}/topic/${s}`));
      assert.equal(await smallPages.listing('topics', 3), null);
    } finally {
      await handle.close();
    }
  });
}
