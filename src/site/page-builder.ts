import type { ArticleReadRepo, ArticleTeaser, ArticleView, Section, TeaserFilter, Topic, TopicRepo } from '../content/index.js';
import type { MediaService, MediaView } from '../media/index.js';
import type { ShareImages } from '../audience/index.js';
import { documentMediaIds, readingMinutes, renderDocument, type ResolvedImage } from '../doc/index.js';
import type { SiteInfo } from './site-info.js';
import { articlePage } from './templates/article-page.js';
import { listingPage, type ListingPageInput } from './templates/listing-page.js';
import { topicPage } from './templates/topic-page.js';
import { teaserMediaIds } from './templates/teaser.js';
import { responsiveSet } from './templates/picture.js';
import { createGenerationMemo } from './generation-memo.js';
import { createHomeBuilder, MOST_READ_SIZE } from './home-builder.js';
import { createMostReadLists, type MostReadRanking } from './most-read.js';
import { mostReadHtml } from './templates/most-read.js';
import type { StoredFrontPage } from '../content/index.js';
import type { Clock } from '../shared/clock.js';
import { staticPage } from './templates/static-page.js';
import type { StaticPage } from '../content/index.js';
import { excerpt } from '../doc/index.js';
import { feedLinks, type FeedOwner } from '../feeds/index.js';

export const PAGE_SIZE = 12;
/** Stories in an article's "Related stories" rail: one row of cards on a desktop. */
export const RELATED_STORIES = 4;
/** Topics a topic page links to as related. */
export const RELATED_TOPICS = 8;
/** Deeper pages are refused outright: no listing is that long, and an OFFSET that large is a cheap attack. */
export const MAX_PAGE = 1000;
/** Stories in an article's "More from <section>" rail. */
export const MORE_FROM_SECTION = 4;
/** Story teasers remembered per content generation, for related-story rails. */
const TEASERS_REMEMBERED = 5000;
/** Tag facts remembered per content generation: two entries a tag (about 50 KB for a tag on 200+ stories). */
const TAG_FACTS_REMEMBERED = 4000;

export interface PageBuilderDeps {
  read: ArticleReadRepo;
  media: MediaService;
  site: () => SiteInfo;
  /** The content generation the page cache knows; shared listings are remembered per generation. */
  generation: () => number;
  /** The editors' front-page arrangement; pins and the banner lapse by this clock. */
  frontPage: () => Promise<StoredFrontPage | null>;
  clock: Clock;
  /** A story's share card and NewsArticle crops, when made from the story as it is now. */
  shareImages: (articleId: string) => Promise<ShareImages>;
  /** Stories ranked by recent views (the audience module), for most read. */
  mostRead: MostReadRanking;
  /** How topics and stories connect through their tags: related topics and related stories. */
  topics: Pick<TopicRepo, 'related' | 'relatedStories'>;
}

/** Every media id an inline picture in the body points at (the Content API needs it too, so it lives in doc/). */
export const bodyMediaIds = documentMediaIds;

function resolvedImage(media: MediaView): ResolvedImage | null {
  const set = responsiveSet(media, 'full');
  if (!set) return null;
  return { ...set, sizes: '(min-width: 1000px) 680px, 100vw', alt: media.alt, caption: media.caption || null, credit: media.credit || null };
}

export interface ArticlePageData {
  article: ArticleView;
  inlineIds: string[];
  related: ArticleTeaser[];
  moreFromSection: ArticleTeaser[];
  media: Map<string, MediaView>;
  share: ShareImages;
}

/**
 * Gathers what a page needs and renders it. Returns null when the thing asked for
 * does not exist (the route answers 404); the routes decide status and caching.
 */
