import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Config } from '../config/index.js';
import type { ArticleView, ContentModule } from '../content/index.js';
import type { Database } from '../db/index.js';
import type { MediaModule } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { createAccounts, RESET_LIMITS } from './accounts.js';
import { adminPlugin } from './admin-plugin.js';
import type { AdminDeps } from './admin-deps.js';
import { createAuthService } from './auth-service.js';
import { createLoginAttemptRepo } from './login-attempt-repo.js';
import { createSmtpMailer, defaultMailFrom, noMail } from './mailer.js';
import { createPresence } from './presence.js';
import { createDatabaseRateLimiter, type RateLimiter, type RateLimitOptions } from './rate-limiter.js';
import { createRedisPresence, createRedisRateLimiter } from './redis-stores.js';
import type { SettingsService } from './settings-service.js';
import type { AnalyticsService } from '../audience/index.js';
import { createSetupService } from './setup-service.js';
import { createUserService } from './user-service.js';

/** Sign-in failures allowed per account and per address in a 15-minute window. */
const LOGIN_LIMITS = {
  perAccount: { max: 5, windowMs: 15 * 60_000 },
  perAddress: { max: 30, windowMs: 15 * 60_000 },
} as const;

export interface AdminModuleDeps {
  config: Pick<Config, 'mail' | 'site'>;
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  log: Logger;
  /** Shared rate limits and presence across nodes; null on one node. */
  redis: Redis | null;
  content: ContentModule;
  media: MediaModule;
  settings: SettingsService;
  analytics: AnalyticsService;
  /** Suggested tags from entity extraction (src/entities). */
  entities: import('../entities/index.js').SuggestionService;
  /** The wire desk: sources and the Incoming queue (src/ingest). */
  wire: AdminDeps['wire'];
  renderPreview: (article: ArticleView) => Promise<string>;
  articleUrl: (sectionSlug: string, slug: string) => string;
  afterPublicChange: AdminDeps['afterPublicChange'];
  pageKeysOf: AdminDeps['pageKeysOf'];
}

/**
 * The editorial desk's server side: accounts, sessions, first-run setup, limits, mail and
 * the admin plugin with every route. Async because the setup link is made (or found) in
 * the database at start, the same on every node.
 */
export async function createAdminModule(deps: AdminModuleDeps) {
  const { db, clock, newId, log, redis, content, media, settings } = deps;
  const nowMs = () => clock.now().getTime();
  const auth = createAuthService({ db, clock, newId });
  const users = createUserService({ db, clock, newId });
  const setup = createSetupService({ db, users });
  await setup.open();
  const loginAttempts = createLoginAttemptRepo(db);
  const limiter = (limit: RateLimitOptions, prefix: string): RateLimiter =>
    redis ? createRedisRateLimiter(redis, { ...limit, prefix }) : createDatabaseRateLimiter(loginAttempts, { ...limit, now: nowMs });
  // Invitations and password resets by one-time link, mailed when SMTP_URL is set (else admins pass links on).
  const mailer = deps.config.mail.smtpUrl
    ? createSmtpMailer({ url: deps.config.mail.smtpUrl, from: async () => deps.config.mail.from ?? defaultMailFrom((await settings.get()).siteName, deps.config.site.url) })
    : noMail;
  const accounts = createAccounts({
    db,
    clock,
    log,
    users,
    mailer,
    siteUrl: deps.config.site.url,
    site: () => settings.get(),
    resetLimits: { perAccount: limiter(RESET_LIMITS.perAccount, 'dateline:reset:'), perAddress: limiter(RESET_LIMITS.perAddress, 'dateline:reset:') },
  });
  const presence = redis ? createRedisPresence(redis, { ttlMs: 40_000, prefix: 'dateline:presence:', now: nowMs }) : createPresence({ ttlMs: 40_000, now: nowMs });

  return {
    auth,
    users,
    setup,
    accounts,
    /** Daily housekeeping the desk owns. */
    maintenanceTasks: {
      endedSignInWindows: () => loginAttempts.removeExpired(clock.now().toISOString()),
      expiredSessions: () => auth.removeExpiredSessions(),
      spentAccountLinks: () => accounts.tokens.removeSpent(),
    },
    plugin: (app: FastifyInstance, extra: { appDir?: string }) =>
      app.register(adminPlugin, {
        version: '0.1.0',
        appDir: extra.appDir ?? fileURLToPath(new URL('../../dist/admin/', import.meta.url)),
        deps: {
          db,
          clock,
          newId,
          log,
          auth,
          users,
          accounts,
          articles: content.articles,
          read: content.read,
          adminArticles: content.adminArticles,
          directory: content.directory,
          sections: content.sections,
          people: content.people,
          tags: content.tags,
          media: media.media,
          mediaLibrary: media.library,
          settings,
          staticPages: content.staticPages,
          frontPage: content.frontPage,
          analytics: deps.analytics,
          entities: deps.entities,
          wire: deps.wire,
          presence,
          loginLimits: { perAccount: limiter(LOGIN_LIMITS.perAccount, 'dateline:login:'), perAddress: limiter(LOGIN_LIMITS.perAddress, 'dateline:login:') },
          renderPreview: deps.renderPreview,
          articleUrl: deps.articleUrl,
          afterPublicChange: deps.afterPublicChange,
          pageKeysOf: deps.pageKeysOf,
          nudgeVariants: () => media.variantWorker.nudge(),
          setup,
          maxUploadBytes: 25 * 1024 * 1024,
          siteUrl: deps.config.site.url,
          secureCookies: deps.config.site.url.startsWith('https://'),
        },
      }),
  };
}

export type AdminModule = Awaited<ReturnType<typeof createAdminModule>>;
