import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, Kysely, Migrator, sql } from 'kysely';
import pg from 'pg';
import { testDatabaseUrl, testDatabases } from '../../test/support/databases.js';
import { migrations, postgresStoryTextRows, publishedArticleRow, storyTextIndex, storyTextRows, storyWordsIn, type Database, type StoryTextIndex } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createArticleAdminRepo } from './article-admin-repo.js';
import { createContentModule } from './index.js';

/**
 * The desk's text search: every word somewhere in the headline or standfirst, any part of a word,
 * case folded, wildcards literal; a word of one or two letters or digits at the start of a word. On
 * SQLite it is answered from trigram and word indexes kept by triggers (migrations 0017, 0019), so
 * it must follow every insert, edit and delete as the plain scan does; on PostgreSQL from pg_trgm's
 * GIN indexes (0018) and a table of each story's words kept by triggers (0020).
 */
const STORIES: [string, string, string][] = [
  ['a', 'Harbour cranes stand idle', 'A strike at the port'],
  ['b', 'City budget passed', 'The harbour fund doubles'],
  ['c', 'Rain in the hills', 'Farmers wait for the monsoon'],
  ['d', 'Shops offer 50% off', 'A sale across the city'],
  ['e', 'Shops offer 500 off', 'Another sale'],
  ['f', 'मानसून जल्दी आया', 'केरल में बारिश'],
  ['g', 'Go to the harbour', 'On foot'],
];

/** A section and STORIES in it, published a day apart from 1 January 2025. */
async function writeStories(db: Kysely<Database>): Promise<void> {
  const { directory } = createContentModule({ db, clock: createManualClock('2025-06-01T00:00:00Z'), newId: createIdGenerator() });
  const section = await directory.createSection({ name: 'News' });
  await db
    .insertInto('articles')
    .values(STORIES.map(([id, headline, standfirst], n) => publishedArticleRow({ id, slug: `story-${id}`, sectionId: section.id, headline, standfirst, body: '{"type":"doc","content":[]}', at: new Date(Date.UTC(2025, 0, 1 + n)).toISOString() })))
    .execute();
}

