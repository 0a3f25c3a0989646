import { sql, type Kysely, type RawBuilder, type SelectQueryBuilder, type SqlBool } from 'kysely';
import type { Database, TagKind } from '../db/index.js';
import { filterExpression, type FilterTargets } from './filter-repo.js';
import type { FilterNode } from './nql-filter.js';
import type { OrderBy } from './query-options.js';
import { invalidParameter } from './ghost-errors.js';

/** A published story as the Content API reads it: public columns only, never the working copy. */
export interface PostRow {
  id: string;
  slug: string;
  headline: string;
  standfirst: string;
  body: string;
  language: string;
  hero_media_id: string | null;
  hero_caption: string | null;
  seo_title: string | null;
  seo_description: string | null;
  published_at: string | null;
  updated_at: string | null;
  created_at: string;
  views: number;
  section_slug: string;
  section_name: string;
}

/** A byline on a story, with what Ghost's author object shows. */
export interface PostAuthorRow {
  article_id: string;
  id: string;
  slug: string;
  name: string;
  bio: string;
  links: string;
  photo_media_id: string | null;
}

export interface PostTagRow {
  article_id: string;
  id: string;
  slug: string;
  name: string;
  kind: TagKind;
}

/** `exists (…)` over one of a story's relations; `primary` keeps only its first (position 0). */
function through(link: 'article_tags' | 'article_authors', primary: boolean) {
  return (condition: RawBuilder<SqlBool>) =>
    link === 'article_tags'
      ? sql<SqlBool>`exists (select 1 from article_tags inner join tags on tags.id = article_tags.tag_id where article_tags.article_id = articles.id${primary ? sql` and article_tags.position = 0` : sql``} and ${condition})`
      : sql<SqlBool>`exists (select 1 from article_authors inner join people on people.id = article_authors.person_id where article_authors.article_id = articles.id${primary ? sql` and article_authors.position = 0` : sql``} and ${condition})`;
}

const UPDATED_AT = sql`coalesce(articles.updated_at, articles.published_at)`;

/** Whether a filter reads the story's section: the one field the join to `sections` is for. */
function namesSection(node: FilterNode | null): boolean {
  if (!node || node.kind === 'constant') return false;
  if (node.kind === 'and' || node.kind === 'or') return node.nodes.some(namesSection);
  return node.field.name === 'section.slug';
}

/** The SQL behind each filter field of POST_FILTER_FIELDS (resources.ts). */
const TARGETS: FilterTargets = {
  id: { expression: sql.ref('articles.id') },
  slug: { expression: sql.ref('articles.slug') },
  title: { expression: sql.ref('articles.headline') },
  published_at: { expression: sql.ref('articles.published_at') },
  updated_at: { expression: UPDATED_AT },
  created_at: { expression: sql.ref('articles.created_at') },
  language: { expression: sql.ref('articles.language') },
  views: { expression: sql.ref('articles.views') },
  'section.slug': { expression: sql.ref('sections.slug') },
  'tags.slug': { column: sql.ref('tags.slug'), exists: through('article_tags', false) },
  'tags.name': { column: sql.ref('tags.name'), exists: through('article_tags', false) },
  'primary_tag.slug': { column: sql.ref('tags.slug'), exists: through('article_tags', true) },
  'authors.slug': { column: sql.ref('people.slug'), exists: through('article_authors', false) },
  'authors.name': { column: sql.ref('people.name'), exists: through('article_authors', false) },
  'primary_author.slug': { column: sql.ref('people.slug'), exists: through('article_authors', true) },
};

const ORDER_COLUMNS: Record<string, RawBuilder<unknown>> = {
  published_at: sql.ref('articles.published_at'),
  updated_at: UPDATED_AT,
  created_at: sql.ref('articles.created_at'),
  title: sql.ref('articles.headline'),
  slug: sql.ref('articles.slug'),
  id: sql.ref('articles.id'),
  views: sql.ref('articles.views'),
};

/**
 * "This article id column is among the stories matching these words" (src/search), passed in by
 * the composition root; null when the words have nothing to search for.
 */
export interface PostSearch {
  matching(q: string, articleIdColumn: string): RawBuilder<SqlBool> | null;
  /** Runs the reads that carry such a condition within the reader searches' bound (SEARCH_CONCURRENCY). */
  bounded<T>(work: () => Promise<T>): Promise<T>;
}

export interface PostQuery {
  filter: FilterNode | null;
  /** Search words: only stories matching them (PostSearch); null or absent for all. */
  q?: string | null;
  order: readonly OrderBy[];
  limit: number;
  offset: number;
}

