import { sql, type Kysely } from 'kysely';
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
}

const COMMON_TAG_LIMIT = 1000;

const DAY_MS = 86_400_000;

/**
 * Recency as steps of age, so the weight is a comparison of ISO text that both databases make
 * the same way (no date arithmetic, which differs between them). The weight follows
 * 1 / (1 + age / 30 days) at each step's start: a month-old story counts half a new one,
 * a year-old one about a thirteenth, so a story sharing a rare topic still outranks a new
 * one sharing only a common topic for a while.
 */
const AGE_STEPS_DAYS = [1, 3, 7, 14, 30, 60, 90, 180, 365, 730];

function recencyWeight(publishedAt: string, now: Date) {
  const cases = AGE_STEPS_DAYS.map((days, i) => {
    const since = new Date(now.getTime() - days * DAY_MS).toISOString();
    const startAge = i === 0 ? 0 : AGE_STEPS_DAYS[i - 1]!;
    return sql`when ${sql.ref(publishedAt)} >= ${since} then ${sql.lit(1 / (1 + startAge / 30))}`;
  });
  const oldest = 1 / (1 + AGE_STEPS_DAYS[AGE_STEPS_DAYS.length - 1]! / 30);
  return sql<number>`(case ${sql.join(cases, sql` `)} else ${sql.lit(oldest)} end)`;
}

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
      const exclude = [articleId, ...(query.excludeIds ?? [])];
      const limit = query.commonTagLimit ?? COMMON_TAG_LIMIT;
      // Written as CROSS JOINs from the story's own tags outwards: SQLite (which has no table
      // statistics here) keeps that order, where left alone it walked every published story by
      // the status index; PostgreSQL plans a cross join with conditions like any inner join.
      const rows = await db
        .with('df', (q) =>
          q
            .selectFrom('article_tags as mine')
            .crossJoin('article_tags as t')
            .crossJoin('articles as d')
            .select(['t.tag_id', (eb) => eb.fn.countAll<number>().as('n')])
            .where('mine.article_id', '=', articleId)
            .whereRef('t.tag_id', '=', 'mine.tag_id')
            .whereRef('d.id', '=', 't.article_id')
            .where('d.status', '=', 'published')
            .groupBy('t.tag_id'),
        )
        .selectFrom('df')
        .crossJoin('article_tags as s')
        .crossJoin('articles as a')
        .select(['a.id', sql<number>`sum(1.0 / ${sql.ref('df.n')}) * ${recencyWeight('a.published_at', query.now)}`.as('score')])
        .whereRef('s.tag_id', '=', 'df.tag_id')
        .where(sql<boolean>`${sql.ref('df.n')} <= (select case when min(n) > ${limit} then min(n) else ${limit} end from df)`)
        .whereRef('a.id', '=', 's.article_id')
        .where('a.status', '=', 'published')
        .where('a.id', 'not in', exclude)
        .groupBy(['a.id', 'a.published_at'])
        .orderBy('score', 'desc')
        .orderBy('a.published_at', 'desc')
        .orderBy('a.id', 'desc')
        .limit(query.limit)
        .execute();
      return rows.map((r) => ({ id: r.id, score: Number(r.score) }));
    },
  };
}

export type TopicRepo = ReturnType<typeof createTopicRepo>;
