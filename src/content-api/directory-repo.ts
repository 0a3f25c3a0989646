import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Database, TagKind } from '../db/index.js';
import { filterExpression, type FilterTargets } from './filter-repo.js';
import type { FilterNode } from './nql-filter.js';
import type { OrderBy } from './query-options.js';

export interface ListQuery {
  filter: FilterNode | null;
  order: readonly OrderBy[];
  limit: number;
  offset: number;
}

export interface AuthorRow {
  id: string;
  slug: string;
  name: string;
  bio: string;
  links: string;
  photo_media_id: string | null;
  post_count: number;
}

export interface TagRow {
  id: string;
  slug: string;
  name: string;
  kind: TagKind;
  post_count: number;
}

export interface PageRow {
  id: string;
  slug: string;
  title: string;
  body: string;
  created_at: string;
  updated_at: string;
}

/** Published stories per person or tag: only people and tags with at least one are served (as on the site). */
// A byline or tag holds its story's date while the story is published (migrations 0026, 0027):
// counted from its index alone, not by looking up each of its stories (100 tags of 2,000 stories
// each at 100,000 were 200,000 look-ups a list).
const AUTHOR_POSTS = sql<number>`(select count(*) from article_authors where article_authors.person_id = people.id and article_authors.published_at is not null)`;
const TAG_POSTS = sql<number>`(select count(*) from article_tags where article_tags.tag_id = tags.id and article_tags.published_at is not null)`;

const AUTHOR_TARGETS: FilterTargets = { id: { expression: sql.ref('people.id') }, slug: { expression: sql.ref('people.slug') }, name: { expression: sql.ref('people.name') } };
const TAG_TARGETS: FilterTargets = { id: { expression: sql.ref('tags.id') }, slug: { expression: sql.ref('tags.slug') }, name: { expression: sql.ref('tags.name') }, kind: { expression: sql.ref('tags.kind') } };
const PAGE_TARGETS: FilterTargets = {
  id: { expression: sql.ref('static_pages.id') },
  slug: { expression: sql.ref('static_pages.slug') },
  title: { expression: sql.ref('static_pages.title') },
  // A static page is public from the moment it exists: its creation is its publication.
  published_at: { expression: sql.ref('static_pages.created_at') },
  created_at: { expression: sql.ref('static_pages.created_at') },
  updated_at: { expression: sql.ref('static_pages.updated_at') },
};

function orderColumns(table: 'people' | 'tags' | 'static_pages', posts: RawBuilder<number> | null): Record<string, RawBuilder<unknown>> {
  const ref = (column: string) => sql.ref(`${table}.${column}`);
  return {
    name: ref('name'), title: ref('title'), slug: ref('slug'), id: ref('id'),
    published_at: ref('created_at'), created_at: ref('created_at'), updated_at: ref('updated_at'),
    ...(posts ? { 'count.posts': posts } : {}),
  };
}

/** People, tags and static pages for the Content API's authors, tags and pages. */
export function createDirectoryRepo(db: Kysely<Database>) {
  async function page<R>(rows: Promise<R[]>, count: Promise<{ n: number }>): Promise<{ rows: R[]; total: number }> {
    const [list, total] = await Promise.all([rows, count]);
    return { rows: list, total: Number(total.n) };
  }

  function authors(filter: FilterNode | null) {
    const q = db.selectFrom('people').where(sql<boolean>`${AUTHOR_POSTS} > 0`);
    return filter ? q.where(filterExpression(filter, AUTHOR_TARGETS)) : q;
  }
  const authorColumns = ['people.id', 'people.slug', 'people.name', 'people.bio', 'people.links', 'people.photo_media_id', AUTHOR_POSTS.as('post_count')] as const;
  const tagColumns = ['tags.id', 'tags.slug', 'tags.name', 'tags.kind', TAG_POSTS.as('post_count')] as const;

  function tags(filter: FilterNode | null) {
    const q = db.selectFrom('tags').where(sql<boolean>`${TAG_POSTS} > 0`);
    return filter ? q.where(filterExpression(filter, TAG_TARGETS)) : q;
  }

  function pages(filter: FilterNode | null) {
    const q = db.selectFrom('static_pages');
    return filter ? q.where(filterExpression(filter, PAGE_TARGETS)) : q;
  }
  const pageColumns = ['static_pages.id', 'static_pages.slug', 'static_pages.title', 'static_pages.body', 'static_pages.created_at', 'static_pages.updated_at'] as const;

  return {
    async browseAuthors(query: ListQuery): Promise<{ rows: AuthorRow[]; total: number }> {
      let q = authors(query.filter).select(authorColumns);
      const columns = orderColumns('people', AUTHOR_POSTS);
      for (const o of query.order) q = q.orderBy(columns[o.field]!, o.direction);
      return page(q.orderBy('people.id').limit(query.limit).offset(query.offset).execute(), authors(query.filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    },
    async readAuthor(by: { id: string } | { slug: string }): Promise<AuthorRow | undefined> {
      const q = authors(null).select(authorColumns);
      return ('id' in by ? q.where('people.id', '=', by.id) : q.where('people.slug', '=', by.slug)).executeTakeFirst();
    },

    async browseTags(query: ListQuery): Promise<{ rows: TagRow[]; total: number }> {
      let q = tags(query.filter).select(tagColumns);
      const columns = orderColumns('tags', TAG_POSTS);
      for (const o of query.order) q = q.orderBy(columns[o.field]!, o.direction);
      return page(q.orderBy('tags.id').limit(query.limit).offset(query.offset).execute(), tags(query.filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    },
    async readTag(by: { id: string } | { slug: string }): Promise<TagRow | undefined> {
      const q = tags(null).select(tagColumns);
      return ('id' in by ? q.where('tags.id', '=', by.id) : q.where('tags.slug', '=', by.slug)).executeTakeFirst();
    },

    async browsePages(query: ListQuery): Promise<{ rows: PageRow[]; total: number }> {
      let q = pages(query.filter).select(pageColumns);
      const columns = orderColumns('static_pages', null);
      for (const o of query.order) q = q.orderBy(columns[o.field]!, o.direction);
      // With no order asked for: the footer's order, which editors chose.
      q = q.orderBy('static_pages.position').orderBy('static_pages.title').orderBy('static_pages.id');
      return page(q.limit(query.limit).offset(query.offset).execute(), pages(query.filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow());
    },
    async readPage(by: { id: string } | { slug: string }): Promise<PageRow | undefined> {
      const q = pages(null).select(pageColumns);
      return ('id' in by ? q.where('static_pages.id', '=', by.id) : q.where('static_pages.slug', '=', by.slug)).executeTakeFirst();
    },
  };
}

export type DirectoryRepo = ReturnType<typeof createDirectoryRepo>;
