import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { brotliDecompressSync } from 'node:zlib';
import { testDatabases } from '../../test/support/databases.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';
import { createTestApp, publishStory, type TestApp } from '../../test/support/test-app.js';
import { seedNewsroom, type Newsroom } from '../../test/support/content-api-newsroom.js';

type Refusal = { what: string; url: (room: Newsroom) => string; headers?: Record<string, string>; status: number; type: string; property?: string | null };

const posts = (room: Newsroom, query: string) => `/ghost/api/content/posts/?key=${room.key}&${query}`;
const REFUSALS: Refusal[] = [
  { what: 'a malformed filter', url: (r) => posts(r, 'filter=tag:'), status: 400, type: 'BadRequestError', property: 'filter' },
  { what: 'an unbalanced filter', url: (r) => posts(r, `filter=${encodeURIComponent('(tag:weather')}`), status: 400, type: 'BadRequestError', property: 'filter' },
  { what: 'a filter on a field not served', url: (r) => posts(r, 'filter=working_copy:x'), status: 400, type: 'BadRequestError', property: 'filter' },
  { what: 'a 10,000-character filter', url: (r) => posts(r, `filter=slug:${'a'.repeat(9995)}`), status: 400, type: 'BadRequestError', property: 'filter' },
  { what: 'a filter nested too deep', url: (r) => posts(r, `filter=${encodeURIComponent(`${'('.repeat(20)}tag:weather${')'.repeat(20)}`)}`), status: 400, type: 'BadRequestError', property: 'filter' },
  { what: 'a filter with a date that is not one', url: (r) => posts(r, 'filter=published_at:>soon'), status: 400, type: 'BadRequestError', property: 'filter' },
  { what: 'limit=0', url: (r) => posts(r, 'limit=0'), status: 422, type: 'ValidationError', property: 'limit' },
  { what: 'limit=lots', url: (r) => posts(r, 'limit=lots'), status: 422, type: 'ValidationError', property: 'limit' },
  { what: 'page=0', url: (r) => posts(r, 'page=0'), status: 422, type: 'ValidationError', property: 'page' },
  { what: 'an unknown include', url: (r) => posts(r, 'include=authors,comments'), status: 422, type: 'ValidationError', property: 'include' },
  { what: 'an unknown field', url: (r) => posts(r, 'fields=title,password_hash'), status: 422, type: 'ValidationError', property: 'fields' },
  { what: 'an order on a field not served', url: (r) => posts(r, `order=${encodeURIComponent('body desc')}`), status: 422, type: 'ValidationError', property: 'order' },
  { what: 'an unknown format', url: (r) => posts(r, 'formats=docx'), status: 422, type: 'ValidationError', property: 'formats' },
  { what: 'a filter given twice', url: (r) => posts(r, 'filter=tag:weather&filter=tag:harbour'), status: 422, type: 'ValidationError', property: 'filter' },
  { what: 'a newer API version than ours', url: (r) => posts(r, ''), headers: { 'accept-version': 'v99.0' }, status: 406, type: 'RequestNotAcceptableError' },
  { what: 'a malformed API version', url: (r) => posts(r, ''), headers: { 'accept-version': 'latest' }, status: 400, type: 'BadRequestError' },
  { what: 'no key', url: () => '/ghost/api/content/posts/', status: 401, type: 'UnauthorizedError', property: 'key' },
  { what: 'a wrong key', url: () => '/ghost/api/content/posts/?key=0123456789abcdef0123456789', status: 401, type: 'UnauthorizedError', property: 'key' },
  { what: 'a key of another form', url: () => `/ghost/api/content/posts/?key=${'z'.repeat(500)}`, status: 401, type: 'UnauthorizedError', property: 'key' },
  { what: 'two keys', url: (r) => `/ghost/api/content/posts/?key=${r.key}&key=${r.key}`, status: 401, type: 'UnauthorizedError', property: 'key' },
  { what: 'an admin key in the URL', url: (r) => `/ghost/api/content/posts/?key=${r.adminKey}`, status: 401, type: 'UnauthorizedError', property: 'key' },
  { what: 'a resource that does not exist', url: (r) => `/ghost/api/content/members/?key=${r.key}`, status: 404, type: 'NotFoundError' },
  { what: 'a story that does not exist', url: (r) => `/ghost/api/content/posts/slug/no-such-story/?key=${r.key}`, status: 404, type: 'NotFoundError' },
];

