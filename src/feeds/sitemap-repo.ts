import { sql, type Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import { nextMonth } from './feed-dates.js';

/** A story as a sitemap lists it. */
export interface SitemapArticle {
  id: string;
  slug: string;
  sectionSlug: string;
  headline: string;
  language: string;
  publishedAt: string;
  updatedAt: string | null;
  heroMediaId: string | null;
}

/** Where a keyset read of stories (by publication time, then id) goes on from. */
export interface ArticleCursor {
  publishedAt: string;
  id: string;
}

/** A section, author or topic page in a sitemap: its slug and its newest story's time. */
export interface ListingRow {
  slug: string;
  lastmod: string | null;
}

export type ListingKind = 'authors' | 'topics';

/** The link table and the column naming the person or tag, per listing kind. */
const LINKS = {
  authors: { table: 'article_authors', link: 'article_authors.person_id', owner: 'people' },
  topics: { table: 'article_tags', link: 'article_tags.tag_id', owner: 'tags' },
} as const;

/**
 * Sitemap reads. Every list is read in keyset batches (`after` the last row of the previous
 * batch, on an indexed order), never all at once: memory holds one batch, however large the
 * archive. Keyset rather than `.stream()`, which needs pg-cursor on PostgreSQL and holds a
 * statement open on SQLite; and rather than OFFSET, which rereads every skipped row.
 */
export function createSitemapRepo(db: Kysely<Database>) {
  const lastmod = sql<string | null>`max(coalesce(articles.updated_at, articles.published_at))`;
  const published = () => db.selectFrom('articles').where('articles.status', '=', 'published').where('articles.published_at', 'is not', null);

  /** Authors and topics with at least one published story: only those have a page. */
  function listing(kind: ListingKind) {
    const { table, link, owner } = LINKS[kind];
    return db
      .selectFrom(owner)
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom(table)
            .innerJoin('articles', 'articles.id', `${table}.article_id`)
            .select(`${table}.article_id`)
            .whereRef(link, '=', `${owner}.id`)
            .where('articles.status', '=', 'published'),
        ),
      );
  }

  return {
    /**
     * Calendar months (UTC) that have published stories, oldest first, with counts. Walked month
     * by month on the (status, published_at) index rather than with one GROUP BY month: SQLite
     * cannot group an expression from the index order and sorts every story of the archive
     * first (21 MB at 100,000 stories); this holds one month's aggregate at a time.
     */
    async months(): Promise<{ month: string; count: number; lastmod: string | null }[]> {
      const out: { month: string; count: number; lastmod: string | null }[] = [];
      let from = '';
      for (;;) {
        const first = await published().select((eb) => eb.fn.min('articles.published_at').as('at')).where('articles.published_at', '>=', from).executeTakeFirst();
        if (!first?.at) return out;
        const month = first.at.slice(0, 7);
        const to = nextMonth(month);
        const row = await published()
          .select([(eb) => eb.fn.countAll<number>().as('n'), lastmod.as('lastmod')])
          .where('articles.published_at', '>=', month)
          .where('articles.published_at', '<', to)
          .executeTakeFirstOrThrow();
        out.push({ month, count: Number(row.n), lastmod: row.lastmod });
        from = to;
      }
    },

    /** One batch of the stories published in [from, to), after `cursor`, in publication order. */
    async articles(from: string, to: string, cursor: ArticleCursor | null, limit: number): Promise<SitemapArticle[]> {
      let q = published()
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select(['articles.id', 'articles.slug', 'sections.slug as section_slug', 'articles.headline', 'articles.language', 'articles.published_at', 'articles.updated_at', 'articles.hero_media_id'])
        .where('articles.published_at', '>=', from)
        .where('articles.published_at', '<', to);
      if (cursor) q = q.where((eb) => eb(eb.refTuple('articles.published_at', 'articles.id'), '>', eb.tuple(cursor.publishedAt, cursor.id)));
      const rows = await q.orderBy('articles.published_at').orderBy('articles.id').limit(limit).execute();
      return rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        sectionSlug: r.section_slug,
        headline: r.headline,
        language: r.language,
        publishedAt: r.published_at!,
        updatedAt: r.updated_at,
        heroMediaId: r.hero_media_id,
      }));
    },

    /** The story just before the `skip`-th of [from, to): where page 2 and later start. */
    async articleCursorAt(from: string, to: string, skip: number): Promise<ArticleCursor | null> {
      if (skip <= 0) return null;
      const row = await published()
        .select(['articles.published_at', 'articles.id'])
        .where('articles.published_at', '>=', from)
        .where('articles.published_at', '<', to)
        .orderBy('articles.published_at')
        .orderBy('articles.id')
        .offset(skip - 1)
        .limit(1)
        .executeTakeFirst();
      return row ? { publishedAt: row.published_at!, id: row.id } : null;
    },

    /** Stories published at or after `since`, newest first (the Google News sitemap). */
    async recent(since: string, limit: number): Promise<SitemapArticle[]> {
      const rows = await published()
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select(['articles.id', 'articles.slug', 'sections.slug as section_slug', 'articles.headline', 'articles.language', 'articles.published_at', 'articles.updated_at', 'articles.hero_media_id'])
        .where('articles.published_at', '>=', since)
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, slug: r.slug, sectionSlug: r.section_slug, headline: r.headline, language: r.language, publishedAt: r.published_at!, updatedAt: r.updated_at, heroMediaId: r.hero_media_id }));
    },

    /** The newest change to any published story, or null on an empty site. */
    async newest(): Promise<string | null> {
      const row = await published().select(lastmod.as('lastmod')).executeTakeFirst();
      return row?.lastmod ?? null;
    },

    /** Every section in navigation order (sections always have a page), with its newest story. */
    async sections(): Promise<ListingRow[]> {
      return db
        .selectFrom('sections')
        .select((eb) => [
          'sections.slug',
          eb
            .selectFrom('articles')
            .select(lastmod.as('m'))
            .whereRef('articles.section_id', '=', 'sections.id')
            .where('articles.status', '=', 'published')
            .as('lastmod'),
        ])
        .orderBy('sections.position')
        .orderBy('sections.slug')
        .execute();
    },

    async countListing(kind: ListingKind): Promise<number> {
      const row = await listing(kind)
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(row.n);
    },

    /** One batch of authors or topics with published stories, by slug, after `afterSlug`. */
    async listingBatch(kind: ListingKind, afterSlug: string | null, limit: number): Promise<ListingRow[]> {
      const { table, link, owner } = LINKS[kind];
      let q = listing(kind).select((eb) => [
        `${owner}.slug` as const,
        eb
          .selectFrom(table)
          .innerJoin('articles', 'articles.id', `${table}.article_id`)
          .select(lastmod.as('m'))
          .whereRef(link, '=', `${owner}.id`)
          .where('articles.status', '=', 'published')
          .as('lastmod'),
      ]);
      if (afterSlug !== null) q = q.where(`${owner}.slug`, '>', afterSlug);
      const rows = await q.orderBy(`${owner}.slug`).limit(limit).execute();
      return rows.map((r) => ({ slug: r.slug, lastmod: r.lastmod }));
    },

    /** The slug just before the `skip`-th author or topic: where page 2 and later start. */
    async listingSlugAt(kind: ListingKind, skip: number): Promise<string | null> {
      if (skip <= 0) return null;
      const { owner } = LINKS[kind];
      const row = await listing(kind).select(`${owner}.slug`).orderBy(`${owner}.slug`).offset(skip - 1).limit(1).executeTakeFirst();
      return row?.slug ?? null;
    },
  };
}

export type SitemapRepo = ReturnType<typeof createSitemapRepo>;