for (const target of await testDatabases()) {
  test(`[${target.name}] the desk's text search finds words in headlines and standfirsts, and follows every edit and delete`, async () => {
    const handle = await target.create();
    try {
      await writeStories(handle.db);
      const admin = createArticleAdminRepo(handle.db);
      const find = async (text: string) => {
        const { items, total } = await admin.list({ text }, 'modifiedAt', 'desc', 1, 50);
        assert.equal(total, items.length);
        return items.map((i) => i.id).sort().join('');
      };

      assert.equal(await find('harbour'), 'abg', 'headline or standfirst, any case');
      assert.equal(await find('HARB'), 'abg', 'part of a word');
      assert.equal(await find('harbour fund'), 'b', 'every word, across the two fields');
      assert.equal(await find('harbour strike'), 'a');
      assert.equal(await find('to'), 'g', 'a two-letter word');
      assert.equal(await find('AT'), 'a', 'a two-letter word starts a word ("at the port"), not inside one ("wait")');
      assert.equal(await find('at th'), 'a', 'two short words');
      assert.equal(await find('port at'), 'a', 'a short word beside a long one');
      assert.equal(await find('harbour a'), 'a', 'one letter: the start of any word ("A strike", "at"; not "harbour")');
      assert.equal(await find('ha'), 'abg');
      assert.equal(await find('ar'), '', '"harbour" and "farmers" hold it, no word starts with it');
      assert.equal(await find('जल'), 'f', 'the start of a Devanagari word');
      assert.equal(await find('0%'), 'd', 'a short word with a wildcard is matched anywhere, the wildcard a character');
      assert.equal(await find('50%'), 'd', 'a wildcard is a character');
      assert.equal(await find('500'), 'e');
      assert.equal(await find('मानसून'), 'f');
      assert.equal(await find('monsoon nowhere'), '');

      // Edits, however they are written, and deletes.
      await handle.db.updateTable('articles').set({ headline: 'Ferry timetable changes' }).where('id', '=', 'a').execute();
      assert.equal(await find('harbour'), 'bg');
      assert.equal(await find('ferry'), 'a');
      assert.equal(await find('fe'), 'a', 'the word index follows the edit');
      await handle.db.updateTable('articles').set({ standfirst: 'Harbour buses too' }).where('id', '=', 'a').execute();
      assert.equal(await find('harbour'), 'abg');
      assert.equal(await find('at'), '', '"at the port" edited away');
      await handle.db.updateTable('articles').set({ views: 12, modified_at: '2025-02-01T00:00:00.000Z' }).where('id', '=', 'b').execute();
      assert.equal(await find('harbour fund'), 'b', 'an edit of other columns keeps it');
      assert.equal(await find('go'), 'g');
      await handle.db.deleteFrom('articles').where('id', '=', 'g').execute();
      assert.equal(await find('harbour'), 'ab');
      assert.equal(await find('go'), '', 'and the delete');

      if (target.name === 'sqlite') {
        // Answered from an index, which drives the query: its rows first, then each story they name;
        // the trigram index for a long word, the word index for short ones.
        for (const [words, index] of [[['harbour'], 'f'], [['ha', 'st'], 'w']] as const) {
          const compiled = handle.db.selectFrom(storyTextRows([...words]).as('m')).crossJoin('articles').whereRef('articles.id', '=', 'm.article_id').select('articles.id').compile();
          const plan = await handle.db.executeQuery<{ detail: string }>(CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]));
          const steps = plan.rows.map((r) => r.detail).join(' | ');
          assert.match(steps, new RegExp(`^SCAN ${index} VIRTUAL TABLE INDEX .*\\| SEARCH articles USING (COVERING )?INDEX sqlite_autoindex_articles_1 \\(id=\\?\\)$`), steps);
        }
      } else {
        // The same LIKE as the scan, answered from pg_trgm's indexes (migration 0018), and short
        // words from the word table's index (0020). Seven stories are cheaper to read than an
        // index, so the planner is told to avoid reading them all.
        const plan = async (text: string, avoid = ['enable_seqscan']) => {
          const compiled = handle.db.selectFrom('articles').select('id').where(storyWordsIn(text, 'postgres')).compile();
          const rows = await handle.db.transaction().execute(async (trx) => {
            for (const setting of avoid) await sql`select set_config(${setting}, 'off', true)`.execute(trx);
            return trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]));
          });
          return rows.rows.map((r) => r['QUERY PLAN']).join(' | ');
        };
        const long = await plan('harbour');
        assert.match(long, /Bitmap Index Scan on articles_headline_trigrams/, long);
        assert.match(long, /Bitmap Index Scan on articles_standfirst_trigrams/, long);
        const short = await plan('at th', ['enable_seqscan', 'enable_indexscan']);
        assert.match(short, /Bitmap Index Scan on article_words_words/, `short words from the word table's index (0020): ${short}`);
        // Beside a long word, the stories its trigrams find are tested one by one on their stored
        // words: the short word's whole list is not read.
        const mixed = await plan('port at');
        assert.match(mixed, /Bitmap Index Scan on articles_standfirst_trigrams/, mixed);
        assert.match(mixed, /Index Scan using article_words_pkey on article_words/, mixed);
        assert.doesNotMatch(mixed, /article_words_words/, mixed);
        // A count of text alone reads the story-text table (0022): its trigram index, then every word
        // tested on the row found; no story is read.
        const counted = handle.db.selectFrom(postgresStoryTextRows(['port', 'at'])!.as('m')).select('m.article_id').compile();
        const counting = await handle.db.transaction().execute(async (trx) => {
          // Seven stories: without this the planner reads them all or through the key instead.
          await sql`set local enable_seqscan = off`.execute(trx);
          await sql`set local enable_indexscan = off`.execute(trx);
          return trx.executeQuery<{ 'QUERY PLAN': string }>(CompiledQuery.raw(`explain ${counted.sql}`, [...counted.parameters]));
        });
        const steps = counting.rows.map((r) => r['QUERY PLAN']).join(' | ');
        assert.match(steps, /Bitmap Index Scan on article_text_trigrams/, steps);
        assert.match(steps, /Filter: .*words @@/, steps);
        assert.doesNotMatch(steps, /articles/, steps);
        // Short words alone: no trigram finds them; the word table's index does (0020).
        const shortOnly = handle.db.selectFrom(postgresStoryTextRows(['at', 'po'])!.as('m')).select('m.article_id').compile();
        assert.match(shortOnly.sql, /from article_words w where w\.words @@/, shortOnly.sql);
        assert.equal(postgresStoryTextRows(['50%', 'po']), null, 'beside a word no index serves, the stories are tested themselves');
      }
    } finally {
      await handle.close();
    }
  });
}