export function createPageBuilder({ read, media: mediaService, site, generation, frontPage, clock, shareImages, mostRead: mostReadRanking, topics }: PageBuilderDeps) {
  const memo = createGenerationMemo(generation);
  // What related-story ranking reads about each tag (its published count, its newest stories) is
  // the same for every story carrying it: kept apart from the per-page entries above, which a
  // reader walking the archive would otherwise push out. A tag's list holds at most 200 stories.
  const tagFacts = createGenerationMemo(generation, TAG_FACTS_REMEMBERED);
  // Listings and thumbnails are shared by many pages: read once per content generation.
  const latest = (filter: TeaserFilter, limit: number, offset = 0) => memo(`latest:${JSON.stringify(filter)}:${limit}:${offset}`, () => read.latest(filter, limit, offset));
  const countPublished = (filter: TeaserFilter) => memo(`count:${JSON.stringify(filter)}`, () => read.countPublished(filter));
  // Most read by the last 24 hours and 7 days of views, re-read each minute (most-read.ts).
  const popular = createMostReadLists({ ranking: mostReadRanking, teasers: (ids) => latest({ ids }, ids.length), clock });
  const mostRead = (limit: number) => popular.get(limit);
  const media = { views: (ids: string[]) => memo(`media:${ids.join(',')}`, () => mediaService.views(ids)) };
  const home = createHomeBuilder({ site, clock, latest, mostRead, mostReadStamp: popular.stamp, mediaViews: media.views, memo, frontPage });
  const feedsOf = (owner: FeedOwner, name: string) => feedLinks(site().url, site().name, owner, name);
  const relatedTopics = (tagId: string) => memo(`related-topics:${tagId}`, () => topics.related(tagId, RELATED_TOPICS));

  /**
   * Stories sharing the article's tags, rarer tags and newer stories first (topic-repo.ts),
   * in that order. Remembered per content generation like the other rails: the page cache
   * holds the rendered page, so this runs once per story after each change.
   */
  function relatedStories(article: ArticleView): Promise<ArticleTeaser[]> {
    if (!article.tags.length) return Promise.resolve([]);
    return memo(`related-stories:${article.id}`, async () => {
      const ranked = await topics.relatedStories(article.id, { limit: RELATED_STORIES, now: clock.now(), remember: tagFacts, tagIds: article.tagIds });
      const found = await Promise.all(ranked.map((r) => teaser(r.id)));
      return found.filter((t): t is ArticleTeaser => !!t);
    });
  }

  /**
   * One published story's teaser, remembered per content generation: the same few stories are
   * "related" to many others (the newest of each tag rank first), so a reader walking the archive
   * mostly finds them here. Ids asked for in the same tick are read in one query.
   */
  const teaserMemo = createGenerationMemo(generation, TEASERS_REMEMBERED);
  let batch: { ids: string[]; loaded: Promise<ArticleTeaser[]> } | null = null;
  function teaser(id: string): Promise<ArticleTeaser | undefined> {
    return teaserMemo(`teaser:${id}`, () => {
      if (!batch) {
        const ids: string[] = [];
        batch = {
          ids,
          loaded: Promise.resolve().then(() => {
            batch = null;
            return read.latest({ ids }, ids.length);
          }),
        };
      }
      batch.ids.push(id);
      return batch.loaded.then((teasers) => teasers.find((t) => t.id === id));
    });
  }

  /**
   * "More from" the article's section: its newest stories less this one and those already shown
   * as related. Read as one list per section (enough to fill the rail whatever is left out), so
   * every story of a section shares it.
   */
  async function moreFromSection(article: ArticleView, related: ArticleTeaser[]): Promise<ArticleTeaser[]> {
    const shown = new Set([article.id, ...related.map((r) => r.id)]);
    const newest = await latest({ sectionId: article.sectionId }, MORE_FROM_SECTION + 1 + RELATED_STORIES);
    return newest.filter((t) => !shown.has(t.id)).slice(0, MORE_FROM_SECTION);
  }

  /**
   * Reading time needs a word count of the whole body, which costs more than
   * rendering it; it only changes when the article is saved, so it is remembered
   * per article version.
   */
  const readingTimes = new Map<string, number>();
  function minutesFor(article: ArticleView): number {
    const key = `${article.id}:${article.version}`;
    let minutes = readingTimes.get(key);
    if (minutes === undefined) {
      minutes = readingMinutes(article.body);
      if (readingTimes.size > 5000) readingTimes.clear();
      readingTimes.set(key, minutes);
    }
    return minutes;
  }

  /**
   * A listing page, or null past its last page. `publishedOnly`: an author or topic
   * page exists only while a published story carries that byline or tag, so a tag or
   * a byline made for a draft does not leak before the story is out. Sections are
   * navigation and always have a page.
   */
  async function listing(filter: TeaserFilter, page: number, input: Omit<ListingPageInput, 'site' | 'stories' | 'media' | 'page' | 'pageCount'>, publishedOnly = false): Promise<string | null> {
    const slice = await listingSlice(filter, page, publishedOnly);
    return slice && listingPage({ ...input, site: site(), ...slice });
  }

  /** One page of a listing's stories with their pictures, or null past the last page. */
  async function listingSlice(filter: TeaserFilter, page: number, publishedOnly: boolean) {
    const total = await countPublished(filter);
    if (publishedOnly && total === 0) return null;
    const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
    if (page > pageCount) return null;
    const stories = await latest(filter, PAGE_SIZE, (page - 1) * PAGE_SIZE);
    const views = await media.views(teaserMediaIds(stories));
    return { stories, media: views, page, pageCount };
  }

  return {
    /** The front page: the editors' arrangement, newest first for the rest (home-builder.ts). */
    home: () => home.render(),
    /** The home page's page-cache key, which changes when a pin or the banner lapses. */
    homeKey: () => home.cacheKey(),

    /** Everything the article page shows besides the article: split out so rendering can be measured alone. */
    async articleData(article: ArticleView): Promise<ArticlePageData> {
      const inlineIds = bodyMediaIds(article.body);
      const related = await relatedStories(article);
      const more = await moreFromSection(article, related);
      const [views, share] = await Promise.all([media.views([...(article.heroMediaId ? [article.heroMediaId] : []), ...inlineIds, ...teaserMediaIds(related, more)]), shareImages(article.id)]);
      return { article, inlineIds, related, moreFromSection: more, media: views, share };
    },

    renderArticle(data: ArticlePageData): string {
      const { article, media: views } = data;
      const bodyHtml = renderDocument(article.body, {
        resolveImage: (id) => {
          const item = views.get(id);
          return item ? resolvedImage(item) : null;
        },
      });
      const inlineDisclaimerCredits = data.inlineIds.map((id) => views.get(id)).filter((m): m is MediaView => !!m && m.showDisclaimer).map((m) => m.credit);
      return articlePage({
        site: site(),
        article,
        bodyHtml,
        readingMinutes: minutesFor(article),
        media: views,
        inlineDisclaimerCredits,
        related: data.related,
        moreFromSection: data.moreFromSection,
        seo: { share: data.share, inlineIds: data.inlineIds },
      });
    },

    async article(article: ArticleView): Promise<string> {
      return this.renderArticle(await this.articleData(article));
    },

    section: async (section: Section, page: number) => {
      const aside = mostReadHtml({ lists: await popular.get(MOST_READ_SIZE, section.id), id: 'section-popular', title: `Most read in ${section.name}`, className: 'section-popular' });
      return listing({ sectionId: section.id }, page, { basePath: `/${encodeURIComponent(section.slug)}`, kicker: 'Section', title: section.name, description: section.description, activeSectionSlug: section.slug, feeds: feedsOf({ kind: 'section', slug: section.slug }, section.name), seo: { kind: 'section' }, aside });
    },

    /** The minute most-read lists belong to: part of the page-cache key of every page that shows them. */
    mostReadStamp: () => popular.stamp(),

    author: (person: { id: string; slug: string; name: string; bio: string; links?: Record<string, string> }, page: number) =>
      listing({ personId: person.id }, page, { basePath: `/author/${encodeURIComponent(person.slug)}`, kicker: 'Author', title: person.name, description: person.bio, feeds: feedsOf({ kind: 'author', slug: person.slug }, person.name), seo: { kind: 'author', person } }, true),

    /** A topic's timeline with its description and related topics (templates/topic-page.ts). */
    async topic(tag: Topic, page: number): Promise<string | null> {
      const slice = await listingSlice({ tagId: tag.id }, page, true);
      if (!slice) return null;
      return topicPage({ site: site(), topic: tag, ...slice, related: await relatedTopics(tag.id), feeds: feedsOf({ kind: 'topic', slug: tag.slug }, tag.name) });
    },

    /** About, Contact, Privacy: the body goes through the same allow-list renderer as a story's. */
    async staticPage(page: StaticPage): Promise<string> {
      const views = await media.views(bodyMediaIds(page.body));
      const bodyHtml = renderDocument(page.body, { resolveImage: (id) => (views.get(id) ? resolvedImage(views.get(id)!) : null) });
      return staticPage({ site: site(), page, bodyHtml, summary: excerpt(page.body, 200) });
    },
  };
}

export type PageBuilder = ReturnType<typeof createPageBuilder>;
