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

    /** Published stories whose index row is missing or older than the story, in id order after `after`. */
    async staleIds(after: string, limit: number): Promise<string[]> {
      const rows = await db
        .selectFrom('articles')
        .leftJoin('search_documents', 'search_documents.article_id', 'articles.id')
        .select('articles.id')
        .where('articles.status', '=', 'published')
        .where('articles.published_at', 'is not', null)
        .where('articles.id', '>', after)
        .where((eb) => eb.or([eb('search_documents.article_id', 'is', null), eb('search_documents.version', '!=', eb.ref('articles.version'))]))
        .orderBy('articles.id')
        .limit(limit)
        .execute();
      return rows.map((r) => r.id);
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
