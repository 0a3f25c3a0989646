import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { withoutTrailingSlash } from '../site/trailing-slash.js';
import { connect } from 'node:net';

/** Sends a request line exactly as given and reads the status and Location. */
function rawGet(port: number, path: string): Promise<{ status: number; location: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.write(`GET ${path} HTTP/1.1\r\nHost: news.example.com\r\nConnection: close\r\n\r\n`));
    let head = '';
    socket.on('data', (chunk) => (head += chunk.toString('latin1')));
    socket.on('error', reject);
    socket.on('end', () => {
      const status = Number(head.match(/^HTTP\/1\.1 (\d{3})/)?.[1] ?? 0);
      resolve({ status, location: head.match(/^location: (.*)$/im)?.[1]?.trim() ?? null });
    });
  });
}

test('dropping a trailing slash never makes an address that leaves the site', () => {
  assert.equal(withoutTrailingSlash('/news/story/'), '/news/story');
  assert.equal(withoutTrailingSlash('/news/story///?a=1&b=/x/'), '/news/story?a=1&b=/x/');
  assert.equal(withoutTrailingSlash('/%2F%2Fevil.com/'), '/%2F%2Fevil.com', 'an encoded slash stays encoded, so the address stays on this site');
  for (const url of ['/', '/news', '/news?x=/', '//', '///', '//evil.com/', '///evil.com/', '/\\evil.com/', '/\\/evil.com/', '/\t/evil.com/', '/ok\\x/', '/caf\u00e9/']) {
    assert.equal(withoutTrailingSlash(url), null, JSON.stringify(url));
  }
});

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('an address with a trailing slash redirects permanently to the canonical one, keeping the query, cached like other redirects'), async () => {
    const app = await createTestApp(target);
    try {
      const { article, person } = await publishStory(app, { headline: 'Harbour floods after record rain', tags: ['Monsoon'] });
      const editor = await signIn(app, 'editor');
      await editor.request('POST', '/api/admin/pages', { title: 'About us', slug: 'about' });
      const cases: [string, string][] = [
        [`/news/${article.slug}/`, `/news/${article.slug}`],
        [`/news/${article.slug}/?utm_source=wa&x=1`, `/news/${article.slug}?utm_source=wa&x=1`],
        [`/news/${article.slug}//`, `/news/${article.slug}`],
        ['/news/', '/news'],
        ['/news/?page=1', '/news?page=1'],
        [`/author/${person.slug}/`, `/author/${person.slug}`],
        ['/topic/monsoon/', '/topic/monsoon'],
        ['/about/', '/about'],
      ];
      for (const [from, to] of cases) {
        const res = await app.app.inject(from);
        assert.equal(res.statusCode, 301, `${from} → ${res.statusCode}`);
        assert.equal(res.headers.location, to, from);
        assert.match(String(res.headers['cache-control']), /public, max-age=60/, `${from} is cacheable like other redirects`);
        assert.equal((await app.app.inject(to)).statusCode, 200, `${to} is the page`);
        const head = await app.app.inject({ method: 'HEAD', url: from });
        assert.equal(head.statusCode, 301, `HEAD ${from}`);
      }
      // A story reached through an old slug and a trailing slash ends at the canonical address.
      await app.services.articles.update(article.id, { slug: 'harbour-floods' });
      await app.services.cache.invalidate();
      const old = await app.app.inject(`/news/${article.slug}/`);
      assert.equal(old.headers.location, `/news/${article.slug}`);
      assert.equal((await app.app.inject(old.headers.location)).headers.location, '/news/harbour-floods');
      // Writes are not redirected (a browser would turn a POST into a GET).
      assert.notEqual((await app.app.inject({ method: 'POST', url: `/news/${article.slug}/`, payload: {} })).statusCode, 301);
      // The API answers JSON 404s, not redirects.
      for (const url of ['/api/admin/pages/', '/api/views/']) {
        const api = await app.app.inject(url);
        assert.ok(api.statusCode >= 400 && api.headers.location === undefined, `${url} → ${api.statusCode}`);
      }
    } finally {
      await app.close();
    }
  });

  test(name('a trailing slash is never an open redirect (raw HTTP, so no client tidies the path first)'), async () => {
    const app = await createTestApp(target, { PORT: '0', HOST: '127.0.0.1' });
    try {
      await publishStory(app, { headline: 'Open redirect probe' });
      const { port } = new URL(await app.listen());
      assert.equal((await rawGet(Number(port), '/news/')).location, '/news', 'the same path over a socket redirects');
      for (const url of ['//evil.com/', '///evil.com/', '//evil.com//', '/\\evil.com/', '/\\/evil.com/', '//evil.com/news/', '/%2F%2Fevil.com/', '/%5C%5Cevil.com/', '/%2F/evil.com/', '/%09/evil.com/']) {
        const { status, location } = await rawGet(Number(port), url);
        assert.ok(status >= 200 && status < 500, `${url} → ${status}`);
        if (location === null) continue;
        assert.ok(!/^\s*[/\\]{2}/.test(location) && !/^[a-z][a-z0-9+.-]*:/i.test(location), `${url} → ${location} is a path on this site`);
        assert.equal(new URL(location, 'https://news.example.com/').origin, 'https://news.example.com', `${url} → ${location}`);
      }
    } finally {
      await app.close();
    }
  });

  test(name('"Published On" shows the time of day when the site setting says so, "Updated On" too; the ISO time stays'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Council votes' });
      app.clock.advance(26 * 3_600_000);
      await app.services.articles.update(article.id, { standfirst: 'With the result' });
      await app.services.cache.invalidate();
      const url = `/news/${article.slug}`;
      const plain = (await app.app.inject(url)).body;
      assert.ok(plain.includes('Published On <time datetime="2025-06-27T04:30:00.000Z">Fri, 27 Jun 2025</time>'), 'by default the date only');
      assert.ok(plain.includes('Updated On <time datetime="2025-06-28T06:30:00.000Z">Sat, 28 Jun 2025</time>'));

      const admin = await signIn(app, 'admin');
      assert.equal((await admin.request('GET', '/api/admin/settings')).json.showPublishedTime, false);
      const bad = await admin.request('PATCH', '/api/admin/settings', { showPublishedTime: 'yes' });
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.field, 'showPublishedTime');
      const editor = await signIn(app, 'editor');
      assert.equal((await editor.request('PATCH', '/api/admin/settings', { showPublishedTime: true })).status, 403, 'settings are the admin’s');

      const on = await admin.request('PATCH', '/api/admin/settings', { showPublishedTime: true });
      assert.equal(on.status, 200, on.body);
      assert.equal(on.json.showPublishedTime, true);
      assert.equal((await admin.request('GET', '/api/admin/settings')).json.showPublishedTime, true, 'stored as a boolean');
      const timed = (await app.app.inject(url)).body;
      assert.ok(timed.includes('Published On <time datetime="2025-06-27T04:30:00.000Z">Fri, 27 Jun 2025, 10:00 IST</time>'), 'in the site time zone');
      assert.ok(timed.includes('Updated On <time datetime="2025-06-28T06:30:00.000Z">Sat, 28 Jun 2025, 12:00 IST</time>'));

      await admin.request('PATCH', '/api/admin/settings', { timeZone: 'Europe/London' });
      assert.match((await app.app.inject(url)).body, /Fri, 27 Jun 2025, 05:30 (BST|GMT\+1)<\/time>/, 'follows the time zone setting');
      await admin.request('PATCH', '/api/admin/settings', { showPublishedTime: false });
      assert.ok((await app.app.inject(url)).body.includes('>Fri, 27 Jun 2025</time>'), 'and can be turned off again');
    } finally {
      await app.close();
    }
  });

  test(name('pages declare light and dark colour schemes and carry print rules'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Styled story' });
      const html = (await app.app.inject(`/news/${article.slug}`)).body;
      assert.ok(html.includes('<meta name="color-scheme" content="light dark">'));
      const css = html.match(/<style>(.*?)<\/style>/s)![1]!;
      assert.match(css, /@media \(prefers-color-scheme:dark\)\{\s*:root\{--ink:#[0-9a-f]{6};/);
      assert.match(css, /@media print\{/);
      assert.ok(css.indexOf('@media print') > css.indexOf('prefers-color-scheme:dark'), 'print rules come last, so a dark system still prints black on white');
    } finally {
      await app.close();
    }
  });
}
