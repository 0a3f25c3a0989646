import type { ArticleTeaser } from '../content/index.js';
import type { Clock } from '../shared/clock.js';

/** Stories ranked by their views in the last `hours` hours (the audience module's analytics). */
export type MostReadRanking = (hours: number, limit: number, sectionId?: string) => Promise<{ id: string; views: number }[]>;

export interface MostReadLists {
  /** The last 24 hours; each teaser's `views` is its views in the window. */
  day: ArticleTeaser[];
  /** The last 7 days. */
  week: ArticleTeaser[];
}

export const MOST_READ_WINDOWS = { day: 24, week: 7 * 24 } as const;
const MINUTE = 60_000;

/**
 * Most read in the last 24 hours and the last 7 days, for the home page and each section.
 * Views change all the time, pages are cached: the lists are read at most once a minute per
 * section, and `stamp()` (the minute) goes into the page-cache keys of pages that show them,
 * so a cached page is never more than a minute behind.
 */
export function createMostReadLists(deps: { ranking: MostReadRanking; teasers: (ids: string[]) => Promise<ArticleTeaser[]>; clock: Clock }) {
  let minute = -1;
  const lists = new Map<string, Promise<MostReadLists>>();
  const stamp = () => Math.floor(deps.clock.now().getTime() / MINUTE);

  async function ranked(hours: number, limit: number, sectionId: string | undefined): Promise<ArticleTeaser[]> {
    const ranking = await deps.ranking(hours, limit, sectionId);
    if (ranking.length === 0) return [];
    const byId = new Map((await deps.teasers(ranking.map((r) => r.id))).map((t) => [t.id, t]));
    return ranking.flatMap((r) => {
      const teaser = byId.get(r.id);
      return teaser ? [{ ...teaser, views: r.views }] : [];
    });
  }

  return {
    stamp,
    get(limit: number, sectionId?: string): Promise<MostReadLists> {
      const now = stamp();
      if (now !== minute) {
        lists.clear();
        minute = now;
      }
      const key = `${sectionId ?? ''}:${limit}`;
      let found = lists.get(key);
      if (!found) {
        found = Promise.all([ranked(MOST_READ_WINDOWS.day, limit, sectionId), ranked(MOST_READ_WINDOWS.week, limit, sectionId)]).then(([day, week]) => ({ day, week }));
        // A failed read is not remembered: the next page tries again.
        found.catch(() => lists.delete(key));
        lists.set(key, found);
      }
      return found;
    },
  };
}

export type MostRead = ReturnType<typeof createMostReadLists>;
