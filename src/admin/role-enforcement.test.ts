import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Role } from '../db/index.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn, type AdminClient } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

/**
 * The roles table of docs/admin-api.md, enforced over HTTP: every role tries every
 * story action. A refusal must carry the right status and code and leave the
 * database exactly as it was; an allowed action must have its effect.
 */
const ROLES: Role[] = ['contributor', 'author', 'editor', 'admin'];
/** 'changed': published, with changes saved to its working copy by its owner. */
type Status = 'draft' | 'submitted' | 'published' | 'changed';
type Res = { status: number; json: any };

interface Ctx {
  app: TestApp;
  clients: Record<Role, AdminClient>;
  sectionId: string;
  other: { userId: string; personId: string };
}

/** A story owned by `role` (created by them, under their byline) or by someone else, in `status`. */
async function story(ctx: Ctx, role: Role, owner: 'own' | 'other', status: Status = 'draft') {
  const { articles } = ctx.app.services;
  const who = owner === 'own' ? { userId: ctx.clients[role].userId, personId: ctx.clients[role].personId! } : ctx.other;
  let article = await articles.create({ headline: `${owner} ${status} story of the ${role}`, body: paragraphs('Words.'), sectionId: ctx.sectionId, authorIds: [who.personId] }, { userId: who.userId });
  if (status !== 'draft') article = await articles.submit(article.id, { userId: who.userId });
  if (status === 'published' || status === 'changed') article = await articles.publish(article.id);
  if (status === 'changed') article = await articles.edit(article.id, { headline: 'Changed' }, { userId: who.userId });
  return article;
}

const all = (s: number): Record<Role, number> => ({ contributor: s, author: s, editor: s, admin: s });
const by = (contributor: number, author: number, editor: number, admin: number): Record<Role, number> => ({ contributor, author, editor, admin });
const inOneHour = (ctx: Ctx) => new Date(ctx.app.clock.now().getTime() + 3_600_000).toISOString();

interface Row {
  what: string;
  expect: Record<Role, number>;
  /** The story the action is tried on, made before the database is fingerprinted. */
  on?: [owner: 'own' | 'other', status: Status];
  act(client: AdminClient, story: { id: string; version: number }, ctx: Ctx): Promise<Res>;
  /** On success: the effect is there. */
  check?(ctx: Ctx, id: string, res: Res): Promise<void> | void;
}

