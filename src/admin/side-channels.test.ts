import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, testPhoto, type TestApp } from '../../test/support/test-app.js';
import { signIn, type AdminClient } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';
import { upload } from '../../test/support/multipart.js';

async function uploadPicture(app: TestApp, client: AdminClient, credit = 'Staff') {
  const res = await upload(app, client, { bytes: await testPhoto(800, 450) }, { alt: 'A harbour', caption: 'The harbour', credit, showDisclaimer: credit === 'Staff' ? 'false' : 'true' });
  assert.equal(res.status, 201, res.body);
  return res.json.id as string;
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name("a contributor sees where their picture is used only as far as they may read: others' drafts are counted, not named"), async () => {
    const app = await createTestApp(target);
    try {
      const writer = await signIn(app, 'contributor');
      const other = await signIn(app, 'contributor');
      const editor = await signIn(app, 'editor');
      const section = await app.services.directory.ensureSection('News');
      const mediaId = await uploadPicture(app, writer);
      const secret = await other.request('POST', '/api/admin/articles', { headline: 'Secret draft about the merger', body: paragraphs('x'), sectionId: section.id, heroMediaId: mediaId });
      assert.equal(secret.status, 201, secret.body);
      const own = await writer.request('POST', '/api/admin/articles', { headline: 'My own draft', body: paragraphs('y'), sectionId: section.id, heroMediaId: mediaId });
      const seen = await writer.request('GET', `/api/admin/media/${mediaId}`);
      assert.equal(seen.status, 200);
      assert.deepEqual(seen.json.usedBy.map((u: { id: string }) => u.id), [own.json.id]);
      assert.equal(seen.json.usedByOthers, 1);
      assert.ok(!seen.body.includes('merger'), "the other writer's headline does not leak");
      const all = await editor.request('GET', `/api/admin/media/${mediaId}`);
      assert.deepEqual(all.json.usedBy.map((u: { headline: string }) => u.headline).sort(), ['My own draft', 'Secret draft about the merger']);
      assert.equal(all.json.usedByOthers, 0);
    } finally {
      await app.close();
    }
  });

  test(name('changing the caption or credit of a picture a live story uses needs the right to edit that story'), async () => {
    const app = await createTestApp(target);
    try {
      const writer = await signIn(app, 'contributor');
      const author = await signIn(app, 'author');
      const editor = await signIn(app, 'editor');
      const section = await app.services.directory.ensureSection('News');
      const mediaId = await uploadPicture(app, writer, 'MNA');
      const draft = await writer.request('PATCH', `/api/admin/media/${mediaId}`, { caption: 'Fine while no live story uses it' });
      assert.equal(draft.status, 200, draft.body);
      // The contributor's story is published by an editor, with the contributor's picture.
      const story = await writer.request('POST', '/api/admin/articles', { headline: 'Harbour story', body: paragraphs('x'), sectionId: section.id, heroMediaId: mediaId });
      assert.equal((await editor.request('POST', `/api/admin/articles/${story.json.id}/publish`, { version: story.json.version })).status, 200);
      const page = await app.app.inject(story.json.url.replace('https://news.example.com', ''));
      assert.match(page.body, /This image is taken from MNA/);

      const before = await fingerprint(app.database.db);
      for (const patch of [{ caption: 'A caption no one reviewed' }, { credit: 'Nobody' }, { showDisclaimer: false }]) {
        const res = await writer.request('PATCH', `/api/admin/media/${mediaId}`, patch);
        assert.equal(res.status, 403, `${JSON.stringify(patch)}: ${res.body}`);
        assert.equal(res.json.error.code, 'FORBIDDEN');
      }
      assertUnchanged(before, await fingerprint(app.database.db));
      assert.match((await app.app.inject(story.json.url.replace('https://news.example.com', ''))).body, /This image is taken from MNA/, 'the live page is unchanged');

      // An author whose own published story uses their picture may change it; an editor may change any.
      const authorPicture = await uploadPicture(app, author);
      const authorStory = await author.request('POST', '/api/admin/articles', { headline: 'Author story', body: paragraphs('x'), sectionId: section.id, heroMediaId: authorPicture });
      assert.equal((await author.request('POST', `/api/admin/articles/${authorStory.json.id}/publish`, { version: authorStory.json.version })).status, 200);
      assert.equal((await author.request('PATCH', `/api/admin/media/${authorPicture}`, { caption: 'Corrected by its author' })).status, 200);
      assert.equal((await editor.request('PATCH', `/api/admin/media/${mediaId}`, { caption: 'Corrected by an editor' })).status, 200);
    } finally {
      await app.close();
    }
  });

  test(name('an author may publish or schedule only a story that carries their byline'), async () => {
    const app = await createTestApp(target);
    try {
      const author = await signIn(app, 'author');
      const section = await app.services.directory.ensureSection('News');
      const someone = await app.services.directory.ensurePerson('Someone Else');
      const story = await author.request('POST', '/api/admin/articles', { headline: 'Bylined to someone else', body: paragraphs('x'), sectionId: section.id, authorIds: [someone.id] });
      assert.equal(story.status, 201, story.body);
      assert.equal(story.json.permissions.publish, false, 'the editor app is told not to offer it');
      const before = await fingerprint(app.database.db);
      const publish = await author.request('POST', `/api/admin/articles/${story.json.id}/publish`, { version: story.json.version });
      assert.equal(publish.status, 403, publish.body);
      const schedule = await author.request('POST', `/api/admin/articles/${story.json.id}/schedule`, { version: story.json.version, at: '2025-06-28T10:00:00Z' });
      assert.equal(schedule.status, 403, schedule.body);
      assertUnchanged(before, await fingerprint(app.database.db));
      const mine = await author.request('PATCH', `/api/admin/articles/${story.json.id}`, { authorIds: [someone.id, author.personId], version: story.json.version });
      assert.equal((await author.request('POST', `/api/admin/articles/${story.json.id}/publish`, { version: mine.json.version })).status, 200, 'with their byline added, they may');
    } finally {
      await app.close();
    }
  });

  test(name('restoring a revision whose hero picture, section and tag were deleted since restores the rest and says what is missing'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const old = await app.services.directory.ensureSection('Old Section');
      const current = await app.services.directory.ensureSection('News');
      const mediaId = await uploadPicture(app, editor);
      const v1 = await editor.request('POST', '/api/admin/articles', { headline: 'The first headline', body: paragraphs('First text.'), sectionId: old.id, heroMediaId: mediaId, tags: [{ name: 'Monsoon' }, { name: 'Harbour' }] });
      assert.equal(v1.status, 201, v1.body);
      const monsoon = v1.json.tags.find((t: { name: string }) => t.name === 'Monsoon');
      const v2 = await editor.request('PATCH', `/api/admin/articles/${v1.json.id}`, { headline: 'A later headline', sectionId: current.id, heroMediaId: null, tags: [{ name: 'Harbour' }], version: 1 });
      assert.equal(v2.status, 200, v2.body);
      assert.equal((await editor.request('DELETE', `/api/admin/media/${mediaId}`)).status, 204);
      assert.equal((await editor.request('DELETE', `/api/admin/tags/${monsoon.id}`)).status, 204);
      assert.equal((await editor.request('DELETE', `/api/admin/sections/${old.id}`)).status, 204);

      const restored = await editor.request('POST', `/api/admin/articles/${v1.json.id}/revisions/1/restore`, { version: 2 });
      assert.equal(restored.status, 200, restored.body);
      assert.equal(restored.json.headline, 'The first headline');
      assert.equal(restored.json.section.id, current.id, 'the story keeps its current section');
      assert.equal(restored.json.heroMediaId ?? restored.json.hero?.id ?? null, null);
      assert.deepEqual(restored.json.tags.map((t: { name: string }) => t.name), ['Harbour']);
      assert.deepEqual(
        restored.json.restoredWithout.map((m: { field: string; id: string }) => [m.field, m.id]).sort(),
        [['heroMediaId', mediaId], ['sectionId', old.id], ['tagIds', monsoon.id]].sort(),
      );
      assert.equal(restored.json.version, 3);
    } finally {
      await app.close();
    }
  });

  test(name('the preview page carries the same strict headers as public pages'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const section = await app.services.directory.ensureSection('News');
      const story = await editor.request('POST', '/api/admin/articles', { headline: 'Draft to preview', body: paragraphs('x'), sectionId: section.id });
      const preview = await editor.request('GET', `/api/admin/articles/${story.json.id}/preview`);
      assert.equal(preview.status, 200);
      assert.match(String(preview.headers['content-security-policy']), /script-src 'self'/);
      assert.match(String(preview.headers['content-security-policy']), /frame-ancestors 'self'/);
      assert.match(String(preview.headers['content-security-policy']), /object-src 'none'/);
      assert.equal(preview.headers['x-content-type-options'], 'nosniff');
      assert.equal(preview.headers['x-robots-tag'], 'noindex');
      assert.equal(preview.headers['cache-control'], 'no-store');
    } finally {
      await app.close();
    }
  });

  test(name('the default section setting must name an existing section'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      await app.services.directory.ensureSection('World');
      const before = await fingerprint(app.database.db);
      for (const bad of ['no-such-section', 'World News!', '']) {
        const res = await admin.request('PATCH', '/api/admin/settings', { defaultSection: bad });
        assert.equal(res.status, 400, `${JSON.stringify(bad)}: ${res.body}`);
        assert.equal(res.json.error.field, 'defaultSection');
      }
      assertUnchanged(before, await fingerprint(app.database.db));
      const ok = await admin.request('PATCH', '/api/admin/settings', { defaultSection: 'world' });
      assert.equal(ok.status, 200, ok.body);
      assert.equal(ok.json.defaultSection, 'world');
      const unchanged = await admin.request('PATCH', '/api/admin/settings', { siteName: 'The Harbour Times', defaultSection: 'world' });
      assert.equal(unchanged.status, 200, 'a form that sends every field still saves');
    } finally {
      await app.close();
    }
  });

  test(name('two nodes on one database print the same setup link, and two setups sent to both at once make one admin'), async () => {
    const handle = await target.create();
    const nodeA = await createTestApp(target, {}, { database: handle });
    const nodeB = await createTestApp(target, {}, { database: handle });
    try {
      const link = await nodeA.setupPath();
      assert.ok(link);
      assert.equal(await nodeB.setupPath(), link, 'one token for the newsroom, not one per node');
      const token = new URL(link!, 'https://x').searchParams.get('token')!;
      const answers = await Promise.all(
        [nodeA, nodeB, nodeA, nodeB].map((node, i) => node.app.inject({ method: 'POST', url: '/api/admin/setup', payload: { token, email: `chief${i}@example.com`, name: `Chief ${i}`, password: 'a long enough password' } })),
      );
      assert.deepEqual(answers.map((r) => r.statusCode).sort(), [201, 403, 403, 403]);
      assert.equal((await nodeA.services.users.list()).filter((u) => u.role === 'admin').length, 1);
      assert.equal(await nodeB.setupPath(), null);
    } finally {
      await nodeA.close();
      await nodeB.close();
      await handle.close();
    }
  });
}
