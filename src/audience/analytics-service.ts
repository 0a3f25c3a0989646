import type { Clock } from '../shared/clock.js';
import type { AnalyticsRepo, AnalyticsScope } from './analytics-repo.js';
import { DEVICE_CLASSES } from './device-class.js';
import { addDays, zonedDayStart, type TimeKeys } from './zoned-time.js';
import { createMostReadRanking } from './most-read-ranking.js';

export type Granularity = 'hour' | 'day' | 'month';

/** The longest range each granularity answers, in days: a chart of at most ~750 points. */
export const MAX_RANGE_DAYS: Record<Granularity, number> = { hour: 31, day: 731, month: 3660 };
export const LIVE_MINUTES = 30;

const HOUR = 3_600_000;
const MINUTE = 60_000;

export interface SeriesPoint {
  /** An ISO instant (the start of a site-local hour), a day `YYYY-MM-DD` or a month `YYYY-MM`. */
  t: string;
  views: number;
  /** The site's distinct readers that day (site-wide daily series only). */
  visitors?: number;
}

function months(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.slice(0, 7).split('-').map(Number) as [number, number];
  const end = to.slice(0, 7);
  for (;;) {
    const key = `${y}-${String(m).padStart(2, '0')}`;
    out.push(key);
    if (key >= end) return out;
    m = m === 12 ? 1 : m + 1;
    if (m === 1) y++;
  }
}

function days(from: string, to: string): string[] {
  const out: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) out.push(day);
  return out;
}

/**
 * Views over time with every empty slot filled in (a chart needs the zeros), the top stories,
 * referrers and devices of a period, the live last half hour, and one story's own numbers.
 * Periods are site-local days; hours are the site's hours.
 */
export function createAnalyticsService(deps: { repo: AnalyticsRepo; timeZone: () => string; timeKeys: (ms: number) => TimeKeys; clock: Clock }) {
  const { repo } = deps;
  const today = () => deps.timeKeys(deps.clock.now().getTime()).day;
  const mostRead = createMostReadRanking({
    source: {
      hourViews: repo.hourViews,
      publishedSections: repo.publishedSections,
      rankedSince: (since, limit, sectionId) => repo.rankedSince('article_views_hourly', since, limit, sectionId),
    },
    timeKeys: deps.timeKeys,
    clock: deps.clock,
  });

  async function series(scope: AnalyticsScope, granularity: Granularity, from: string, to: string) {
    let points: SeriesPoint[];
    if (granularity === 'hour') {
      const zone = deps.timeZone();
      const start = zonedDayStart(from, zone);
      const end = zonedDayStart(addDays(to, 1), zone);
      const found = await repo.hourly(scope, new Date(start).toISOString(), new Date(end).toISOString());
      points = [];
      for (let at = start; at < end; at += HOUR) {
        const t = new Date(at).toISOString();
        points.push({ t, views: found.get(t) ?? 0 });
      }
    } else if (granularity === 'day') {
      const [found, visitors] = await Promise.all([repo.daily(scope, from, to), scope.kind === 'site' ? repo.visitors(from, to) : null]);
      points = days(from, to).map((t) => ({ t, views: found.get(t) ?? 0, ...(visitors ? { visitors: visitors.get(t) ?? 0 } : {}) }));
    } else {
      const found = await repo.monthly(scope, from, to);
      points = months(from, to).map((t) => ({ t, views: found.get(t) ?? 0 }));
    }
    return { granularity, from, to, timeZone: deps.timeZone(), total: points.reduce((sum, p) => sum + p.views, 0), points };
  }

  async function devices(scope: AnalyticsScope, from: string, to: string) {
    const found = await repo.devices(scope, from, to);
    return DEVICE_CLASSES.map((device) => ({ device, views: found.get(device) ?? 0 }));
  }

  return {
    today,
    scopeExists: repo.scopeExists,
    series,
    devices,
    topStories: (scope: AnalyticsScope, from: string, to: string, limit: number) => repo.topStories(scope, from, to, limit),
    referrers: (scope: AnalyticsScope, from: string, to: string, limit: number) => repo.referrers(scope, from, to, limit),

    /** The last 30 minutes, per minute, ending with the minute now running, and what is read most in them. */
    async live() {
      const now = deps.clock.now().getTime();
      const first = Math.floor(now / MINUTE) * MINUTE - (LIVE_MINUTES - 1) * MINUTE;
      const since = new Date(first).toISOString();
      const [found, top] = await Promise.all([repo.minutes(since), repo.rankedSince('article_views_minutely', since, 5)]);
      const points = Array.from({ length: LIVE_MINUTES }, (_, i) => {
        const t = new Date(first + i * MINUTE).toISOString();
        return { t, views: found.get(t) ?? 0 };
      });
      return { asOf: new Date(now).toISOString(), total: points.reduce((sum, p) => sum + p.views, 0), points, top };
    },

    /** A story's own numbers for its editor: the total, today, the last 7 and 30 days, referrers and devices. */
    async article(id: string) {
      const total = await repo.articleTotal(id);
      if (total === null) return null;
      const scope: AnalyticsScope = { kind: 'article', id };
      const end = today();
      const start = addDays(end, -29);
      const [daily, referrers, byDevice] = await Promise.all([series(scope, 'day', start, end), repo.referrers(scope, start, end, 5), devices(scope, start, end)]);
      const last = (n: number) => daily.points.slice(-n).reduce((sum, p) => sum + p.views, 0);
      return { total, today: last(1), last7Days: last(7), last30Days: daily.total, days: daily.points, referrers, devices: byDevice };
    },

    /** Stories ranked by views in the last `hours` hours (the hour running now included), for most read. */
    mostRead,
  };
}

export type AnalyticsService = ReturnType<typeof createAnalyticsService>;