const rows: Row[] = [
  {
    what: 'create a story',
    expect: all(201),
    act: (c, _story, ctx) => c.request('POST', '/api/admin/articles', { headline: 'A new story', sectionId: ctx.sectionId }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'draft'),
  },
  { what: 'read own story', expect: all(200), on: ['own', 'draft'], act: (c, { id }) => c.request('GET', `/api/admin/articles/${id}`) },
  { what: "read someone else's story", expect: by(404, 404, 200, 200), on: ['other', 'draft'], act: (c, { id }) => c.request('GET', `/api/admin/articles/${id}`) },
  { what: "preview someone else's draft", expect: by(404, 404, 200, 200), on: ['other', 'draft'], act: (c, { id }) => c.request('GET', `/api/admin/articles/${id}/preview`) },
  { what: "see who else has someone else's story open", expect: by(404, 404, 200, 200), on: ['other', 'draft'], act: (c, { id }) => c.request('PUT', `/api/admin/articles/${id}/presence`) },
  {
    what: 'edit own draft',
    expect: all(200),
    on: ['own', 'draft'],
    act: (c, { id, version }) => c.request('PATCH', `/api/admin/articles/${id}`, { headline: 'Edited', version }),
    check: async (ctx, id) => assert.equal((await ctx.app.services.articles.get(id))?.headline, 'Edited'),
  },
  {
    what: 'edit own submitted story',
    expect: by(403, 200, 200, 200),
    on: ['own', 'submitted'],
    act: (c, { id, version }) => c.request('PATCH', `/api/admin/articles/${id}`, { headline: 'Edited', version }),
    check: async (ctx, id) => assert.equal((await ctx.app.services.articles.get(id))?.headline, 'Edited'),
  },
  {
    what: "edit someone else's story",
    expect: by(404, 404, 200, 200),
    on: ['other', 'draft'],
    act: (c, { id, version }) => c.request('PATCH', `/api/admin/articles/${id}`, { headline: 'Edited', version }),
    check: async (ctx, id) => assert.equal((await ctx.app.services.articles.get(id))?.headline, 'Edited'),
  },
  {
    what: 'submit own draft',
    expect: all(200),
    on: ['own', 'draft'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/submit`, { version }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'submitted'),
  },
  {
    what: 'return a submitted story to draft',
    expect: by(403, 403, 200, 200),
    on: ['own', 'submitted'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/return`, { version, note: 'More sources' }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'draft'),
  },
  {
    what: 'publish own story',
    expect: by(403, 200, 200, 200),
    on: ['own', 'submitted'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/publish`, { version }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'published'),
  },
  {
    what: "publish someone else's story",
    expect: by(404, 404, 200, 200),
    on: ['other', 'submitted'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/publish`, { version }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'published'),
  },
  {
    what: 'schedule own story',
    expect: by(403, 200, 200, 200),
    on: ['own', 'draft'],
    act: (c, { id, version }, ctx) => c.request('POST', `/api/admin/articles/${id}/schedule`, { version, at: inOneHour(ctx) }),
    check: (ctx, _id, res) => {
      assert.equal(res.json.status, 'scheduled');
      assert.equal(res.json.scheduledAt, inOneHour(ctx));
    },
  },
  {
    what: "schedule someone else's story",
    expect: by(404, 404, 200, 200),
    on: ['other', 'draft'],
    act: (c, { id, version }, ctx) => c.request('POST', `/api/admin/articles/${id}/schedule`, { version, at: inOneHour(ctx) }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'scheduled'),
  },
  {
    what: 'unpublish own published story',
    expect: by(403, 403, 200, 200),
    on: ['own', 'published'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/unpublish`, { version }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'unpublished'),
  },
  {
    what: "unpublish someone else's published story",
    expect: by(404, 404, 200, 200),
    on: ['other', 'published'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/unpublish`, { version }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'unpublished'),
  },
  {
    what: 'save changes to own published story (they wait in its working copy)',
    expect: by(403, 200, 200, 200),
    on: ['own', 'published'],
    act: (c, { id, version }) => c.request('PATCH', `/api/admin/articles/${id}`, { headline: 'Edited', version }),
    check: async (ctx, id, res) => {
      const stored = await ctx.app.services.articles.get(id);
      assert.notEqual(stored?.headline, 'Edited', 'readers still see the published headline');
      assert.equal(stored?.workingCopy?.fields.headline, 'Edited');
      assert.equal(res.json.headline, 'Edited', 'the editor sees the working copy');
    },
  },
  {
    what: "save changes to someone else's published story",
    expect: by(404, 404, 200, 200),
    on: ['other', 'published'],
    act: (c, { id, version }) => c.request('PATCH', `/api/admin/articles/${id}`, { headline: 'Edited', version }),
  },
  {
    what: "Update own published story (make its saved changes public)",
    expect: by(403, 200, 200, 200),
    on: ['own', 'changed'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/update`, { version }),
    check: async (ctx, id) => assert.equal((await ctx.app.services.articles.get(id))?.headline, 'Changed'),
  },
  {
    what: "Update someone else's published story",
    expect: by(404, 404, 200, 200),
    on: ['other', 'changed'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/update`, { version }),
    check: async (ctx, id) => assert.equal((await ctx.app.services.articles.get(id))?.headline, 'Changed'),
  },
  {
    what: 'add a correction to own published story with Update',
    expect: by(403, 403, 200, 200),
    on: ['own', 'changed'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/update`, { note: 'An earlier version misspelt a name.', version }),
    check: (_ctx, _id, res) => assert.deepEqual(res.json.corrections.map((c: { note: string }) => c.note), ['An earlier version misspelt a name.']),
  },
  {
    what: 'discard the saved changes of own published story',
    expect: by(403, 200, 200, 200),
    on: ['own', 'changed'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/discard`, { version }),
    check: async (ctx, id, res) => {
      assert.equal((await ctx.app.services.articles.get(id))?.workingCopy, null);
      assert.equal(res.json.pendingChanges, null);
    },
  },
  {
    what: 'withdraw own submitted story',
    expect: all(200),
    on: ['own', 'submitted'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/withdraw`, { version }),
    check: (_ctx, _id, res) => assert.equal(res.json.status, 'draft'),
  },
  {
    what: "withdraw someone else's submitted story",
    expect: by(404, 404, 403, 403),
    on: ['other', 'submitted'],
    act: (c, { id, version }) => c.request('POST', `/api/admin/articles/${id}/withdraw`, { version }),
  },
  {
    what: 'delete own draft',
    expect: all(204),
    on: ['own', 'draft'],
    act: (c, { id }) => c.request('DELETE', `/api/admin/articles/${id}`),
    check: async (ctx, id) => assert.equal(await ctx.app.services.articles.get(id), null),
  },
  {
    what: 'delete own submitted story',
    expect: by(403, 403, 204, 204),
    on: ['own', 'submitted'],
    act: (c, { id }) => c.request('DELETE', `/api/admin/articles/${id}`),
    check: async (ctx, id) => assert.equal(await ctx.app.services.articles.get(id), null),
  },
  {
    what: "delete someone else's draft",
    expect: by(404, 404, 204, 204),
    on: ['other', 'draft'],
    act: (c, { id }) => c.request('DELETE', `/api/admin/articles/${id}`),
    check: async (ctx, id) => assert.equal(await ctx.app.services.articles.get(id), null),
  },
];

for (const target of await testDatabases()) {
  describe(`[${target.name}] story permissions over HTTP`, () => {
    const ctx = {} as Ctx;
    before(async () => {
      ctx.app = await createTestApp(target);
      ctx.sectionId = (await ctx.app.services.directory.ensureSection('News')).id;
      ctx.clients = {} as Record<Role, AdminClient>;
      for (const role of ROLES) ctx.clients[role] = await signIn(ctx.app, role);
      const other = await ctx.app.services.users.add({ email: 'other.writer@example.com', name: 'Other Writer', role: 'author', password: 'a long test password' });
      ctx.other = { userId: other.id, personId: (await ctx.app.services.users.get(other.id))!.personId! };
    });
    after(() => ctx.app.close());

    for (const row of rows) {
      for (const role of ROLES) {
        const status = row.expect[role];
        const allowed = status < 300;
        test(`${role} ${allowed ? 'may' : 'may not'} ${row.what} (${status})`, async () => {
          const target = row.on ? await story(ctx, role, ...row.on) : { id: '', version: 0 };
          const before = await fingerprint(ctx.app.database.db);
          const res = await row.act(ctx.clients[role], target, ctx);
          assert.equal(res.status, status, JSON.stringify(res.json));
          if (allowed) return row.check?.(ctx, target.id || res.json?.id, res);
          assert.equal(res.json.error.code, status === 404 ? 'ARTICLE_NOT_FOUND' : 'FORBIDDEN');
          assertUnchanged(before, await fingerprint(ctx.app.database.db));
        });
      }
    }

    for (const role of ROLES) {
      const seesAll = role === 'editor' || role === 'admin';
      test(`${role} lists ${seesAll ? 'every story' : 'only their own stories'}`, async () => {
        // Newest by a minute, so both lead the list (sorted by modifiedAt) however many stories the rows above made.
        ctx.app.clock.advance(60_000);
        const mine = await story(ctx, role, 'own', 'draft');
        const theirs = await story(ctx, role, 'other', 'submitted');
        const list = await ctx.clients[role].request('GET', '/api/admin/articles?pageSize=100');
        assert.equal(list.status, 200);
        const ids: string[] = list.json.items.map((i: { id: string }) => i.id);
        assert.ok(ids.includes(mine.id), 'own story listed');
        assert.equal(ids.includes(theirs.id), seesAll, "someone else's story listed only for editors and admins");
        if (!seesAll) {
          const owned = await ctx.app.database.db.selectFrom('articles').select('id').where('created_by', '=', ctx.clients[role].userId).execute();
          const ownIds = new Set(owned.map((o) => o.id));
          assert.ok(ids.every((id) => ownIds.has(id)), 'nothing but own stories');
          assert.equal(list.json.total, ids.length);
          const filtered = await ctx.clients[role].request('GET', `/api/admin/articles?status=submitted&author=${ctx.other.personId}`);
          assert.equal(filtered.json.total, 0, 'filters cannot widen the list');
        }
      });
    }
  });
}
