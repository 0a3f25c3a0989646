import { test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, publishStory } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';

/** The links of the footer's "About this site" list, in order. */
function footerPageLinks(html: string): string[] {
  const nav = html.match(/<nav aria-label="About this site"[^>]*>(.*?)<\/nav>/s)?.[1] ?? '';
  return [...nav.matchAll(/<a href="([^"]+)">([^<]+)<\/a>/g)].map((m) => `${m[1]} ${m[2]}`);
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('a static page is served at /{slug} in the site layout, cached, compressed, with a canonical URL and security headers'), async () => {
    const app = await createTestApp(target);
    try {
      await publishStory(app, { headline: 'A story so the site has a section' });
      const editor = await signIn(app, 'editor');
      const body = {
        type: 'doc',
        content: [
          { type: 'paragraph', content: [{ type: 'text', text: 'Write to us at ' }, { type: 'text', text: 'desk@example.com', marks: [{ type: 'link', attrs: { href: 'mailto:desk@example.com' } }] }] },
          { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'By post <script>alert(1)</script>' }] },
        ],
      };
      const created = await editor.request('POST', '/api/admin/pages', { title: 'Contact us', slug: 'contact', body });
      assert.equal(created.status, 201, created.body);

      const res = await app.app.inject('/contact');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/html; charset=utf-8');
      assert.match(String(res.headers['cache-control']), /public, max-age=60/);
      assert.match(String(res.headers['content-security-policy']), /script-src 'self'/);
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.ok(res.headers.etag);
      assert.equal(res.headers['surrogate-key'], `site page-${created.json.id}`);
      const html = res.body;
      assert.ok(html.includes('<title>Contact us | The Test Times</title>'));
      assert.ok(html.includes('<link rel="canonical" href="https://news.example.com/contact">'));
      assert.ok(html.includes('<h1>Contact us</h1>'));
      assert.ok(html.includes('<a href="mailto:desk@example.com"'), 'the body goes through the document renderer');
      assert.ok(html.includes('By post &lt;script&gt;'), 'text is escaped');
      assert.ok(!html.includes('<script>alert(1)'));
      assert.ok(html.includes('<nav class="sections"'), 'the site header and navigation');
      assert.ok(html.includes('<footer class="site-footer">'));
      assert.match(html, /"@type":"ContactPage"/);
      assert.equal((html.match(/<h1[ >]/g) ?? []).length, 1);

      const again = await app.app.inject({ url: '/contact', headers: { 'if-none-match': String(res.headers.etag) } });
      assert.equal(again.statusCode, 304, 'revalidates like every page');
      const br = await app.app.inject({ url: '/contact', headers: { 'accept-encoding': 'br' } });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.equal(brotliDecompressSync(br.rawPayload).toString('utf8'), html);

      await editor.request('PATCH', `/api/admin/pages/${created.json.id}`, { body: paragraphs('We moved.') });
      const changed = await app.app.inject('/contact');
      assert.ok(changed.body.includes('We moved.'), 'a saved page shows at once (the page cache follows the content generation)');
      assert.equal((await app.app.inject('/contact?page=2')).statusCode, 404, 'a page has no second page');
    } finally {
      await app.close();
    }
  });

  test(name('a page that does not exist, or no longer exists, answers 404; sections still win their own addresses'), async () => {
    const app = await createTestApp(target);
    try {
      const { section } = await publishStory(app, { headline: 'News story' });
      const editor = await signIn(app, 'editor');
      assert.equal((await app.app.inject('/about')).statusCode, 404);
      const page = (await editor.request('POST', '/api/admin/pages', { title: 'About us', slug: 'about' })).json;
      assert.equal((await app.app.inject('/about')).statusCode, 200);
      assert.equal((await editor.request('DELETE', `/api/admin/pages/${page.id}`)).status, 204);
      const gone = await app.app.inject('/about');
      assert.equal(gone.statusCode, 404);
      assert.ok(gone.body.includes('Page not found'));
      const sectionPage = await app.app.inject(`/${section.slug}`);
      assert.equal(sectionPage.statusCode, 200);
      assert.ok(sectionPage.body.includes('News story'));
    } finally {
      await app.close();
    }
  });

  test(name('the footer of every page links the pages marked for it, in their order'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Footer story' });
      const editor = await signIn(app, 'editor');
      assert.deepEqual(footerPageLinks((await app.app.inject('/')).body), [], 'no pages, no list');
      await editor.request('POST', '/api/admin/pages', { title: 'Privacy', position: 4 });
      await editor.request('POST', '/api/admin/pages', { title: 'About us', slug: 'about', position: 1 });
      await editor.request('POST', '/api/admin/pages', { title: 'Internal notes', slug: 'notes', position: 2, inFooter: false });
      const contact = (await editor.request('POST', '/api/admin/pages', { title: 'Contact', position: 3 })).json;
      const expected = ['/about About us', '/contact Contact', '/privacy Privacy'];
      for (const url of ['/', `/news/${article.slug}`, '/news', '/about', '/no-such-page']) {
        assert.deepEqual(footerPageLinks((await app.app.inject(url)).body), expected, `footer of ${url}`);
      }
      assert.equal((await app.app.inject('/notes')).statusCode, 200, 'a page left out of the footer is still served');
      await editor.request('PATCH', `/api/admin/pages/${contact.id}`, { position: 0, title: 'Contact us' });
      assert.deepEqual(footerPageLinks((await app.app.inject('/')).body), ['/contact Contact us', '/about About us', '/privacy Privacy'], 'reordering and renaming show at once');
    } finally {
      await app.close();
    }
  });

  test(name('with demo content the four pages exist and the footer links them; without it there are none'), async () => {
    const demo = await createTestApp(target, { DATELINE_DEMO: '1' });
    try {
      const pages = await demo.services.staticPages.list();
      assert.deepEqual(pages.map((p) => [p.slug, p.inFooter]), [['about', true], ['contact', true], ['standards', true], ['privacy', true]]);
      const home = (await demo.app.inject('/')).body;
      assert.deepEqual(footerPageLinks(home), ['/about About us', '/contact Contact', '/standards Editorial standards and corrections', '/privacy Privacy']);
      for (const slug of ['about', 'contact', 'standards', 'privacy']) assert.equal((await demo.app.inject(`/${slug}`)).statusCode, 200, slug);
      const privacy = (await demo.app.inject('/privacy')).body;
      assert.match(privacy, /no cookies/i);
      assert.match(privacy, /do not store your IP address/);
      assert.match((await demo.app.inject('/standards')).body, /Corrections/);
      assert.match((await demo.app.inject('/contact')).body, /mailto:[a-z]+@example\.com/);
    } finally {
      await demo.close();
    }
    const empty = await createTestApp(target);
    try {
      assert.deepEqual(await empty.services.staticPages.list(), []);
      assert.equal((await empty.app.inject('/about')).statusCode, 404);
    } finally {
      await empty.close();
    }
  });
}
