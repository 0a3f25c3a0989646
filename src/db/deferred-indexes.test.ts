import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql, type Kysely } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { insertStories } from '../../test/support/bulk-stories.js';
import { createDirectoryService } from '../content/directory-service.js';
import { createArticleAdminRepo } from '../content/article-admin-repo.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createDatabase } from './create-database.js';
import { DEFER_INDEX_ABOVE_ROWS } from './deferred-indexes.js';
import { migrations } from './migrations.js';

/**
 * A migration that would spend most of an upgrade's downtime building a GIN index over a large
 * archive leaves it to the site, which builds it with CREATE INDEX CONCURRENTLY while it serves
 * (0022's trigram index of the desk's story text: 2.9–4.8 s at 100,000 stories).
 */
const databases = await testDatabases();
const postgres = databases.find((t) => t.name === 'postgres');
const INDEX = 'article_text_trigrams';

/** The index's state in the current schema: 'valid', 'invalid' or 'absent'. */
async function indexState(db: Kysely<any>): Promise<string> {
  const found = await sql<{ valid: boolean }>`
    select i.indisvalid as valid from pg_index i where i.indexrelid = to_regclass(format('%I.%I', current_schema(), ${INDEX}::text))`.execute(db);
  const row = found.rows[0];
  return row ? (row.valid ? 'valid' : 'invalid') : 'absent';
}

test('[postgres] 0022 leaves the trigram index of a large archive to the site, which builds it once, rebuilds an invalid one, and one builder runs at a time', { skip: !postgres && 'PostgreSQL not reachable' }, async () => {
  const handle = await postgres!.create();
  const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)).rows[0]!.schema;
  const url = new URL(process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
  url.searchParams.set('options', `-c search_path=${schema}`);
  const second = createDatabase({ kind: 'postgres', url: url.toString() });
  try {
    const { db } = handle;
    // A new site: the table is empty, 0022 built the index itself.
    assert.equal(await indexState(db), 'valid');
    assert.deepEqual(await handle.deferredIndexesMissing(), []);
    assert.deepEqual(await handle.buildDeferredIndexes(), [], 'nothing to build');

    // An archive past the line, upgraded to 0022.
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
    assert.equal((await migrator.migrateTo('0021_search_rank_vectors')).error, undefined);
    const directory = createDirectoryService({ db, clock: createManualClock('2025-06-01T00:00:00Z'), newId: createIdGenerator() });
    const section = await directory.ensureSection('News');
    const person = await directory.ensurePerson('Ana Rao');
    await insertStories(db, { count: DEFER_INDEX_ABOVE_ROWS + 1, start: new Date('2024-01-01T00:00:00Z'), stepMs: 60_000, sectionIds: [section.id], personIds: [person.id] });
    assert.deepEqual(await handle.migrate(), ['0022_desk_story_text', '0023_fts_data_statistics', '0024_foreign_key_indexes', '0025_listing_order_indexes', '0026_topic_newest_order', '0027_byline_newest_order', '0028_desk_word_starts', '0029_search_section_newest']);
    assert.equal(await indexState(db), 'absent', 'left to the site');
    assert.deepEqual(await handle.deferredIndexesMissing(), [INDEX], 'what `dateline migrate` names');

    // Until it is built the desk's count reads the table, and is right.
    const admin = createArticleAdminRepo(db);
    // Both words anywhere: stories 1999, 11999 and 19990 to 19999.
    const before = await admin.list({ text: 'number 1999' }, 'modifiedAt', 'desc', 1, 25);
    assert.equal(before.total, 12);

    assert.deepEqual(await handle.buildDeferredIndexes(), [INDEX]);
    assert.equal(await indexState(db), 'valid');
    assert.deepEqual(await handle.deferredIndexesMissing(), []);
    assert.deepEqual(await handle.buildDeferredIndexes(), [], 'built once');
    const after = await admin.list({ text: 'number 1999' }, 'modifiedAt', 'desc', 1, 25);
    assert.deepEqual(
      after.items.map((i) => i.id),
      before.items.map((i) => i.id),
    );
    assert.equal(after.total, before.total);
    const plan = (await sql<{ 'QUERY PLAN': string }>`explain select count(*) from article_text where text like '%cricket%'`.execute(db)).rows.map((r) => r['QUERY PLAN']).join('\n');
    assert.match(plan, /article_text_trigrams/, plan);

    // A build killed midway leaves the index invalid: dropped and built again.
    await sql`update pg_index set indisvalid = false where indexrelid = to_regclass(format('%I.%I', current_schema(), ${INDEX}::text))`.execute(db);
    assert.deepEqual(await handle.deferredIndexesMissing(), [INDEX]);
    assert.deepEqual(await handle.buildDeferredIndexes(), [INDEX]);
    assert.equal(await indexState(db), 'valid');

    // Two processes at once: one builds, the other finds the lock held (or the index built).
    await sql`drop index ${sql.id(INDEX)}`.execute(db);
    const [one, two] = await Promise.all([handle.buildDeferredIndexes(), second.buildDeferredIndexes()]);
    assert.deepEqual([...one, ...two], [INDEX], 'built by exactly one');
    assert.equal(await indexState(db), 'valid');
  } finally {
    await second.close();
    await handle.close();
  }
});

test('[sqlite] nothing is deferred: the FTS5 tables are built by their migrations', async () => {
  const handle = await databases[0]!.create();
  try {
    assert.deepEqual(await handle.deferredIndexesMissing(), []);
    assert.deepEqual(await handle.buildDeferredIndexes(), []);
  } finally {
    await handle.close();
  }
});
