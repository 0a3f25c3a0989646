import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, utimesSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, publishStory, type TestApp } from '../../test/support/test-app.js';

/** The content of a `<meta property|name="…">` tag. */
function meta(html: string, key: string): string | undefined {
  return new RegExp(`<meta (?:property|name)="${key.replace(/[:.]/g, '\\$&')}" content="([^"]*)">`).exec(html)?.[1];
}

function jsonLd(html: string): Record<string, any>[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

async function page(app: TestApp, path: string): Promise<string> {
  const res = await app.app.inject(path);
  assert.equal(res.statusCode, 200, path);
  return res.body;
}

/** The file behind a /media/ URL, on disk. */
function fileOf(app: TestApp, url: string): string {
  return join(app.dataDir, 'media', new URL(url).pathname.replace(/^\/media\//, ''));
}

const CARD_URL = /^https:\/\/news\.example\.com\/media\/cards\/[0-9a-z]{2}\/[0-9a-z]{26}-[0-9a-f]{16}\.jpg$/;

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('a story gets its share card in the background after publishing, and og:image uses it'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Harbour floods after record rain' });
      const before = await page(app, `/news/${article.slug}`);
      // Until the card exists, the hero picture stands in.
      assert.match(meta(before, 'og:image')!, /\/media\/v\/.*-full-1600\.jpg$/);
      assert.equal(meta(before, 'og:image:width'), '1600');

      await app.shareCards.drain();
      const html = await page(app, `/news/${article.slug}`);
      const card = meta(html, 'og:image')!;
      assert.match(card, CARD_URL);
      assert.ok(card.includes(article.id));
      assert.equal(meta(html, 'twitter:image'), card);
      assert.deepEqual([meta(html, 'og:image:width'), meta(html, 'og:image:height'), meta(html, 'og:image:type')], ['1200', '630', 'image/jpeg']);
      assert.equal(meta(html, 'og:image:alt'), 'Harbour floods after record rain. Rain over the harbour');

      const res = await app.app.inject(new URL(card).pathname);
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['cache-control']), /max-age=31536000/);
      const info = await sharp(res.rawPayload).metadata();
      assert.deepEqual([info.format, info.width, info.height], ['jpeg', 1200, 630]);

      // The NewsArticle's images are now the hero's crops, credited.
      const news = jsonLd(html).find((d) => d['@type'] === 'NewsArticle')!;
      const ratios = news.image.map((i: { width: number; height: number }) => (i.width / i.height).toFixed(2));
      assert.deepEqual(ratios, ['1.78', '1.33', '1.00']);
      for (const image of news.image) {
        assert.equal(image.creditText, 'MNA');
        assert.equal(image.copyrightNotice, 'MNA');
        assert.equal((await app.app.inject(new URL(image.url).pathname)).statusCode, 200);
      }
    } finally {
      await app.close();
    }
  });

  test(name('a changed headline makes a new card under a new URL and removes the old file'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Council meets on the pool' });
      await app.shareCards.drain();
      const first = await page(app, `/news/${article.slug}`);
      const oldCard = meta(first, 'og:image')!;
      const oldCrops = jsonLd(first).find((d) => d['@type'] === 'NewsArticle')!.image.map((i: { url: string }) => i.url);
      assert.match(oldCard, CARD_URL);
      assert.ok(existsSync(fileOf(app, oldCard)));

      app.clock.advance(60_000);
      await app.services.articles.update(article.id, { headline: 'Council votes to close the pool' });
      await app.services.cache.invalidate();
      const stale = await page(app, `/news/${article.slug}`);
      assert.notEqual(meta(stale, 'og:image'), oldCard, 'a card with the old headline is never offered');
      assert.match(meta(stale, 'og:image')!, /\/media\/v\//);

      await app.shareCards.drain();
      const html = await page(app, `/news/${article.slug}`);
      const newCard = meta(html, 'og:image')!;
      assert.match(newCard, CARD_URL);
      assert.notEqual(newCard, oldCard);
      assert.equal(existsSync(fileOf(app, oldCard)), false, 'the old card file is gone');
      assert.equal((await app.app.inject(new URL(oldCard).pathname)).statusCode, 404);
      // The crops depend on the picture only, so they were kept.
      assert.deepEqual(jsonLd(html).find((d) => d['@type'] === 'NewsArticle')!.image.map((i: { url: string }) => i.url), oldCrops);
    } finally {
      await app.close();
    }
  });

  test(name('a story without a picture shares the site image until its own card is drawn'), async () => {
    const app = await createTestApp(target);
    try {
      const { directory, articles } = app.services;
      const section = await directory.ensureSection('News');
      const person = await directory.ensurePerson('Asha Rao');
      const draft = await articles.create({ headline: 'No picture today', standfirst: '', body: paragraphs('Words only.'), sectionId: section.id, authorIds: [person.id], tagIds: [] });
      const story = await articles.publish(draft.id);
      const before = await page(app, `/news/${story.slug}`);
      const siteImage = meta(before, 'og:image')!;
      assert.match(siteImage, /^https:\/\/news\.example\.com\/assets\/share\/site-[0-9a-f]{12}\.jpg$/);
      const res = await app.app.inject(new URL(siteImage).pathname);
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'image/jpeg');
      assert.match(String(res.headers['cache-control']), /immutable/);
      const info = await sharp(res.rawPayload).metadata();
      assert.deepEqual([info.width, info.height], [1200, 630]);
      // An address of an older site image leads to the current one.
      const old = await app.app.inject('/assets/share/site-000000000000.jpg');
      assert.equal(old.statusCode, 302);
      assert.equal(old.headers.location, new URL(siteImage).pathname);

      await app.shareCards.drain();
      const after = await page(app, `/news/${story.slug}`);
      assert.match(meta(after, 'og:image')!, CARD_URL);
      // Google requires an image: the site image stands in for the missing picture.
      assert.equal(jsonLd(after).find((d) => d['@type'] === 'NewsArticle')!.image[0].url, siteImage);
    } finally {
      await app.close();
    }
  });

  test(name('maintenance keeps current cards and removes the cards of deleted stories'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Kept card' });
      const { article: doomed } = await publishStory(app, { headline: 'Doomed card' });
      await app.shareCards.drain();
      const kept = fileOf(app, meta(await page(app, `/news/${article.slug}`), 'og:image')!);
      const gone = fileOf(app, meta(await page(app, `/news/${doomed.slug}`), 'og:image')!);
      await app.services.articles.unpublish(doomed.id);
      await app.services.articles.remove(doomed.id);

      // Files count as orphans only after an hour; the media sweep must not mistake cards (named by a
      // story id, which looks like a media id) for orphaned media.
      const twoHoursAgo = new Date(app.clock.now().getTime() - 2 * 3_600_000);
      for (const file of [kept, gone]) utimesSync(file, twoHoursAgo, twoHoursAgo);
      await app.maintenance.drain();
      assert.ok(existsSync(kept), 'a current card survives the media sweep');
      assert.equal(existsSync(gone), false, 'the deleted story’s card is swept');
    } finally {
      await app.close();
    }
  });
}
