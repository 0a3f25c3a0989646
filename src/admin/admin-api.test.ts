import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';

const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First words.' }] }] };

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('a contributor writes and submits; an editor publishes; the story goes public'), async () => {
    const app = await createTestApp(target);
    try {
      const section = await app.services.directory.ensureSection('News');
      const writer = await signIn(app, 'contributor');
      const created = await writer.request('POST', '/api/admin/articles', { headline: 'Desk story', sectionId: section.id, body });
      assert.equal(created.status, 201, created.body);
      assert.equal(created.json.status, 'draft');
      assert.deepEqual(created.json.authorIds, [writer.personId], 'the writer is the default byline');
      assert.equal(created.json.permissions.publish, false);
      const saved = await writer.request('PATCH', `/api/admin/articles/${created.json.id}`, { standfirst: 'Now with a standfirst', version: created.json.version });
      assert.equal(saved.status, 200, saved.body);
      const publishAttempt = await writer.request('POST', `/api/admin/articles/${created.json.id}/publish`, { version: saved.json.version });
      assert.equal(publishAttempt.status, 403);
      assert.equal(publishAttempt.json.error.code, 'FORBIDDEN');
      const submitted = await writer.request('POST', `/api/admin/articles/${created.json.id}/submit`, { version: saved.json.version });
      assert.equal(submitted.json.status, 'submitted');

      const editor = await signIn(app, 'editor');
      const queue = await editor.request('GET', '/api/admin/articles?status=submitted');
      assert.deepEqual(queue.json.items.map((i: { id: string }) => i.id), [created.json.id]);
      const searched = await editor.request('GET', '/api/admin/articles?q=desk');
      assert.deepEqual([searched.json.items.map((i: { id: string }) => i.id), searched.json.total, searched.json.totalRelation], [[created.json.id], 1, 'eq'], 'a search says its count is exact');
      const published = await editor.request('POST', `/api/admin/articles/${created.json.id}/publish`, { version: submitted.json.version });
      assert.equal(published.status, 200, published.body);
      assert.equal(published.json.status, 'published');
      const page = await app.app.inject(`/news/${published.json.slug}`);
      assert.equal(page.statusCode, 200);
      assert.ok(page.body.includes('Now with a standfirst'));
    } finally {
      await app.close();
    }
  });

  test(name('a stale save is refused with 409 naming who saved, and changes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const section = await app.services.directory.ensureSection('News');
      const first = await signIn(app, 'editor', 'First Editor');
      const second = await signIn(app, 'editor', 'Second Editor');
      const created = await first.request('POST', '/api/admin/articles', { headline: 'Shared story', sectionId: section.id });
      const a = await first.request('PATCH', `/api/admin/articles/${created.json.id}`, { headline: 'First edit' }, { 'if-match': `"${created.json.version}"` });
      assert.equal(a.status, 200);
      const b = await second.request('PATCH', `/api/admin/articles/${created.json.id}`, { headline: 'Second edit', version: created.json.version });
      assert.equal(b.status, 409);
      assert.equal(b.json.error.code, 'VERSION_CONFLICT');
      assert.match(b.json.error.message, /First Editor saved this story/);
      assert.equal(b.json.error.current.version, a.json.version);
      const now = await first.request('GET', `/api/admin/articles/${created.json.id}`);
      assert.equal(now.json.headline, 'First edit');
      const missing = await second.request('PATCH', `/api/admin/articles/${created.json.id}`, { headline: 'No version' });
      assert.equal(missing.status, 400);
      assert.equal(missing.json.error.field, 'version');
    } finally {
      await app.close();
    }
  });

  test(name('sign-in, CSRF and forged fields are enforced'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const section = await app.services.directory.ensureSection('News');
      const noCsrf = await app.app.inject({ method: 'POST', url: '/api/admin/articles', headers: { cookie: editor.cookie, 'content-type': 'application/json' }, payload: JSON.stringify({ headline: 'x', sectionId: section.id }) });
      assert.equal(noCsrf.statusCode, 403);
      assert.equal(noCsrf.json().error.code, 'CSRF_REJECTED');
      const anonymous = await app.app.inject({ method: 'GET', url: '/api/admin/articles' });
      assert.equal(anonymous.statusCode, 401);
      const wrong = await app.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email: 'nobody@example.com', password: 'wrong password' } });
      assert.equal(wrong.statusCode, 401);
      assert.equal(wrong.json().error.code, 'INVALID_CREDENTIALS');
      const forged = await editor.request('POST', '/api/admin/articles', { headline: 'Forged', sectionId: section.id, status: 'published', role: 'admin' });
      assert.equal(forged.status, 400);
      assert.match(forged.json.error.message, /status|role|Unrecognized/i);
      const badLink = await editor.request('POST', '/api/admin/articles', { headline: 'Bad link', sectionId: section.id, body: { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'x', marks: [{ type: 'link', attrs: { href: 'javascript:alert(1)' } }] }] }] } });
      assert.equal(badLink.status, 400);
      assert.match(badLink.json.error.field, /^body\./);
      const unknownNode = await editor.request('POST', '/api/admin/articles', { headline: 'Unknown node', sectionId: section.id, body: { type: 'doc', content: [{ type: 'script', text: 'alert(1)' }] } });
      assert.equal(unknownNode.status, 400);
      const list = await editor.request('GET', '/api/admin/articles');
      assert.equal(list.json.total, 0, 'nothing was written');
    } finally {
      await app.close();
    }
  });

  test(name('the OpenAPI document lists every admin route'), async () => {
    const app = await createTestApp(target);
    try {
      const doc = (await app.app.inject('/api/openapi.json')).json();
      assert.equal(doc.openapi, '3.1.0');
      for (const path of ['/api/admin/session', '/api/admin/articles', '/api/admin/articles/{id}', '/api/admin/media', '/api/admin/users', '/api/admin/settings']) {
        assert.ok(doc.paths[path], `${path} is documented`);
      }
      assert.ok(doc.paths['/api/admin/articles'].post.requestBody.content['application/json'].schema.properties.headline);
      const page = await app.app.inject('/api/docs');
      assert.equal(page.statusCode, 200);
      assert.match(page.body, /\/api\/admin\/articles/);
    } finally {
      await app.close();
    }
  });
}
