import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { createArticleRepo } from './article-repo.js';
import type { ArticleTeaser, ArticleView, Person, Tag } from './types.js';

/** What a listing may be narrowed to. Listings only ever show published stories. */
export interface TeaserFilter {
  sectionId?: string;
  personId?: string;
  tagId?: string;
  excludeIds?: string[];
}

/**
 * Reader-side queries: published articles joined for pages and listings. Kept
 * apart from article-repo.ts (the writes) because the two change for different reasons.
 */
export function createArticleReadRepo(db: Kysely<Database>) {
  const articles = createArticleRepo(db);

  function filtered(filter: TeaserFilter) {
    let q = db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .where('articles.status', '=', 'published');
    if (filter.sectionId) q = q.where('articles.section_id', '=', filter.sectionId);
    if (filter.personId) {
      const personId = filter.personId;
      q = q.where((eb) => eb.exists(eb.selectFrom('article_authors').select('article_id').whereRef('article_authors.article_id', '=', 'articles.id').where('article_authors.person_id', '=', personId)));
    }
    if (filter.tagId) {
      const tagId = filter.tagId;
      q = q.where((eb) => eb.exists(eb.selectFrom('article_tags').select('article_id').whereRef('article_tags.article_id', '=', 'articles.id').where('article_tags.tag_id', '=', tagId)));
    }
    if (filter.excludeIds?.length) q = q.where('articles.id', 'not in', filter.excludeIds);
    return q;
  }

  async function withAuthors(rows: Omit<ArticleTeaser, 'authors'>[]): Promise<ArticleTeaser[]> {
    if (rows.length === 0) return [];
    const links = await db
      .selectFrom('article_authors')
      .innerJoin('people', 'people.id', 'article_authors.person_id')
      .select(['article_authors.article_id', 'article_authors.position', 'people.id', 'people.slug', 'people.name'])
      .where('article_authors.article_id', 'in', rows.map((r) => r.id))
      .orderBy('article_authors.position')
      .execute();
    const byArticle = new Map<string, ArticleTeaser['authors']>();
    for (const link of links) {
      const list = byArticle.get(link.article_id) ?? [];
      list.push({ id: link.id, slug: link.slug, name: link.name });
      byArticle.set(link.article_id, list);
    }
    return rows.map((r) => ({ ...r, authors: byArticle.get(r.id) ?? [] }));
  }

  async function teasers(filter: TeaserFilter, order: 'latest' | 'most-read', limit: number, offset = 0): Promise<ArticleTeaser[]> {
    let q = filtered(filter).select([
      'articles.id',
      'articles.slug',
      'articles.headline',
      'articles.standfirst',
      'articles.published_at',
      'articles.language',
      'articles.views',
      'articles.hero_media_id',
      'sections.id as section_id',
      'sections.slug as section_slug',
      'sections.name as section_name',
    ]);
    q = order === 'latest' ? q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc') : q.orderBy('articles.views', 'desc').orderBy('articles.published_at', 'desc');
    const rows = await q.limit(limit).offset(offset).execute();
    return withAuthors(
      rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        headline: r.headline,
        standfirst: r.standfirst,
        publishedAt: r.published_at ?? '',
        language: r.language,
        views: Number(r.views),
        heroMediaId: r.hero_media_id,
        section: { id: r.section_id, slug: r.section_slug, name: r.section_name },
      })),
    );
  }

  return {
    latest: (filter: TeaserFilter, limit: number, offset = 0) => teasers(filter, 'latest', limit, offset),
    mostRead: (limit: number) => teasers({}, 'most-read', limit),

    async countPublished(filter: TeaserFilter): Promise<number> {
      const row = await filtered(filter).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** The full article with its section, authors, tags and corrections, whatever its status. */
    async view(id: string): Promise<ArticleView | null> {
      const article = await articles.getById(id);
      if (!article) return null;
      const [section, authors, tags, corrections] = await Promise.all([
        db.selectFrom('sections').selectAll().where('id', '=', article.sectionId).executeTakeFirstOrThrow(),
        article.authorIds.length
          ? db.selectFrom('people').select(['id', 'slug', 'name', 'bio', 'links']).where('id', 'in', article.authorIds).execute()
          : Promise.resolve([]),
        article.tagIds.length ? db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('id', 'in', article.tagIds).execute() : Promise.resolve([] as Tag[]),
        articles.corrections(id),
      ]);
      const order = (ids: string[]) => (a: { id: string }, b: { id: string }) => ids.indexOf(a.id) - ids.indexOf(b.id);
      const people: Person[] = authors
        .map((p) => ({ id: p.id, slug: p.slug, name: p.name, bio: p.bio, links: safeJson(p.links) }))
        .sort(order(article.authorIds));
      return {
        ...article,
        section: { id: section.id, slug: section.slug, name: section.name, description: section.description, position: Number(section.position) },
        authors: people,
        tags: [...tags].sort(order(article.tagIds)),
        corrections,
      };
    },

    resolveSlug: articles.resolveSlug,
  };
}

function safeJson(text: string): Record<string, string> {
  try {
    const v: unknown = JSON.parse(text);
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, string>) : {};
  } catch {
    return {};
  }
}

export type ArticleReadRepo = ReturnType<typeof createArticleReadRepo>;
