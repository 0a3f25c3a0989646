import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

type Part = { op: 'equal' | 'insert' | 'delete'; text: string };
const MINUTE = 60_000;

const changed = (diff: Part[], op: 'insert' | 'delete') => diff.filter((p) => p.op === op).map((p) => p.text.trim()).filter(Boolean);
/** The diff read back as either side: equal + deleted parts give "from", equal + inserted parts give "to". */
const side = (diff: Part[], keep: 'insert' | 'delete') => diff.filter((p) => p.op === 'equal' || p.op === keep).map((p) => p.text).join('');

/** Two editors save a story three times, a minute apart: versions 1, 2 and 3. */
async function threeVersions(app: TestApp) {
  const first = await signIn(app, 'editor', 'Mira Editor');
  const second = await signIn(app, 'editor', 'Ravi Editor');
  const section = await app.services.directory.ensureSection('News');
  const v1 = await first.request('POST', '/api/admin/articles', { headline: 'Flood waters rise in the north', standfirst: 'Rivers burst their banks.', body: paragraphs('Three villages were cut off overnight.'), sectionId: section.id });
  app.clock.advance(MINUTE);
  const v2 = await second.request('PATCH', `/api/admin/articles/${v1.json.id}`, { headline: 'Flood waters fall in the north', body: paragraphs('Two villages were cut off overnight.', 'Roads reopened.'), version: 1 });
  app.clock.advance(MINUTE);
  const v3 = await first.request('PATCH', `/api/admin/articles/${v1.json.id}`, { standfirst: 'Rivers are back within their banks.', version: 2 });
  assert.equal(v3.json.version, 3, v3.body);
  return { first, second, id: v1.json.id as string, v2: v2.json };
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('every save makes a revision recording who saved and when'), async () => {
    const app = await createTestApp(target);
    try {
      const { first, second, id } = await threeVersions(app);
      app.clock.advance(MINUTE);
      const submitted = await first.request('POST', `/api/admin/articles/${id}/submit`, { version: 3 });
      assert.equal(submitted.json.version, 4);
      const list = await second.request('GET', `/api/admin/articles/${id}/revisions`);
      assert.equal(list.status, 200);
      assert.deepEqual(
        list.json.map((r: { version: number; createdAt: string; user: { id: string; name: string } | null }) => [r.version, r.createdAt, r.user?.name]),
        [
          [1, '2025-06-27T04:30:00.000Z', 'Mira Editor'],
          [2, '2025-06-27T04:31:00.000Z', 'Ravi Editor'],
          [3, '2025-06-27T04:32:00.000Z', 'Mira Editor'],
          [4, '2025-06-27T04:33:00.000Z', 'Mira Editor'],
        ],
      );
      assert.equal(list.json[1].user.id, second.userId);
      assert.ok(list.json.every((r: { id: string }) => /^[0-9a-z]{26}$/.test(r.id)));
      const outsider = await signIn(app, 'contributor');
      assert.equal((await outsider.request('GET', `/api/admin/articles/${id}/revisions`)).status, 404, 'no history for those who may not read the story');
    } finally {
      await app.close();
    }
  });

  test(name('comparing two versions gives word diffs of headline, standfirst and body'), async () => {
    const app = await createTestApp(target);
    try {
      const { first, id } = await threeVersions(app);
      const cmp = await first.request('GET', `/api/admin/articles/${id}/revisions/compare?from=1&to=3`);
      assert.equal(cmp.status, 200, cmp.body);
      assert.equal(cmp.json.from, 1);
      assert.equal(cmp.json.to, 3);
      assert.deepEqual(changed(cmp.json.headline, 'delete'), ['rise']);
      assert.deepEqual(changed(cmp.json.headline, 'insert'), ['fall']);
      assert.equal(side(cmp.json.headline, 'delete'), 'Flood waters rise in the north');
      assert.equal(side(cmp.json.headline, 'insert'), 'Flood waters fall in the north');
      assert.ok(changed(cmp.json.standfirst, 'insert').join(' ').includes('are back within'), JSON.stringify(cmp.json.standfirst));
      assert.ok(changed(cmp.json.standfirst, 'delete').join(' ').includes('burst'), JSON.stringify(cmp.json.standfirst));
      assert.ok(changed(cmp.json.body, 'delete').includes('Three'), JSON.stringify(cmp.json.body));
      assert.ok(changed(cmp.json.body, 'insert').some((t) => t.includes('Two')));
      assert.ok(changed(cmp.json.body, 'insert').some((t) => t.includes('Roads reopened')));
      assert.ok(cmp.json.body.some((p: Part) => p.op === 'equal' && p.text.includes('villages were cut off overnight')));

      const same = await first.request('GET', `/api/admin/articles/${id}/revisions/compare?from=2&to=2`);
      assert.ok(same.json.headline.every((p: Part) => p.op === 'equal'), 'a version compared with itself has no changes');
      const missing = await first.request('GET', `/api/admin/articles/${id}/revisions/compare?from=1&to=9`);
      assert.equal(missing.status, 400);
      assert.equal(missing.json.error.field, 'to');
      const bad = await first.request('GET', `/api/admin/articles/${id}/revisions/compare?from=one&to=2`);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.field, 'from');
    } finally {
      await app.close();
    }
  });

  test(name('restoring an old revision brings its content back as a new version with a new revision'), async () => {
    const app = await createTestApp(target);
    try {
      const { second, id } = await threeVersions(app);
      app.clock.advance(MINUTE);
      const restored = await second.request('POST', `/api/admin/articles/${id}/revisions/1/restore`, { version: 3 });
      assert.equal(restored.status, 200, restored.body);
      assert.equal(restored.json.version, 4);
      assert.equal(restored.json.headline, 'Flood waters rise in the north');
      assert.equal(restored.json.standfirst, 'Rivers burst their banks.');
      assert.deepEqual(restored.json.body, paragraphs('Three villages were cut off overnight.'));
      const list = await second.request('GET', `/api/admin/articles/${id}/revisions`);
      assert.deepEqual(list.json.map((r: { version: number }) => r.version), [1, 2, 3, 4], 'history is kept, never rewritten');
      assert.equal(list.json[3].user.id, second.userId);
      const cmp = await second.request('GET', `/api/admin/articles/${id}/revisions/compare?from=1&to=4`);
      for (const field of ['headline', 'standfirst', 'body']) assert.ok(cmp.json[field].every((p: Part) => p.op === 'equal'), `${field} is back to version 1`);
    } finally {
      await app.close();
    }
  });

  test(name('a restore based on a stale version is refused with 409 and changes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const { first, id } = await threeVersions(app);
      const writer = await signIn(app, 'contributor');
      const before = await fingerprint(app.database.db);
      const stale = await first.request('POST', `/api/admin/articles/${id}/revisions/1/restore`, { version: 2 });
      assert.equal(stale.status, 409);
      assert.equal(stale.json.error.code, 'VERSION_CONFLICT');
      assert.equal(stale.json.error.current.version, 3);
      assert.equal(stale.json.error.current.modifiedBy.name, 'Mira Editor');
      const noVersion = await first.request('POST', `/api/admin/articles/${id}/revisions/1/restore`, {});
      assert.equal(noVersion.status, 400);
      assert.equal(noVersion.json.error.field, 'version');
      const unknown = await first.request('POST', `/api/admin/articles/${id}/revisions/7/restore`, { version: 3 });
      assert.equal(unknown.status, 400);
      assert.equal(unknown.json.error.field, 'revisionVersion');
      assert.equal((await writer.request('POST', `/api/admin/articles/${id}/revisions/1/restore`, { version: 3 })).status, 404);
      assertUnchanged(before, await fingerprint(app.database.db));
    } finally {
      await app.close();
    }
  });

  test(name('restoring a published story puts the old version in its working copy; Update makes it public and marks it updated'), async () => {
    const app = await createTestApp(target);
    try {
      const { first, id } = await threeVersions(app);
      const published = await first.request('POST', `/api/admin/articles/${id}/publish`, { version: 3 });
      app.clock.advance(MINUTE);
      const restored = await first.request('POST', `/api/admin/articles/${id}/revisions/1/restore`, {}, { 'if-match': `"${published.json.version}"` });
      assert.equal(restored.status, 200, restored.body);
      assert.equal(restored.json.status, 'published');
      assert.equal(restored.json.headline, 'Flood waters rise in the north', 'the editor shows the restored version');
      assert.ok(restored.json.pendingChanges, 'as changes readers do not see yet');
      assert.equal(restored.json.updatedAt, null);
      const before = await app.app.inject(`/news/${restored.json.slug}`);
      assert.doesNotMatch(before.body, /Three villages/, 'the public page is unchanged until Update');
      app.clock.advance(MINUTE);
      const updated = await first.request('POST', `/api/admin/articles/${id}/update`, { version: restored.json.version });
      assert.equal(updated.status, 200, updated.body);
      assert.equal(updated.json.pendingChanges, null);
      assert.equal(updated.json.updatedAt, '2025-06-27T04:34:00.000Z');
      const page = await app.app.inject(`/news/${restored.json.slug}`);
      assert.match(page.body, /Three villages were cut off overnight\./);
      assert.match(page.body, /Flood waters rise in the north/);
    } finally {
      await app.close();
    }
  });
}

