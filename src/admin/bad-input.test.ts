import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn, type AdminClient } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';

/**
 * Bad input anywhere in the admin API gets a 4xx whose JSON body names the
 * offending field, and the database is left exactly as it was.
 */
interface Ctx {
  app: TestApp;
  admin: AdminClient;
  sectionId: string;
  article: { id: string; version: number };
  mediaId: string;
}

interface Case {
  what: string;
  status: number;
  /** The field named in the answer: exact, or a pattern for deep document paths. */
  field: string | RegExp;
  send(ctx: Ctx): Promise<{ status: number; json: any }>;
}

const text = (t: string, marks?: unknown[]) => ({ type: 'text', text: t, ...(marks ? { marks } : {}) });
const doc = (...content: unknown[]) => ({ type: 'doc', content });
const missingId = '0'.repeat(26);

/** A raw request with the admin's cookie and token, for bodies the client would not send. */
async function raw(ctx: Ctx, method: 'POST' | 'PATCH', url: string, payload: string, contentType = 'application/json') {
  const res = await ctx.app.app.inject({ method, url, headers: { cookie: ctx.admin.cookie, 'x-csrf-token': ctx.admin.csrfToken, 'content-type': contentType }, payload });
  return { status: res.statusCode, json: res.json() };
}

const cases: Case[] = [
  { what: 'malformed JSON in a new story', status: 400, field: 'body', send: (c) => raw(c, 'POST', '/api/admin/articles', '{"headline": "Half') },
  { what: 'malformed JSON in a save', status: 400, field: 'body', send: (c) => raw(c, 'PATCH', `/api/admin/articles/${c.article.id}`, '{"headline": }') },
  { what: 'malformed JSON in settings', status: 400, field: 'body', send: (c) => raw(c, 'PATCH', '/api/admin/settings', "{'siteName': 'x'}") },
  { what: 'malformed JSON at sign-in', status: 400, field: 'body', send: (c) => raw(c, 'POST', '/api/admin/session', '{"email":') },
  { what: 'a plain-text body', status: 400, field: 'body', send: (c) => raw(c, 'POST', '/api/admin/articles', 'headline=x', 'text/plain') },
  { what: 'an XML body', status: 415, field: 'body', send: (c) => raw(c, 'POST', '/api/admin/articles', '<article><headline>x</headline></article>', 'application/xml') },
  { what: 'a JSON body over 1 MB', status: 413, field: 'body', send: (c) => raw(c, 'POST', '/api/admin/articles', JSON.stringify({ headline: 'Big', sectionId: c.sectionId, standfirst: 'x'.repeat(1_100_000) })) },
  { what: 'a JSON array instead of an object', status: 400, field: 'body', send: (c) => c.admin.request('POST', '/api/admin/articles', [{ headline: 'x' }]) },
  { what: 'an unknown node type in a body', status: 400, field: /^body\.content\.1/, send: (c) => c.admin.request('POST', '/api/admin/articles', { headline: 'x', sectionId: c.sectionId, body: doc(paragraphs('ok').content[0], { type: 'script', content: [text('alert(1)')] }) }) },
  { what: 'an iframe node saved over a story', status: 400, field: /^body\.content\.0/, send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { body: doc({ type: 'iframe', attrs: { src: 'https://evil.example' } }), version: c.article.version }) },
  { what: 'a javascript: link in a body', status: 400, field: /^body\.content\.0\.content\.0\.marks\.0\.attrs\.href$/, send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { body: doc({ type: 'paragraph', content: [text('click', [{ type: 'link', attrs: { href: 'javascript:alert(document.cookie)' } }])] }), version: c.article.version }) },
  { what: 'a disguised JaVaScRiPt: link', status: 400, field: /attrs\.href$/, send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { body: doc({ type: 'paragraph', content: [text('click', [{ type: 'link', attrs: { href: ' JaVaScRiPt:alert(1)' } }])] }), version: c.article.version }) },
  { what: 'a data: URL as an image source', status: 400, field: /attrs\.src$/, send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { body: doc({ type: 'image', attrs: { src: 'data:text/html,<script>alert(1)</script>' } }), version: c.article.version }) },
  { what: 'a forged status on a new story', status: 400, field: 'status', send: (c) => c.admin.request('POST', '/api/admin/articles', { headline: 'x', sectionId: c.sectionId, status: 'published' }) },
  { what: 'a forged status in a save', status: 400, field: 'status', send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { status: 'published', version: c.article.version }) },
  { what: 'a forged publishedAt in a save', status: 400, field: 'publishedAt', send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { publishedAt: '2020-01-01T00:00:00Z', version: c.article.version }) },
  { what: 'a forged role at sign-in', status: 400, field: 'role', send: (c) => c.admin.request('POST', '/api/admin/session', { email: 'x@example.com', password: 'whatever12', role: 'admin' }) },
  { what: 'a forged role on a new API key', status: 400, field: 'role', send: (c) => c.admin.request('POST', '/api/admin/api-keys', { name: 'k', scope: 'admin', role: 'admin' }) },
  { what: 'an unknown API key scope', status: 400, field: 'scope', send: (c) => c.admin.request('POST', '/api/admin/api-keys', { name: 'k', scope: 'root' }) },
  { what: 'a story id that is not an id', status: 400, field: 'id', send: (c) => c.admin.request('GET', '/api/admin/articles/not-an-id') },
  { what: 'a path-like story id', status: 400, field: 'id', send: (c) => c.admin.request('PATCH', '/api/admin/articles/..%2F..%2Fetc', { headline: 'x', version: 1 }) },
  { what: 'a media id that is not an id', status: 400, field: 'id', send: (c) => c.admin.request('DELETE', '/api/admin/media/12345') },
  { what: 'a section filter that is not an id', status: 400, field: 'section', send: (c) => c.admin.request('GET', "/api/admin/articles?section=news' OR 1=1") },
  { what: 'a sectionId that is not an id', status: 400, field: 'sectionId', send: (c) => c.admin.request('POST', '/api/admin/articles', { headline: 'x', sectionId: 'news' }) },
  { what: 'a sectionId that does not exist', status: 400, field: 'sectionId', send: (c) => c.admin.request('POST', '/api/admin/articles', { headline: 'x', sectionId: missingId }) },
  { what: 'an author that does not exist', status: 400, field: 'authorIds', send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { authorIds: [missingId], version: c.article.version }) },
  { what: 'a hero picture that does not exist', status: 400, field: 'heroMediaId', send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { heroMediaId: missingId, version: c.article.version }) },
  { what: 'a revision number that is not a number', status: 400, field: 'revisionVersion', send: (c) => c.admin.request('POST', `/api/admin/articles/${c.article.id}/revisions/latest/restore`, { version: c.article.version }) },
  { what: 'a page size over 100 for stories', status: 400, field: 'pageSize', send: (c) => c.admin.request('GET', '/api/admin/articles?pageSize=101') },
  { what: 'a page size over 100 for media', status: 400, field: 'pageSize', send: (c) => c.admin.request('GET', '/api/admin/media?pageSize=10000') },
  { what: 'a page size over 100 for tags', status: 400, field: 'pageSize', send: (c) => c.admin.request('GET', '/api/admin/tags?pageSize=500') },
  { what: 'a page size of 0 for people', status: 400, field: 'pageSize', send: (c) => c.admin.request('GET', '/api/admin/people?pageSize=0') },
  { what: 'a page that is not a number', status: 400, field: 'page', send: (c) => c.admin.request('GET', '/api/admin/articles?page=two') },
  { what: 'an unknown list filter', status: 400, field: 'owner', send: (c) => c.admin.request('GET', '/api/admin/articles?owner=me') },
  { what: 'an unknown sort', status: 400, field: 'sort', send: (c) => c.admin.request('GET', '/api/admin/articles?sort=views') },
  { what: 'a date filter that is not a date', status: 400, field: 'from', send: (c) => c.admin.request('GET', '/api/admin/articles?from=yesterday') },
  { what: 'a version sent as text', status: 400, field: 'version', send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { headline: 'x', version: String(c.article.version) }) },
  { what: 'a schedule time that is not a time', status: 400, field: 'at', send: (c) => c.admin.request('POST', `/api/admin/articles/${c.article.id}/schedule`, { version: c.article.version, at: 'tomorrow noon' }) },
  { what: 'an empty headline', status: 400, field: 'headline', send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { headline: '   ', version: c.article.version }) },
  { what: 'a headline over 300 characters', status: 400, field: 'headline', send: (c) => c.admin.request('POST', '/api/admin/articles', { headline: 'x'.repeat(301), sectionId: c.sectionId }) },
  { what: 'a slug with a slash', status: 400, field: 'slug', send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { slug: '../admin', version: c.article.version }) },
  { what: 'a tag with no letters', status: 400, field: 'tags', send: (c) => c.admin.request('PATCH', `/api/admin/articles/${c.article.id}`, { tags: [{ name: '!!!' }], version: c.article.version }) },
  { what: 'a media focal point outside the picture', status: 400, field: 'focal.y', send: (c) => c.admin.request('PATCH', `/api/admin/media/${c.mediaId}`, { focal: { x: 0.5, y: -1 } }) },
];

