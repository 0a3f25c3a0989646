import type { Clock } from '../shared/clock.js';
import type { TimeKeys } from './zoned-time.js';

const HOUR = 3_600_000;
const MINUTE = 60_000;
/** The longest window kept in memory: most read's week. Longer ones are summed by the database. */
export const RANKING_MAX_HOURS = 7 * 24;
/**
 * An hour is read once and kept only when it ended this long ago: views buffered by any process
 * are flushed within seconds, so after this the hour's counts no longer change.
 */
export const HOUR_SETTLED_MS = 2 * MINUTE;

export interface RankingSource {
  /** Views per story in one hour (an ISO hour key from the view counter). */
  hourViews(hour: string): Promise<Map<string, number>>;
  /** Section of each of these stories that is published now; others are left out. */
  publishedSections(ids: string[]): Promise<Map<string, string>>;
  /** Fallback for windows longer than RANKING_MAX_HOURS: the database's own sum. */
  rankedSince(since: string, limit: number, sectionId?: string): Promise<{ id: string; views: number }[]>;
}

interface Ranked {
  id: string;
  views: number;
  sectionId: string;
}

/**
 * Stories ranked by their views in the last N hours (the hour running now included), for most
 * read on the home page and every section. Summing a week of hourly rows per read cost 45–90 ms
 * on SQLite at 100,000 stories, once per window and section each minute, blocking every request
 * behind it. Here each settled hour is read once (a few hundred rows), kept, and added to the
 * windows' running sums as it enters and subtracted as it leaves; only the running hour and one
 * that ended moments ago are read again, once a minute. The database stays the truth, so every
 * process and node ranks the same views.
 */
export function createMostReadRanking(deps: { source: RankingSource; timeKeys: (ms: number) => TimeKeys; clock: Clock }) {
  /** Settled hours' counts, by hour start (ms). */
  const hours = new Map<number, Map<string, number>>();
  /** Per window length: the running sum over its settled hours, and which hours are in it. */
  const windows = new Map<number, { sums: Map<string, number>; included: Set<number> }>();
  /** This minute's lists, and the windows they were made for (a new window needs a new run). */
  let refreshed: { minute: number; windows: number; done: Promise<Map<number, Ranked[]>> } | null = null;
  /** Runs change the running sums, so they take turns. */
  let previous: Promise<unknown> = Promise.resolve();

  function add(sums: Map<string, number>, counts: Map<string, number>, sign: 1 | -1) {
    for (const [id, views] of counts) {
      const next = (sums.get(id) ?? 0) + sign * views;
      if (next > 0) sums.set(id, next);
      else sums.delete(id);
    }
  }

  async function hourCounts(start: number, settled: boolean): Promise<Map<string, number>> {
    const kept = hours.get(start);
    if (kept) return kept;
    const counts = await deps.source.hourViews(new Date(start).toISOString());
    if (settled) hours.set(start, counts);
    return counts;
  }

  async function rank(now: number): Promise<Map<number, Ranked[]>> {
    const current = Date.parse(deps.timeKeys(now).hour);
    // Hours still taking views: read again on each refresh, never kept.
    const fresh = new Map<number, Map<string, number>>();
    const totals = new Map<number, Map<string, number>>();
    for (const [length, window] of windows) {
      const first = current - (length - 1) * HOUR;
      for (const start of window.included) {
        if (start < first) {
          add(window.sums, await hourCounts(start, true), -1);
          window.included.delete(start);
        }
      }
      const sums = new Map(window.sums);
      // One query per hour, each a few hundred rows: the event loop is never held for long.
      for (let start = first; start <= current; start += HOUR) {
        if (window.included.has(start)) continue;
        const settled = start + HOUR + HOUR_SETTLED_MS <= now;
        if (settled) {
          const counts = await hourCounts(start, true);
          add(window.sums, counts, 1);
          window.included.add(start);
          add(sums, counts, 1);
        } else {
          let counts = fresh.get(start);
          if (!counts) fresh.set(start, (counts = await hourCounts(start, false)));
          add(sums, counts, 1);
        }
      }
      totals.set(length, sums);
    }
    const oldest = current - (RANKING_MAX_HOURS - 1) * HOUR;
    for (const start of hours.keys()) if (start < oldest) hours.delete(start);
    const ids = new Set<string>();
    for (const sums of totals.values()) for (const id of sums.keys()) ids.add(id);
    const sections = await deps.source.publishedSections([...ids]);
    const ranked = new Map<number, Ranked[]>();
    for (const [length, sums] of totals) {
      const list: Ranked[] = [];
      for (const [id, views] of sums) {
        const sectionId = sections.get(id);
        if (sectionId !== undefined) list.push({ id, views, sectionId });
      }
      // Most views first; ties by id, as the database's ranking orders them.
      list.sort((a, b) => b.views - a.views || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      ranked.set(length, list);
    }
    return ranked;
  }

  function lists(now: number): Promise<Map<number, Ranked[]>> {
    const minute = Math.floor(now / MINUTE);
    if (refreshed?.minute !== minute || refreshed.windows !== windows.size) {
      const done = previous.then(() => rank(now));
      previous = done.catch(() => {});
      // A failed read is not remembered: the next call tries again (the running sums stay
      // right, as an hour is counted in only together with being marked as in).
      done.catch(() => {
        if (refreshed?.done === done) refreshed = null;
      });
      refreshed = { minute, windows: windows.size, done };
    }
    return refreshed.done;
  }

  return async function mostRead(hoursBack: number, limit: number, sectionId?: string): Promise<{ id: string; views: number }[]> {
    if (!Number.isInteger(hoursBack) || hoursBack < 1) throw new RangeError(`hours must be a whole number from 1 (got ${hoursBack})`);
    const now = deps.clock.now().getTime();
    if (hoursBack > RANKING_MAX_HOURS) {
      const current = Date.parse(deps.timeKeys(now).hour);
      const rows = await deps.source.rankedSince(new Date(current - (hoursBack - 1) * HOUR).toISOString(), limit, sectionId);
      return rows.map(({ id, views }) => ({ id, views }));
    }
    if (!windows.has(hoursBack)) windows.set(hoursBack, { sums: new Map(), included: new Set() });
    const list = (await lists(now)).get(hoursBack) ?? [];
    const out: { id: string; views: number }[] = [];
    for (const entry of list) {
      if (sectionId !== undefined && entry.sectionId !== sectionId) continue;
      out.push({ id: entry.id, views: entry.views });
      if (out.length >= limit) break;
    }
    return out;
  };
}
