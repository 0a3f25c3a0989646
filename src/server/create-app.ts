import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { mkdirSync } from 'node:fs';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/index.js';
import { createDatabase, type DatabaseHandle } from '../db/index.js';
import { createArticleReadRepo, createArticleService, createDirectoryService, createPersonRepo, createSectionRepo, createSiteStateRepo, createTagRepo } from '../content/index.js';
import { createBackgroundWorker, createImageQueue, createLocalMediaStorage, createMediaRepo, createMediaService, IMAGE_QUEUE_DEFAULTS, sweepOrphanFiles, useAllCoresForImages } from '../media/index.js';
import { availableParallelism } from 'node:os';
import { createViewCounter } from '../audience/index.js';
import { createPageBuilder, createPageCache, createDateFormatter, loadSiteAssets, sitePlugin, type SiteInfo } from '../site/index.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { installErrorHandler } from './error-handler.js';
import { renderLogoPng } from './logo.js';
import { fillDemoPictures, seedDemo } from './seed-demo.js';
import { connectRedis } from './redis-connection.js';
import { createRedisPresence, createRedisRateLimiter } from '../admin/redis-stores.js';
import { adminPlugin, configuredSettings, createAuthService, createDatabaseRateLimiter, createLoginAttemptRepo, createPresence, createSettingsService, createSetupService, createUserService } from '../admin/index.js';
import { createArticleAdminRepo } from '../content/index.js';
import { createAccounts, createSmtpMailer, defaultMailFrom, noMail, RESET_LIMITS, type RateLimitOptions } from '../admin/index.js';
import { createStaticPageService } from '../content/index.js';
import { createFrontPageService } from '../content/index.js';
import { createPublishScheduledJob } from '../jobs/publish-scheduled.js';
import { createMaintenanceJob, MAINTENANCE_INTERVAL_MS } from '../jobs/maintenance.js';
import { articlePath } from '../site/index.js';

/** Sign-in failures allowed per account and per address in a 15-minute window. */
const LOGIN_LIMITS = {
  perAccount: { max: 5, windowMs: 15 * 60_000 },
  perAddress: { max: 30, windowMs: 15 * 60_000 },
} as const;

export interface AppOptions {
  log?: Logger;
  clock?: Clock;
  /** How often the scheduler looks for stories due to publish (ms). */
  schedulerIntervalMs?: number;
  /** Where the built editor app is (default: dist/admin in the package). */
  adminAppDir?: string;
  /** Start the background variant worker (off in most tests, which drain it by hand). */
  backgroundJobs?: boolean;
}

/**
 * The composition root: builds every service from the config, wires them into
 * one Fastify app and owns start-up and shut-down order. Nothing else calls
 * constructors.
 */