/**
 * Where a word starts, for a short word: after punctuation, symbols, hyphens, apostrophes and
 * emoji, case folded with accents kept, Devanagari's vowel signs inside their word. SQLite answers
 * from two places that must agree: the word index (FTS5's unicode61 with marks as letters, migration
 * 0019) when it drives the search, and `word_start` (a regular expression) when a story at hand is
 * tested. PostgreSQL's parser ('simple') splits the same way for all of these.
 */
for (const target of await testDatabases()) {
  test(`[${target.name}] a short word matches where a word starts${target.name === 'sqlite' ? ', and the word index and word_start agree' : ''}`, async () => {
    const handle = await target.create();
    try {
      const { directory } = createContentModule({ db: handle.db, clock: createManualClock('2025-06-01T00:00:00Z'), newId: createIdGenerator() });
      const section = await directory.createSection({ name: 'News' });
      const texts = [
        '“Quoted” start, state-of-the-art',
        "India's AI push (UN) talks",
        '5G rollout: ₹500 fund for e-mail',
        'ÉCOLE naïve under_score x² units',
        'जल्दी आया 🔭telescope',
        'plain words only',
      ];
      await handle.db
        .insertInto('articles')
        .values(texts.map((headline, n) => publishedArticleRow({ id: `s${n}`, slug: `s${n}`, sectionId: section.id, headline, standfirst: '', body: '{"type":"doc","content":[]}', at: new Date(Date.UTC(2025, 0, 1 + n)).toISOString() })))
        .execute();
      const words = ['qu', 'st', 'th', 'ar', 'of', 's', 'ai', 'un', 'ta', '5g', '50', 'ma', 'éc', 'co', 'na', 'ïv', 'sc', 'x²', 'जल', 'दी', 'आ', 'te', 'pl', 'or', 'ly'];
      const admin = createArticleAdminRepo(handle.db);
      for (const word of target.name === 'sqlite' ? words : []) {
        const indexed = (await handle.db.selectFrom(storyTextRows([word]).as('m')).select('m.article_id').execute()).map((r) => r.article_id).sort();
        const tested = (await sql<{ article_id: string }>`select article_id from article_text t where word_start(t.text, ${word})`.execute(handle.db)).rows.map((r) => r.article_id).sort();
        assert.deepEqual(indexed, tested, `"${word}": the index and word_start`);
        const listed = (await admin.list({ text: word }, 'modifiedAt', 'desc', 1, 50)).items.map((i) => i.id).sort();
        assert.deepEqual(listed, tested, `"${word}": the desk's list`);
      }
      // And what they agree on (the rule itself): a word's start, not its inside.
      const ids = async (word: string) => (await admin.list({ text: word }, 'modifiedAt', 'desc', 1, 50)).items.map((i) => i.id).sort().join(' ');
      assert.equal(await ids('th'), 's0', '"state-of-the-art": each part of a hyphenated word');
      assert.equal(await ids('s'), 's0 s1 s3', 'after an apostrophe ("India\'s"), and "start", "state", "score"');
      assert.equal(await ids('50'), 's2', 'after a currency sign');
      assert.equal(await ids('éc'), 's3', 'case folded, the accent kept');
      assert.equal(await ids('ec'), '', 'an accent is not folded away');
      assert.equal(await ids('ïv'), '', 'inside "naïve"');
      assert.equal(await ids('दी'), '', 'after a virama: inside the word');
      assert.equal(await ids('te'), 's4', 'after an emoji');
      assert.equal(await ids('ly'), '', 'inside "only"');
      assert.equal(await ids('²'), '', 'a sign no word starts with finds nothing, not everything');
      assert.equal(await ids('AI un'), 's1', 'two short words, in capitals');
      assert.equal(await ids('rollout ma'), 's2', 'a short word beside a long one ("e-mail")');
      assert.equal(await ids('words ly'), '', 'and not inside a word there either');
    } finally {
      await handle.close();
    }
  });
}

