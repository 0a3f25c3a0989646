import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import type { Role } from '../db/index.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { signIn, type AdminClient } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';
import { upload } from '../../test/support/multipart.js';

/**
 * The rest of the roles table over HTTP: media, sections, tags, people, users,
 * API keys and settings, for every role; then what API keys may do.
 */
const ROLES: Role[] = ['contributor', 'author', 'editor', 'admin'];
type Res = { status: number; json: any };

interface Ctx {
  app: TestApp;
  clients: Record<Role, AdminClient>;
  otherUserId: string;
  photo: Buffer;
}

const all = (s: number): Record<Role, number> => ({ contributor: s, author: s, editor: s, admin: s });
const by = (contributor: number, author: number, editor: number, admin: number): Record<Role, number> => ({ contributor, author, editor, admin });
const editorsOnly = (ok: number) => by(403, 403, ok, ok);
const adminOnly = (ok: number) => by(403, 403, 403, ok);
let serial = 0;

async function picture(ctx: Ctx, uploadedBy: string): Promise<string> {
  const prepared = await ctx.app.services.media.prepare(ctx.photo, { caption: 'A harbour', uploadedBy });
  await ctx.app.database.db.transaction().execute((trx) => prepared.commit(trx));
  return prepared.id;
}

interface Row {
  what: string;
  expect: Record<Role, number>;
  /** Makes what the action is tried on; runs before the database is fingerprinted. */
  given?(ctx: Ctx, role: Role): Promise<string>;
  act(client: AdminClient, id: string, ctx: Ctx): Promise<Res>;
  check?(ctx: Ctx, id: string, res: Res): Promise<void> | void;
}

