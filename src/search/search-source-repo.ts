import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { documentText, type DocNode } from '../doc/index.js';

/** What the index holds for one published story: its text by field, and what filters read. */
export interface SearchDocument {
  articleId: string;
  version: number;
  sectionId: string;
  publishedAt: string;
  headline: string;
  standfirst: string;
  tags: string;
  authors: string;
  body: string;
}

// Our highlight markers (search-highlight.ts) must never come from stored text.
const MARKERS_RE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;
const clean = (text: string) => text.replace(MARKERS_RE, ' ');

function bodyText(json: string): string {
  try {
    return documentText(JSON.parse(json) as DocNode);
  } catch {
    return '';
  }
}

/** Reads stories as the index sees them: the public columns, never a working copy. */
/**
 * One step of the catch-up: the next `scan` stories by id after `after`, each with its index row.
 * The bound is on both sides of the join: PostgreSQL merge-joins the two id indexes, and without it
 * read the index rows from the first on every step (80,501 of them for a step at story 80,000: 615
 * ms, and 8.2 s for a start-up with nothing to index at 100,000 stories; 1.5 ms a step with it).
 */
export function catchUpStep(db: Kysely<Database>, after: string, scan: number) {
  return db
    .selectFrom('articles')
    .leftJoin('search_documents', (join) => join.onRef('search_documents.article_id', '=', 'articles.id').on('search_documents.article_id', '>', after))
    .select(['articles.id', 'articles.status', 'articles.published_at', 'articles.version', 'search_documents.article_id as indexed_id', 'search_documents.version as indexed_version'])
    .where('articles.id', '>', after)
    .orderBy('articles.id')
    .limit(scan);
}

export function createSearchSourceRepo(db: Kysely<Database>) {
  return {
    /** The story's index document, or null when readers cannot see it (not published). */
    async document(articleId: string): Promise<SearchDocument | null> {
      const row = await db
        .selectFrom('articles')
        .select(['id', 'version', 'section_id', 'published_at', 'headline', 'standfirst', 'body', 'status'])
        .where('id', '=', articleId)
        .executeTakeFirst();
      if (!row || row.status !== 'published' || !row.published_at) return null;
      const [authors, tags] = await Promise.all([
        db.selectFrom('article_authors').innerJoin('people', 'people.id', 'article_authors.person_id').select('people.name').where('article_id', '=', articleId).orderBy('position').execute(),
        db.selectFrom('article_tags').innerJoin('tags', 'tags.id', 'article_tags.tag_id').select(['tags.name', 'tags.aliases']).where('article_id', '=', articleId).orderBy('position').execute(),
      ]);
      return {
        articleId: row.id,
        version: row.version,
        sectionId: row.section_id,
        publishedAt: row.published_at,
        headline: clean(row.headline),
        standfirst: clean(row.standfirst),
        authors: clean(authors.map((a) => a.name).join(', ')),
        tags: clean(tags.map((t) => [t.name, ...aliases(t.aliases)].join(', ')).join(', ')),
        body: clean(bodyText(row.body)),
      };
    },

    /**
     * Published stories whose index row is missing or older than the story, among the next `scan`
     * stories by id after `after`; `next` is the last id looked at, null when none were left.
     * Walking the id index a bounded step at a time keeps each query short at any archive size:
     * asking for the first 500 stale stories instead read every published story by status and
     * sorted them by id, 495 ms on SQLite at 100,000 stories for every batch (a catch-up over a
     * fresh 100,000-story archive took 31 minutes; a start-up with nothing to do, 0.5 s).
     */
    async staleIds(after: string, scan: number): Promise<{ ids: string[]; next: string | null }> {
      const rows = await catchUpStep(db, after, scan).execute();
      const ids = rows.filter((r) => r.status === 'published' && r.published_at !== null && (r.indexed_id === null || Number(r.indexed_version) !== Number(r.version))).map((r) => r.id);
      return { ids, next: rows.length ? rows[rows.length - 1]!.id : null };
    },

    /** Index rows of stories that are no longer published (or no longer exist). */
    async orphanIds(limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('search_documents')
        .leftJoin('articles', 'articles.id', 'search_documents.article_id')
        .select('search_documents.article_id as id')
        .where((eb) => eb.or([eb('articles.id', 'is', null), eb('articles.status', '!=', 'published'), eb('articles.published_at', 'is', null)]))
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
    },

    /** Words of people's and tags' names, for "did you mean". */
    async nameVocabulary(): Promise<string[]> {
      const [people, tags] = await Promise.all([db.selectFrom('people').select('name').execute(), db.selectFrom('tags').select(['name', 'aliases']).execute()]);
      return [...people.map((p) => p.name), ...tags.flatMap((t) => [t.name, ...aliases(t.aliases)])];
    },
  };
}

function aliases(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export type SearchSourceRepo = ReturnType<typeof createSearchSourceRepo>;
