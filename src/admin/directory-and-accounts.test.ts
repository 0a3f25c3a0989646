import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

const PASSWORD = 'a long test password';

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('an editor creates, renames, reorders and deletes sections; a section with stories cannot be deleted'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const world = await editor.request('POST', '/api/admin/sections', { name: 'World', description: 'Beyond our borders', position: 20 });
      assert.equal(world.status, 201, world.body);
      assert.equal(world.json.slug, 'world');
      const sport = await editor.request('POST', '/api/admin/sections', { name: 'Sport', position: 10 });
      assert.deepEqual((await editor.request('GET', '/api/admin/sections')).json.map((s: { slug: string }) => s.slug), ['sport', 'world'], 'navigation order');
      const renamed = await editor.request('PATCH', `/api/admin/sections/${world.json.id}`, { name: 'World News', slug: 'world-news', position: 5 });
      assert.deepEqual([renamed.json.name, renamed.json.slug, renamed.json.position], ['World News', 'world-news', 5]);
      assert.deepEqual((await editor.request('GET', '/api/admin/sections')).json.map((s: { slug: string }) => s.slug), ['world-news', 'sport']);
      for (const [slug, why] of [['admin', 'reserved'], ['sport', 'taken']]) {
        const res = await editor.request('PATCH', `/api/admin/sections/${world.json.id}`, { slug });
        assert.equal(res.status, 400, why);
        assert.equal(res.json.error.field, 'slug');
      }
      assert.equal((await editor.request('POST', '/api/admin/sections', { name: 'Media', slug: 'media' })).json.error.field, 'slug');

      await app.services.articles.create({ headline: 'A match report', body: paragraphs('Words.'), sectionId: sport.json.id });
      const before = await fingerprint(app.database.db);
      const inUse = await editor.request('DELETE', `/api/admin/sections/${sport.json.id}`);
      assert.equal(inUse.status, 409);
      assert.equal(inUse.json.error.code, 'SECTION_IN_USE');
      assert.match(inUse.json.error.message, /1 stories/);
      assertUnchanged(before, await fingerprint(app.database.db));
      assert.equal((await editor.request('DELETE', `/api/admin/sections/${world.json.id}`)).status, 204);
      const missing = await editor.request('DELETE', `/api/admin/sections/${world.json.id}`);
      assert.equal(missing.status, 404);
      assert.equal(missing.json.error.code, 'SECTION_NOT_FOUND');
      assert.deepEqual((await editor.request('GET', '/api/admin/sections')).json.map((s: { slug: string }) => s.slug), ['sport']);
    } finally {
      await app.close();
    }
  });

  test(name('an editor manages tags (deleting one removes it from stories) and people'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const tag = await editor.request('POST', '/api/admin/tags', { name: 'Monsoon', kind: 'event', aliases: ['Rains'] });
      assert.equal(tag.status, 201, tag.body);
      assert.deepEqual([tag.json.slug, tag.json.kind, tag.json.aliases], ['monsoon', 'event', ['Rains']]);
      const duplicate = await editor.request('POST', '/api/admin/tags', { name: 'monsoon' });
      assert.equal(duplicate.status, 400);
      assert.equal(duplicate.json.error.field, 'name');
      await editor.request('POST', '/api/admin/tags', { name: 'Cricket' });
      const found = await editor.request('GET', '/api/admin/tags?q=mons');
      assert.deepEqual(found.json.items.map((t: { name: string }) => t.name), ['Monsoon']);
      const patched = await editor.request('PATCH', `/api/admin/tags/${tag.json.id}`, { name: 'Monsoon 2025', kind: 'topic' });
      assert.deepEqual([patched.json.name, patched.json.kind, patched.json.aliases], ['Monsoon 2025', 'topic', ['Rains']]);
      const section = await app.services.directory.ensureSection('News');
      const story = await app.services.articles.create({ headline: 'Rain story', body: paragraphs('Wet.'), sectionId: section.id, tagIds: [tag.json.id] });
      assert.equal((await editor.request('DELETE', `/api/admin/tags/${tag.json.id}`)).status, 204);
      assert.deepEqual((await app.services.articles.get(story.id))?.tagIds, [], 'removed from the story');
      assert.equal((await editor.request('PATCH', `/api/admin/tags/${tag.json.id}`, { name: 'Back' })).json.error.code, 'TAG_NOT_FOUND');

      const person = await editor.request('POST', '/api/admin/people', { name: 'Asha Rao', bio: 'Covers the coast.', links: { x: 'https://x.example/asha' } });
      assert.equal(person.status, 201, person.body);
      assert.equal(person.json.slug, 'asha-rao');
      const other = await editor.request('POST', '/api/admin/people', { name: 'Tom Field' });
      const badLink = await editor.request('POST', '/api/admin/people', { name: 'Eve', links: { web: 'javascript:alert(1)' } });
      assert.equal(badLink.status, 400);
      assert.equal(badLink.json.error.field, 'links.web');
      const takenSlug = await editor.request('PATCH', `/api/admin/people/${other.json.id}`, { slug: 'asha-rao' });
      assert.equal(takenSlug.json.error.field, 'slug');
      const edited = await editor.request('PATCH', `/api/admin/people/${person.json.id}`, { bio: 'Covers the coast and the hills.' });
      assert.equal(edited.json.bio, 'Covers the coast and the hills.');
      const people = await editor.request('GET', '/api/admin/people?q=asha');
      assert.deepEqual(people.json.items.map((p: { id: string }) => p.id), [person.json.id]);
      assert.equal((await editor.request('PATCH', `/api/admin/people/${'0'.repeat(26)}`, { bio: 'x' })).json.error.code, 'PERSON_NOT_FOUND');
    } finally {
      await app.close();
    }
  });

  test(name('renaming a person or a tag, new aliases and deleting a tag reach the public search at once'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const person = (await editor.request('POST', '/api/admin/people', { name: 'Meera Kaul' })).json;
      const tag = (await editor.request('POST', '/api/admin/tags', { name: 'Harbour Works', kind: 'topic' })).json;
      const section = await app.services.directory.ensureSection('News');
      const draft = await app.services.articles.create({ headline: 'Dredging starts at the old quay', body: paragraphs('Barges arrived overnight.'), sectionId: section.id, authorIds: [person.id], tagIds: [tag.id] });
      await app.services.articles.publish(draft.id);
      const found = async (q: string) => (await app.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent(q)}` })).body.includes('Dredging starts');
      assert.ok(await found('Kaul'));
      assert.ok(await found('harbour'));

      await editor.request('PATCH', `/api/admin/people/${person.id}`, { name: 'Meera Qureshi' });
      assert.ok(await found('Qureshi'), 'the new name finds the story');
      assert.ok(!(await found('Kaul')), 'the old name no longer does');
      await editor.request('PATCH', `/api/admin/tags/${tag.id}`, { name: 'Port Dredging', aliases: ['Quayside'] });
      assert.ok(await found('quayside'), 'a new alias finds the story');
      assert.ok(!(await found('harbour')));
      assert.equal((await editor.request('DELETE', `/api/admin/tags/${tag.id}`)).status, 204);
      assert.ok(!(await found('quayside')), 'a deleted tag no longer finds the story');
      assert.ok(await found('Qureshi'), 'the story itself stays searchable');
    } finally {
      await app.close();
    }
  });

  test(name('an admin creates, changes and deletes users, within the rules'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      const created = await admin.request('POST', '/api/admin/users', { email: 'New.Writer@Example.com', name: 'New Writer', role: 'contributor', password: PASSWORD });
      assert.equal(created.status, 201, created.body);
      assert.deepEqual([created.json.email, created.json.role, created.json.disabled], ['new.writer@example.com', 'contributor', false]);
      assert.ok(created.json.personId, 'a user gets a byline');
      assert.equal(created.json.passwordHash, undefined);
      assert.ok(!JSON.stringify((await admin.request('GET', '/api/admin/users')).json).includes('argon2'), 'no password hashes in answers');

      const before = await fingerprint(app.database.db);
      const refusals: [body: Record<string, unknown>, status: number, field?: string][] = [
        [{ email: 'new.writer@example.com', name: 'Again', role: 'author', password: PASSWORD }, 409],
        [{ email: 'not-an-email', name: 'X', role: 'author', password: PASSWORD }, 400, 'email'],
        [{ email: 'short@example.com', name: 'X', role: 'author', password: 'short' }, 400, 'password'],
        [{ email: 'boss@example.com', name: 'X', role: 'owner', password: PASSWORD }, 400, 'role'],
        [{ email: 'x@example.com', name: 'X', role: 'author', password: PASSWORD, disabled: false }, 400, 'disabled'],
      ];
      for (const [body, status, field] of refusals) {
        const res = await admin.request('POST', '/api/admin/users', body);
        assert.equal(res.status, status, JSON.stringify(body));
        if (field) assert.equal(res.json.error.field, field);
        else assert.equal(res.json.error.code, 'EMAIL_TAKEN');
      }
      assertUnchanged(before, await fingerprint(app.database.db));

      const promoted = await admin.request('PATCH', `/api/admin/users/${created.json.id}`, { role: 'editor', name: 'Senior Writer' });
      assert.deepEqual([promoted.json.role, promoted.json.name], ['editor', 'Senior Writer']);
      assert.equal((await admin.request('DELETE', `/api/admin/users/${created.json.id}`)).status, 204, 'a user without history is deleted');
      assert.equal((await admin.request('GET', '/api/admin/users')).json.some((u: { id: string }) => u.id === created.json.id), false);
      assert.equal((await admin.request('PATCH', `/api/admin/users/${created.json.id}`, { name: 'Ghost' })).json.error.code, 'USER_NOT_FOUND');

      const writer = await signIn(app, 'author');
      await writer.request('POST', '/api/admin/articles', { headline: 'History', sectionId: (await app.services.directory.ensureSection('News')).id });
      const withHistory = await admin.request('DELETE', `/api/admin/users/${writer.userId}`);
      assert.equal(withHistory.status, 409);
      assert.equal(withHistory.json.error.code, 'USER_HAS_HISTORY');
      assert.equal((await admin.request('PATCH', `/api/admin/users/${writer.userId}`, { disabled: true })).json.disabled, true, 'disable instead');
      const self = await admin.request('DELETE', `/api/admin/users/${admin.userId}`);
      assert.equal(self.status, 400);
      assert.equal(self.json.error.field, 'id');
    } finally {
      await app.close();
    }
  });

  test(name('the last active admin can be neither demoted nor disabled'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      const before = await fingerprint(app.database.db);
      for (const [patch, field] of [[{ role: 'editor' }, 'role'], [{ disabled: true }, 'disabled']] as const) {
        const res = await admin.request('PATCH', `/api/admin/users/${admin.userId}`, patch);
        assert.equal(res.status, 400, JSON.stringify(patch));
        assert.equal(res.json.error.field, field);
        assert.match(res.json.error.message, /last active admin/);
      }
      assertUnchanged(before, await fingerprint(app.database.db));
      const second = await signIn(app, 'admin');
      const demoted = await second.request('PATCH', `/api/admin/users/${admin.userId}`, { role: 'editor' });
      assert.equal(demoted.status, 200, 'with a second admin, one may step down');
      const last = await second.request('PATCH', `/api/admin/users/${second.userId}`, { disabled: true });
      assert.equal(last.status, 400, 'and the other is now the last');
      const retired = await app.services.users.add({ email: 'retired@example.com', name: 'Retired Admin', role: 'admin', password: PASSWORD });
      assert.equal((await second.request('PATCH', `/api/admin/users/${retired.id}`, { disabled: true })).status, 200);
      const demoted2 = await second.request('PATCH', `/api/admin/users/${retired.id}`, { role: 'author' });
      assert.equal(demoted2.status, 200, 'a disabled admin is not the last active one: it can be demoted');
    } finally {
      await app.close();
    }
  });

  test(name('an admin renames the site and the public home page shows it; bad settings are refused by field'), async () => {
    const app = await createTestApp(target);
    try {
      const admin = await signIn(app, 'admin');
      const editor = await signIn(app, 'editor');
      assert.match((await app.app.inject('/')).body, /The Test Times/);
      const saved = await admin.request('PATCH', '/api/admin/settings', { siteName: 'The Harbour Herald', timeZone: 'Europe/London' });
      assert.equal(saved.status, 200, saved.body);
      assert.deepEqual([saved.json.siteName, saved.json.timeZone], ['The Harbour Herald', 'Europe/London']);
      const home = await app.app.inject('/');
      assert.match(home.body, /<title>The Harbour Herald/);
      assert.doesNotMatch(home.body, /The Test Times/);
      assert.equal((await editor.request('GET', '/api/admin/settings')).json.siteName, 'The Harbour Herald');

      const before = await fingerprint(app.database.db);
      const bad: [Record<string, unknown>, string][] = [
        [{ timeZone: 'Mars/Olympus_Mons' }, 'timeZone'],
        [{ siteName: '' }, 'siteName'],
        [{ disclaimerTemplate: 'Picture by someone' }, 'disclaimerTemplate'],
        [{ locale: 'not a locale!' }, 'locale'],
        [{ siteName: 'Fine', theme: 'dark' }, 'theme'],
      ];
      for (const [body, field] of bad) {
        const res = await admin.request('PATCH', '/api/admin/settings', body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.json.error.code, 'VALIDATION_FAILED');
        assert.equal(res.json.error.field, field);
      }
      assertUnchanged(before, await fingerprint(app.database.db));
      assert.match((await app.app.inject('/')).body, /The Harbour Herald/);
    } finally {
      await app.close();
    }
  });
}