/**
 * SQLite, words both short and longer: the desk reads first from whichever index has fewer rows (the
 * longest word's trigrams or the short words' starts), and either gives the same stories.
 */
for (const target of (await testDatabases()).filter((t) => t.name === 'sqlite')) {
  test('[sqlite] beside a short word, a common long word is read after the short word\'s starts; a rare one first', async () => {
    const handle = await target.create();
    try {
      const { directory } = createContentModule({ db: handle.db, clock: createManualClock('2025-06-01T00:00:00Z'), newId: createIdGenerator() });
      const section = await directory.createSection({ name: 'News' });
      // "harbour" in 40 stories, 3 of them with a word starting "ka"; "ka" in 2 more; "quay" in 2.
      const headlines = [
        ...Array.from({ length: 37 }, (_, n) => `Harbour report ${n}`),
        'Harbour kayak race',
        'Harbour karaoke night',
        'Harbour kale market',
        'Kabaddi final',
        'Kale prices',
        'Quay repairs begin',
        'Quay harbour walk',
      ];
      await handle.db
        .insertInto('articles')
        .values(headlines.map((headline, n) => publishedArticleRow({ id: `h${String(n).padStart(2, '0')}`, slug: `h${n}`, sectionId: section.id, headline, standfirst: '', body: '{"type":"doc","content":[]}', at: new Date(Date.UTC(2025, 0, 1 + n)).toISOString() })))
        .execute();
      const admin = createArticleAdminRepo(handle.db);
      const read = async (words: string[], from: StoryTextIndex) => (await handle.db.selectFrom(storyTextRows(words, from).as('m')).select('m.article_id').execute()).map((r) => r.article_id).sort();
      const cases: [string[], StoryTextIndex, string[]][] = [
        [['harbour', 'ka'], 'word-starts', ['h37', 'h38', 'h39']],
        [['ha', 'quay'], 'trigrams', ['h43']],
      ];
      for (const [words, chosen, expected] of cases) {
        assert.equal(await storyTextIndex(handle.db, words), chosen, words.join(' '));
        assert.deepEqual(await read(words, 'trigrams'), expected, `${words.join(' ')} from the trigrams`);
        assert.deepEqual(await read(words, 'word-starts'), expected, `${words.join(' ')} from the word starts`);
        assert.deepEqual((await admin.list({ text: words.join(' ') }, 'modifiedAt', 'desc', 1, 50)).items.map((i) => i.id).sort(), expected, `${words.join(' ')}: the desk's list`);
      }
      assert.equal(await storyTextIndex(handle.db, ['harbour']), 'trigrams', 'no short word: nothing to weigh');
      // FTS5's query syntax inside the counted word is taken literally, never as an error.
      for (const text of ['har"bour ka', '"" ka', 'har*bour ka', 'NEAR(ha ka', 'h:a^r ka', 'ha\u0000rb ka']) {
        const listed = await admin.list({ text }, 'modifiedAt', 'desc', 1, 50);
        assert.deepEqual(listed.items, [], text);
      }
    } finally {
      await handle.close();
    }
  });
}

/**
 * PostgreSQL keeps each story's words in a table of their own (migration 0020), filled from the
 * stories already written when the migration runs and kept by triggers after it, whoever writes:
 * the site, or an operator's psql whose search_path names another schema.
 */
