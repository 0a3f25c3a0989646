import type { Generated } from 'kysely';

/**
 * The typed database schema. Portable on purpose: ids are text, timestamps are
 * ISO-8601 UTC text (sortable as strings), booleans are 0/1 integers and JSON is
 * text, so SQLite and PostgreSQL return identical rows to the same query.
 */
export interface Database {
  sections: SectionTable;
  people: PersonTable;
  users: UserTable;
  media: MediaTable;
  media_variants: MediaVariantTable;
  articles: ArticleTable;
  article_authors: ArticleAuthorTable;
  tags: TagTable;
  article_tags: ArticleTagTable;
  revisions: RevisionTable;
  slug_history: SlugHistoryTable;
  corrections: CorrectionTable;
  article_views_daily: ArticleViewsDailyTable;
  site_state: SiteStateTable;
  sessions: SessionTable;
  api_keys: ApiKeyTable;
  login_attempts: LoginAttemptTable;
  static_pages: StaticPageTable;
  account_tokens: AccountTokenTable;
  article_views_hourly: ArticleViewsHourlyTable;
  article_views_minutely: ArticleViewsMinutelyTable;
  article_referrers_daily: ArticleReferrersDailyTable;
  article_devices_daily: ArticleDevicesDailyTable;
  site_visitors_daily: SiteVisitorsDailyTable;
  share_cards: ShareCardTable;
  wire_sources: WireSourceTable;
  incoming_items: IncomingItemTable;
  work_leases: WorkLeaseTable;
  search_documents: SearchDocumentTable;
  entity_suggestions: EntitySuggestionTable;
}

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

