import { SqliteAdapter, sql, type Kysely, type Migration } from 'kysely';
import { DEFER_INDEX_ABOVE_ROWS, DESK_TEXT_TRIGRAMS, trigramSchemaInstalled } from './deferred-indexes.js';

/**
 * The desk's text search at scale: any part of a word of the headline and standfirst, on SQLite by
 * FTS5 (0017, 0019) and on PostgreSQL by pg_trgm (0018), a table of each story's words (0020), a
 * narrow table of each story's text (0022) and its words indexed (0028). Never edit one that has
 * shipped.
 */
export const deskTextMigrations: Record<string, Migration> = {
  '0017_desk_text_index': {
    async up(db: Kysely<any>) {
      // SQLite only: the desk's search of headlines and standfirsts (any word, anywhere in a word)
      // was a LIKE over every story, 194 ms at 100,000. A trigram FTS5 index answers the same LIKE
      // from the index for words of three letters or more (article-admin-repo.ts). Its own integer
      // key, kept beside the story's id: an FTS5 table is keyed by rowid, and a story's rowid may
      // change in a VACUUM. Triggers keep it with the story, whatever writes it.
      if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
      await sql`create table article_text (doc integer primary key, article_id text not null unique, text text not null)`.execute(db);
      await sql`create virtual table article_text_fts using fts5(text, content = 'article_text', content_rowid = 'doc', tokenize = 'trigram')`.execute(db);
      await sql`insert into article_text (article_id, text) select id, headline || char(10) || standfirst from articles`.execute(db);
      await sql`insert into article_text_fts (article_text_fts) values ('rebuild')`.execute(db);
      for (const trigger of [
        sql`create trigger article_text_insert after insert on articles begin
          insert into article_text (article_id, text) values (new.id, new.headline || char(10) || new.standfirst); end`,
        sql`create trigger article_text_update after update of headline, standfirst on articles
          when old.headline is not new.headline or old.standfirst is not new.standfirst begin
          update article_text set text = new.headline || char(10) || new.standfirst where article_id = new.id; end`,
        sql`create trigger article_text_delete after delete on articles begin delete from article_text where article_id = old.id; end`,
        sql`create trigger article_text_fts_insert after insert on article_text begin
          insert into article_text_fts (rowid, text) values (new.doc, new.text); end`,
        sql`create trigger article_text_fts_update after update on article_text begin
          insert into article_text_fts (article_text_fts, rowid, text) values ('delete', old.doc, old.text);
          insert into article_text_fts (rowid, text) values (new.doc, new.text); end`,
        sql`create trigger article_text_fts_delete after delete on article_text begin
          insert into article_text_fts (article_text_fts, rowid, text) values ('delete', old.doc, old.text); end`,
      ]) {
        await trigger.execute(db);
      }
    },
    async down(db: Kysely<any>) {
      if (!(db.getExecutor().adapter instanceof SqliteAdapter)) return;
      for (const trigger of ['article_text_insert', 'article_text_update', 'article_text_delete', 'article_text_fts_insert', 'article_text_fts_update', 'article_text_fts_delete']) {
        await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
      }
      await sql`drop table if exists article_text_fts`.execute(db);
      await sql`drop table if exists article_text`.execute(db);
    },
  },
  '0018_desk_text_trigrams': {
    async up(db: Kysely<any>) {
      // PostgreSQL's side of 0017: the desk's LIKE over headlines and standfirsts read every story
      // (271 ms at 100,000). pg_trgm's GIN indexes answer the same `lower(column) like '%word%'`
      // without a change to the query (7 ms to count 'government' there). pg_trgm ships with
      // PostgreSQL and is a trusted extension; where it cannot be installed (not offered, no right
      // to create it in `public`), the indexes are skipped and the search stays a scan. Building
      // both took 4.3 s at 100,000 stories.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      const schema = await trigramOperatorSchema(db);
      if (!schema) return;
      for (const column of ['headline', 'standfirst']) {
        await sql`create index ${sql.id(`articles_${column}_trigrams`)} on articles using gin (lower(${sql.id(column)}) ${sql.id(schema)}.gin_trgm_ops)`.execute(db);
      }
      await sql`analyze articles`.execute(db);
    },
    async down(db: Kysely<any>) {
      // The extension stays: other tables or sites in the database may use it.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      for (const index of ['articles_headline_trigrams', 'articles_standfirst_trigrams']) await db.schema.dropIndex(index).ifExists().execute();
    },
  },
  '0019_desk_word_index': {
    async up(db: Kysely<any>) {
      // The desk's search for a word of one or two letters ("AI", "UN", "5G"): no trigram holds it,
      // so it was a scan (SQLite 36 ms over the story-text table, PostgreSQL ~300 ms at 100,000
      // stories), and as "anywhere in a word" it matched most stories ("ai" is in "said"). Such a
      // word now matches the start of a word, from a word index (text-match.ts, `shortWord`).
      // SQLite: a second FTS5 index of the same story-text rows (0017), words as unicode61 splits
      // them, marks counted as letters (a Devanagari vowel sign is part of its word), with prefix
      // indexes for one and two letters; diacritics kept, as the LIKE keeps them.
      // PostgreSQL: nothing now. This migration first built a GIN index of the words there
      // (`articles_words`, to_tsvector('simple', …)); 0020 replaced it with a table of words and drops
      // it, so building it on the way to 0020 cost an upgrade from 0017 about 3 s (4.4 s on a slow day)
      // at 100,000 stories for nothing. Databases that ran the first version lose it in 0020.
      if (db.getExecutor().adapter instanceof SqliteAdapter) {
        await sql`create virtual table article_words_fts using fts5(text, content = 'article_text', content_rowid = 'doc', tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'", prefix = '1 2')`.execute(db);
        await sql`insert into article_words_fts (article_words_fts) values ('rebuild')`.execute(db);
        for (const trigger of [
          sql`create trigger article_words_fts_insert after insert on article_text begin
            insert into article_words_fts (rowid, text) values (new.doc, new.text); end`,
          sql`create trigger article_words_fts_update after update on article_text begin
            insert into article_words_fts (article_words_fts, rowid, text) values ('delete', old.doc, old.text);
            insert into article_words_fts (rowid, text) values (new.doc, new.text); end`,
          sql`create trigger article_words_fts_delete after delete on article_text begin
            insert into article_words_fts (article_words_fts, rowid, text) values ('delete', old.doc, old.text); end`,
        ]) {
          await trigger.execute(db);
        }
      }
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) {
        for (const trigger of ['article_words_fts_insert', 'article_words_fts_update', 'article_words_fts_delete']) await sql`drop trigger if exists ${sql.id(trigger)}`.execute(db);
        await sql`drop table if exists article_words_fts`.execute(db);
        return;
      }
      // Built by this migration's first version on PostgreSQL (see up).
      await db.schema.dropIndex('articles_words').ifExists().execute();
    },
  },
  '0020_desk_word_table': {
    async up(db: Kysely<any>) {
      // PostgreSQL only (SQLite's word index is 0019's FTS5 table). The GIN index of an expression
      // that 0019 first built (no longer: see 0019) left two costs at 100,000 stories: a word start
      // in most stories ("po", "a") had its count to 2,001 built as a bitmap of every match from the
      // index (37 ms for 54,601 stories), because the planner, told that the expression costs a
      // tokenizer run on every story read, never walked the stories instead; and read beside a long
      // word ("rajnath a") the same bitmap was built and ANDed with the trigram one (72 ms). The words are now a stored column of their
      // own table, so a story's words are read, not computed: a common start is counted by walking
      // (2–3 ms), a rare one from the GIN index (under 1 ms). A table of its own rather than a
      // generated column on `articles`: adding that column rewrote the stories and rebuilt every
      // index on them (9.2 s at 100,000 stories, against about 2.5 s for this).
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      // Keys after the rows: checked per row as they are written, they took 0.8 s more.
      await sql`create table article_words (article_id text not null, words tsvector not null)`.execute(db);
      await sql`insert into article_words (article_id, words) select id, to_tsvector('simple', headline || ' ' || standfirst) from articles`.execute(db);
      await sql`alter table article_words add primary key (article_id), add foreign key (article_id) references articles (id) on delete cascade`.execute(db);
      await sql`create index article_words_words on article_words using gin (words)`.execute(db);
      // Kept by the stories' own writes. The function keeps the schema it was made in, so a write
      // from a session whose search_path names another (an operator's psql) still finds the table.
      await sql`create function article_words_keep() returns trigger language plpgsql set search_path from current as $$
        begin
          insert into article_words (article_id, words) values (new.id, to_tsvector('simple', new.headline || ' ' || new.standfirst))
            on conflict (article_id) do update set words = excluded.words;
          return null;
        end $$`.execute(db);
      await sql`create trigger article_words_insert after insert on articles for each row execute function article_words_keep()`.execute(db);
      await sql`create trigger article_words_update after update of headline, standfirst on articles for each row
        when (old.headline is distinct from new.headline or old.standfirst is distinct from new.standfirst) execute function article_words_keep()`.execute(db);
      // Where 0019's first version built it.
      await db.schema.dropIndex('articles_words').ifExists().execute();
      await sql`analyze article_words`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`drop table if exists article_words`.execute(db);
      for (const trigger of ['article_words_insert', 'article_words_update']) await sql`drop trigger if exists ${sql.id(trigger)} on articles`.execute(db);
      await sql`drop function if exists article_words_keep()`.execute(db);
    },
  },
  '0022_desk_story_text': {
    async up(db: Kysely<any>) {
      // PostgreSQL only (SQLite's is 0017's `article_text`). The desk's count of a long and a short
      // common word ("port at": 2,001 matches among 14,919 stories tested) read each story's row of
      // `articles` (with its body) and looked its words up in `article_words`: 47–74 ms at 100,000
      // stories. A narrow table of each story's lower-cased headline and standfirst with its words,
      // its text indexed by trigrams, answers the count from 300-byte rows. The words are copied from
      // `article_words` (whose GIN index still serves a search of short words alone), not computed
      // again, so the upgrade stays short (about 1.5 s at 100,000 stories without its trigram index,
      // below). Without pg_trgm, or until the index is built, the table is read in full (a tenth of
      // the stories' size).
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`create table article_text (article_id text not null, text text not null, words tsvector not null)`.execute(db);
      await sql`insert into article_text (article_id, text, words)
        select a.id, lower(a.headline || chr(10) || a.standfirst), w.words from articles a join article_words w on w.article_id = a.id`.execute(db);
      await sql`alter table article_text add primary key (article_id), add foreign key (article_id) references articles (id) on delete cascade`.execute(db);
      // Its trigram index: built here on a small archive; on a large one (2.9–4.8 s at 100,000
      // stories, most of this migration) by the site once it serves (deferred-indexes.ts).
      const schema = await trigramOperatorSchema(db);
      const stories = Number((await sql<{ n: string }>`select count(*) as n from article_text`.execute(db)).rows[0]?.n ?? 0);
      if (schema && stories <= DEFER_INDEX_ABOVE_ROWS) await sql`create index ${sql.id(DESK_TEXT_TRIGRAMS.name)} ${DESK_TEXT_TRIGRAMS.definition(schema)}`.execute(db);
      // 0020's function, keeping this table too.
      await sql`create or replace function article_words_keep() returns trigger language plpgsql set search_path from current as $$
        begin
          insert into article_words (article_id, words) values (new.id, to_tsvector('simple', new.headline || ' ' || new.standfirst))
            on conflict (article_id) do update set words = excluded.words;
          insert into article_text (article_id, text, words) values (new.id, lower(new.headline || chr(10) || new.standfirst), to_tsvector('simple', new.headline || ' ' || new.standfirst))
            on conflict (article_id) do update set text = excluded.text, words = excluded.words;
          return null;
        end $$`.execute(db);
      await sql`analyze article_text`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`create or replace function article_words_keep() returns trigger language plpgsql set search_path from current as $$
        begin
          insert into article_words (article_id, words) values (new.id, to_tsvector('simple', new.headline || ' ' || new.standfirst))
            on conflict (article_id) do update set words = excluded.words;
          return null;
        end $$`.execute(db);
      await sql`drop table if exists article_text`.execute(db);
    },
  },
  '0028_desk_word_starts': {
    async up(db: Kysely<any>) {
      // PostgreSQL only: the words of 0022's story-text table, indexed. The desk's count of a common
      // word beside a short one read the table row by row until it had found 2,001 ("the c": 41,522
      // rows, 25 ms at 100,000 stories); from this index, the stories where a word starts with the
      // short one, 4.6 ms ("port at": 12.6 → 6.3 ms, both indexes' bitmaps ANDed). Built in 0.7 s there.
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`create index article_text_words on article_text using gin (words)`.execute(db);
    },
    async down(db: Kysely<any>) {
      if (db.getExecutor().adapter instanceof SqliteAdapter) return;
      await sql`drop index if exists article_text_words`.execute(db);
    },
  },
};

