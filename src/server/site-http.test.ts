import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, publishStory } from '../../test/support/test-app.js';

/** Positions of markers in the HTML; the anatomy test checks they come in DESIGN.md's order. */
function order(html: string, markers: string[]): number[] {
  return markers.map((m) => {
    const at = html.indexOf(m);
    assert.ok(at >= 0, `page contains ${m}`);
    return at;
  });
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('an article page shows the whole anatomy in order'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Harbour floods after record rain', tags: ['Monsoon'], credit: 'MNA' });
      await publishStory(app, { headline: 'Second monsoon story', tags: ['Monsoon'] });
      const res = await app.app.inject(`/news/${article.slug}`);
      assert.equal(res.statusCode, 200);
      const html = res.body;
      const positions = order(html, [
        '<nav class="sections"',
        'class="kicker" href="/news">News</a>',
        '<h1>Harbour floods after record rain</h1>',
        'Published On <time datetime="2025-06-27T04:30:00.000Z">Fri, 27 Jun 2025</time>',
        'href="/author/asha-rao" rel="author">Asha Rao</a>',
        '0 Views',
        '<figure class="hero"><picture>',
        '<nav class="share"',
        'The first paragraph of the story.',
        '<p class="image-disclaimer">Disclaimer: This image is taken from MNA.</p>',
        'class="chip chip--topic" href="/topic/monsoon">Monsoon</a>',
        'Related stories',
        '<footer class="site-footer">',
      ]);
      assert.deepEqual(positions, [...positions].sort((a, b) => a - b), 'parts appear in the designed order');
      assert.equal((html.match(/<h1[ >]/g) ?? []).length, 1, 'exactly one h1');
      assert.match(html, /<img [^>]*srcset="[^"]*640w[^"]*"[^>]*width="1600" height="900"[^>]*fetchpriority="high"/);
      assert.match(html, /<source type="image\/webp" srcset="/);
      for (const share of ['https://wa.me/?text=', 'https://x.com/intent/post?url=', 'facebook.com/sharer', 'linkedin.com/sharing', 't.me/share', 'mailto:?subject=', 'class="share-copy"', 'class="share-native"']) {
        assert.ok(html.includes(share), `share bar has ${share}`);
      }
      assert.ok(html.includes(`<link rel="canonical" href="https://news.example.com/news/${article.slug}">`));
      assert.ok(html.includes('<meta property="og:title" content="Harbour floods after record rain">'));
      assert.ok(html.includes('<meta name="twitter:card" content="summary_large_image">'));
      const ld = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)].map((m) => JSON.parse(m[1]!));
      const news = ld.find((d) => d['@type'] === 'NewsArticle');
      assert.equal(news.headline, 'Harbour floods after record rain');
      assert.equal(news.datePublished, '2025-06-27T04:30:00.000Z');
      assert.equal(news.author[0].name, 'Asha Rao');
      assert.match(news.image[0].url, /^https:\/\/news\.example\.com\/media\//);
      const crumbs = ld.find((d) => d['@type'] === 'BreadcrumbList');
      assert.deepEqual(crumbs.itemListElement.map((i: { name: string }) => i.name), ['The Test Times', 'News', 'Harbour floods after record rain']);
    } finally {
      await app.close();
    }
  });

  test(name('a staff picture carries no disclaimer line'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Staff picture story', credit: 'Staff' });
      const html = (await app.app.inject(`/news/${article.slug}`)).body;
      assert.ok(!html.includes('<p class="image-disclaimer"'));
      assert.ok(html.includes('<span class="credit">Staff</span>'));
    } finally {
      await app.close();
    }
  });

  test(name('a later change shows Updated On and the cache serves the new version'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Council meets' });
      const first = await app.app.inject(`/news/${article.slug}`);
      assert.ok(!first.body.includes('Updated On'));
      const again = await app.app.inject({ url: `/news/${article.slug}`, headers: { 'if-none-match': first.headers.etag as string } });
      assert.equal(again.statusCode, 304, 'an unchanged page revalidates with 304');
      app.clock.advance(26 * 3_600_000);
      await app.services.articles.update(article.id, { standfirst: 'With the vote result' }, { correction: 'An earlier version gave the wrong ward.' });
      await app.services.cache.invalidate();
      const html = (await app.app.inject(`/news/${article.slug}`)).body;
      // The date only, like "Published On", unless the site shows times (reader-details-http.test.ts).
      assert.match(html, /Updated On <time datetime="2025-06-28T06:30:00.000Z">Sat, 28 Jun 2025<\/time>/);
      assert.ok(html.includes('An earlier version gave the wrong ward.'));
      assert.ok(html.includes('With the vote result'));
    } finally {
      await app.close();
    }
  });

  test(name('the view beacon counts a view and the page says 1 View, then 2 Views'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Counted story' });
      const browser = { 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36' };
      const one = await app.app.inject({ method: 'POST', url: `/api/views/${article.id}`, headers: browser, payload: {} });
      assert.deepEqual(one.json(), { views: 1, counted: true });
      // Views are written in batches (every second while serving); the page shows what is written.
      await app.services.views.flush();
      await app.services.cache.invalidate();
      assert.ok((await app.app.inject(`/news/${article.slug}`)).body.includes('>1 View<'));
      const reload = await app.app.inject({ method: 'POST', url: `/api/views/${article.id}`, headers: browser, payload: {} });
      assert.deepEqual(reload.json(), { views: 1, counted: false, reason: 'repeat' }, 'a reload is not a new view');
      const two = await app.app.inject({ method: 'POST', url: `/api/views/${article.id}`, headers: browser, payload: {}, remoteAddress: '198.51.100.2' });
      assert.equal(two.json().views, 2, 'another reader is');
      const bot = await app.app.inject({ method: 'POST', url: `/api/views/${article.id}`, headers: { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' }, payload: {} });
      assert.deepEqual(bot.json(), { views: 2, counted: false, reason: 'bot' }, 'crawlers are not counted');
      const bad = await app.app.inject({ method: 'POST', url: '/api/views/../../etc', headers: browser, payload: {} });
      assert.ok(bad.statusCode === 400 || bad.statusCode === 404);
      const badId = await app.app.inject({ method: 'POST', url: '/api/views/not-an-id', headers: browser, payload: {} });
      assert.equal(badId.statusCode, 400);
      assert.equal(badId.json().error.field, 'id');
      const malformed = await app.app.inject({ method: 'POST', url: `/api/views/${article.id}`, headers: { ...browser, 'content-type': 'application/json' }, payload: '{"views": 1e99,' });
      assert.equal(malformed.statusCode, 400);
      assert.equal(malformed.json().error.field, 'body');
      const huge = await app.app.inject({ method: 'POST', url: `/api/views/${article.id}`, headers: { ...browser, 'content-type': 'application/json' }, payload: JSON.stringify({ pad: 'x'.repeat(2_000_000) }) });
      assert.equal(huge.statusCode, 413);
      await app.services.views.flush();
      assert.equal((await app.services.read.view(article.id))?.views, 2, 'refused requests counted nothing');
      const unknown = await app.app.inject({ method: 'POST', url: `/api/views/${'0'.repeat(26)}`, headers: browser, payload: {} });
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.json().error.code, 'ARTICLE_NOT_FOUND');
    } finally {
      await app.close();
    }
  });

  test(name('old slugs and wrong sections redirect permanently to the canonical URL'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'First headline' });
      await app.services.articles.update(article.id, { slug: 'better-headline' });
      await app.services.cache.invalidate();
      const old = await app.app.inject('/news/first-headline');
      assert.equal(old.statusCode, 301);
      assert.equal(old.headers.location, '/news/better-headline');
      const wrongSection = await app.app.inject('/sport/better-headline');
      assert.equal(wrongSection.statusCode, 301);
      assert.equal(wrongSection.headers.location, '/news/better-headline');
    } finally {
      await app.close();
    }
  });

  test(name('unpublished stories answer 410 and drafts 404'), async () => {
    const app = await createTestApp(target);
    try {
      const { article, section } = await publishStory(app, { headline: 'Withdrawn story' });
      await app.services.articles.unpublish(article.id);
      await app.services.cache.invalidate();
      const gone = await app.app.inject(`/news/${article.slug}`);
      assert.equal(gone.statusCode, 410);
      assert.ok(gone.body.includes('withdrawn'));
      const draft = await app.services.articles.create({ headline: 'Secret draft', body: paragraphs('x'), sectionId: section.id });
      assert.equal((await app.app.inject(`/news/${draft.slug}`)).statusCode, 404);
    } finally {
      await app.close();
    }
  });

  test(name('a Hindi headline gets a Devanagari slug that works percent-encoded'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'दिल्ली में मानसून की पहली बारिश' });
      assert.equal(article.slug, 'दिल्ली-में-मानसून-की-पहली-बारिश');
      const res = await app.app.inject(`/news/${encodeURIComponent(article.slug)}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.includes('<h1>दिल्ली में मानसून की पहली बारिश</h1>'));
      assert.ok(res.body.includes(`/news/${encodeURIComponent(article.slug)}`), 'links are percent-encoded');
    } finally {
      await app.close();
    }
  });

  test(name('section, author and topic pages list stories with pagination'), async () => {
    const app = await createTestApp(target);
    try {
      for (let i = 1; i <= 13; i++) {
        app.clock.advance(60_000);
        await publishStory(app, { headline: `Story number ${i}`, section: 'Sport', author: 'Tom Field', tags: ['Cricket'] });
      }
      const page1 = (await app.app.inject('/sport')).body;
      assert.ok(page1.includes('Story number 13') && !page1.includes('Story number 1<'));
      assert.ok(page1.includes('href="/sport?page=2" rel="next"'));
      const page2 = await app.app.inject('/sport?page=2');
      assert.equal(page2.statusCode, 200);
      assert.ok(page2.body.includes('Story number 1<'));
      assert.equal((await app.app.inject('/sport?page=3')).statusCode, 404);
      assert.equal((await app.app.inject('/sport?page=99999999999')).statusCode, 404);
      assert.equal((await app.app.inject('/sport?page=abc')).statusCode, 400);
      assert.equal((await app.app.inject('/sport?page=0')).statusCode, 400);
      const author = (await app.app.inject('/author/tom-field')).body;
      assert.ok(author.includes('<h1>Tom Field</h1>') && author.includes('Story number 13'));
      const topic = (await app.app.inject('/topic/cricket')).body;
      assert.ok(topic.includes('<h1>Cricket</h1>') && topic.includes('Story number 12'));
      const home = await app.app.inject('/');
      assert.equal(home.statusCode, 200);
      assert.ok(home.body.includes('Story number 13') && home.body.includes('Most read'));
    } finally {
      await app.close();
    }
  });

  test(name('unknown sections, traversal and malformed addresses get 404 and the server keeps serving'), async () => {
    const app = await createTestApp(target);
    try {
      for (const url of ['/no-such-section', '/news/no-such-story', '/news/..%2F..%2Fetc%2Fpasswd', '/%E0%A4', '/news/%E0%A4', '/media/../../etc/passwd', '/author/nobody', '/topic/nothing']) {
        const res = await app.app.inject(url);
        assert.ok([400, 404].includes(res.statusCode), `${url} → ${res.statusCode}`);
        assert.ok(!res.body.includes('root:'), `${url} leaks nothing`);
      }
      assert.equal((await app.app.inject('/')).statusCode, 200, 'still serving');
      const api = await app.app.inject('/api/nothing');
      assert.equal(api.statusCode, 404);
      assert.equal(api.json().error.code, 'NOT_FOUND');
    } finally {
      await app.close();
    }
  });

  test(name('stored text cannot inject markup into a page'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, {
        headline: 'Breaking <script>alert(1)</script> news',
        standfirst: '"><img src=x onerror=alert(1)>',
        body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'click', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] },
      });
      const html = (await app.app.inject(`/news/${article.slug}`)).body;
      assert.ok(!html.includes('<script>alert(1)</script>'));
      assert.ok(html.includes('Breaking &lt;script&gt;alert(1)&lt;/script&gt; news'));
      assert.ok(!html.includes('<img src=x'));
      assert.ok(!/href="javascript:/i.test(html));
      const ld = [...html.matchAll(/<script type="application\/ld\+json">(.*?)<\/script>/g)];
      assert.ok(ld.every((m) => !m[1]!.includes('</script')), 'JSON-LD cannot close its element');
    } finally {
      await app.close();
    }
  });

  test(name('media, robots.txt and the reader script are served with caching headers'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Media headers' });
      const html = (await app.app.inject(`/news/${article.slug}`)).body;
      const src = html.match(/<img src="([^"]+)"/)![1]!;
      const img = await app.app.inject(src);
      assert.equal(img.statusCode, 200);
      assert.equal(img.headers['content-type'], 'image/jpeg');
      assert.match(String(img.headers['cache-control']), /immutable/);
      const script = html.match(/<script src="([^"]+)" defer>/)![1]!;
      const js = await app.app.inject(script);
      assert.equal(js.statusCode, 200);
      assert.match(String(js.headers['cache-control']), /max-age=31536000/);
      const robots = await app.app.inject('/robots.txt');
      assert.match(robots.body, /User-agent: \*/);
      const page = await app.app.inject(`/news/${article.slug}`);
      assert.match(String(page.headers['surrogate-key']), new RegExp(`article-${article.id}`));
      assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
    } finally {
      await app.close();
    }
  });
}
