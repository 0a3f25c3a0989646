import { SqliteAdapter, sql, type Kysely } from 'kysely';
import type { Database } from './schema.js';

// A story's publication date copied onto the rows that list it under a topic or a byline, kept by
// triggers (migrations 0026, 0027): a topic's or byline's count and pages then come from one index
// of those rows, without reading each story (src/content/article-read-repo.ts).

/** A table linking stories to what they are listed under, and the names of what keeps its dates. */
export interface DatedLink {
  table: 'article_tags' | 'article_authors';
  /** What the story is listed under: the topic or the person. */
  owner: 'tag_id' | 'person_id';
  index: string;
  /** The trigger (and, on PostgreSQL, its function) that dates a new row, and the one that follows a story's changes. */
  onInsert: string;
  onStory: string;
}
export const TAG_DATES: DatedLink = { table: 'article_tags', owner: 'tag_id', index: 'article_tags_topic_newest', onInsert: 'article_tags_published', onStory: 'articles_published_to_tags' };
export const BYLINE_DATES: DatedLink = { table: 'article_authors', owner: 'person_id', index: 'article_authors_byline_newest', onInsert: 'article_authors_published', onStory: 'articles_published_to_authors' };

/**
 * Gives `link` a `published_at` column holding its story's `published_at` while the story is
 * published and null otherwise, indexed by (owner, published_at, story), and the triggers that keep
 * it: on a new row, and on a change of a story's status or date (migrations 0026, 0027).
 */
export async function keepPublishedDates(db: Kysely<any>, link: DatedLink): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const { table, owner } = link;
  const t = sql.table(table);
  await sql`alter table ${t} add column published_at text`.execute(db);
  // PostgreSQL joins; SQLite looks each story up (0.5 s for 199,000 tags).
  if (sqlite) await sql`update ${t} set published_at = (select a.published_at from articles a where a.id = ${sql.ref(`${table}.article_id`)} and a.status = 'published')`.execute(db);
  else await sql`update ${t} l set published_at = a.published_at from articles a where a.id = l.article_id and a.status = 'published'`.execute(db);
  await db.schema.createIndex(link.index).on(table).columns([owner, 'published_at', 'article_id']).execute();
  if (sqlite) {
    await sql`create trigger ${sql.id(`${link.onInsert}_insert`)} after insert on ${t} begin
      update ${t} set published_at = (select a.published_at from articles a where a.id = new.article_id and a.status = 'published')
        where article_id = new.article_id and ${sql.ref(owner)} = ${sql.ref(`new.${owner}`)}; end`.execute(db);
    await sql`create trigger ${sql.id(link.onStory)} after update of status, published_at on articles
      when old.status is not new.status or old.published_at is not new.published_at begin
      update ${t} set published_at = case when new.status = 'published' then new.published_at end where article_id = new.id; end`.execute(db);
  } else {
    await sql`create function ${sql.id(link.onInsert)}() returns trigger language plpgsql set search_path from current as $$
      begin
        new.published_at := (select a.published_at from articles a where a.id = new.article_id and a.status = 'published');
        return new;
      end $$`.execute(db);
    await sql`create trigger ${sql.id(`${link.onInsert}_insert`)} before insert or update of article_id on ${t} for each row execute function ${sql.id(link.onInsert)}()`.execute(db);
    // The function's body is a string to PostgreSQL: the table is named there as text, not as a parameter.
    await sql`create function ${sql.id(link.onStory)}() returns trigger language plpgsql set search_path from current as $$
      begin
        update ${sql.raw(table)} set published_at = case when new.status = 'published' then new.published_at end where article_id = new.id;
        return null;
      end $$`.execute(db);
    await sql`create trigger ${sql.id(link.onStory)} after update of status, published_at on articles for each row
      when (old.status is distinct from new.status or old.published_at is distinct from new.published_at) execute function ${sql.id(link.onStory)}()`.execute(db);
  }
  await sql`analyze ${t}`.execute(db);
}

export async function dropPublishedDates(db: Kysely<any>, link: DatedLink): Promise<void> {
  const sqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  const t = sql.table(link.table);
  await sql`drop trigger if exists ${sql.id(`${link.onInsert}_insert`)}${sqlite ? sql`` : sql` on ${t}`}`.execute(db);
  await sql`drop trigger if exists ${sql.id(link.onStory)}${sqlite ? sql`` : sql` on articles`}`.execute(db);
  if (!sqlite) for (const fn of [link.onInsert, link.onStory]) await sql`drop function if exists ${sql.id(fn)}()`.execute(db);
  await db.schema.dropIndex(link.index).ifExists().execute();
  await sql`alter table ${t} drop column published_at`.execute(db);
}

/** What a listing is of: a topic's stories or a byline's. */
export type ListedUnder = { tagId: string } | { personId: string };

/**
 * The link rows of a topic's or byline's published stories (`l.article_id`, `l.published_at`), read
 * from the index these migrations make; `newestFirst` gives them in the listings' order.
 */
export function publishedLinks(db: Kysely<Database>, under: ListedUnder) {
  const rows = 'tagId' in under ? tagLinks(db, under.tagId) : bylineLinks(db, under.personId);
  return rows.where('l.published_at', 'is not', null);
}

/** Newest first, ties by story id: the order of every listing (and of the index). */
export function newestFirst(rows: ReturnType<typeof publishedLinks>) {
  return rows.orderBy('l.published_at', 'desc').orderBy('l.article_id', 'desc');
}

const tagLinks = (db: Kysely<Database>, tagId: string) => db.selectFrom('article_tags as l').where('l.tag_id', '=', tagId);
// Read only through the columns both tables have (article_id, published_at): typed as the tags' query.
const bylineLinks = (db: Kysely<Database>, personId: string) => db.selectFrom('article_authors as l').where('l.person_id', '=', personId) as unknown as ReturnType<typeof tagLinks>;
