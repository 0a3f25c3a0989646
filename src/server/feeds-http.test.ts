import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { parseFeed } from '@rowanmanning/feed-parser';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { NEVER_PUBLIC, seedFeedSite } from '../../test/support/feed-fixture.js';
import { feedparserAvailable, jsonFeedErrors, parseWithFeedparser } from '../../test/support/feed-tools.js';

const SITE = 'https://news.example.com';
const HEADLINES = { flood: 'Harbour floods after record rain', cricket: 'Rain & <wind> stop the final', may: 'Budget passes in May' };

/** Each feed, with the headlines it must carry, newest first. */
const FEEDS = [
  { path: '', titles: [HEADLINES.cricket, HEADLINES.flood, HEADLINES.may] },
  { path: '/news', titles: [HEADLINES.flood] },
  { path: '/sport', titles: [HEADLINES.cricket] },
  { path: '/author/asha-rao', titles: [HEADLINES.flood, HEADLINES.may] },
  { path: '/topic/monsoon', titles: [HEADLINES.flood] },
];

/** A feed's items as the independent parsers read them, in the same shape for every format. */
async function readFeed(app: TestApp, url: string) {
  const res = await app.app.inject(url);
  assert.equal(res.statusCode, 200, `${url} answers 200`);
  for (const secret of NEVER_PUBLIC) assert.ok(!res.body.includes(secret), `${url} never shows "${secret}"`);
  if (url.endsWith('.json')) {
    assert.match(String(res.headers['content-type']), /^application\/feed\+json/);
    const feed = JSON.parse(res.body);
    assert.equal(jsonFeedErrors(feed), null, `${url} is valid JSON Feed 1.1`);
    assert.equal(feed.version, 'https://jsonfeed.org/version/1.1');
    return { res, items: feed.items.map((i: Record<string, any>) => ({ title: i.title, url: i.url, id: i.id, authors: (i.authors ?? []).map((a: { name: string }) => a.name), published: i.date_published, image: i.image ?? null, summary: i.summary, content: i.content_html ?? null })) };
  }
  assert.match(String(res.headers['content-type']), url.endsWith('atom.xml') ? /^application\/atom\+xml/ : /^application\/rss\+xml/);
  const feed = parseFeed(res.body);
  const items = feed.items.map((i) => ({ title: i.title, url: i.url, id: i.id, authors: i.authors.map((a) => a.name), published: i.published?.toISOString().replace('.000Z', 'Z'), image: i.media.find((m) => m.type === 'image')?.url ?? null, summary: i.description, content: i.content }));
  if (feedparserAvailable()) {
    const parsed = parseWithFeedparser(res.body);
    assert.equal(parsed.bozo, false, `${url} is well-formed to feedparser: ${parsed.bozoException}`);
    assert.deepEqual(parsed.entries.map((e) => e.title), items.map((i) => i.title), 'feedparser reads the same items');
    assert.deepEqual(parsed.entries.map((e) => e.link), items.map((i) => i.url));
    assert.deepEqual(parsed.entries.map((e) => e.published), items.map((i) => i.published));
  }
  return { res, items };
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('the site, section, author and topic feeds carry their published stories in RSS, Atom and JSON Feed'), async () => {
    const app = await createTestApp(target);
    try {
      const { flood } = await seedFeedSite(app);
      for (const feed of FEEDS) {
        for (const file of ['rss', 'atom.xml', 'feed.json']) {
          const url = `${feed.path}/${file}`;
          const { items } = await readFeed(app, url);
          assert.deepEqual(items.map((i: { title: string }) => i.title), feed.titles, `${url} lists its stories, newest first`);
          const item = items.find((i: { title: string }) => i.title === HEADLINES.flood);
          if (!item) continue;
          assert.equal(item.url, `${SITE}/news/${flood.slug}`, `${url}: the link is the story's absolute URL`);
          assert.match(item.id, new RegExp(`^tag:news\\.example\\.com,2025-06-27:article/${flood.id}$`), `${url}: a stable id`);
          assert.deepEqual(item.authors, ['Asha Rao'], `${url}: the byline`);
          assert.equal(item.published, '2025-06-27T04:30:00Z', `${url}: the publication time`);
          assert.match(item.image ?? '', /^https:\/\/news\.example\.com\/media\/.+\.jpg$/, `${url}: the hero picture`);
          assert.equal(item.summary, 'The sea came in overnight.', `${url}: the standfirst is the summary`);
          assert.equal(item.content, null, `${url}: a summary only, by default`);
        }
      }
      const rss = (await app.app.inject('/rss')).body;
      assert.match(rss, /<atom:link href="https:\/\/news\.example\.com\/rss" rel="self" type="application\/rss\+xml"\/>/);
      assert.match(rss, /<media:content url="https:\/\/news\.example\.com\/media\/[^"]+\.jpg" type="image\/jpeg" medium="image" width="\d+" height="\d+"><media:description type="plain">Rain over the harbour on Friday\.<\/media:description><media:credit>MNA<\/media:credit><\/media:content>/);
      assert.match(rss, /<pubDate>Fri, 27 Jun 2025 04:30:00 GMT<\/pubDate>/);
      assert.ok(!rss.includes('<content:encoded>'), 'no full text unless the setting says so');
    } finally {
      await app.close();
    }
  });

  test(name('with full text switched on in the settings, every format carries the whole story with absolute links and survives "]]>"'), async () => {
    const app = await createTestApp(target);
    try {
      const { flood } = await seedFeedSite(app);
      const admin = await signIn(app, 'admin');
      const bad = await admin.request('PATCH', '/api/admin/settings', { feedFullText: 'yes' });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.field, 'feedFullText');
      assert.ok(!(await app.app.inject('/news/rss')).body.includes('<content:encoded>'), 'a refused value changes nothing');
      assert.equal((await admin.request('PATCH', '/api/admin/settings', { feedFullText: true })).json.feedFullText, true);
      for (const url of ['/news/rss', '/news/atom.xml', '/news/feed.json']) {
        const { items } = await readFeed(app, url);
        const content = String(items[0].content);
        // The XML parsers hand back the HTML with character references resolved; JSON keeps them.
        const text = content.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        assert.ok(text.includes('as 5 < 6 & the code "]]>" stayed put.'), `${url}: the text, "]]>" included: ${content}`);
        assert.match(content, /<a href="https:\/\/news\.example\.com\/news"[^>]*>harbour wall<\/a>/, `${url}: site-relative links made absolute`);
        assert.match(content, /<img src="https:\/\/news\.example\.com\/media\/[^"]+\.jpg"/, `${url}: the hero picture`);
        assert.ok(content.includes('Disclaimer: This image is taken from MNA.'), `${url}: the agency disclaimer`);
        assert.ok(content.includes('A second paragraph of the flood story.'));
      }
      if (feedparserAvailable()) {
        const parsed = parseWithFeedparser((await app.app.inject('/news/rss')).body);
        const text = parsed.entries[0]!.content.join('').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&amp;/g, '&');
        assert.ok(text.includes('as 5 < 6 & the code "]]>" stayed put.'), 'feedparser reads the full text back whole');
      }
      assert.equal(flood.slug, 'harbour-floods-after-record-rain');
    } finally {
      await app.close();
    }
  });

  test(name('feeds answer conditional requests with 304 by ETag (weak comparison) or Last-Modified, and are compressed'), async () => {
    const app = await createTestApp(target);
    try {
      await seedFeedSite(app);
      const first = await app.app.inject('/rss');
      const etag = String(first.headers.etag);
      assert.equal(first.headers['last-modified'], 'Fri, 27 Jun 2025 05:30:00 GMT', 'the newest item\'s time');
      for (const condition of [etag, `W/${etag}`, `"nope", ${etag}`, '*']) {
        const res = await app.app.inject({ url: '/rss', headers: { 'if-none-match': condition } });
        assert.equal(res.statusCode, 304, `If-None-Match: ${condition}`);
        assert.equal(res.body, '');
        assert.equal(res.headers.etag, etag);
      }
      assert.equal((await app.app.inject({ url: '/rss', headers: { 'if-none-match': '"other"' } })).statusCode, 200);
      const head = await app.app.inject({ method: 'HEAD', url: '/rss' });
      assert.equal(head.statusCode, 200);
      assert.equal(head.body, '');
      assert.equal(head.headers.etag, etag);
      assert.equal((await app.app.inject({ url: '/rss', headers: { 'if-modified-since': 'Fri, 27 Jun 2025 05:30:00 GMT' } })).statusCode, 304);
      assert.equal((await app.app.inject({ url: '/rss', headers: { 'if-modified-since': 'Fri, 27 Jun 2025 05:29:59 GMT' } })).statusCode, 200);
      assert.equal((await app.app.inject({ url: '/rss', headers: { 'if-modified-since': 'yesterday' } })).statusCode, 200);
      const both = await app.app.inject({ url: '/rss', headers: { 'if-none-match': '"other"', 'if-modified-since': 'Fri, 27 Jun 2025 05:30:00 GMT' } });
      assert.equal(both.statusCode, 200, 'If-Modified-Since is ignored when If-None-Match is present');

      const br = await app.app.inject({ url: '/feed.json', headers: { 'accept-encoding': 'gzip, br' } });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(br.headers.vary, 'Accept-Encoding');
      assert.equal(brotliDecompressSync(br.rawPayload).toString(), (await app.app.inject('/feed.json')).body);
      assert.equal((await app.app.inject({ url: '/feed.json', headers: { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) } })).statusCode, 304);

      app.clock.advance(60_000);
      await publishStory(app, { headline: 'A newer story' });
      await app.announceChange();
      const changed = await app.app.inject({ url: '/rss', headers: { 'if-none-match': etag } });
      assert.equal(changed.statusCode, 200, 'a new story changes the feed');
      assert.ok(changed.body.includes('A newer story'));
    } finally {
      await app.close();
    }
  });

  test(name('an unknown section, author or topic, or one with nothing published, gets a 404 and the server keeps serving'), async () => {
    const app = await createTestApp(target);
    try {
      await seedFeedSite(app);
      for (const url of ['/nope/rss', '/nope/atom.xml', '/nope/feed.json', '/author/ghost-writer/rss', '/author/nobody/feed.json', '/topic/hidden-topic/atom.xml', '/topic/nope/rss', '/about/rss']) {
        const res = await app.app.inject(url);
        assert.equal(res.statusCode, 404, url);
        assert.match(String(res.headers['content-type']), /^text\/plain/);
        assert.ok(res.body.length > 0 && res.body.length < 200, `${url} says why in a line`);
      }
      for (const url of ['/%ZZ/rss', '/author/%E0%A4/rss']) assert.equal((await app.app.inject(url)).statusCode, 400, `${url}: the router refuses a malformed escape`);
      assert.equal((await app.app.inject('/rss')).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  test(name('home, section, author and topic pages announce their feeds with <link rel="alternate">'), async () => {
    const app = await createTestApp(target);
    try {
      await seedFeedSite(app);
      const pages = [
        { page: '/', feed: '', title: 'The Test Times' },
        { page: '/news', feed: '/news', title: 'The Test Times: News' },
        { page: '/author/asha-rao', feed: '/author/asha-rao', title: 'The Test Times: Asha Rao' },
        { page: '/topic/monsoon', feed: '/topic/monsoon', title: 'The Test Times: Monsoon' },
      ];
      for (const { page, feed, title } of pages) {
        const html = (await app.app.inject(page)).body;
        assert.ok(html.includes(`<link rel="alternate" type="application/rss+xml" title="${title} (RSS)" href="${SITE}${feed}/rss">`), `${page} links its RSS feed`);
        assert.ok(html.includes(`<link rel="alternate" type="application/atom+xml" title="${title} (Atom)" href="${SITE}${feed}/atom.xml">`), `${page} links its Atom feed`);
        assert.ok(html.includes(`<link rel="alternate" type="application/feed+json" title="${title} (JSON Feed)" href="${SITE}${feed}/feed.json">`), `${page} links its JSON Feed`);
        assert.equal((await app.app.inject(`${feed}/rss`)).statusCode, 200, `${feed}/rss exists`);
      }
    } finally {
      await app.close();
    }
  });

  test(name('an article page announces the site\'s feeds and its section\'s'), async () => {
    const app = await createTestApp(target);
    try {
      const { flood } = await seedFeedSite(app);
      const html = (await app.app.inject(`/news/${flood.slug}`)).body;
      assert.ok(html.includes(`<link rel="alternate" type="application/rss+xml" title="The Test Times (RSS)" href="${SITE}/rss">`), 'the site feed');
      assert.ok(html.includes(`<link rel="alternate" type="application/rss+xml" title="The Test Times: News (RSS)" href="${SITE}/news/rss">`), 'the section feed');
    } finally {
      await app.close();
    }
  });

  test(name('a story headlined "RSS" never takes the section feed\'s address, and a person named RSS keeps their page'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'RSS', author: 'RSS' });
      await app.announceChange();
      assert.equal(article.slug, 'rss-2');
      assert.equal((await app.app.inject('/news/rss-2')).statusCode, 200, 'the story is reachable');
      assert.match(String((await app.app.inject('/news/rss')).headers['content-type']), /^application\/rss\+xml/, '/news/rss is the section feed');
      const person = await app.app.inject('/author/rss');
      assert.equal(person.statusCode, 200);
      assert.match(String(person.headers['content-type']), /^text\/html/, '/author/rss is the author page');
      assert.match(String((await app.app.inject('/author/rss/rss')).headers['content-type']), /^application\/rss\+xml/, 'and their feed is /author/rss/rss');
    } finally {
      await app.close();
    }
  });

  test(name('robots.txt names the sitemap index and the news sitemap'), async () => {
    const app = await createTestApp(target);
    try {
      const body = (await app.app.inject('/robots.txt')).body;
      assert.match(body, /^Sitemap: https:\/\/news\.example\.com\/sitemap\.xml$/m);
      assert.match(body, /^Sitemap: https:\/\/news\.example\.com\/news-sitemap\.xml$/m);
    } finally {
      await app.close();
    }
  });
}
