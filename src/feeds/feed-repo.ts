import type { Kysely } from 'kysely';
import { newestFirst, publishedLinks, type Database } from '../db/index.js';

/** Whose stories a feed carries: the whole site, or one section, author or topic. */
export interface FeedScope {
  sectionId?: string;
  personId?: string;
  tagId?: string;
}

/** One published story as a feed item needs it. `body` is the stored JSON, only when asked for. */
export interface FeedRow {
  id: string;
  slug: string;
  sectionSlug: string;
  sectionName: string;
  headline: string;
  standfirst: string;
  body: string | null;
  language: string;
  publishedAt: string;
  updatedAt: string | null;
  firstPublishedAt: string | null;
  heroMediaId: string | null;
  heroCaption: string | null;
  authors: { slug: string; name: string }[];
  tags: { slug: string; name: string }[];
}

/**
 * The newest published stories of a scope, with bylines and tags: three queries whatever
 * the number of items. Only `published` rows are read; a draft, a scheduled story or an
 * unpublished one never reaches a feed.
 */
export function createFeedRepo(db: Kysely<Database>) {
  async function linked(ids: string[]) {
    if (ids.length === 0) return { authors: [], tags: [] };
    const [authors, tags] = await Promise.all([
      db
        .selectFrom('article_authors')
        .innerJoin('people', 'people.id', 'article_authors.person_id')
        .select(['article_authors.article_id', 'people.slug', 'people.name'])
        .where('article_authors.article_id', 'in', ids)
        .orderBy('article_authors.article_id')
        .orderBy('article_authors.position')
        .execute(),
      db
        .selectFrom('article_tags')
        .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
        .select(['article_tags.article_id', 'tags.slug', 'tags.name'])
        .where('article_tags.article_id', 'in', ids)
        .orderBy('article_tags.article_id')
        .orderBy('article_tags.position')
        .execute(),
    ]);
    return { authors, tags };
  }

  return {
    async latest(scope: FeedScope, limit: number, withBody: boolean): Promise<FeedRow[]> {
      let q = db
        .selectFrom('articles')
        .innerJoin('sections', 'sections.id', 'articles.section_id')
        .select([
          'articles.id',
          'articles.slug',
          'articles.headline',
          'articles.standfirst',
          'articles.language',
          'articles.published_at',
          'articles.updated_at',
          'articles.first_published_at',
          'articles.hero_media_id',
          'articles.hero_caption',
          'sections.slug as section_slug',
          'sections.name as section_name',
        ])
        .where('articles.status', '=', 'published')
        .where('articles.published_at', 'is not', null);
      if (withBody) q = q.select('articles.body');
      if (scope.sectionId) q = q.where('articles.section_id', '=', scope.sectionId);
      const { personId, tagId } = scope;
      // A byline's or topic's feed: its newest from the link rows' own dates (migrations 0026, 0027).
      // Walking the newest stories checking each passes over most of the archive for a rare one.
      // Alone in the scope, only its newest `limit` can be the feed's; beside another, all of its.
      const alone = [scope.sectionId, personId, tagId].filter(Boolean).length === 1 ? limit : undefined;
      for (const under of [personId && { personId }, tagId && { tagId }]) {
        if (!under) continue;
        const rows = publishedLinks(db, under);
        q = q.where('articles.id', 'in', (alone ? newestFirst(rows).limit(alone) : rows).select('l.article_id'));
      }
      const rows = await q.orderBy('articles.published_at', 'desc').orderBy('articles.id', 'desc').limit(limit).execute();
      const { authors, tags } = await linked(rows.map((r) => r.id));
      const group = <T extends { article_id: string }>(list: T[]) => {
        const by = new Map<string, { slug: string; name: string }[]>();
        for (const item of list as (T & { slug: string; name: string })[]) {
          const entry = by.get(item.article_id) ?? [];
          entry.push({ slug: item.slug, name: item.name });
          by.set(item.article_id, entry);
        }
        return by;
      };
      const authorsBy = group(authors);
      const tagsBy = group(tags);
      return rows.map((r) => ({
        id: r.id,
        slug: r.slug,
        sectionSlug: r.section_slug,
        sectionName: r.section_name,
        headline: r.headline,
        standfirst: r.standfirst,
        body: 'body' in r ? (r as { body: string }).body : null,
        language: r.language,
        publishedAt: r.published_at!,
        updatedAt: r.updated_at,
        firstPublishedAt: r.first_published_at,
        heroMediaId: r.hero_media_id,
        heroCaption: r.hero_caption,
        authors: authorsBy.get(r.id) ?? [],
        tags: tagsBy.get(r.id) ?? [],
      }));
    },
  };
}

export type FeedRepo = ReturnType<typeof createFeedRepo>;
