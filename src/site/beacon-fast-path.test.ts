import { test } from 'node:test';
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory, type TestApp } from '../../test/support/test-app.js';

// The beacon as browsers send it reaches a listening server's fast path (beacon-fast-path.ts),
// which app.inject() never does; these tests go over real HTTP.
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

async function listening(target: Parameters<typeof createTestApp>[0], env: Record<string, string> = {}) {
  const app = await createTestApp(target, { PORT: '0', HOST: '127.0.0.1', ...env });
  const base = (await app.listen()).replace('localhost', '127.0.0.1');
  return { app, base };
}

function beacon(base: string, id: string, init: { body?: string; headers?: Record<string, string> } = {}) {
  return fetch(`${base}/api/views/${id}`, { method: 'POST', body: init.body ?? JSON.stringify({ referrer: 'https://www.google.com/' }), headers: { 'user-agent': CHROME, ...init.headers } });
}

/** A POST with a chunked body (no Content-Length), which only Fastify's route takes. */
function chunkedBeacon(base: string, id: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${base}/api/views/${id}`, { method: 'POST', headers: { 'user-agent': CHROME, 'content-type': 'text/plain', 'transfer-encoding': 'chunked' } }, (res) => {
      let body = '';
      res.setEncoding('utf8').on('data', (c) => (body += c)).on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.write('{"referrer":');
    req.end('"https://duckduckgo.com/"}');
  });
}

async function stored(app: TestApp, id: string): Promise<number> {
  await app.services.views.flush();
  return Number((await app.database.db.selectFrom('articles').select('views').where('id', '=', id).executeTakeFirstOrThrow()).views);
}

for (const target of await testDatabases()) {
  const name = (title: string) => `[${target.name}] ${title}`;

  test(name('over HTTP, a sendBeacon body is counted once per reader, and refusals name the field as the route does'), async () => {
    const { app, base } = await listening(target);
    try {
      const { article } = await publishStory(app, { headline: 'Read over HTTP' });
      const first = await beacon(base, article.id);
      assert.equal(first.status, 200);
      assert.equal(first.headers.get('content-type'), 'application/json; charset=utf-8');
      assert.equal(first.headers.get('cache-control'), 'no-store');
      assert.deepEqual(await first.json(), { views: 1, counted: true });
      assert.deepEqual(await (await beacon(base, article.id)).json(), { views: 1, counted: false, reason: 'repeat' }, 'a reload is not a new view');
      assert.deepEqual(await (await beacon(base, article.id, { headers: { 'user-agent': 'Googlebot/2.1 (+http://www.google.com/bot.html)' } })).json(), { views: 1, counted: false, reason: 'bot' });

      const refusals: [Response, number, string][] = [
        [await beacon(base, article.id, { headers: { 'user-agent': 'Mozilla/5.0 '.padEnd(8192, 'x') } }), 400, 'user-agent'],
        [await beacon(base, article.id, { body: '{"referrer": ' }), 400, 'body'],
        [await beacon(base, article.id, { body: JSON.stringify({ referrer: 7 }) }), 400, 'referrer'],
        [await beacon(base, '0'.repeat(26)), 404, 'id'],
        [await beacon(base, 'not-an-id'), 400, 'id'],
        [await beacon(base, article.id, { body: JSON.stringify({ referrer: `https://a.example/${'x'.repeat(5000)}` }) }), 413, 'body'],
      ];
      for (const [response, status, field] of refusals) {
        assert.equal(response.status, status, `${field}: ${status}`);
        assert.equal(((await response.json()) as { error: { field: string } }).error.field, field);
      }
      assert.equal(await stored(app, article.id), 1, 'refused beacons changed nothing');
    } finally {
      await app.close();
    }
  });

  test(name('beacons the fast path leaves to Fastify (JSON, chunked) are answered alike and counted once'), async () => {
    const { app, base } = await listening(target, { TRUST_PROXY: 'loopback' });
    try {
      const { article } = await publishStory(app, { headline: 'Read two ways' });
      const json = await beacon(base, article.id, { headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.1' } });
      assert.deepEqual([json.status, await json.json()], [200, { views: 1, counted: true }]);
      const chunked = await chunkedBeacon(base, article.id);
      assert.deepEqual([chunked.status, JSON.parse(chunked.body)], [200, { views: 2, counted: true }], 'the loopback reader is another reader');
      // The same reader through the other path is a repeat: both paths share one count.
      const again = await beacon(base, article.id, { headers: { 'x-forwarded-for': '203.0.113.1' } });
      assert.deepEqual(await again.json(), { views: 2, counted: false, reason: 'repeat' });
      assert.equal(await stored(app, article.id), 2);
    } finally {
      await app.close();
    }
  });

  test(name('the fast path believes X-Forwarded-For only from a trusted proxy, as Fastify does'), async () => {
    for (const [env, expected] of [
      [{}, 1],
      [{ TRUST_PROXY: 'loopback' }, 3],
    ] as const) {
      const { app, base } = await listening(target, env);
      try {
        const { article } = await publishStory(app, { headline: 'Forged or forwarded' });
        for (const address of ['203.0.113.1', '203.0.113.2', '203.0.113.3']) await beacon(base, article.id, { headers: { 'x-forwarded-for': address } });
        assert.equal(await stored(app, article.id), expected, `TRUST_PROXY=${JSON.stringify(env)}`);
      } finally {
        await app.close();
      }
    }
  });
}
