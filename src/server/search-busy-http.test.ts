import { test } from 'node:test';
import assert from 'node:assert/strict';
import pg from 'pg';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';
import { articlePath } from '../site/index.js';

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
