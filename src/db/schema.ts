import type { Generated } from 'kysely';
import type { ArticleAuthorTable, ArticleTable, ArticleTagTable, CorrectionTable, MediaTable, MediaVariantTable, PersonTable, RevisionTable, SectionTable, SlugHistoryTable, StaticPageTable, TagTable } from './schema-stories.js';
import type { AccountTokenTable, ApiKeyTable, LoginAttemptTable, SessionTable, UserTable } from './schema-accounts.js';
import type { ArticleDevicesDailyTable, ArticleReferrersDailyTable, ArticleViewsDailyTable, ArticleViewsHourlyTable, ArticleViewsMinutelyTable, SearchDocumentTable, ShareCardTable, SiteStateTable, SiteVisitorsDailyTable } from './schema-audience.js';
import type { EntitySuggestionTable, IncomingItemTable, WireSourceTable, WorkLeaseTable } from './schema-ingest.js';

export * from './schema-stories.js';
export * from './schema-accounts.js';
export * from './schema-audience.js';
export * from './schema-ingest.js';

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

export type { Generated };
