import { test } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import pg from 'pg';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { articlePath } from '../site/index.js';
import { seedNewsroom } from '../../test/support/content-api-newsroom.js';

const postgres = (await testDatabases()).find((t) => t.name === 'postgres');

/**
 * Searches held by the database (here: another session's lock on the search index, the way a
 * search that reads every story holds its connection) queue among themselves: with
 * SEARCH_CONCURRENCY=1 one runs, four wait, the next is answered 503 with Retry-After at once,
 * and an article page is answered meanwhile. When the lock goes, the waiting searches are answered.
 */
test('[postgres] searches beyond SEARCH_CONCURRENCY wait, then are refused with 503; pages keep being served', { skip: !postgres && 'PostgreSQL not reachable', timeout: 60_000 }, async () => {
  const handle = await postgres!.create();
  const app = await createTestApp(postgres!, { SEARCH_CONCURRENCY: '1' }, { database: handle });
  const locker = new pg.Client({ connectionString: handle.target.kind === 'postgres' ? handle.target.url : '' });
  try {
    const { article, section } = await publishStory(app, { headline: 'Harbour pilots return to the quay' });
    await locker.connect();
    await locker.query('begin');
    await locker.query('lock table search_documents in access exclusive mode');

    const answers: { status: number; retryAfter: string | undefined; body: string }[] = [];
    const searches = Array.from({ length: 6 }, (_, i) =>
      app.app.inject(`/search?q=harbour&page=1&n=${i}`).then((res) => {
        answers.push({ status: res.statusCode, retryAfter: res.headers['retry-after'] as string | undefined, body: res.body });
        return res;
      }),
    );
    // One runs (held by the lock), four wait, the sixth is refused without waiting for the lock.
    for (let waited = 0; answers.length === 0 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(answers.length, 1, 'one search answered while the lock holds');
    assert.equal(answers[0]!.status, 503);
    assert.equal(answers[0]!.retryAfter, '5');
    assert.match(answers[0]!.body, /<html/i);

    // Pages do not wait for searches.
    const page = await app.app.inject(articlePath(section.slug, article.slug));
    assert.equal(page.statusCode, 200);
    assert.equal(answers.length, 1, 'the held searches are still waiting');

    await locker.query('commit');
    const all = await Promise.all(searches);
    const statuses = all.map((res) => res.statusCode).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 503]);
    for (const res of all.filter((r) => r.statusCode === 200)) assert.match(res.body, /pilots return to the quay/);

    // The queue is free again: a search after them is answered.
    assert.equal((await app.app.inject('/search?q=quay')).statusCode, 200);
  } finally {
    await locker.end().catch(() => {});
    await app.close();
    await handle.close();
  }
});

/**
 * Sends each request on a connection of its own, all written in one synchronous loop, so the
 * server (in this process) reads them in the same turn of its event loop; returns each answer's
 * status line and headers.
 */
async function sendTogether(server: net.Server, paths: string[]): Promise<string[]> {
  const port = (server.address() as net.AddressInfo).port;
  const sockets = await Promise.all(paths.map(() => new Promise<net.Socket>((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
  })));
  const answers = sockets.map((socket) => new Promise<string>((resolve) => {
    let text = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (text += chunk));
    socket.on('end', () => resolve(text.split('\r\n\r\n')[0]!));
  }));
  // Every connection accepted by the server first, then every request written, and the bytes left
  // a moment to arrive before this process's event loop turns again.
  for (let open = 0; open < paths.length; ) open = await new Promise<number>((resolve) => server.getConnections((_err, count) => setTimeout(() => resolve(count), 5)));
  sockets.forEach((socket, i) => socket.write(`GET ${paths[i]} HTTP/1.1\r\nHost: news.example.com\r\nConnection: close\r\n\r\n`));
  for (const until = Date.now() + 50; Date.now() < until; );
  return Promise.all(answers);
}

/**
 * Twenty searches arriving together over HTTP: one runs, four wait, fifteen are refused — on
 * SQLite too, whose statements run synchronously: a search holds its slot from the next turn of
 * the event loop, so those read in the same turn count against the bound (without that, each
 * ran to its end in the turn its request was read in, and pages waited behind all of them).
 */
for (const target of await testDatabases()) {
  test(`[${target.name}] twenty searches at once with SEARCH_CONCURRENCY=1: five answered, fifteen refused`, { timeout: 60_000 }, async () => {
    const app = await createTestApp(target, { SEARCH_CONCURRENCY: '1' });
    try {
      await publishStory(app, { headline: 'Harbour pilots return to the quay' });
      await app.app.listen({ port: 0, host: '127.0.0.1' });
      const heads = await sendTogether(app.app.server, Array.from({ length: 20 }, (_, i) => `/search?q=harbour&n=${i}`));
      const count = (status: number) => heads.filter((head) => head.startsWith(`HTTP/1.1 ${status} `)).length;
      assert.deepEqual([count(200), count(503)], [5, 15], heads.map((head) => head.split('\r\n')[0]).join(', '));
      assert.ok(heads.filter((head) => head.startsWith('HTTP/1.1 503')).every((head) => /\r\nretry-after: 5\r\n/i.test(`${head}\r\n`)));
      assert.equal((await app.app.inject('/search?q=quay')).statusCode, 200, 'free again after them');

      // The Content API's `q` is the same kind of read, within the same bound; refused in Ghost's shape.
      const { key } = await seedNewsroom(app);
      const api = await sendTogether(app.app.server, Array.from({ length: 20 }, (_, i) => `/ghost/api/content/posts/?key=${key}&q=harbour&limit=${i + 1}`));
      const apiCount = (status: number) => api.filter((head) => head.startsWith(`HTTP/1.1 ${status} `)).length;
      // (Each key is looked up in the database first, so on PostgreSQL they reach the bound a little
      // apart, and one that finished may have made room for another.)
      const statuses = api.map((head) => head.split('\r\n')[0]).join(', ');
      assert.ok(apiCount(200) >= 5 && apiCount(503) >= 10 && apiCount(200) + apiCount(503) === 20, statuses);
      assert.ok(api.filter((head) => head.startsWith('HTTP/1.1 503')).every((head) => /\r\nretry-after: 5\r\n/i.test(`${head}\r\n`) && /\r\ncontent-type: application\/json/i.test(head)));
      const refused = await app.app.inject(`/ghost/api/content/posts/?key=${key}&q=harbour&limit=3`);
      assert.equal(refused.statusCode, 200, 'free again after them');
    } finally {
      await app.close();
    }
  });
}