for (const target of await testDatabases()) {
  describe(`[${target.name}] Content API refusals, CORS and caching`, () => {
    let app: TestApp;
    let room: Newsroom;
    before(async () => {
      app = await createTestApp(target);
      room = await seedNewsroom(app);
    });
    after(() => app.close());

    for (const refusal of REFUSALS) {
      test(`${refusal.what} gets ${refusal.status} ${refusal.type} in Ghost’s envelope and changes nothing`, async () => {
        const before = await fingerprint(app.database.db);
        const res = await app.app.inject({ url: refusal.url(room), headers: refusal.headers ?? {} });
        assert.equal(res.statusCode, refusal.status, res.body.slice(0, 300));
        assert.equal(res.headers['access-control-allow-origin'], '*', 'a browser can read the refusal');
        assert.equal(res.headers['cache-control'], 'no-store');
        const [error, ...more] = res.json().errors;
        assert.equal(more.length, 0);
        assert.equal(error.type, refusal.type);
        assert.ok(error.message && typeof error.id === 'string', 'message and id');
        assert.deepEqual(Object.keys(error), ['message', 'context', 'type', 'details', 'property', 'help', 'code', 'id', 'ghostErrorCode']);
        if (refusal.property !== undefined) assert.equal(error.property, refusal.property);
        assertUnchanged(before, await fingerprint(app.database.db));
        // The server keeps serving.
        assert.equal((await app.app.inject({ url: posts(room, 'limit=1') })).statusCode, 200);
      });
    }

    test('limit=1000000 and limit=all are capped at 100, as Ghost caps them', async () => {
      for (const limit of ['1000000', 'all', '101']) {
        const res = await app.app.inject({ url: posts(room, `limit=${limit}`) });
        assert.equal(res.statusCode, 200);
        assert.equal(res.json().meta.pagination.limit, 100);
      }
    });

    test('a revoked key is refused at once', async () => {
      const { key, keyId } = await (async () => {
        const made = await room.admin.request('POST', '/api/admin/api-keys', { name: 'Short-lived', scope: 'content-read' });
        return { key: made.json.key as string, keyId: made.json.apiKey.id as string };
      })();
      assert.equal((await app.app.inject({ url: `/ghost/api/content/posts/?key=${key}` })).statusCode, 200);
      assert.equal((await room.admin.request('DELETE', `/api/admin/api-keys/${keyId}`)).status, 204);
      const res = await app.app.inject({ url: `/ghost/api/content/posts/?key=${key}` });
      assert.equal(res.statusCode, 401);
      assert.equal(res.json().errors[0].message, 'Unknown Content API Key');
      assert.equal((await app.app.inject({ url: posts(room, '') })).statusCode, 200, 'other keys still work');
    });

    test('a content key works as a Bearer key on the admin API; an admin key keeps its dlk_ form', async () => {
      assert.match(room.key, /^[0-9a-f]{26}$/);
      assert.match(room.adminKey, /^dlk_/);
      const res = await app.app.inject({ url: '/api/admin/articles', headers: { authorization: `Bearer ${room.key}` } });
      assert.equal(res.statusCode, 200);
    });

    test('a browser’s preflight for Accept-Version is answered, and every answer allows any origin', async () => {
      const preflight = await app.app.inject({
        method: 'OPTIONS',
        url: '/ghost/api/content/posts/?key=x',
        headers: { origin: 'https://frontend.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'accept-version' },
      });
      assert.equal(preflight.statusCode, 204);
      assert.equal(preflight.headers['access-control-allow-origin'], '*');
      assert.match(String(preflight.headers['access-control-allow-methods']), /GET/);
      assert.match(String(preflight.headers['access-control-allow-headers']), /accept-version/i);
      const answer = await app.app.inject({ url: posts(room, ''), headers: { origin: 'https://frontend.example', 'accept-version': 'v5.0' } });
      assert.equal(answer.headers['access-control-allow-origin'], '*');
      assert.equal(answer.headers['content-version'], 'v6.0');
    });

    test('answers are cached per content generation: ETags, 304s, brotli, and a publish shows at once', async () => {
      const url = posts(room, 'include=authors,tags');
      const first = await app.app.inject({ url });
      const etag = String(first.headers.etag);
      assert.equal((await app.app.inject({ url, headers: { 'if-none-match': etag } })).statusCode, 304);
      const br = await app.app.inject({ url, headers: { 'accept-encoding': 'br' } });
      assert.equal(br.headers['content-encoding'], 'br');
      assert.deepEqual(JSON.parse(brotliDecompressSync(br.rawPayload).toString()), first.json());
      app.clock.set('2025-06-27T05:00:00Z');
      await publishStory(app, { headline: 'Fresh off the press', tags: ['Weather'] });
      await app.announceChange();
      const after = await app.app.inject({ url });
      assert.equal(after.json().posts[0].slug, 'fresh-off-the-press');
      assert.notEqual(after.headers.etag, etag);
      assert.equal((await app.app.inject({ url, headers: { 'if-none-match': etag } })).statusCode, 200, 'the old tag no longer matches');
    });
  });
}
