import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Migrator, sql, type Kysely } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createContentModule } from '../content/index.js';
import { migrations, publishedArticleRow, type Database } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSearchModule } from './index.js';
import { createTsvectorSearchRepo } from './tsvector-search-repo.js';

/**
 * PostgreSQL ranks relevance from each story's ranking vector (migration 0021): its headline,
 * standfirst, tags and bylines, kept in the row, instead of the whole story's tsvector read from
 * TOAST. Four stories naming "harbour": in the headline (oldest), the standfirst, four times in the
 * body, once in the body (newest). Ranked by the whole document, four mentions in the body outrank
 * one; by the ranking vector the body adds nothing, and the body-only stories come newest first.
 */
const postgres = (await testDatabases()).find((t) => t.name === 'postgres');

// By id: r1 headline, r2 standfirst, r3 four times in the body, r4 once in the body (newest).
const RANKED_BY_FIELDS = ['r1', 'r2', 'r4', 'r3'];
const RANKED_BY_DOCUMENT = ['r1', 'r2', 'r3', 'r4'];

async function writeStories(db: Kysely<Database>): Promise<void> {
  const clock = createManualClock('2025-06-01T00:00:00Z');
  const { directory } = createContentModule({ db, clock, newId: createIdGenerator() });
  const section = await directory.createSection({ name: 'Ports' });
  const body = (text: string) => JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
  const stories = [
    { id: 'r1', headline: 'Harbour dues rise', standfirst: 'Fees go up in spring', text: 'The board set them.' },
    { id: 'r2', headline: 'Board meets', standfirst: 'The harbour board met', text: 'Minutes were kept.' },
    { id: 'r3', headline: 'Cranes arrive', standfirst: 'Cranes', text: 'harbour harbour harbour harbour' },
    { id: 'r4', headline: 'Ferries sail', standfirst: 'Ferries', text: 'The harbour was calm.' },
  ];
  const rows = stories.map((s, n) =>
    publishedArticleRow({ id: s.id, slug: s.id, sectionId: section.id, headline: s.headline, standfirst: s.standfirst, body: body(s.text), at: new Date(Date.parse('2025-01-01T00:00:00Z') + n * 3_600_000).toISOString() }),
  );
  await db.insertInto('articles').values(rows).execute();
}

test('[postgres] relevance reads the ranking vector; rows written before it exists are ranked by their document and given one by the catch-up', { skip: !postgres && 'PostgreSQL not reachable' }, async () => {
  const handle = await postgres!.create();
  try {
    await writeStories(handle.db);
    const search = createSearchModule({ db: handle.db, capabilities: handle.capabilities });
    assert.equal(await search.catchUp(), 4);
    const ranked = async () => {
      const outcome = await search.service.search({ q: 'harbour' });
      assert.ok(outcome.ok);
      return outcome.hits.map((h) => h.articleId);
    };
    const mismatched = async () =>
      Number((await sql<{ n: string }>`select count(*) as n from search_documents where rank_vector is distinct from ts_filter(document, '{a,b}')`.execute(handle.db)).rows[0]!.n);

    // Written with the document: its headline (A) and other fields (B), positions included, no body word.
    assert.equal(await mismatched(), 0, 'each ranking vector is the document less its body');
    const bodyWords = await sql<{ n: string }>`select count(*) as n from search_documents where rank_vector @@ to_tsquery('simple', 'cranes | calm')`.execute(handle.db);
    assert.equal(Number(bodyWords.rows[0]!.n), 1, 'the standfirst "Cranes" is in it, the body\'s "calm" is not');
    assert.deepEqual(await ranked(), RANKED_BY_FIELDS);

    // As a database upgraded past 0021 has them: no ranking vector yet. Search goes on, ranked by the
    // whole document, until the catch-up fills them (and counts them).
    await sql`update search_documents set rank_vector = null`.execute(handle.db);
    assert.deepEqual(await ranked(), RANKED_BY_DOCUMENT);
    assert.equal(await search.catchUp(), 4);
    assert.equal(await mismatched(), 0);
    assert.deepEqual(await ranked(), RANKED_BY_FIELDS);
    assert.equal(await search.catchUp(), 0, 'nothing left to fill');

    // A step at a time, as many as asked.
    await sql`update search_documents set rank_vector = null`.execute(handle.db);
    const repo = createTsvectorSearchRepo(handle.db);
    assert.deepEqual([await repo.fillRankVectors!(3), await repo.fillRankVectors!(3), await repo.fillRankVectors!(3)], [3, 1, 0]);
    assert.equal(await mismatched(), 0);
  } finally {
    await handle.close();
  }
});

test('[postgres] migration 0021 adds the ranking vector and the index of rows without one, and takes them away', { skip: !postgres && 'PostgreSQL not reachable' }, async () => {
  const handle = await postgres!.create();
  try {
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)).rows[0]!.schema;
    const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
    const columns = async () =>
      (await sql<{ name: string }>`select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'search_documents'`.execute(handle.db)).rows.map((r) => r.name);
    const indexes = async () => (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema() and tablename = 'search_documents'`.execute(handle.db)).rows.map((r) => r.name);
    assert.ok((await columns()).includes('rank_vector'));
    assert.ok((await indexes()).includes('search_documents_unranked'));
    assert.equal((await migrator.migrateTo('0020_desk_word_table')).error, undefined);
    assert.ok(!(await columns()).includes('rank_vector'), 'migrated down, the column is gone');
    assert.ok(!(await indexes()).includes('search_documents_unranked'));

    // Stories indexed before the migration: search works at once, and the catch-up gives them their vectors.
    await writeStories(handle.db);
    await sql`insert into search_documents (article_id, version, section_id, published_at, headline, standfirst, body, document)
      select id, version, section_id, published_at, headline, standfirst, '',
        setweight(to_tsvector('simple', headline), 'A') || setweight(to_tsvector('simple', standfirst), 'B') || setweight(to_tsvector('simple', body), 'D')
      from articles`.execute(handle.db);
    assert.deepEqual(await handle.migrate(), ['0021_search_rank_vectors', '0022_desk_story_text', '0023_fts_data_statistics', '0024_foreign_key_indexes', '0025_listing_order_indexes', '0026_topic_newest_order', '0027_byline_newest_order', '0028_desk_word_starts', '0029_search_section_newest']);
    const search = createSearchModule({ db: handle.db, capabilities: handle.capabilities });
    const outcome = await search.service.search({ q: 'harbour' });
    assert.equal(outcome.ok && outcome.hits.length, 4);
    assert.equal(await search.catchUp(), 4, 'four vectors filled');
    const unranked = await sql<{ n: string }>`select count(*) as n from search_documents where rank_vector is null`.execute(handle.db);
    assert.equal(Number(unranked.rows[0]!.n), 0);
  } finally {
    await handle.close();
  }
});