for (const target of (await testDatabases()).filter((t) => t.name === 'postgres')) {
  test(`[${target.name}] the word table is filled from the stories already written and kept by every later write`, async () => {
    const handle = await target.create();
    const schema = (await sql<{ schema: string }>`select current_schema() as schema`.execute(handle.db)).rows[0]!.schema;
    const operator = new pg.Client({ connectionString: testDatabaseUrl });
    try {
      const migrator = new Migrator({ db: handle.db, provider: { getMigrations: async () => migrations }, migrationTableSchema: schema });
      const tables = async () => (await sql<{ name: string }>`select table_name as name from information_schema.tables where table_schema = current_schema()`.execute(handle.db)).rows.map((r) => r.name);
      const indexes = async () => (await sql<{ name: string }>`select indexname as name from pg_indexes where schemaname = current_schema()`.execute(handle.db)).rows.map((r) => r.name);
      // Down to 0018 and up to 0019: on PostgreSQL 0019 builds nothing (its first version built an
      // index of the words that 0020 replaces with the word table and drops: seconds for nothing).
      assert.equal((await migrator.migrateTo('0018_desk_text_trigrams')).error, undefined);
      assert.equal((await migrator.migrateTo('0019_desk_word_index')).error, undefined);
      assert.ok(!(await tables()).includes('article_words'), 'migrated down, the table is gone');
      assert.ok(!(await indexes()).includes('articles_words'), '0019 built no index of the words');
      // A database migrated by 0019's first version has that index; 0020 drops it.
      await sql`create index articles_words on articles using gin (to_tsvector('simple', headline || ' ' || standfirst))`.execute(handle.db);

      await writeStories(handle.db);
      assert.deepEqual(await handle.migrate(), ['0020_desk_word_table', '0021_search_rank_vectors', '0022_desk_story_text', '0023_fts_data_statistics', '0024_foreign_key_indexes', '0025_listing_order_indexes', '0026_topic_newest_order', '0027_byline_newest_order', '0028_desk_word_starts', '0029_search_section_newest']);
      assert.ok(!(await indexes()).includes('articles_words'), "0019's first index is dropped");
      const admin = createArticleAdminRepo(handle.db);
      const find = async (text: string) => (await admin.list({ text }, 'modifiedAt', 'desc', 1, 50)).items.map((i) => i.id).sort().join('');
      assert.equal(await find('at'), 'a', 'a story written before the migration');
      assert.equal(await find('harbour a'), 'a', 'and beside a long word');
      const count = async (table: 'articles' | 'article_words') => Number((await sql<{ n: string }>`select count(*) as n from ${sql.table(table)}`.execute(handle.db)).rows[0]!.n);
      assert.equal(await count('article_words'), await count('articles'));

      // An operator's session on the default search_path, naming the site's schema.
      await operator.connect();
      const table = `${pg.escapeIdentifier(schema)}.articles`;
      await operator.query(`update ${table} set standfirst = 'Quayside yields' where id = 'a'`);
      // A new story: a copy of another with three columns changed.
      await operator.query(`create temp table story_copy as select * from ${table} where id = 'b'`);
      await operator.query(`update story_copy set id = 'h', slug = 'story-h', headline = 'Quay works', standfirst = 'Night shifts'`);
      await operator.query(`insert into ${table} select * from story_copy`);
      assert.equal(await find('at'), '', '"A strike at the port" edited away by psql');
      assert.equal(await find('qu'), 'ah', 'the edit and the insert, both by psql');
      // Counted from the story-text table on PostgreSQL (0022), which the same trigger keeps.
      const total = async (text: string) => (await admin.list({ text }, 'modifiedAt', 'desc', 1, 50)).total;
      assert.equal(await total('quay'), 2, 'the count follows the edit and the insert');
      assert.equal(await total('quay wo'), 1, 'a long and a short word, both tested on the story-text row');
      assert.equal(await find('ni'), 'h');
      await operator.query(`delete from ${table} where id = 'h'`);
      assert.equal(await find('ni'), '', 'and its delete');
      assert.equal(await total('quay'), 1, 'and the count its delete');
      assert.equal(await count('article_words'), await count('articles'), 'no word row outlives its story');

      assert.equal((await migrator.migrateTo('0019_desk_word_index')).error, undefined);
      assert.ok(!(await tables()).includes('article_words'), 'and down again');
      assert.ok(!(await indexes()).includes('articles_words'), 'to what 0019 makes now');
    } finally {
      await operator.end().catch(() => undefined);
      await handle.close();
    }
  });
}