export async function createApp(config: Config, options: AppOptions = {}) {
  const log = options.log ?? pino({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const newId = createIdGenerator(() => clock.now().getTime());
  mkdirSync(config.dataDir, { recursive: true });

  const database: DatabaseHandle = createDatabase(config.database);
  const applied = await database.migrate();
  if (applied.length) log.info({ migrations: applied }, 'database migrated');
  const { db } = database;

  const siteState = createSiteStateRepo(db);
  const dates = createDateFormatter(config.site.locale, config.site.timeZone);
  const assets = loadSiteAssets();
  const sectionRepo = createSectionRepo(db);
  const staticPages = createStaticPageService({ db, clock, newId });
  let site: SiteInfo = {
    name: config.site.name,
    url: config.site.url,
    locale: config.site.locale,
    timeZone: config.site.timeZone,
    disclaimerTemplate: config.site.disclaimerTemplate,
    dates,
    sections: [],
    scriptPath: assets.scriptPath,
    css: assets.css,
    showPublishedTime: false,
    footerPages: [],
  };
  const settings = createSettingsService(db, configuredSettings(config.site));
  /** Sections and editable settings change at run time; both are re-read when content changes. */
  async function refreshSite() {
    const current = await settings.get();
    const dates = current.timeZone === site.timeZone && current.locale === site.locale ? site.dates : createDateFormatter(current.locale, current.timeZone);
    site = { ...site, name: current.siteName, timeZone: current.timeZone, locale: current.locale, disclaimerTemplate: current.disclaimerTemplate, dates, sections: await sectionRepo.list(), showPublishedTime: current.showPublishedTime, footerPages: await staticPages.footerLinks() };
  }

  const cache = createPageCache({
    maxEntries: config.pageCacheEntries,
    checkEveryMs: 1000,
    // Sections appear in every page's navigation, so they are reloaded whenever content changes.
    readGeneration: async () => {
      const generation = await siteState.contentGeneration();
      if (generation !== lastGeneration) {
        await refreshSite();
        lastGeneration = generation;
      }
      return generation;
    },
  });
  let lastGeneration = -1;

  // With Redis, rate limits and presence are shared by every node, and a change on one
  // node clears every node's page cache at once (without it, nodes notice within a second).
  const redis = config.redisUrl ? await connectRedis(config.redisUrl, log, () => cache.invalidate()) : null;
  /** After a change already counted in the content generation: refresh this node and tell the others. */
  const pagesChanged = async () => {
    await cache.invalidate();
    await redis?.invalidation.announce();
  };
  /** After a change readers can see: count it in the content generation, then refresh every node. */
  const publicChange = async () => {
    await siteState.bumpContentGeneration();
    await pagesChanged();
  };

  useAllCoresForImages(availableParallelism());
  const mediaRoot = join(config.dataDir, 'media');
  mkdirSync(mediaRoot, { recursive: true });
  const storage = createLocalMediaStorage(mediaRoot);
  const media = createMediaService({
    db,
    storage,
    clock,
    newId,
    log,
    queue: createImageQueue(IMAGE_QUEUE_DEFAULTS),
    onVariantsReady: publicChange,
  });
  const variantWorker = createBackgroundWorker(() => media.processPending(2), { idleMs: 5000, log, name: 'media-variants' });
  const articles = createArticleService({ db, clock, newId });
  const directory = createDirectoryService({ db, clock, newId });
  const read = createArticleReadRepo(db);
  const views = createViewCounter({ db, clock, dayKey: dates.dayKey });

  if (config.demo) await seedDemo({ db, media, staticPages, clock, newId, log, dayKey: dates.dayKey });
  await cache.invalidate();

  const app: FastifyInstance = Fastify({
    // Fastify types its logger generically; pino's Logger is a superset of FastifyBaseLogger.
    // Per-request logs (info) are off: at thousands of pages a second they would cost more than the page.
    loggerInstance: log.child({ component: 'http' }, { level: log.level === 'silent' ? 'silent' : 'warn' }) as unknown as FastifyBaseLogger,
    // X-Forwarded-For is believed only from configured proxies (TRUST_PROXY); off by default.
    trustProxy: trustedProxies(config.trustProxy),
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 500 },
  });
  installErrorHandler(app, () => site);
  const personRepo = createPersonRepo(db);
  const tagRepo = createTagRepo(db);
  const frontPage = createFrontPageService({ db, clock });
  const pages = createPageBuilder({ read, media, site: () => site, generation: () => cache.knownGeneration(), frontPage: () => frontPage.current(), clock });

  const auth = createAuthService({ db, clock, newId });
  const users = createUserService({ db, clock, newId });
  // One-time setup link while the newsroom has no admin (printed by `dateline serve`), the same on every node.
  const setup = createSetupService({ db, users });
  await setup.open();
  const nowMs = () => clock.now().getTime();
  const loginAttempts = createLoginAttemptRepo(db);
  // Invitations and password resets by one-time link, mailed when SMTP_URL is set (else admins pass links on).
  const mailer = config.mail.smtpUrl
    ? createSmtpMailer({ url: config.mail.smtpUrl, from: async () => config.mail.from ?? defaultMailFrom((await settings.get()).siteName, config.site.url) })
    : noMail;
  const resetLimiter = (limit: RateLimitOptions) =>
    redis ? createRedisRateLimiter(redis.client, { ...limit, prefix: 'dateline:reset:' }) : createDatabaseRateLimiter(loginAttempts, { ...limit, now: nowMs });
  const accounts = createAccounts({
    db,
    clock,
    log,
    users,
    mailer,
    siteUrl: config.site.url,
    site: () => settings.get(),
    resetLimits: { perAccount: resetLimiter(RESET_LIMITS.perAccount), perAddress: resetLimiter(RESET_LIMITS.perAddress) },
  });
  // publishDue bumps the content generation itself, in the transaction that publishes.
  const scheduler = createBackgroundWorker(createPublishScheduledJob({ articles, log, afterPublish: pagesChanged }), {
    idleMs: options.schedulerIntervalMs ?? 5000,
    log,
    name: 'scheduler',
  });
  const maintenance = createBackgroundWorker(
    createMaintenanceJob({
      log,
      tasks: {
        orphanedMediaFiles: async () => (await sweepOrphanFiles({ storage, media: createMediaRepo(db), now: nowMs, log })).length,
        endedSignInWindows: () => loginAttempts.removeExpired(clock.now().toISOString()),
        expiredSessions: () => auth.removeExpiredSessions(),
        spentAccountLinks: () => accounts.tokens.removeSpent(),
      },
    }),
    { idleMs: MAINTENANCE_INTERVAL_MS, log, name: 'maintenance' },
  );
  await app.register(adminPlugin, {
    version: '0.1.0',
    appDir: options.adminAppDir ?? fileURLToPath(new URL('../../dist/admin/', import.meta.url)),
    deps: {
      db,
      clock,
      newId,
      log,
      auth,
      users,
      accounts,
      articles,
      read,
      adminArticles: createArticleAdminRepo(db),
      directory,
      media,
      settings,
      staticPages,
      frontPage,
      presence: redis ? createRedisPresence(redis.client, { ttlMs: 40_000, prefix: 'dateline:presence:', now: nowMs }) : createPresence({ ttlMs: 40_000, now: nowMs }),
      loginLimits: redis
        ? {
            perAccount: createRedisRateLimiter(redis.client, { ...LOGIN_LIMITS.perAccount, prefix: 'dateline:login:' }),
            perAddress: createRedisRateLimiter(redis.client, { ...LOGIN_LIMITS.perAddress, prefix: 'dateline:login:' }),
          }
        : {
            perAccount: createDatabaseRateLimiter(loginAttempts, { ...LOGIN_LIMITS.perAccount, now: nowMs }),
            perAddress: createDatabaseRateLimiter(loginAttempts, { ...LOGIN_LIMITS.perAddress, now: nowMs }),
          },
      renderPreview: (view) => pages.article(view),
      articleUrl: (sectionSlug, slug) => site.url + articlePath(sectionSlug, slug),
      afterPublicChange: publicChange,
      nudgeVariants: () => variantWorker.nudge(),
      setup,
      maxUploadBytes: 25 * 1024 * 1024,
      siteUrl: config.site.url,
      secureCookies: config.site.url.startsWith('https://'),
    },
  });
  await app.register(sitePlugin, {
    pages,
    read,
    lookups: {
      sectionBySlug: (slug) => sectionRepo.findBySlug(slug),
      personBySlug: (slug) => personRepo.findBySlug(slug),
      tagBySlug: (slug) => tagRepo.findBySlug(slug),
      staticPageBySlug: (slug) => staticPages.bySlug(slug),
    },
    views,
    cache,
    site: () => site,
    assets,
    mediaRoot,
    renderLogo: () => renderLogoPng(site.name),
  });

  /** Makes any demo pictures still missing; the server runs it in the background after listening. */
  const finishDemoPictures = () => fillDemoPictures({ media, log, onProgress: publicChange });

  let started = false;
  return {
    app,
    config,
    log,
    database,
    services: { articles, directory, read, media, views, cache, siteState, pages, auth, users, settings, staticPages, accounts, frontPage },
    scheduler,
    /** Daily housekeeping (orphaned media files, ended sign-in windows, expired sessions); tests drain it. */
    maintenance,
    /** Announces a content change to every node (no-op without Redis); tests use it. */
    announceChange: publicChange,
    /** The first-run setup path while no admin exists, else null. */
    async setupPath(): Promise<string | null> {
      const token = await setup.token();
      return token ? `/admin/setup?token=${token}` : null;
    },
    variantWorker,
    finishDemoPictures,
    /** Listens on the configured host and port; returns the address. */
    async listen(): Promise<string> {
      const address = await app.listen({ port: config.port, host: config.host });
      started = true;
      if (options.backgroundJobs !== false) {
        void finishDemoPictures()
          .catch((err: unknown) => log.error({ err }, 'demo pictures failed'))
          .finally(() => variantWorker.start());
        scheduler.start();
        maintenance.start();
      }
      return address;
    },
    async close(): Promise<void> {
      await scheduler.stop();
      await maintenance.stop();
      // A reset mail still being sent finishes before the database closes.
      await accounts.tokens.idle();
      await redis?.close();
      await variantWorker.stop();
      if (started || app.server.listening) await app.close();
      else await app.close().catch(() => {});
      await database.close();
    },
  };
}

export type DatelineApp = Awaited<ReturnType<typeof createApp>>;

/** Fastify's form of TRUST_PROXY: a hop count trusts the nearest `hops` proxies (what proxy-addr does for a number). */
function trustedProxies(setting: Config['trustProxy']): false | string[] | ((address: string, hop: number) => boolean) {
  if (setting === false) return false;
  if (typeof setting === 'number') {
    const hops = setting;
    return function trustNearestHops(_address, hop) {
      return hop < hops;
    };
  }
  return [...setting];
}