const rows: Row[] = [
  {
    what: 'upload media',
    expect: all(201),
    act: (c, _id, ctx) => upload(ctx.app, c, { bytes: ctx.photo }, { caption: 'Uploaded' }),
    check: (_ctx, _id, res) => assert.equal(res.json.caption, 'Uploaded'),
  },
  {
    what: 'edit own media',
    expect: all(200),
    given: (ctx, role) => picture(ctx, ctx.clients[role].userId),
    act: (c, id) => c.request('PATCH', `/api/admin/media/${id}`, { caption: 'Recaptioned' }),
    check: (_ctx, _id, res) => assert.equal(res.json.caption, 'Recaptioned'),
  },
  {
    what: "edit someone else's media",
    expect: editorsOnly(200),
    given: (ctx) => picture(ctx, ctx.otherUserId),
    act: (c, id) => c.request('PATCH', `/api/admin/media/${id}`, { caption: 'Recaptioned' }),
    check: (_ctx, _id, res) => assert.equal(res.json.caption, 'Recaptioned'),
  },
  {
    what: 'delete own media',
    expect: editorsOnly(204),
    given: (ctx, role) => picture(ctx, ctx.clients[role].userId),
    act: (c, id) => c.request('DELETE', `/api/admin/media/${id}`),
    check: async (ctx, id) => assert.equal((await ctx.app.database.db.selectFrom('media').select('id').where('id', '=', id).execute()).length, 0),
  },
  {
    what: 'create a section',
    expect: editorsOnly(201),
    act: (c) => c.request('POST', '/api/admin/sections', { name: `Desk ${++serial}` }),
    check: (_ctx, _id, res) => assert.match(res.json.slug, /^desk-\d+$/),
  },
  {
    what: 'edit a section',
    expect: editorsOnly(200),
    given: async (ctx) => (await ctx.app.services.directory.createSection({ name: `Section ${++serial}` })).id,
    act: (c, id) => c.request('PATCH', `/api/admin/sections/${id}`, { description: 'Renamed' }),
    check: (_ctx, _id, res) => assert.equal(res.json.description, 'Renamed'),
  },
  {
    what: 'delete an empty section',
    expect: editorsOnly(204),
    given: async (ctx) => (await ctx.app.services.directory.createSection({ name: `Section ${++serial}` })).id,
    act: (c, id) => c.request('DELETE', `/api/admin/sections/${id}`),
  },
  {
    what: 'create a tag',
    expect: editorsOnly(201),
    act: (c) => c.request('POST', '/api/admin/tags', { name: `Topic ${++serial}`, kind: 'place' }),
    check: (_ctx, _id, res) => assert.equal(res.json.kind, 'place'),
  },
  {
    what: 'edit a tag',
    expect: editorsOnly(200),
    given: async (ctx) => (await ctx.app.services.directory.ensureTag(`Tag ${++serial}`)).id,
    act: (c, id) => c.request('PATCH', `/api/admin/tags/${id}`, { aliases: ['Alias'] }),
    check: (_ctx, _id, res) => assert.deepEqual(res.json.aliases, ['Alias']),
  },
  {
    what: 'delete a tag',
    expect: editorsOnly(204),
    given: async (ctx) => (await ctx.app.services.directory.ensureTag(`Tag ${++serial}`)).id,
    act: (c, id) => c.request('DELETE', `/api/admin/tags/${id}`),
  },
  {
    what: 'create a person',
    expect: editorsOnly(201),
    act: (c) => c.request('POST', '/api/admin/people', { name: `Person ${++serial}`, links: { web: 'https://example.com' } }),
    check: (_ctx, _id, res) => assert.deepEqual(res.json.links, { web: 'https://example.com' }),
  },
  {
    what: 'edit a person',
    expect: editorsOnly(200),
    given: async (ctx) => (await ctx.app.services.directory.createPerson({ name: `Person ${++serial}` })).id,
    act: (c, id) => c.request('PATCH', `/api/admin/people/${id}`, { bio: 'Reports on rivers.' }),
    check: (_ctx, _id, res) => assert.equal(res.json.bio, 'Reports on rivers.'),
  },
  { what: 'list users', expect: adminOnly(200), act: (c) => c.request('GET', '/api/admin/users'), check: (_ctx, _id, res) => assert.ok(res.json.length >= 5) },
  {
    what: 'create a user',
    expect: adminOnly(201),
    act: (c) => c.request('POST', '/api/admin/users', { email: `new.${++serial}@example.com`, name: `New ${serial}`, role: 'author', password: 'a long new password' }),
    check: (_ctx, _id, res) => assert.equal(res.json.role, 'author'),
  },
  {
    what: 'edit a user',
    expect: adminOnly(200),
    given: async (ctx) => ctx.otherUserId,
    act: (c, id) => c.request('PATCH', `/api/admin/users/${id}`, { name: `Renamed ${++serial}` }),
    check: (_ctx, _id, res) => assert.match(res.json.name, /^Renamed/),
  },
  {
    what: 'create an API key',
    expect: adminOnly(201),
    act: (c) => c.request('POST', '/api/admin/api-keys', { name: 'Feed reader', scope: 'content-read' }),
    // The form Ghost's Content API clients accept; admin keys keep the `dlk_` form.
    check: (_ctx, _id, res) => assert.match(res.json.key, /^[0-9a-f]{26}$/),
  },
  {
    what: 'revoke an API key',
    expect: adminOnly(204),
    given: async (ctx) => (await ctx.app.services.auth.createApiKey({ name: 'Old', scope: 'admin', userId: ctx.otherUserId })).id,
    act: (c, id) => c.request('DELETE', `/api/admin/api-keys/${id}`),
  },
  { what: 'read settings', expect: editorsOnly(200), act: (c) => c.request('GET', '/api/admin/settings'), check: (_ctx, _id, res) => assert.equal(res.json.siteName, 'The Test Times') },
  {
    what: 'change settings',
    expect: adminOnly(200),
    act: (c) => c.request('PATCH', '/api/admin/settings', { disclaimerTemplate: 'Picture: {credit}' }),
    check: (_ctx, _id, res) => assert.equal(res.json.disclaimerTemplate, 'Picture: {credit}'),
  },
];

