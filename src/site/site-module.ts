import type { FastifyInstance } from 'fastify';
import type { ShareImages, ViewCounter } from '../audience/index.js';
import type { ContentModule } from '../content/index.js';
import type { MediaService, MediaStorage } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import { createDateFormatter } from './format-date.js';
import { createPageBuilder } from './page-builder.js';
import type { MostReadRanking } from './most-read.js';
import { createPageCache } from './page-cache.js';
import type { SiteInfo } from './site-info.js';
import { loadSiteAssets, sitePlugin } from './site-plugin.js';
import { siteImages } from './share-image.js';
import type { SearchService } from '../search/index.js';

/** The settings the public site follows; editors change them at run time. */
export interface SiteSettings {
  siteName: string;
  timeZone: string;
  locale: string;
  disclaimerTemplate: string;
  showPublishedTime: boolean;
  /** The site's X account for `twitter:site`, '' for none. */
  twitterHandle: string;
}

export interface SiteDeps {
  url: string;
  /** The site as configured, before any setting is read. */
  initial: SiteSettings;
  settings: () => Promise<SiteSettings>;
  pageCacheEntries: number;
  content: Pick<ContentModule, 'read' | 'sections' | 'people' | 'tags' | 'topics' | 'staticPages' | 'frontPage' | 'siteState'>;
  media: MediaService;
  mediaStorage: MediaStorage;
  clock: Clock;
  renderLogo: (siteName: string) => Promise<Buffer>;
  /** A story's share card and NewsArticle crops, when made from the story as it is now. */
  shareImages: (articleId: string, siteName: string) => Promise<ShareImages>;
  /** Draws the site-wide share image (site name and host). */
  renderSiteCard: (siteName: string, host: string) => Promise<Buffer>;
  /** Stories ranked by their views in the last hours (the audience module), for most read. */
  mostRead: MostReadRanking;
  /** Reader search for /search (src/search). */
  search?: SearchService;
}

/**
 * The public site: what every template knows about the site (re-read when content or
 * settings change), the page cache stamped with the content generation, the page builder
 * and the Fastify plugin that serves it all.
 */
export function createSiteModule(deps: SiteDeps) {
  const { content } = deps;
  const assets = loadSiteAssets();
  let site: SiteInfo = {
    name: deps.initial.siteName,
    url: deps.url,
    locale: deps.initial.locale,
    timeZone: deps.initial.timeZone,
    disclaimerTemplate: deps.initial.disclaimerTemplate,
    dates: createDateFormatter(deps.initial.locale, deps.initial.timeZone),
    sections: [],
    scriptPath: assets.scriptPath,
    css: assets.css,
    showPublishedTime: deps.initial.showPublishedTime,
    footerPages: [],
    twitterHandle: deps.initial.twitterHandle,
    ...siteImages(deps.initial.siteName, deps.url),
  };

  /** Sections and editable settings change at run time; both are re-read when content changes. */
  async function refreshSite() {
    const current = await deps.settings();
    const dates = current.timeZone === site.timeZone && current.locale === site.locale ? site.dates : createDateFormatter(current.locale, current.timeZone);
    site = {
      ...site,
      name: current.siteName,
      timeZone: current.timeZone,
      locale: current.locale,
      disclaimerTemplate: current.disclaimerTemplate,
      dates,
      sections: await content.sections.list(),
      showPublishedTime: current.showPublishedTime,
      footerPages: await content.staticPages.footerLinks(),
      twitterHandle: current.twitterHandle,
      ...siteImages(current.siteName, site.url),
    };
  }

  let lastGeneration = -1;
  const cache = createPageCache({
    maxEntries: deps.pageCacheEntries,
    checkEveryMs: 1000,
    // Sections appear in every page's navigation, so they are reloaded whenever content changes.
    readGeneration: async () => {
      const generation = await content.siteState.contentGeneration();
      if (generation !== lastGeneration) {
        await refreshSite();
        lastGeneration = generation;
      }
      return generation;
    },
  });
  const current = () => site;
  const pages = createPageBuilder({ read: content.read, media: deps.media, site: current, generation: () => cache.knownGeneration(), frontPage: () => content.frontPage.current(), clock: deps.clock, shareImages: (id) => deps.shareImages(id, site.name), mostRead: deps.mostRead, topics: content.topics });

  return {
    site: current,
    cache,
    pages,
    /** The calendar day of an instant in the site's time zone, as it is now. */
    dayKey: (date: Date) => site.dates.dayKey(date),
    /** Registers the public site's routes; `views` counts the beacons. */
    plugin: (app: FastifyInstance, extra: { views: ViewCounter }) =>
      app.register(sitePlugin, {
        pages,
        read: content.read,
        lookups: {
          sectionBySlug: (slug) => content.sections.findBySlug(slug),
          personBySlug: (slug) => content.people.findBySlug(slug),
          tagBySlug: (slug) => content.tags.topicBySlug(slug),
          staticPageBySlug: (slug) => content.staticPages.bySlug(slug),
        },
        views: extra.views,
        cache,
        site: current,
        assets,
        mediaStorage: deps.mediaStorage,
        renderLogo: () => deps.renderLogo(site.name),
        renderSiteCard: deps.renderSiteCard,
        search: deps.search,
      }),
  };
}

export type SiteModule = ReturnType<typeof createSiteModule>;