/**
 * The schema holding pg_trgm's operator classes: wherever the extension already is, else `public`
 * after installing it there (in a savepoint: the migrations run in one transaction, which a
 * refused CREATE EXTENSION must not abort). Null when it cannot be had. Not the site's own schema:
 * an extension is one per database, and a schema dropped with CASCADE would take it, and every
 * other schema's indexes on it, along.
 */
async function trigramOperatorSchema(db: Kysely<any>): Promise<string | null> {
  const installed = await trigramSchemaInstalled(db);
  if (installed) return installed;
  await sql`savepoint dateline_trigrams`.execute(db);
  try {
    await sql.raw(CREATE_TRIGRAM_EXTENSION).execute(db);
    await sql`release savepoint dateline_trigrams`.execute(db);
    return 'public';
  } catch {
    await sql`rollback to savepoint dateline_trigrams`.execute(db);
    // Another site's migration in the same database may have just installed it (ours then failed
    // on the unique name), or it is refused: look again.
    return trigramSchemaInstalled(db);
  }
}

/** pg_trgm where migration 0018 puts it; `dateline restore` runs it too before loading a dump whose indexes need it. */
export const CREATE_TRIGRAM_EXTENSION = 'create extension if not exists pg_trgm with schema public';
export const TRIGRAM_MIGRATION = '0018_desk_text_trigrams';