for (const target of await testDatabases()) {
  describe(`[${target.name}] desk permissions over HTTP`, () => {
    const ctx = {} as Ctx;
    before(async () => {
      ctx.app = await createTestApp(target);
      ctx.photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366aa' } }).jpeg().toBuffer();
      ctx.clients = {} as Record<Role, AdminClient>;
      for (const role of ROLES) ctx.clients[role] = await signIn(ctx.app, role);
      ctx.otherUserId = (await ctx.app.services.users.add({ email: 'other@example.com', name: 'Other Writer', role: 'contributor', password: 'a long test password' })).id;
    });
    after(() => ctx.app.close());

    for (const row of rows) {
      for (const role of ROLES) {
        const status = row.expect[role];
        const allowed = status < 300;
        test(`${role} ${allowed ? 'may' : 'may not'} ${row.what} (${status})`, async () => {
          const id = row.given ? await row.given(ctx, role) : '';
          const before = await fingerprint(ctx.app.database.db);
          const res = await row.act(ctx.clients[role], id, ctx);
          assert.equal(res.status, status, JSON.stringify(res.json));
          if (allowed) return row.check?.(ctx, id, res);
          assert.equal(res.json.error.code, 'FORBIDDEN');
          assertUnchanged(before, await fingerprint(ctx.app.database.db));
        });
      }
    }

    test('a content-read API key reads content but every write is refused', async () => {
      const admin = ctx.clients.admin;
      const created = await admin.request('POST', '/api/admin/api-keys', { name: 'Reader', scope: 'content-read' });
      const bearer = { authorization: `Bearer ${created.json.key}` };
      const draft = await admin.request('POST', '/api/admin/articles', { headline: 'Key test', sectionId: (await ctx.app.services.directory.ensureSection('News')).id });
      const call = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown) =>
        ctx.app.app.inject({ method, url, headers: { ...bearer, ...(body ? { 'content-type': 'application/json' } : {}) }, ...(body ? { payload: JSON.stringify(body) } : {}) });
      assert.equal((await call('GET', '/api/admin/articles')).statusCode, 200);
      assert.equal((await call('GET', `/api/admin/articles/${draft.json.id}`)).statusCode, 200);
      assert.equal((await call('GET', '/api/admin/media')).statusCode, 200);
      const before = await fingerprint(ctx.app.database.db);
      const writes: [method: 'POST' | 'PATCH' | 'DELETE', url: string, body?: unknown][] = [
        ['POST', '/api/admin/articles', { headline: 'By key', sectionId: draft.json.sectionId }],
        ['PATCH', `/api/admin/articles/${draft.json.id}`, { headline: 'By key', version: draft.json.version }],
        ['POST', `/api/admin/articles/${draft.json.id}/publish`, { version: draft.json.version }],
        ['DELETE', `/api/admin/articles/${draft.json.id}`],
        ['POST', '/api/admin/sections', { name: 'By key' }],
        ['POST', '/api/admin/tags', { name: 'By key' }],
        ['POST', '/api/admin/users', { email: 'key@example.com', name: 'Key', role: 'admin', password: 'a long new password' }],
        ['POST', '/api/admin/api-keys', { name: 'Escalate', scope: 'admin' }],
        ['PATCH', '/api/admin/settings', { siteName: 'By key' }],
        ['DELETE', '/api/admin/sessions'],
      ];
      for (const [method, url, body] of writes) {
        const res = await call(method, url, body);
        assert.equal(res.statusCode, 403, `${method} ${url}: ${res.body}`);
        assert.equal(res.json().error.code, 'FORBIDDEN');
      }
      assertUnchanged(before, await fingerprint(ctx.app.database.db));
    });

    test('an admin API key writes without a CSRF token; a revoked or unknown key gets 401', async () => {
      const created = await ctx.clients.admin.request('POST', '/api/admin/api-keys', { name: 'Importer', scope: 'admin' });
      assert.equal(created.status, 201);
      const headers = { authorization: `Bearer ${created.json.key}`, 'content-type': 'application/json' };
      const section = await ctx.app.app.inject({ method: 'POST', url: '/api/admin/sections', headers, payload: JSON.stringify({ name: 'Wire' }) });
      assert.equal(section.statusCode, 201, section.body);
      const settings = await ctx.app.app.inject({ method: 'PATCH', url: '/api/admin/settings', headers, payload: JSON.stringify({ locale: 'en-GB' }) });
      assert.equal(settings.json().locale, 'en-GB');
      const listed = await ctx.clients.admin.request('GET', '/api/admin/api-keys');
      const row = listed.json.find((k: { id: string }) => k.id === created.json.apiKey.id);
      assert.ok(row.lastUsedAt, 'use is recorded');
      assert.ok(!JSON.stringify(listed.json).includes(created.json.key), 'the key itself is never listed');

      assert.equal((await ctx.clients.admin.request('DELETE', `/api/admin/api-keys/${created.json.apiKey.id}`)).status, 204);
      const before = await fingerprint(ctx.app.database.db);
      const revoked = await ctx.app.app.inject({ method: 'POST', url: '/api/admin/sections', headers, payload: JSON.stringify({ name: 'After revoke' }) });
      assert.equal(revoked.statusCode, 401);
      assert.equal(revoked.json().error.code, 'UNAUTHENTICATED');
      assert.equal((await ctx.app.app.inject({ url: '/api/admin/articles', headers: { authorization: `Bearer ${created.json.key}` } })).statusCode, 401);
      assert.equal((await ctx.app.app.inject({ url: '/api/admin/articles', headers: { authorization: 'Bearer dlk_not-a-key' } })).statusCode, 401);
      assertUnchanged(before, await fingerprint(ctx.app.database.db));
    });
  });
}
