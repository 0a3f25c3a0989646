import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/index.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

const about = { title: 'About us', slug: 'about', body: paragraphs('We are a small newsroom.'), position: 1, inFooter: true };

async function generation(app: TestApp): Promise<number> {
  return app.services.siteState.contentGeneration();
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('an editor creates, reads, lists, changes and deletes a static page; each write bumps the content generation'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const g0 = await generation(app);
      const created = await editor.request('POST', '/api/admin/pages', about);
      assert.equal(created.status, 201, created.body);
      assert.deepEqual([created.json.slug, created.json.title, created.json.inFooter, created.json.position], ['about', 'About us', true, 1]);
      assert.equal(created.json.url, 'https://news.example.com/about');
      assert.equal(created.json.updatedBy, editor.userId);
      assert.deepEqual(created.json.body, about.body);
      assert.ok((await generation(app)) > g0, 'creating a page is a public change');

      const privacy = await editor.request('POST', '/api/admin/pages', { title: 'Privacy' });
      assert.equal(privacy.status, 201, privacy.body);
      assert.equal(privacy.json.slug, 'privacy', 'the slug is made from the title');
      assert.equal(privacy.json.position, 2, 'a new page goes last');
      assert.deepEqual(privacy.json.body, { type: 'doc', content: [] });

      const list = await editor.request('GET', '/api/admin/pages');
      assert.deepEqual(list.json.map((p: { slug: string }) => p.slug), ['about', 'privacy']);
      assert.equal(list.json[0].body, undefined, 'lists leave the bodies out');

      const g1 = await generation(app);
      const changed = await editor.request('PATCH', `/api/admin/pages/${created.json.id}`, { title: 'About Dateline', slug: 'about-us', inFooter: false, body: paragraphs('New words.') });
      assert.equal(changed.status, 200, changed.body);
      assert.deepEqual([changed.json.title, changed.json.slug, changed.json.inFooter], ['About Dateline', 'about-us', false]);
      assert.ok((await generation(app)) > g1, 'changing a page is a public change');
      const read = await editor.request('GET', `/api/admin/pages/${created.json.id}`);
      assert.deepEqual(read.json.body, paragraphs('New words.'));

      const g2 = await generation(app);
      assert.equal((await editor.request('DELETE', `/api/admin/pages/${created.json.id}`)).status, 204);
      assert.ok((await generation(app)) > g2, 'deleting a page is a public change');
      const gone = await editor.request('GET', `/api/admin/pages/${created.json.id}`);
      assert.equal(gone.status, 404);
      assert.equal(gone.json.error.code, 'STATIC_PAGE_NOT_FOUND');
      assert.equal((await editor.request('DELETE', `/api/admin/pages/${created.json.id}`)).status, 404);
    } finally {
      await app.close();
    }
  });

  test(name('contributors and authors may read pages but not write them, and a refusal changes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const page = (await editor.request('POST', '/api/admin/pages', about)).json;
      const expected: Record<Role, { write: number }> = { contributor: { write: 403 }, author: { write: 403 }, editor: { write: 200 }, admin: { write: 200 } };
      for (const role of ['contributor', 'author', 'editor', 'admin'] as Role[]) {
        const client = await signIn(app, role);
        assert.equal((await client.request('GET', '/api/admin/pages')).status, 200, `${role} lists pages`);
        assert.equal((await client.request('GET', `/api/admin/pages/${page.id}`)).status, 200, `${role} reads a page`);
        if (expected[role].write === 403) {
          const before = await fingerprint(app.database.db);
          for (const [method, url, body] of [
            ['POST', '/api/admin/pages', { title: 'Contact' }],
            ['PATCH', `/api/admin/pages/${page.id}`, { title: 'Hijacked' }],
            ['DELETE', `/api/admin/pages/${page.id}`, undefined],
          ] as const) {
            const res = await client.request(method, url, body);
            assert.equal(res.status, 403, `${role} ${method} ${url}`);
            assert.equal(res.json.error.code, 'FORBIDDEN');
          }
          assertUnchanged(before, await fingerprint(app.database.db));
        } else {
          const res = await client.request('PATCH', `/api/admin/pages/${page.id}`, { position: role === 'admin' ? 7 : 5 });
          assert.equal(res.status, 200, `${role} changes a page`);
        }
      }
      const anonymous = await app.app.inject({ method: 'GET', url: '/api/admin/pages' });
      assert.equal(anonymous.statusCode, 401);
    } finally {
      await app.close();
    }
  });

  test(name('bad input is refused with the field named, and changes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      await editor.request('POST', '/api/admin/sections', { name: 'Sport' });
      const page = (await editor.request('POST', '/api/admin/pages', about)).json;
      const before = await fingerprint(app.database.db);
      const cases: [string, object, string][] = [
        ['no title', { slug: 'contact' }, 'title'],
        ['an empty title', { title: '   ' }, 'title'],
        ['upper-case slug', { title: 'Contact', slug: 'Contact' }, 'slug'],
        ['slug with a slash', { title: 'Contact', slug: 'contact/us' }, 'slug'],
        ['slug with dots', { title: 'Contact', slug: '..' }, 'slug'],
        ['a reserved path', { title: 'Admin', slug: 'admin' }, 'slug'],
        ['another reserved path', { title: 'Feeds', slug: 'api' }, 'slug'],
        ["a section's address", { title: 'Sport', slug: 'sport' }, 'slug'],
        ["a section's address from the title", { title: 'Sport' }, 'slug'],
        ["another page's address", { title: 'About again', slug: 'about' }, 'slug'],
        ['an unknown field', { title: 'Contact', html: '<p>hi</p>' }, 'html'],
        ['a body that is not a document', { title: 'Contact', body: '<script>alert(1)</script>' }, 'body'],
        ['a body with an unknown node', { title: 'Contact', body: { type: 'doc', content: [{ type: 'script', content: [] }] } }, 'body.content.0.type'],
        ['a javascript: link', { title: 'Contact', body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } }, 'body.content.0.content.0.marks.0.attrs.href'],
        ['a position that is not a number', { title: 'Contact', position: 'first' }, 'position'],
        ['a footer switch that is not a boolean', { title: 'Contact', inFooter: 'yes' }, 'inFooter'],
      ];
      for (const [why, body, field] of cases) {
        const res = await editor.request('POST', '/api/admin/pages', body);
        assert.equal(res.status, 400, `${why}: ${res.body}`);
        assert.equal(res.json.error.code, 'VALIDATION_FAILED', why);
        assert.equal(res.json.error.field, field, why);
      }
      for (const [why, body] of [['a reserved path', { slug: 'media' }], ["a section's address", { slug: 'sport' }], ['an empty title', { title: '' }]] as const) {
        const res = await editor.request('PATCH', `/api/admin/pages/${page.id}`, body);
        assert.equal(res.status, 400, why);
      }
      assert.equal((await editor.request('GET', '/api/admin/pages/not-an-id')).json.error.field, 'id');
      assertUnchanged(before, await fingerprint(app.database.db));
    } finally {
      await app.close();
    }
  });

  test(name('a section cannot take the address of a static page, whether its slug is given or made from its name'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      await editor.request('POST', '/api/admin/pages', about);
      const before = await fingerprint(app.database.db);
      const given = await editor.request('POST', '/api/admin/sections', { name: 'About the city', slug: 'about' });
      assert.equal(given.status, 400);
      assert.equal(given.json.error.field, 'slug');
      assertUnchanged(before, await fingerprint(app.database.db));
      const news = (await editor.request('POST', '/api/admin/sections', { name: 'News' })).json;
      const renamed = await editor.request('PATCH', `/api/admin/sections/${news.id}`, { slug: 'about' });
      assert.equal(renamed.status, 400);
      assert.equal(renamed.json.error.field, 'slug');
      const fromName = await editor.request('POST', '/api/admin/sections', { name: 'About' });
      assert.equal(fromName.status, 201);
      assert.notEqual(fromName.json.slug, 'about', 'a slug made from the name skips the page');
      const wire = await app.services.directory.ensureSection('About');
      assert.notEqual(wire.slug, 'about', 'nor does a wire import take it');
    } finally {
      await app.close();
    }
  });
}
