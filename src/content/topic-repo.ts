import { SqliteAdapter, sql, type Kysely } from 'kysely';
import { newestFirst, publishedLinks, type Database } from '../db/index.js';
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
  /**
   * How to remember what is read about each tag (its published count, its newest stories)
   * between calls: every story carrying the tag needs the same facts, so the page builder keeps
   * them for a content generation. Without it, each call reads them anew.
   */
  remember?: <T>(key: string, load: () => Promise<T>) => Promise<T>;
  /** The story's tags when the caller has just read them (the page has); else they are read here. */
  tagIds?: readonly string[];
}

/** One of a tag's newest published stories, as the ranking needs it. */
interface TagCandidate {
  id: string;
  /** Its publication time, ms since the epoch (-Infinity for none: the oldest). */
  publishedMs: number;
  tagIds: string[];
}

/** Ranking order: the better score first; ties to the newer story, then the later id. */
function before(a: RelatedStoryRank & { publishedMs: number }, b: RelatedStoryRank & { publishedMs: number }): boolean {
  if (a.score !== b.score) return a.score > b.score;
  if (a.publishedMs !== b.publishedMs) return a.publishedMs > b.publishedMs;
  return a.id > b.id;
}

const readAnew = <T>(_key: string, load: () => Promise<T>): Promise<T> => load();

const COMMON_TAG_LIMIT = 1000;

const DAY_MS = 86_400_000;

/**
 * Recency as steps of age: 1 / (1 + age / 30 days) at each step's start, so a month-old story
 * counts half a new one and a year-old one about a thirteenth, and a story sharing a rare topic
 * still outranks a new one sharing only a common topic for a while.
 */
const AGE_STEPS_DAYS = [1, 3, 7, 14, 30, 60, 90, 180, 365, 730];

/** The weight of a publication time (ms since the epoch) seen from `now`; each step's start is worked out once per ranking. */
export function recencyWeight(now: Date): (publishedMs: number) => number {
  const steps = AGE_STEPS_DAYS.map((days, i) => ({ since: now.getTime() - days * DAY_MS, weight: 1 / (1 + (i === 0 ? 0 : AGE_STEPS_DAYS[i - 1]!) / 30) }));
  const oldest = 1 / (1 + AGE_STEPS_DAYS[AGE_STEPS_DAYS.length - 1]! / 30);
  return (publishedMs) => {
    for (const step of steps) if (publishedMs >= step.since) return step.weight;
    return oldest;
  };
}

/**
 * Candidates each shared tag brings: its newest published stories. A tag on fewer stories brings
 * them all, and the ranking is exact; on a big archive the old tail, which recency weighs down
 * anyway, is left unread: related stories at 100,000 stories on SQLite cost 11–41 ms when every
 * story of a 2,000-story tag was scored, ~2 ms this way.
 */
export const CANDIDATES_PER_TAG = 200;

/**
 * What topic pages and the article page know about how stories and topics connect: topics that
 * appear together, and stories that share topics. Only published stories count, so a draft's
 * tags never surface on the site.
 */
