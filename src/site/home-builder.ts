import { activeFrontPage, type ArticleTeaser, type StoredFrontPage, type TeaserFilter } from '../content/index.js';
import type { MediaView } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import type { Memo } from './generation-memo.js';
import type { MostReadLists } from './most-read.js';
import type { SiteInfo } from './site-info.js';
import { NEWEST_NEEDED, planFrontPage } from './front-page-plan.js';
import { homePage } from './templates/home-page.js';
import { teaserMediaIds } from './templates/teaser.js';

/** Stories a section rail shows at most; the grid adapts to fewer. */
export const RAIL_SIZE = 4;
export const MOST_READ_SIZE = 5;

export interface HomeBuilderDeps {
  site: () => SiteInfo;
  clock: Clock;
  /** Listings remembered per content generation (the page builder's). */
  latest: (filter: TeaserFilter, limit: number) => Promise<ArticleTeaser[]>;
  /** Most read in the last 24 hours and 7 days (most-read.ts), and the minute those lists belong to. */
  mostRead: (limit: number) => Promise<MostReadLists>;
  mostReadStamp: () => number;
  mediaViews: (ids: string[]) => Promise<Map<string, MediaView>>;
  memo: Memo;
  /** The editors' saved arrangement (null before the first save). */
  frontPage: () => Promise<StoredFrontPage | null>;
}

/**
 * The home page from the editors' arrangement and newest-first for the rest. The saved
 * arrangement is read once per content generation (a save bumps it); expiries are applied
 * at the moment of rendering, and `cacheKey` changes when the next one passes.
 */
export function createHomeBuilder(deps: HomeBuilderDeps) {
  const arrangement = () => deps.memo('front-page', deps.frontPage);
  const nowIso = () => deps.clock.now().toISOString();

  return {
    /**
     * The page cache's key for the home page: `/`, plus the instant the next pin or banner
     * lapses. A cached page built before that instant is then never served after it.
     */
    async cacheKey(): Promise<string> {
      try {
        const next = activeFrontPage((await arrangement())?.arrangement ?? null, nowIso()).nextChangeAt;
        // Most read moves with every view: the key changes each minute, so a cached page lags at most that.
        return `${next ? `/?until=${next}` : '/'}#${deps.mostReadStamp()}`;
      } catch {
        // Database unreachable: serve the page already cached, as every other page does.
        return `/#${deps.mostReadStamp()}`;
      }
    },

    async render(): Promise<string> {
      const info = deps.site();
      const active = activeFrontPage((await arrangement())?.arrangement ?? null, nowIso());
      const pinnedIds = [...(active.leadId ? [active.leadId] : []), ...active.topIds];
      const [pinned, fallback, newest, popular] = await Promise.all([
        pinnedIds.length ? deps.latest({ ids: pinnedIds }, pinnedIds.length) : Promise.resolve([]),
        deps.latest({ withPicture: true, excludeIds: active.topIds }, 1),
        deps.latest({}, NEWEST_NEEDED),
        deps.mostRead(MOST_READ_SIZE),
      ]);
      const plan = planFrontPage({ active, pinned, leadFallback: fallback[0] ?? null, newest, sections: info.sections });
      const rails = await Promise.all(plan.railSections.map(async (section) => ({ section, stories: await deps.latest({ sectionId: section.id, excludeIds: plan.shownIds }, RAIL_SIZE) })));
      const media = await deps.mediaViews(teaserMediaIds(plan.lead ? [plan.lead] : [], plan.top, ...rails.map((r) => r.stories)));
      return homePage({ site: info, breaking: plan.breaking, lead: plan.lead, top: plan.top, latest: plan.latest, rails, mostRead: popular, media });
    },
  };
}
