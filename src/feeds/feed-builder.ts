import type { MediaView } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import { laterOf } from './feed-dates.js';
import { buildFeedItems } from './feed-items.js';
import { feedPath, ownerPath, type FeedFormat, type FeedOwner } from './feed-paths.js';
import type { FeedRepo, FeedScope } from './feed-repo.js';
import { FEED_WRITERS, type FeedChannel } from './feed-writers.js';

/** The editable settings feeds follow (src/admin/settings-service.ts). */
export interface FeedSettings {
  siteName: string;
  locale: string;
  disclaimerTemplate: string;
  /** Feeds carry each story's full text (content:encoded, Atom content, content_html), else its summary. */
  feedFullText: boolean;
}

/** The lookups a feed's owner is found by; each answers null for a slug nobody has. */
export interface FeedLookups {
  sectionBySlug(slug: string): Promise<{ id: string; name: string; description: string } | null>;
  personBySlug(slug: string): Promise<{ id: string; name: string; bio: string } | null>;
  tagBySlug(slug: string): Promise<{ id: string; name: string } | null>;
}

export interface FeedBuilderDeps {
  repo: FeedRepo;
  lookups: FeedLookups;
  mediaViews: (ids: string[]) => Promise<Map<string, MediaView>>;
  siteUrl: string;
  clock: Clock;
  /** How many of the newest stories a feed carries. */
  itemCount: number;
}

export interface BuiltFeed {
  body: string;
  /** The newest item's time (ISO), or null for a feed with no items. */
  lastModified: string | null;
}

/** Feeds carry the newest 30 stories: a day of a busy desk, small enough to poll often. */
export const FEED_ITEM_COUNT = 30;

export function createFeedBuilder(deps: FeedBuilderDeps) {
  const { repo, lookups, siteUrl } = deps;

  /**
   * Whose stories and what the feed is called; null for an unknown slug. An author or topic
   * with no published story has no page (src/site/page-builder.ts), so it has no feed either.
   */
  async function resolve(owner: FeedOwner, siteName: string): Promise<{ scope: FeedScope; title: string; description: string; mustHaveItems: boolean } | null> {
    if (owner.kind === 'site') return { scope: {}, title: siteName, description: `The latest news from ${siteName}.`, mustHaveItems: false };
    if (owner.kind === 'section') {
      const section = await lookups.sectionBySlug(owner.slug);
      return section && { scope: { sectionId: section.id }, title: `${siteName}: ${section.name}`, description: section.description || `${section.name} from ${siteName}.`, mustHaveItems: false };
    }
    if (owner.kind === 'author') {
      const person = await lookups.personBySlug(owner.slug);
      return person && { scope: { personId: person.id }, title: `${siteName}: ${person.name}`, description: person.bio || `Stories by ${person.name} in ${siteName}.`, mustHaveItems: true };
    }
    const tag = await lookups.tagBySlug(owner.slug);
    return tag && { scope: { tagId: tag.id }, title: `${siteName}: ${tag.name}`, description: `Stories about ${tag.name} in ${siteName}.`, mustHaveItems: true };
  }

  return {
    /** The feed of `owner` in `format`, or null when there is no such section, author or topic. */
    async build(owner: FeedOwner, format: FeedFormat, settings: FeedSettings): Promise<BuiltFeed | null> {
      const found = await resolve(owner, settings.siteName);
      if (!found) return null;
      const rows = await repo.latest(found.scope, deps.itemCount, settings.feedFullText);
      if (found.mustHaveItems && rows.length === 0) return null;
      const items = await buildFeedItems(rows, { siteUrl, fullText: settings.feedFullText, disclaimerTemplate: settings.disclaimerTemplate, mediaViews: deps.mediaViews });
      const lastModified = items.reduce<string | null>((newest, item) => laterOf(newest, laterOf(item.published, item.updated)), null);
      const channel: FeedChannel = {
        title: found.title,
        description: found.description,
        homeUrl: siteUrl + ownerPath(owner),
        feedUrls: { rss: siteUrl + feedPath(owner, 'rss'), atom: siteUrl + feedPath(owner, 'atom'), json: siteUrl + feedPath(owner, 'json') },
        language: settings.locale,
        siteName: settings.siteName,
        siteUrl,
        // An empty feed still needs an update time (Atom requires one): when it was built.
        updated: lastModified ?? deps.clock.now().toISOString(),
      };
      return { body: FEED_WRITERS[format](channel, items), lastModified };
    },
  };
}

export type FeedBuilder = ReturnType<typeof createFeedBuilder>;
