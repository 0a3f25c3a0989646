import type { Generated } from 'kysely';

// What readers see and do: views by day, hour and minute, referrers and devices, share cards,
// the search index and the site's shared state.
// Part of the typed schema: `Database` in schema.ts names every table.

/**
 * A story's share card and NewsArticle crops (src/audience/share-cards): the inputs they were
 * drawn from (compared with the story's current ones to find stale cards), their files, and
 * the lease of the process drawing them. A row without `card_path` has no card (yet).
 */
export interface ShareCardTable {
  article_id: string;
  headline: Generated<string>;
  section_name: Generated<string>;
  language: Generated<string>;
  site_name: Generated<string>;
  /** CARD_DESIGN_VERSION when drawn; '' for a row claimed before its first card. */
  renderer: Generated<string>;
  /** The hero's media id and master path, '' without a hero. */
  hero_media_id: Generated<string>;
  hero_path: Generated<string>;
  focal_x: Generated<number>;
  focal_y: Generated<number>;
  /** cardHash and heroHash of the inputs above: they name the files. */
  hash: Generated<string>;
  hero_hash: Generated<string>;
  /** The card's key inside media/cards; null when none could be drawn (a script no bundled font has). */
  card_path: string | null;
  /** JSON array of { ratio, path, width, height }: the 16:9, 4:3 and 1:1 crops of the hero. */
  images: Generated<string>;
  made_at: string | null;
  claimed_by: string | null;
  /** Until when the claim holds; after a failure, when to try again. */
  claimed_until: string | null;
}

export interface ArticleViewsDailyTable {
  article_id: string;
  /** YYYY-MM-DD in the site's time zone. */
  day: string;
  views: number;
}

/** Views in the site-local hour that starts at `hour` (an ISO-8601 UTC instant). */
export interface ArticleViewsHourlyTable {
  article_id: string;
  hour: string;
  views: number;
}

/** Views in the minute that starts at `minute` (ISO-8601 UTC); kept two hours, for the live view. */
export interface ArticleViewsMinutelyTable {
  article_id: string;
  minute: string;
  views: number;
}

/** Views per day by referrer host (normalised; `direct` for none; `other` past the daily cap of hosts). */
export interface ArticleReferrersDailyTable {
  article_id: string;
  day: string;
  host: string;
  views: number;
}

export type DeviceClass = 'mobile' | 'tablet' | 'desktop';

/** Views per day by device class, read from the user agent. */
export interface ArticleDevicesDailyTable {
  article_id: string;
  day: string;
  device: DeviceClass;
  views: number;
}

/** Distinct readers of any story on a site-local day: a count; the hashes are never stored. */
export interface SiteVisitorsDailyTable {
  day: string;
  visitors: number;
}

/**
 * One published story in the search index (src/search). The text columns (and, on SQLite, the
 * FTS5 table `search_fts` keyed by `doc_id`) differ per database and are written by its adapter.
 */
export interface SearchDocumentTable {
  article_id: string;
  /** The story's version when indexed. */
  version: number;
  section_id: string;
  published_at: string;
}

/** Small key/value facts every node shares, e.g. the content generation for cache invalidation. */
export interface SiteStateTable {
  key: string;
  value: string;
}
