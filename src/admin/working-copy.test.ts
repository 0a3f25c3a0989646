import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn, type AdminClient } from '../../test/support/admin-client.js';

const MINUTE = 60_000;

/** A published story by an editor; returns its id, public path and version. */
async function liveStory(app: TestApp, editor: AdminClient) {
  const section = await app.services.directory.ensureSection('News');
  const draft = await editor.request('POST', '/api/admin/articles', { headline: 'Ferry fares fall', standfirst: 'The first standfirst.', body: paragraphs('The first paragraph.'), sectionId: section.id });
  const published = await editor.request('POST', `/api/admin/articles/${draft.json.id}/publish`, { version: draft.json.version });
  assert.equal(published.status, 200, published.body);
  return { id: draft.json.id as string, path: `/news/${published.json.slug}`, version: published.json.version as number };
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('saving a published story keeps the change in a working copy: the public page, its cache and Updated On stay as they were'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const story = await liveStory(app, editor);
      const before = await app.app.inject(story.path);
      const generation = await app.services.siteState.contentGeneration();
      app.clock.advance(MINUTE);
      let version = story.version;
      for (const text of ['A half-typed sen', 'A half-typed sentence with a typo teh', 'A finished sentence.']) {
        const saved = await editor.request('PATCH', `/api/admin/articles/${story.id}`, { body: paragraphs(text), headline: 'Ferry fares fall by a third', autosave: true, version });
        assert.equal(saved.status, 200, saved.body);
        version = saved.json.version;
        assert.equal(saved.json.headline, 'Ferry fares fall by a third', 'the editor sees its own changes');
        assert.equal(saved.json.updatedAt, null, 'Updated On is not set by a save');
        assert.ok(saved.json.pendingChanges?.savedAt);
        assert.equal(saved.json.pendingChanges.savedBy.id, editor.userId);
      }
      assert.equal(await app.services.siteState.contentGeneration(), generation, 'no public change was announced');
      const after = await app.app.inject(story.path);
      assert.equal(after.body, before.body, 'readers see exactly the page they saw');
      assert.doesNotMatch(after.body, /half-typed|by a third/);
      const preview = await editor.request('GET', `/api/admin/articles/${story.id}/preview`);
      assert.match(preview.body, /A finished sentence\./, 'the preview shows the working copy');
      assert.match(preview.body, /Ferry fares fall by a third/);
    } finally {
      await app.close();
    }
  });

  test(name('Update makes the working copy public in one step, with Updated On and an optional correction; Discard drops it'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const story = await liveStory(app, editor);
      app.clock.advance(MINUTE);
      const saved = await editor.request('PATCH', `/api/admin/articles/${story.id}`, { standfirst: 'A corrected standfirst.', version: story.version });
      const refused = await editor.request('PATCH', `/api/admin/articles/${story.id}`, { standfirst: 'x', correction: 'Too early', version: saved.json.version });
      assert.equal(refused.status, 400, 'a correction note goes with Update, not with a save');
      assert.equal(refused.json.error.field, 'correction');
      app.clock.advance(MINUTE);
      const updated = await editor.request('POST', `/api/admin/articles/${story.id}/update`, { note: 'An earlier version gave the wrong fare.', version: saved.json.version });
      assert.equal(updated.status, 200, updated.body);
      assert.equal(updated.json.pendingChanges, null);
      assert.equal(updated.json.updatedAt, new Date(app.clock.now()).toISOString());
      const page = await app.app.inject(story.path);
      assert.match(page.body, /A corrected standfirst\./);
      assert.match(page.body, /Updated On/);
      assert.match(page.body, /An earlier version gave the wrong fare\./);
      const again = await editor.request('POST', `/api/admin/articles/${story.id}/update`, { version: updated.json.version });
      assert.equal(again.status, 409);
      assert.equal(again.json.error.code, 'NO_PENDING_CHANGES');

      const second = await editor.request('PATCH', `/api/admin/articles/${story.id}`, { headline: 'A headline nobody should see', version: updated.json.version });
      const discarded = await editor.request('POST', `/api/admin/articles/${story.id}/discard`, { version: second.json.version });
      assert.equal(discarded.status, 200, discarded.body);
      assert.equal(discarded.json.headline, 'Ferry fares fall', 'the editor is back on the public version');
      assert.equal(discarded.json.pendingChanges, null);
      assert.doesNotMatch((await app.app.inject(story.path)).body, /nobody should see/);
    } finally {
      await app.close();
    }
  });

  test(name('autosaves of one editing session make one revision; explicit saves and Updates each make their own'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const story = await liveStory(app, editor);
      let version = story.version;
      const save = async (text: string, autosave: boolean) => {
        app.clock.advance(40_000);
        const res = await editor.request('PATCH', `/api/admin/articles/${story.id}`, { body: paragraphs(text), autosave, version });
        assert.equal(res.status, 200, res.body);
        version = res.json.version;
      };
      const kinds = async () => (await editor.request('GET', `/api/admin/articles/${story.id}/revisions`)).json.map((r: { kind: string }) => r.kind);
      const start = await kinds();
      for (let i = 0; i < 15; i++) await save(`Typing, ${i}`, true); // ten minutes of typing
      assert.deepEqual(await kinds(), [...start, 'autosave'], '15 autosaves, one revision');
      await save('Saved on purpose.', false);
      assert.deepEqual(await kinds(), [...start, 'autosave', 'save']);
      await save('Typing again.', true);
      app.clock.advance(31 * MINUTE);
      await save('Back after a break.', true);
      assert.deepEqual(await kinds(), [...start, 'autosave', 'save', 'autosave', 'autosave'], 'a new session after a 30-minute pause');
      const updated = await editor.request('POST', `/api/admin/articles/${story.id}/update`, { version });
      assert.equal(updated.status, 200);
      const list = await editor.request('GET', `/api/admin/articles/${story.id}/revisions`);
      assert.equal(list.json.at(-1).kind, 'update');
      const compare = await editor.request('GET', `/api/admin/articles/${story.id}/revisions/compare?from=${list.json.at(-2).version}&to=${list.json.at(-1).version}`);
      assert.equal(compare.status, 200, 'the collapsed autosave can be compared like any revision');
    } finally {
      await app.close();
    }
  });

  test(name('two editors saving the same live story conflict on its version, not silently'), async () => {
    const app = await createTestApp(target);
    try {
      const first = await signIn(app, 'editor', 'First Editor');
      const second = await signIn(app, 'editor', 'Second Editor');
      const story = await liveStory(app, first);
      const a = await first.request('PATCH', `/api/admin/articles/${story.id}`, { headline: 'First editor headline', version: story.version });
      assert.equal(a.status, 200);
      const b = await second.request('PATCH', `/api/admin/articles/${story.id}`, { headline: 'Second editor headline', version: story.version });
      assert.equal(b.status, 409);
      assert.equal(b.json.error.code, 'VERSION_CONFLICT');
      assert.match(b.json.error.message, /First Editor/);
    } finally {
      await app.close();
    }
  });

  test(name('a scheduled story goes out as scheduled; changes saved meanwhile stay pending, and unpublishing keeps them'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const section = await app.services.directory.ensureSection('News');
      const draft = await editor.request('POST', '/api/admin/articles', { headline: 'Budget on Friday', body: paragraphs('The scheduled text.'), sectionId: section.id });
      const at = new Date(app.clock.now().getTime() + 60 * MINUTE).toISOString();
      const scheduled = await editor.request('POST', `/api/admin/articles/${draft.json.id}/schedule`, { at, version: draft.json.version });
      const saved = await editor.request('PATCH', `/api/admin/articles/${draft.json.id}`, { body: paragraphs('A late change nobody approved.'), version: scheduled.json.version });
      assert.ok(saved.json.pendingChanges);
      app.clock.advance(61 * MINUTE);
      assert.deepEqual(await app.services.articles.publishDue(), [draft.json.id]);
      const page = await app.app.inject(`/news/${draft.json.slug}`);
      assert.match(page.body, /The scheduled text\./);
      assert.doesNotMatch(page.body, /late change/);
      const now = await editor.request('GET', `/api/admin/articles/${draft.json.id}`);
      assert.equal(now.json.status, 'published');
      assert.ok(now.json.pendingChanges, 'still pending after going live');
      const down = await editor.request('POST', `/api/admin/articles/${draft.json.id}/unpublish`, { version: now.json.version });
      assert.equal(down.json.pendingChanges, null);
      assert.match(JSON.stringify((await app.services.articles.get(draft.json.id))?.body), /A late change nobody approved\./, 'the pending changes are folded in, not lost');
    } finally {
      await app.close();
    }
  });
}

for (const target of await testDatabases()) {
  test(`[${target.name}] the site's name, time zone and locale are public for the editor app, and follow the settings`, async () => {
    const app = await createTestApp(target, { SITE_TIMEZONE: 'Asia/Kolkata' });
    try {
      const before = await app.app.inject('/api/admin/site');
      assert.equal(before.statusCode, 200);
      assert.deepEqual(before.json(), { name: 'The Test Times', timeZone: 'Asia/Kolkata', locale: 'en-IN' });
      const admin = await signIn(app, 'admin');
      assert.equal((await admin.request('PATCH', '/api/admin/settings', { timeZone: 'Europe/London' })).status, 200);
      assert.equal((await app.app.inject('/api/admin/site')).json().timeZone, 'Europe/London');
    } finally {
      await app.close();
    }
  });
}
