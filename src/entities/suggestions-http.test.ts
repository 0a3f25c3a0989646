import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

const BODY = paragraphs(
  'Defence Minister Rajnath Singh arrived in Qingdao on Wednesday for a meeting of the SCO, where members discussed counter-terrorism drills.',
  'Singh held talks with his counterpart on the sidelines. Pakistan objected to parts of the draft text, diplomats said.',
);

async function story(app: TestApp, headline = 'Defence ministers meet in Qingdao') {
  const section = await app.services.directory.ensureSection('News');
  return app.services.articles.create({ headline, body: BODY, sectionId: section.id });
}

for (const target of await testDatabases()) {
  test(`[${target.name}] an editor sees suggestions, accepts one into a tag with aliases, and a rejected one stays rejected`, async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      // An existing topic with an alias: the gazetteer resolves "SCO" to it.
      const sco = await editor.request('POST', '/api/admin/tags', { name: 'Shanghai Cooperation Organisation', kind: 'organisation', aliases: ['SCO'] });
      assert.equal(sco.status, 201, sco.body);
      const article = await story(app);

      const listed = await editor.request('GET', `/api/admin/articles/${article.id}/suggestions`);
      assert.equal(listed.status, 200, listed.body);
      const items = listed.json.items as { id: string; kind: string; name: string; surfaces: string[]; tagId: string | null; state: string }[];
      const singh = items.find((s) => s.kind === 'person' && s.name === 'Rajnath Singh');
      assert.ok(singh, JSON.stringify(items));
      assert.ok(singh.surfaces.includes('Singh'), 'the surname is the same person');
      const org = items.find((s) => s.kind === 'organisation');
      assert.equal(org?.tagId, sco.json.id, 'SCO resolves to the existing tag');
      const pakistan = items.find((s) => s.kind === 'place' && s.name === 'Pakistan');
      assert.ok(pakistan);

      const accepted = await editor.request('POST', `/api/admin/articles/${article.id}/suggestions/${singh.id}/accept`, { version: article.version });
      assert.equal(accepted.status, 200, accepted.body);
      assert.equal(accepted.json.state, 'accepted');
      const tag = await editor.request('GET', `/api/admin/tags?q=Rajnath`);
      const made = tag.json.items.find((t: { name: string }) => t.name === 'Rajnath Singh');
      assert.equal(made.kind, 'person');
      assert.deepEqual(made.aliases, ['Singh']);
      const after = await editor.request('GET', `/api/admin/articles/${article.id}`);
      assert.ok(after.json.tags.some((t: { name: string }) => t.name === 'Rajnath Singh'), 'the tag is on the story');
      assert.equal(after.json.version, article.version + 1);

      const rejected = await editor.request('POST', `/api/admin/articles/${article.id}/suggestions/${pakistan.id}/reject`);
      assert.equal(rejected.status, 200);
      assert.equal(rejected.json.state, 'rejected');
      const again = await editor.request('GET', `/api/admin/articles/${article.id}/suggestions`);
      const pakistans = again.json.items.filter((s: { name: string }) => s.name === 'Pakistan');
      assert.deepEqual(pakistans.map((s: { state: string }) => s.state), ['rejected'], 'remembered, never suggested again');
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] extraction runs after each save, once it committed; listing writes nothing`, async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const article = await story(app);
      const stored = async () =>
        (await app.database.db.selectFrom('entity_suggestions').select(['name', 'state']).where('article_id', '=', article.id).orderBy('name').execute()).map((r) => `${r.name}:${r.state}`);
      assert.ok((await stored()).includes('Rajnath Singh:suggested'), 'creating the story extracted its names');

      const before = await fingerprint(app.database.db);
      assert.equal((await editor.request('GET', `/api/admin/articles/${article.id}/suggestions`)).status, 200);
      assertUnchanged(before, await fingerprint(app.database.db));

      const pakistan = (await editor.request('GET', `/api/admin/articles/${article.id}/suggestions`)).json.items.find((s: { name: string }) => s.name === 'Pakistan');
      await editor.request('POST', `/api/admin/articles/${article.id}/suggestions/${pakistan.id}/reject`);
      const body = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Chief Minister Devendra Fadnavis opened the new terminal in Pune on Monday. Fadnavis said nothing about Pakistan.' }] }] };
      const saved = await editor.request('PATCH', `/api/admin/articles/${article.id}`, { headline: 'A terminal opens in Pune', body, version: article.version });
      assert.equal(saved.status, 200, saved.body);
      const after = await stored();
      assert.ok(after.includes('Devendra Fadnavis:suggested') && after.includes('Pune:suggested'), after.join(', '));
      assert.ok(!after.some((s) => s.startsWith('Rajnath Singh')), 'a name gone from the text is no longer suggested');
      assert.ok(after.includes('Pakistan:rejected'), 'a decision is kept');

      // A save that fails (a stale version) leaves the suggestions as they were.
      const unchanged = await fingerprint(app.database.db);
      const stale = await editor.request('PATCH', `/api/admin/articles/${article.id}`, { headline: 'Kavya Menon in Kochi', version: article.version });
      assert.equal(stale.status, 409);
      assertUnchanged(unchanged, await fingerprint(app.database.db));
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] suggestions of another story, unknown stories and bad ids are refused and change nothing`, async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const a = await story(app, 'First story');
      const b = await story(app, 'Second story');
      const listed = await editor.request('GET', `/api/admin/articles/${a.id}/suggestions`);
      const first = listed.json.items[0];
      const cross = await editor.request('POST', `/api/admin/articles/${b.id}/suggestions/${first.id}/accept`, {});
      assert.equal(cross.status, 404);
      assert.equal(cross.json.error.code, 'SUGGESTION_NOT_FOUND');
      const unknown = await editor.request('GET', `/api/admin/articles/${'0'.repeat(26)}/suggestions`);
      assert.equal(unknown.status, 404);
      assert.equal(unknown.json.error.code, 'ARTICLE_NOT_FOUND');
      const bad = await editor.request('POST', `/api/admin/articles/${a.id}/suggestions/nope/reject`);
      assert.equal(bad.status, 400);
      assert.equal(bad.json.error.field, 'suggestionId');
      const still = await editor.request('GET', `/api/admin/articles/${a.id}/suggestions`);
      assert.ok(still.json.items.every((s: { state: string }) => s.state === 'suggested'));
      assert.equal((await app.services.articles.get(b.id))?.tagIds.length, 0);
      // A contributor may not even see someone else's story.
      const contributor = await signIn(app, 'contributor');
      const hidden = await contributor.request('GET', `/api/admin/articles/${a.id}/suggestions`);
      assert.equal(hidden.status, 404);
    } finally {
      await app.close();
    }
  });
}