/** A simple page editors write (About, Contact, Editorial standards, Privacy). */
export interface StaticPageTable {
  id: string;
  slug: string;
  title: string;
  /** The body document as JSON text, like an article's. */
  body: string;
  position: number;
  /** 1 when the footer links to it. */
  in_footer: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export type AccountTokenPurpose = 'invite' | 'reset';

/** A one-time link to set a password: an invitation or a reset. Only the hash of the token is kept. */
export interface AccountTokenTable {
  token_hash: string;
  user_id: string;
  purpose: AccountTokenPurpose;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  created_by: string | null;
}

/** One sign-in rate-limit window: `key` is a hash of "account:<e-mail>" or "address:<ip>". */
export interface LoginAttemptTable {
  key: string;
  count: number;
  /** When the window ends (ISO-8601 UTC); the next attempt after it starts a new one. */
  reset_at: string;
}

export interface SessionTable {
  id: string;
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: string;
  last_seen_at: string;
  expires_at: string;
  user_agent: string;
}

export type ApiKeyScope = 'content-read' | 'admin';

export interface ApiKeyTable {
  id: string;
  name: string;
  scope: ApiKeyScope;
  /** The first characters of the key, shown in lists so people can tell keys apart. */
  prefix: string;
  key_hash: string;
  user_id: string;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface SectionTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  created_at: string;
}

export interface PersonTable {
  id: string;
  slug: string;
  name: string;
  bio: string;
  photo_media_id: string | null;
  /** JSON object: network → URL. */
  links: string;
  created_at: string;
}

export type Role = 'contributor' | 'author' | 'editor' | 'admin';

export interface UserTable {
  id: string;
  email: string;
  name: string;
  role: Role;
  person_id: string | null;
  password_hash: string | null;
  disabled: number;
  created_at: string;
}

/**
 * 'awaiting': reserved, the original is still to be made (demo pictures at first start);
 * 'filling': a process has claimed it to make the original; 'pending': the AVIF variants are
 * still to be made; 'processing': a process has claimed that work; then 'ready' or 'failed'.
 */
export type VariantState = 'awaiting' | 'filling' | 'pending' | 'processing' | 'ready' | 'failed';

export interface MediaTable {
  id: string;
  kind: 'image';
  /** Path of the original, relative to the media root. Never derived from an uploaded file name. */
  original_path: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  alt: string;
  caption: string;
  credit: string;
  source_url: string | null;
  licence: string;
  show_disclaimer: number;
  focal_x: number;
  focal_y: number;
  /** 'pending' until the background job has made the AVIF variants; 'awaiting' before the original exists. */
  variants_state: VariantState;
  created_at: string;
  uploaded_by: string | null;
  /** The claim token of the process working on this item ('filling'/'processing'), else null. */
  claimed_by: string | null;
  /** When that claim lapses and another process may take the work over (ISO-8601 UTC). */
  claimed_until: string | null;
}

export type VariantFormat = 'avif' | 'webp' | 'jpeg';

export interface MediaVariantTable {
  media_id: string;
  /** 'full' for responsive widths, 'thumb' for the fixed-ratio listing crop. */
  purpose: 'full' | 'thumb';
  format: VariantFormat;
  width: number;
  height: number;
  path: string;
  bytes: number;
}

export type ArticleStatus = 'draft' | 'submitted' | 'scheduled' | 'published' | 'unpublished';

export interface ArticleTable {
  id: string;
  slug: string;
  section_id: string;
  headline: string;
  standfirst: string;
  /** The body document as JSON text (see src/doc). */
  body: string;
  status: ArticleStatus;
  language: string;
  dateline_place: string | null;
  source: string | null;
  wire_id: string | null;
  /** The original's web address for a story taken from the Incoming queue (0011_wire_sources). */
  source_url: Generated<string | null>;
  hero_media_id: string | null;
  hero_caption: string | null;
  seo_title: string | null;
  seo_description: string | null;
  /** When the story first went public; never changes afterwards. */
  first_published_at: string | null;
  /** The publication time shown to readers ("Published On"). */
  published_at: string | null;
  /** Last public change after publication ("Updated On"); null when never updated. */
  updated_at: string | null;
  scheduled_at: string | null;
  embargo_until: string | null;
  created_at: string;
  /** Last save of any kind (drafts included). */
  modified_at: string;
  /** Optimistic-concurrency counter; bumped on every save. */
  version: number;
  /** Denormalised total of article_views_daily.views. */
  views: number;
  /** The user who created the story (ownership for contributors and authors). */
  created_by: string | null;
  /** The user who saved last (shown in conflict messages). */
  modified_by: string | null;
  /** Unpublished edits to a live (published or scheduled) story, as JSON of the editable fields; null when none. */
  working_copy: string | null;
  working_copy_at: string | null;
  working_copy_by: string | null;
}

export interface ArticleAuthorTable {
  article_id: string;
  person_id: string;
  position: number;
}

export type TagKind = 'topic' | 'person' | 'organisation' | 'place' | 'event' | 'thing';

export interface TagTable {
  id: string;
  slug: string;
  name: string;
  kind: TagKind;
  /** JSON array of alternative names. */
  aliases: string;
  /** Plain text shown on the topic page (0012_topics); '' for none. */
  description: Generated<string>;
  created_at: string;
}

export interface ArticleTagTable {
  article_id: string;
  tag_id: string;
  position: number;
}

export interface RevisionTable {
  id: string;
  article_id: string;
  version: number;
  /** JSON snapshot of the article as saved (with authors and tags). */
  snapshot: string;
  user_id: string | null;
  created_at: string;
  /** What made it: 'save', 'autosave' (one per editing session), 'update', 'restore', 'workflow', 'import'. */
  kind: Generated<RevisionKind>;
}

export type RevisionKind = 'save' | 'autosave' | 'update' | 'restore' | 'workflow' | 'import';

export interface SlugHistoryTable {
  old_slug: string;
  article_id: string;
  created_at: string;
}

export interface CorrectionTable {
  id: string;
  article_id: string;
  note: string;
  created_at: string;
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

export type { Generated };

export type WireSourceKind = 'rss' | 'ninjs' | 'folder';

/** A wire or press-release source (src/ingest): what to poll, how often, and how it went. */
export interface WireSourceTable {
  id: string;
  name: string;
  kind: WireSourceKind;
  url: string | null;
  /** For `folder` sources: a path under INGEST_FOLDER_ROOT. */
  folder: string | null;
  interval_minutes: Generated<number>;
  section_slug: string | null;
  /** The agency or issuing body, used as the story's source and the pictures' credit. */
  credit: string | null;
  auto_publish: Generated<number>;
  paused: Generated<number>;
  /** Hours a queued item stays before it expires. */
  keep_hours: Generated<number>;
  created_at: string;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  last_error_reason: string | null;
  items_taken: Generated<number>;
  items_skipped: Generated<number>;
  consecutive_failures: Generated<number>;
  next_poll_at: string;
  etag: string | null;
  last_modified: string | null;
}

/** `withdrawn`: the agency withheld or cancelled the item (it left the queue; a story made from it was taken down). */
export type IncomingState = 'queued' | 'taken' | 'dismissed' | 'expired' | 'withdrawn';

/** One item in the Incoming queue; unique per source and item key (guid, uri or link). */
export interface IncomingItemTable {
  id: string;
  source_id: string;
  item_key: string;
  link: string | null;
  headline: string;
  byline: Generated<string>;
  standfirst: Generated<string>;
  /** The body document as JSON text, cleaned by htmlToDocument. */
  body: string;
  /** Lower-cased headline, byline and text, for the queue's text filter. */
  search_text: Generated<string>;
  /** JSON array of { href, caption, credit }. */
  pictures: Generated<string>;
  /** The normalised item (IncomingStory + link) as JSON, for Take. */
  payload: string;
  section_slug: string | null;
  /** Near-duplicates share a group id (the id of the group's first item). */
  group_id: string;
  /** MinHash signature of the content words (src/ingest/near-duplicates.ts); '' for rows from before it. */
  minhash: Generated<string>;
  /** The signature's first eight values (signed 32-bit), indexed: near-duplicate candidates share one. */
  band0: number;
  band1: number;
  band2: number;
  band3: number;
  band4: number;
  band5: number;
  band6: number;
  band7: number;
  received_at: string;
  expires_at: string;
  state: Generated<IncomingState>;
  article_id: string | null;
  handled_by: string | null;
  handled_at: string | null;
}

/** A lease on background work that runs in one process only, taken with a conditional UPDATE. */
export interface WorkLeaseTable {
  name: string;
  holder: string | null;
  until: Generated<string>;
}

/** A suggested tag for a story (src/entities): found by extraction, then accepted or rejected by an editor. */
export interface EntitySuggestionTable {
  id: string;
  article_id: string;
  kind: 'person' | 'organisation' | 'place' | 'event' | 'thing';
  name: string;
  /** The name folded for comparison (case, accents, stops): one row per story, kind and key. */
  name_key: string;
  /** JSON array of the forms the story used. */
  surfaces: Generated<string>;
  tag_id: string | null;
  state: Generated<'suggested' | 'accepted' | 'rejected'>;
  mentions: Generated<number>;
  created_at: string;
  updated_at: string;
}