/**
 * Published stories for the Content API. Every query starts from `status = 'published'`
 * and adds the client's filter as one more parenthesised `where`: no filter can widen it.
 */
export function createPostRepo(db: Kysely<Database>, search?: PostSearch) {
  function published(filter: FilterNode | null, words: RawBuilder<SqlBool> | null = null) {
    const q = db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').where('articles.status', '=', 'published');
    const filtered = filter ? q.where(filterExpression(filter, TARGETS)) : q;
    return words ? filtered.where(words) : filtered;
  }

  /**
   * The same stories without the join to their sections, which only a filter on `section.slug`
   * needs (every story has a section): joined, each story counted or passed over was read from the
   * table for it. Counting 100,000 took 155 ms on SQLite that way, and a few from an index.
   */
  function publishedStories(filter: FilterNode | null, words: RawBuilder<SqlBool> | null) {
    if (namesSection(filter)) return published(filter, words);
    const q = db.selectFrom('articles').where('articles.status', '=', 'published');
    const filtered = filter ? q.where(filterExpression(filter, TARGETS)) : q;
    return (words ? filtered.where(words) : filtered) as unknown as ReturnType<typeof published>;
  }

  /** The search condition for `q`; refused by name when it has nothing to search for. */
  function matching(text: string | null | undefined): RawBuilder<SqlBool> | null {
    if (!text) return null;
    const condition = search?.matching(text, 'articles.id') ?? null;
    if (!condition) throw invalidParameter('q', 'q has no words to search for.');
    return condition;
  }

  function selectPost(filter: FilterNode | null, words: RawBuilder<SqlBool> | null = null) {
    return published(filter, words).select([
      'articles.id', 'articles.slug', 'articles.headline', 'articles.standfirst', 'articles.body', 'articles.language', 'articles.hero_media_id', 'articles.hero_caption',
      'articles.seo_title', 'articles.seo_description', 'articles.published_at', 'articles.updated_at', 'articles.created_at', 'articles.views',
      'sections.slug as section_slug', 'sections.name as section_name',
    ]);
  }

  /** Each story's rows of one relation, in byline or tag order. */
  function byArticle<R extends { article_id: string }>(rows: R[]): Map<string, R[]> {
    const out = new Map<string, R[]>();
    for (const row of rows) out.set(row.article_id, [...(out.get(row.article_id) ?? []), row]);
    return out;
  }

  const toRow = (r: PostRow): PostRow => ({ ...r, views: Number(r.views) });

  return {
    async browse(query: PostQuery): Promise<{ rows: PostRow[]; total: number }> {
      const words = matching(query.q);
      const ordered = <Q extends SelectQueryBuilder<Database, 'articles' | 'sections', any>>(q: Q): Q => {
        for (const o of query.order) q = q.orderBy(ORDER_COLUMNS[o.field]!, o.direction) as Q;
        // A stable tie-break, so pages never repeat or skip a story.
        return q.orderBy('articles.id', 'desc') as Q;
      };
      // A page further down: its ids first, then only its stories read (their bodies included),
      // as the site's listings do (article-read-repo.ts).
      const page =
        query.offset > 0
          ? ordered(selectPost(null).where('articles.id', 'in', ordered(publishedStories(query.filter, words).select('articles.id')).limit(query.limit).offset(query.offset)))
          : ordered(selectPost(query.filter, words)).limit(query.limit);
      const read = () => Promise.all([page.execute(), publishedStories(query.filter, words).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()]);
      // A search may read every story (search-service.ts): with words, as many at once as /search's.
      const [rows, count] = words && search ? await search.bounded(read) : await read();
      return { rows: rows.map(toRow), total: Number(count.n) };
    },

    async read(by: { id: string } | { slug: string }): Promise<PostRow | null> {
      const q = selectPost(null);
      const row = await ('id' in by ? q.where('articles.id', '=', by.id) : q.where('articles.slug', '=', by.slug)).executeTakeFirst();
      return row ? toRow(row) : null;
    },

    async authorsOf(ids: string[]): Promise<Map<string, PostAuthorRow[]>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .select(['article_authors.article_id', 'people.id', 'people.slug', 'people.name', 'people.bio', 'people.links', 'people.photo_media_id'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.position')
        .execute();
      return byArticle(rows);
    },

    async tagsOf(ids: string[]): Promise<Map<string, PostTagRow[]>> {
      if (ids.length === 0) return new Map();
      const rows = await db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.id', 'tags.slug', 'tags.name', 'tags.kind'])
        .where('article_tags.article_id', 'in', ids)
        .orderBy('article_tags.position')
        .execute();
      return byArticle(rows);
    },
  };
}

export type PostRepo = ReturnType<typeof createPostRepo>;
