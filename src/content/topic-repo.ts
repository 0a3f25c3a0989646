import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Tag } from './types.js';

/** A topic that shares published stories with another, and how many. */
export interface RelatedTopic extends Tag {
  stories: number;
}

/** A story ranked as related to another: its id and score (shared-tag weight × recency). */
export interface RelatedStoryRank {
  id: string;
  score: number;
}

export interface RelatedStoriesQuery {
  limit: number;
  /** Stories not to offer (already on the page). */
  excludeIds?: string[];
  /** The instant ages are measured from. */
  now: Date;
  /**
   * Tags on more published stories than this are passed over when the story has a rarer one:
   * each would add thousands of candidates worth almost nothing (1 / thousands) to the score.
   */
  commonTagLimit?: number;
  /** Candidates each shared tag brings at most (CANDIDATES_PER_TAG). */
  candidatesPerTag?: number;
}

const COMMON_TAG_LIMIT = 1000;

const DAY_MS = 86_400_000;

/**
 * Recency as steps of age: 1 / (1 + age / 30 days) at each step's start, so a month-old story
 * counts half a new one and a year-old one about a thirteenth, and a story sharing a rare topic
 * still outranks a new one sharing only a common topic for a while.
 */
const AGE_STEPS_DAYS = [1, 3, 7, 14, 30, 60, 90, 180, 365, 730];

/** The weight of a publication time seen from `now`; each step's start is worked out once per ranking. */
export function recencyWeight(now: Date): (publishedAt: string) => number {
  const steps = AGE_STEPS_DAYS.map((days, i) => ({ since: new Date(now.getTime() - days * DAY_MS).toISOString(), weight: 1 / (1 + (i === 0 ? 0 : AGE_STEPS_DAYS[i - 1]!) / 30) }));
  const oldest = 1 / (1 + AGE_STEPS_DAYS[AGE_STEPS_DAYS.length - 1]! / 30);
  return (publishedAt) => steps.find((step) => publishedAt >= step.since)?.weight ?? oldest;
}

/**
 * Candidates each shared tag brings: its newest stories by id (ids start with their creation
 * time). A tag on fewer stories brings them all, and the ranking is exact; on a big archive the
 * old tail, which recency weighs down anyway, is left unread: related stories at 100,000 stories
 * on SQLite cost 11–41 ms when every story of a 2,000-story tag was scored, ~2 ms this way.
 */
export const CANDIDATES_PER_TAG = 200;
const NOT_PUBLISHED = ['draft', 'submitted', 'scheduled', 'unpublished'] as const;

/**
 * What topic pages and the article page know about how stories and topics connect: topics that
 * appear together, and stories that share topics. Only published stories count, so a draft's
 * tags never surface on the site.
 */
export function createTopicRepo(db: Kysely<Database>) {
  return {
    /**
     * Tags that appear on the same published stories as `tagId`, most shared first (then by name).
     *
     * @example
     *   await topics.related(monsoon.id, 8) // [{ slug: 'kerala', stories: 3, … }, …]
     */
    async related(tagId: string, limit: number): Promise<RelatedTopic[]> {
      const rows = await db
        .selectFrom('article_tags as mine')
        .innerJoin('articles as a', 'a.id', 'mine.article_id')
        .innerJoin('article_tags as other', 'other.article_id', 'mine.article_id')
        .innerJoin('tags as t', 't.id', 'other.tag_id')
        .select(['t.id', 't.slug', 't.name', 't.kind', (eb) => eb.fn.countAll<number>().as('stories')])
        .where('mine.tag_id', '=', tagId)
        .where('other.tag_id', '<>', tagId)
        .where('a.status', '=', 'published')
        .groupBy(['t.id', 't.slug', 't.name', 't.kind'])
        .orderBy('stories', 'desc')
        .orderBy('t.name')
        .limit(limit)
        .execute();
      return rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind, stories: Number(r.stories) }));
    },

    /**
     * Published stories sharing tags with `articleId`, best first. Each shared tag counts
     * 1 / (published stories carrying it): a rare topic in common says more than a common one.
     * The sum is weighted by recency (recencyWeight); ties go to the newer story. Tags on more
     * than `commonTagLimit` stories bring no candidates of their own unless the story has nothing rarer.
     */
    async relatedStories(articleId: string, query: RelatedStoriesQuery): Promise<RelatedStoryRank[]> {
      const exclude = new Set([articleId, ...(query.excludeIds ?? [])]);
      const commonLimit = query.commonTagLimit ?? COMMON_TAG_LIMIT;
      const tagIds = (await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute()).map((r) => r.tag_id);
      if (!tagIds.length) return [];
      // Published stories per tag: all of its stories (from the index alone) less those not
      // published (few, found from the status index), rather than a status check per story.
      const [all, unpublished] = await Promise.all([
        db.selectFrom('article_tags').select(['tag_id', (eb) => eb.fn.countAll<number>().as('n')]).where('tag_id', 'in', tagIds).groupBy('tag_id').execute(),
        // A cross join keeps SQLite starting from the stories not published.
        db
          .selectFrom('articles as a')
          .crossJoin('article_tags as t')
          .whereRef('t.article_id', '=', 'a.id')
          .select(['t.tag_id', (eb) => eb.fn.countAll<number>().as('n')])
          .where('a.status', 'in', [...NOT_PUBLISHED])
          .where('t.tag_id', 'in', tagIds)
          .groupBy('t.tag_id')
          .execute(),
      ]);
      const hidden = new Map(unpublished.map((r) => [r.tag_id, Number(r.n)]));
      const published = new Map(all.map((r) => [r.tag_id, Number(r.n) - (hidden.get(r.tag_id) ?? 0)]).filter(([, n]) => (n as number) > 0) as [string, number][]);
      if (!published.size) return [];
      const cutoff = Math.max(commonLimit, Math.min(...published.values()));
      const counted = [...published].filter(([, n]) => n <= cutoff).map(([tagId]) => tagId);

      const candidates = new Set<string>();
      for (const tagId of counted) {
        const rows = await db.selectFrom('article_tags').select('article_id').where('tag_id', '=', tagId).orderBy('article_id', 'desc').limit(query.candidatesPerTag ?? CANDIDATES_PER_TAG).execute();
        for (const row of rows) if (!exclude.has(row.article_id)) candidates.add(row.article_id);
      }
      if (!candidates.size) return [];
      const ids = [...candidates];
      const [states, shared] = await Promise.all([
        db.selectFrom('articles').select(['id', 'published_at']).where('status', '=', 'published').where('id', 'in', ids).execute(),
        db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', ids).where('tag_id', 'in', counted).execute(),
      ]);
      const rarity = new Map<string, number>();
      for (const row of shared) rarity.set(row.article_id, (rarity.get(row.article_id) ?? 0) + 1 / published.get(row.tag_id)!);
      const weight = recencyWeight(query.now);
      const ranked = states.map((s) => ({ id: s.id, publishedAt: s.published_at ?? '', score: (rarity.get(s.id) ?? 0) * weight(s.published_at ?? '') }));
      // Best first; ties to the newer story, then the later id.
      ranked.sort((a, b) => b.score - a.score || (a.publishedAt < b.publishedAt ? 1 : a.publishedAt > b.publishedAt ? -1 : a.id < b.id ? 1 : -1));
      return ranked.slice(0, query.limit).map(({ id, score }) => ({ id, score }));
    },
  };
}

export type TopicRepo = ReturnType<typeof createTopicRepo>;
