import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql, type Kysely } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { compiledOnce } from './compiled-once.js';

/**
 * On PostgreSQL a read compiled once is kept prepared on each connection (prepared-statements.ts):
 * parsed and planned once, not on every uncached page. A statement that stops serving (a newer
 * version's migration changed its columns; a pooler that moved the session) does not fail the read.
 */
const postgres = (await testDatabases()).find((t) => t.name === 'postgres');
const now = '2025-06-10T00:00:00.000Z';

/** The prepared statements of the session `db` is bound to. */
async function preparedOn(db: Kysely<any>): Promise<string[]> {
  return (await sql<{ statement: string }>`select statement from pg_prepared_statements`.execute(db)).rows.map((r) => r.statement);
}

test('[postgres] a read compiled once is prepared once per connection, and recovers when the statement stops serving', { skip: !postgres && 'PostgreSQL not reachable' }, async () => {
  const handle = await postgres!.create();
  try {
    await handle.db.insertInto('sections').values({ id: 's1', slug: 'news', name: 'News', description: '', position: 1, created_at: now }).execute();
    await handle.db.connection().execute(async (session) => {
      // `selectAll`: the statement's columns are the table's, as `articles.*` is the story's read.
      const bySlug = compiledOnce(session, (slug: string) => session.selectFrom('sections').selectAll().where('slug', '=', slug));
      assert.equal((await bySlug('news'))[0]?.id, 's1');
      assert.equal((await bySlug('nothing')).length, 0);
      const prepared = (await preparedOn(session)).filter((text) => text.includes('from "sections"'));
      assert.equal(prepared.length, 1, `prepared once on this connection: ${prepared.join(' | ')}`);

      // A migration of a newer version adds a column: the prepared plan's result type changed.
      await sql`alter table sections add column extra text not null default 'x'`.execute(session);
      const after = await bySlug('news');
      assert.equal(after[0]?.id, 's1');
      assert.equal((after[0] as { extra?: string }).extra, 'x', 'prepared again, it reads the table as it is now');
      assert.equal((await bySlug('news')).length, 1, 'and goes on answering');
      assert.equal((await preparedOn(session)).filter((text) => text.includes('from "sections"')).length, 2, 'under a new name');

      // A query built on each call is sent unnamed.
      await session.selectFrom('sections').select('name').where('position', '=', 1).execute();
      assert.equal((await preparedOn(session)).filter((text) => text.includes('"position"')).length, 0);

      // A session that lost its statements (a pooler in transaction mode) answers too.
      await sql`deallocate all`.execute(session);
      assert.equal((await bySlug('news')).length, 1);
      assert.equal((await bySlug('news')).length, 1);
      assert.deepEqual(await preparedOn(session), [], 'and prepares no more');
    });
  } finally {
    await handle.close();
  }
});
