import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory, testPhoto, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { hasLoneSurrogate } from '../shared/truncate.js';
import type { DocNode } from '../doc/index.js';

type Ld = Record<string, any>;

function tags(html: string): Map<string, string> {
  return new Map([...html.matchAll(/<meta (?:property|name)="([^"]+)" content="([^"]*)">/g)].map((m) => [m[1]!, m[2]!]));
}

function jsonLd(html: string): Ld[] {
  return [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
}

const byType = (ld: Ld[], type: string) => ld.find((d) => d['@type'] === type);

async function page(app: TestApp, path: string): Promise<string> {
  const res = await app.app.inject(path);
  assert.equal(res.statusCode, 200, path);
  return res.body;
}

/** Every public page carries the full set of social tags, with an image that has a size and a text alternative. */
function assertSocialTags(html: string, path: string, expect: { type: string; locale: string; twitterSite?: string }) {
  const t = tags(html);
  for (const key of ['og:title', 'og:description', 'og:url', 'og:site_name', 'og:image', 'og:image:width', 'og:image:height', 'og:image:alt', 'twitter:title', 'twitter:description', 'twitter:image', 'twitter:image:alt']) {
    assert.ok(t.get(key), `${path} has a non-empty ${key}`);
  }
  assert.equal(t.get('og:type'), expect.type, `${path} og:type`);
  assert.equal(t.get('og:locale'), expect.locale, `${path} og:locale`);
  assert.equal(t.get('twitter:card'), 'summary_large_image', `${path} twitter:card`);
  assert.equal(t.get('twitter:site'), expect.twitterSite, `${path} twitter:site`);
  assert.match(t.get('og:image')!, /^https:\/\/news\.example\.com\//);
  assert.equal(t.get('twitter:image'), t.get('og:image'));
}

/** A publisher as Google wants it: a NewsMediaOrganization with a sized logo. */
function assertPublisher(publisher: Ld) {
  assert.equal(publisher['@type'], 'NewsMediaOrganization');
  assert.equal(publisher.name, 'The Test Times');
  assert.deepEqual([publisher.logo['@type'], publisher.logo.url, publisher.logo.width, publisher.logo.height], ['ImageObject', 'https://news.example.com/logo.png', 600, 60]);
}

function docWithPicture(mediaId: string, text: string): DocNode {
  return {
    type: 'doc',
    content: [
      { type: 'paragraph', content: [{ type: 'text', text }] },
      { type: 'image', attrs: { mediaId, alt: 'The lock gates', caption: 'The lock gates at dawn.' } },
      { type: 'paragraph', content: [{ type: 'text', text: 'More words after the picture.' }] },
    ],
  };
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('every public page carries Open Graph and Twitter tags and parseable JSON-LD'), async () => {
    const app = await createTestApp(target);
    try {
      await app.services.settings.update({ twitterHandle: '@testtimes' });
      await app.announceChange();
      const person = await app.services.directory.createPerson({ name: 'Meera Iyer', bio: 'Covers the port.', links: { x: 'https://x.com/meera', site: 'javascript:alert(1)' } });
      const { article } = await publishStory(app, { headline: 'Harbour floods after record rain', tags: ['Monsoon'], author: 'Meera Iyer' });
      assert.ok(article);
      await app.services.staticPages.create({ title: 'About us', slug: 'about', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Who we are.' }] }] } }, null);
      await app.announceChange();
      const expect = { locale: 'en_IN', twitterSite: '@testtimes' };

      const home = await page(app, '/');
      assertSocialTags(home, '/', { ...expect, type: 'website' });
      const site = byType(jsonLd(home), 'WebSite')!;
      assert.deepEqual([site.name, site.alternateName, site.url], ['The Test Times', 'news.example.com', 'https://news.example.com/']);
      assert.deepEqual(site.potentialAction, {
        '@type': 'SearchAction',
        target: { '@type': 'EntryPoint', urlTemplate: 'https://news.example.com/search?q={search_term_string}' },
        'query-input': 'required name=search_term_string',
      });
      assertPublisher(byType(jsonLd(home), 'NewsMediaOrganization')!);
      assert.deepEqual(byType(jsonLd(home), 'NewsMediaOrganization')!.sameAs, ['https://x.com/testtimes']);

      const section = await page(app, '/news');
      assertSocialTags(section, '/news', { ...expect, type: 'website' });
      assert.equal(byType(jsonLd(section), 'CollectionPage')!.url, 'https://news.example.com/news');
      assert.deepEqual(byType(jsonLd(section), 'BreadcrumbList')!.itemListElement.map((i: Ld) => [i.position, i.name, i.item]), [
        [1, 'The Test Times', 'https://news.example.com/'],
        [2, 'News', 'https://news.example.com/news'],
      ]);

      const topic = await page(app, '/topic/monsoon');
      assertSocialTags(topic, '/topic/monsoon', { ...expect, type: 'website' });
      assert.equal(byType(jsonLd(topic), 'CollectionPage')!.name, 'Monsoon');
      assert.deepEqual(byType(jsonLd(topic), 'BreadcrumbList')!.itemListElement.map((i: Ld) => i.name), ['The Test Times', 'Monsoon']);

      const author = await page(app, `/author/${person.slug}`);
      assertSocialTags(author, '/author', { ...expect, type: 'profile' });
      const profile = byType(jsonLd(author), 'ProfilePage')!;
      assert.deepEqual([profile.mainEntity['@type'], profile.mainEntity.name, profile.mainEntity.url, profile.mainEntity.description], ['Person', 'Meera Iyer', `https://news.example.com/author/${person.slug}`, 'Covers the port.']);
      assert.deepEqual(profile.mainEntity.sameAs, ['https://x.com/meera'], 'only web links become sameAs');

      const about = await page(app, '/about');
      assertSocialTags(about, '/about', { ...expect, type: 'website' });
      assert.equal(byType(jsonLd(about), 'AboutPage')!.name, 'About us');

      const story = await page(app, `/news/${article.slug}`);
      assertSocialTags(story, 'article', { ...expect, type: 'article' });
      assert.equal(tags(story).get('article:author'), `https://news.example.com/author/${person.slug}`);

      // The pages without a picture share the site image, and the logo is the size the data says.
      const image = tags(home).get('og:image')!;
      assert.equal(tags(section).get('og:image'), image);
      const logo = await app.app.inject('/logo.png');
      const logoInfo = await sharp(logo.rawPayload).metadata();
      assert.deepEqual([logoInfo.format, logoInfo.width, logoInfo.height], ['png', 600, 60]);
    } finally {
      await app.close();
    }
  });

  test(name('a NewsArticle has every field Google requires, credited pictures and its corrections'), async () => {
    const app = await createTestApp(target);
    try {
      const inline = await app.services.media.prepare(await testPhoto(1200, 800), { alt: 'The lock gates', caption: 'The lock gates at dawn.', credit: 'Reuters', licence: 'Editorial use only' });
      await app.database.db.transaction().execute((trx) => inline.commit(trx));
      const { article } = await publishStory(app, { headline: 'Lock gates fail in the storm', standfirst: '', body: docWithPicture(inline.id, 'The old lock gates at the harbour mouth gave way at three in the morning. Nobody was hurt. The council will meet on Monday to decide what to do next, and residents want answers.') });
      app.clock.advance(3_600_000);
      await app.services.articles.update(article.id, { headline: 'Lock gates fail in the storm' }, { correction: 'An earlier version said the gates were new.' });
      await app.shareCards.drain();
      const html = await page(app, `/news/${article.slug}`);
      const news = byType(jsonLd(html), 'NewsArticle')!;

      for (const field of ['headline', 'image', 'datePublished', 'dateModified', 'author', 'publisher', 'mainEntityOfPage', 'description']) assert.ok(news[field], `NewsArticle.${field}`);
      assert.ok(Date.parse(news.dateModified) > Date.parse(news.datePublished), 'dateModified follows the update');
      assert.deepEqual(news.author, [{ '@type': 'Person', '@id': `https://news.example.com/author/asha-rao#person`, name: 'Asha Rao', url: 'https://news.example.com/author/asha-rao' }]);
      assertPublisher(news.publisher);
      assert.deepEqual(news.correction, [{ '@type': 'CorrectionComment', text: 'An earlier version said the gates were new.', datePublished: '2025-06-27T05:30:00.000Z' }]);

      // The hero's three crops, then the inline picture, each an ImageObject with credit and rights.
      assert.equal(news.image.length, 4);
      for (const image of news.image) {
        assert.equal(image['@type'], 'ImageObject');
        assert.ok(image.url && image.width > 0 && image.height > 0);
        assert.ok(image.width * image.height >= 50_000, 'Google wants at least 50,000 pixels');
      }
      assert.deepEqual(news.image.slice(0, 3).map((i: Ld) => [i.creditText, i.copyrightNotice]), Array(3).fill(['MNA', 'MNA']));
      assert.deepEqual([news.image[3].creditText, news.image[3].copyrightNotice, news.image[3].caption], ['Reuters', 'Editorial use only', 'The lock gates at dawn.']);

      // No standfirst: the description is the body's opening, whole sentences, at most 160 characters.
      assert.equal(news.description, 'The old lock gates at the harbour mouth gave way at three in the morning. Nobody was hurt.');
      assert.equal(tags(html).get('og:description'), news.description);
      assert.ok(html.includes(`<meta name="description" content="${news.description}">`));
    } finally {
      await app.close();
    }
  });

  test(name('a Hindi story says og:locale hi_IN and its long headline is never cut inside a character or a word'), async () => {
    const app = await createTestApp(target);
    try {
      // Word boundaries land so that a naive 110-character cut splits the emoji or a Devanagari word.
      const emoji = 'Fans celebrate '.padEnd(109, 'x ').slice(0, 109) + '🎉🎉 and then the long night of the parade begins';
      assert.ok(hasLoneSurrogate(emoji.slice(0, 110)), 'the old cut (`headline.slice(0, 110)`) leaves half an emoji');
      const hindi = 'मुख्यमंत्री ने बाढ़ प्रभावित क्षेत्रों की समीक्षा की और राहत कार्यों में तेज़ी लाने के निर्देश दिए, साथ ही अधिकारियों से रिपोर्ट मांगी';
      assert.match(hindi.slice(110), /^[\p{L}\p{M}]/u, 'the old cut falls inside a Devanagari word');
      for (const [headline, language] of [[emoji, 'en'], [hindi, 'hi']] as const) {
        const { article } = await publishStory(app, { headline });
        if (language === 'hi') await app.services.articles.update(article.id, { language: 'hi' });
        await app.services.cache.invalidate();
        const html = await page(app, `/news/${article.slug}`);
        const news = byType(jsonLd(html), 'NewsArticle')!;
        assert.ok(news.headline.length <= 110, news.headline);
        assert.equal(hasLoneSurrogate(news.headline), false, news.headline);
        assert.ok(news.headline.endsWith('…'));
        const kept = news.headline.slice(0, -1);
        assert.ok(headline.startsWith(kept), news.headline);
        assert.doesNotMatch(headline.slice(kept.length), /^[\p{L}\p{M}\p{N}]/u, `cut between words, not inside one: ${news.headline}`);
        assert.equal(tags(html).get('og:locale'), language === 'hi' ? 'hi_IN' : 'en_IN');
        assert.equal(tags(html).get('og:title'), headline, 'the social title is the whole headline');
      }
    } finally {
      await app.close();
    }
  });

  test(name('the X handle is a setting: an @handle shows in twitter:site, anything else is refused'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      for (const bad of ['testtimes', '@', '@has space', '@waytoolongforahandle', 'https://x.com/a']) {
        const res = await admin.request('PATCH', '/api/admin/settings', { twitterHandle: bad });
        assert.equal(res.status, 400, bad);
        assert.equal(res.json.error.field, 'twitterHandle');
      }
      assert.equal(tags(await page(app, '/')).get('twitter:site'), undefined, 'no handle, no tag');
      const saved = await admin.request('PATCH', '/api/admin/settings', { twitterHandle: '@The_Times_1' });
      assert.equal(saved.status, 200);
      assert.equal(saved.json.twitterHandle, '@The_Times_1');
      assert.equal(tags(await page(app, '/')).get('twitter:site'), '@The_Times_1');
    } finally {
      await app.close();
    }
  });
}
