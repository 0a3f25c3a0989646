import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import type { ArticleReadRepo, ArticleService, ArticleView, DirectoryService, createArticleAdminRepo } from '../content/index.js';
import type { StaticPageService } from '../content/index.js';
import type { FrontPageService } from '../content/index.js';
import type { AnalyticsService } from '../audience/index.js';
import type { MediaAdminRepo, MediaService } from '../media/index.js';
import type { ContentModule } from '../content/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import type { AuthService } from './auth-service.js';
import type { Accounts } from './accounts.js';
import type { Presence } from './presence.js';
import type { RateLimiter } from './rate-limiter.js';
import type { createUserService } from './user-service.js';
import type { SettingsService } from './settings-service.js';
import type { SetupService } from './setup-service.js';
import type { SuggestionService } from '../entities/index.js';
import type { IngestModule } from '../ingest/index.js';

/** Everything the admin routes use, built by the composition root (src/server). */
export interface AdminDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  log: Logger;
  auth: AuthService;
  users: ReturnType<typeof createUserService>;
  articles: ArticleService;
  read: ArticleReadRepo;
  adminArticles: ReturnType<typeof createArticleAdminRepo>;
  directory: DirectoryService;
  sections: ContentModule['sections'];
  people: ContentModule['people'];
  tags: ContentModule['tags'];
  media: MediaService;
  /** The media library's queries: search, where-used, metadata. */
  mediaLibrary: MediaAdminRepo;
  settings: SettingsService;
  /** About, Contact, Editorial standards, Privacy: simple pages at /{slug}. */
  staticPages: StaticPageService;
  /** The editors' front page: lead, top stories, breaking banner, section rails. */
  frontPage: FrontPageService;
  /** Views over time, top stories, referrers, devices, live (src/audience). */
  analytics: AnalyticsService;
  /** Suggested tags from entity extraction (src/entities). */
  entities: SuggestionService;
  /** The wire desk: sources and the Incoming queue (src/ingest). */
  wire: Pick<IngestModule, 'sources' | 'incoming'>;
  presence: Presence;
  loginLimits: { perAccount: RateLimiter; perAddress: RateLimiter };
  /** Invitations, password resets by one-time link, and changing one's own password. */
  accounts: Accounts;
  /** The public page for any status, for previews. */
  renderPreview(article: ArticleView): Promise<string>;
  /** Absolute public URL of an article. */
  articleUrl(sectionSlug: string, slug: string): string;
  /**
   * After a change readers can see: refresh every node's page caches now, and purge the CDN of
   * `keys` (surrogate keys; all pages when absent).
   */
  afterPublicChange(keys?: string[]): Promise<void>;
  /** The surrogate keys of the pages showing an article (its page, section, bylines, topics, home, feeds). */
  pageKeysOf(articleId: string): Promise<string[]>;
  /** Wakes the background variant worker after an upload. */
  nudgeVariants(): void;
  /** First-run setup: the token that creates the first admin, shared by every node. */
  setup: SetupService;
  /** Upload limit in bytes. */
  maxUploadBytes: number;
  siteUrl: string;
  secureCookies: boolean;
}