export function createTopicRepo(db: Kysely<Database>) {
  const onSqlite = db.getExecutor().adapter instanceof SqliteAdapter;
  /**
   * Published stories carrying a tag, from the index alone: a tag holds its story's date while the
   * story is published, and null otherwise (migration 0026).
   */
  async function publishedWithTag(tagId: string): Promise<number> {
    const row = await publishedLinks(db, { tagId }).select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    return Number(row.n);
  }

  /** A tag's newest published stories (at most `limit`), newest first, each with every tag it carries: from the index of migration 0026. */
  async function newestWithTag(tagId: string, limit: number): Promise<TagCandidate[]> {
    const newest = await newestFirst(publishedLinks(db, { tagId })).select(['l.article_id', 'l.published_at']).limit(limit).execute();
    if (!newest.length) return [];
    const tags = await db.selectFrom('article_tags').select(['article_id', 'tag_id']).where('article_id', 'in', newest.map((r) => r.article_id)).execute();
    const tagsOf = new Map<string, string[]>();
    for (const row of tags) {
      const list = tagsOf.get(row.article_id);
      if (list) list.push(row.tag_id);
      else tagsOf.set(row.article_id, [row.tag_id]);
    }
    // Newest first, so the ranking can stop reading a list where age alone rules the rest out.
    return newest.map((s) => ({ id: s.article_id, publishedMs: Date.parse(s.published_at!), tagIds: tagsOf.get(s.article_id) ?? [] }));
  }

  return {
    /**
     * Tags that appear on the same published stories as `tagId`, most shared first (then by name).
     *
     * @example
     *   await topics.related(monsoon.id, 8) // [{ slug: 'kerala', stories: 3, … }, …]
     */
    async related(tagId: string, limit: number): Promise<RelatedTopic[]> {
      // Published stories only: their tags hold the date (migration 0026), and no story is read.
      const mine = db.selectFrom('article_tags as mine').where('mine.tag_id', '=', tagId).where('mine.published_at', 'is not', null);
      // Each story's other tags, looked up by story. PostgreSQL, given the plain join, hashed every
      // tag link of the archive to meet a big topic's stories (23–28 ms for 1,991 stories at 100,000,
      // estimating the look-ups dearer than they are); `offset 0` keeps its lateral form a look-up
      // per story (9 ms). SQLite looks up by story anyway, and has no lateral join.
      const shared = onSqlite
        ? mine.innerJoin('article_tags as other', 'other.article_id', 'mine.article_id').where('other.tag_id', '<>', tagId).select('other.tag_id')
        : mine
            .innerJoinLateral(
              (eb) => eb.selectFrom('article_tags as o').select('o.tag_id').whereRef('o.article_id', '=', 'mine.article_id').where('o.tag_id', '<>', tagId).offset(sql.lit(0)).as('other'),
              (join) => join.onTrue(),
            )
            .select('other.tag_id');
      const rows = await db
        .selectFrom(shared.select((eb) => eb.fn.countAll<number>().as('stories')).groupBy('other.tag_id').as('c'))
        .innerJoin('tags as t', 't.id', 'c.tag_id')
        .select(['t.id', 't.slug', 't.name', 't.kind', 'c.stories'])
        .orderBy('c.stories', 'desc')
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
      if (query.limit <= 0) return [];
      const exclude = new Set([articleId, ...(query.excludeIds ?? [])]);
      const commonLimit = query.commonTagLimit ?? COMMON_TAG_LIMIT;
      const perTag = query.candidatesPerTag ?? CANDIDATES_PER_TAG;
      const remember = query.remember ?? readAnew;
      const tagIds = query.tagIds ?? (await db.selectFrom('article_tags').select('tag_id').where('article_id', '=', articleId).execute()).map((r) => r.tag_id);
      if (!tagIds.length) return [];
      const counts = await Promise.all(tagIds.map((tagId) => remember(`tag-published:${tagId}`, () => publishedWithTag(tagId))));
      const published = new Map(tagIds.map((tagId, i) => [tagId, counts[i]!] as const).filter(([, n]) => n > 0));
      if (!published.size) return [];
      const cutoff = Math.max(commonLimit, Math.min(...published.values()));
      const counted = [...published].filter(([, n]) => n <= cutoff).map(([tagId]) => tagId);

      const lists = await Promise.all(counted.map((tagId) => remember(`tag-candidates:${tagId}:${perTag}`, () => newestWithTag(tagId, perTag))));
      const countedTags = new Set(counted);
      const weight = recencyWeight(query.now);
      // The most a story could score before its age is weighed: every counted tag shared. (A hair
      // more, as its own sum may add the same fractions in another order.)
      let most = 0;
      for (const tagId of counted) most += 1 / published.get(tagId)!;
      most *= 1 + 1e-9;
      // The best `limit` kept in order as the candidates (hundreds on a big tag) go by: cheaper than
      // sorting them all. Each list is newest first and age only weighs a story down, so once even
      // `most` at a story's age falls below the last kept score, nothing further in that list can
      // enter: at 100,000 stories the ranking scored ~600 stories a page and was 8% of an uncached
      // article's time.
      const best: (RelatedStoryRank & { publishedMs: number })[] = [];
      const seen = new Set(exclude);
      for (const list of lists) {
        for (const story of list) {
          if (best.length === query.limit && most * weight(story.publishedMs) < best[best.length - 1]!.score) break;
          if (seen.has(story.id)) continue;
          seen.add(story.id);
          // Each tag the story shares with this one counts 1 / (its published stories).
          let rarity = 0;
          for (const tagId of story.tagIds) if (countedTags.has(tagId)) rarity += 1 / published.get(tagId)!;
          const ranked = { id: story.id, publishedMs: story.publishedMs, score: rarity * weight(story.publishedMs) };
          let at = best.length;
          while (at > 0 && before(ranked, best[at - 1]!)) at--;
          if (at >= query.limit) continue;
          best.splice(at, 0, ranked);
          if (best.length > query.limit) best.pop();
        }
      }
      return best.map(({ id, score }) => ({ id, score }));
    },
  };
}

export type TopicRepo = ReturnType<typeof createTopicRepo>;