for (const target of await testDatabases()) {
  describe(`[${target.name}] bad input is refused by field and changes nothing`, () => {
    const ctx = {} as Ctx;
    before(async () => {
      ctx.app = await createTestApp(target);
      ctx.admin = await signIn(ctx.app, 'admin');
      ctx.sectionId = (await ctx.app.services.directory.ensureSection('News')).id;
      const article = await ctx.app.services.articles.create({ headline: 'Untouched', body: paragraphs('Words.'), sectionId: ctx.sectionId }, { userId: ctx.admin.userId });
      ctx.article = { id: article.id, version: article.version };
      const { media } = ctx.app.services;
      const prepared = await media.prepare(await (await import('sharp')).default({ create: { width: 32, height: 24, channels: 3, background: '#222' } }).jpeg().toBuffer(), { uploadedBy: ctx.admin.userId });
      await ctx.app.database.db.transaction().execute((trx) => prepared.commit(trx));
      ctx.mediaId = prepared.id;
    });
    after(() => ctx.app.close());

    for (const c of cases) {
      test(`${c.what} → ${c.status} naming ${c.field}`, async () => {
        const before = await fingerprint(ctx.app.database.db);
        const res = await c.send(ctx);
        assert.equal(res.status, c.status, JSON.stringify(res.json));
        assert.equal(typeof res.json?.error?.code, 'string');
        assert.equal(typeof res.json.error.message, 'string');
        if (typeof c.field === 'string') assert.equal(res.json.error.field, c.field, res.json.error.message);
        else assert.match(res.json.error.field ?? '', c.field, res.json.error.message);
        assertUnchanged(before, await fingerprint(ctx.app.database.db));
      });
    }
  });
}
