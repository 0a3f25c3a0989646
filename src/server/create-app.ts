import { mkdirSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerOptions } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { pino, type Logger } from 'pino';
import type { Config } from '../config/index.js';
import { createDatabase, type DatabaseHandle } from '../db/index.js';
import { createContentModule } from '../content/index.js';
import { createEntitiesModule, createStoryTagger } from '../entities/index.js';
import { createMediaModule, observedStorage, openMediaStorage } from '../media/index.js';
import { createAudienceModule, createShareCardModule } from '../audience/index.js';
import { createFeedsModule } from '../feeds/index.js';
import { createContentApiModule } from '../content-api/index.js';
import { createSearchModule } from '../search/index.js';
import { articlePageKeys, SITE_KEY } from '../site/page-keys.js';
import { articlePath, authorPath, createBeaconFastPath, createPageFastPath, createSiteModule, sectionPath, topicPath } from '../site/index.js';
import { configuredSettings, createAdminModule, createSettingsService } from '../admin/index.js';
import { createJobs, createLeaseRepo } from '../jobs/index.js';
import { createIngestModule, type SafeFetcherOptions } from '../ingest/index.js';
import { systemClock, type Clock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { installErrorHandler } from './error-handler.js';
import { createAssetChanges } from './asset-changes.js';
import { renderLogoPng } from './logo.js';
import { fillDemoPictures, seedDemo, suggestDemoTags } from './seed-demo.js';
import { connectRedis, type RedisConnection } from './redis-connection.js';
import { cannotListen, StartupError } from '../shared/startup-errors.js';
import { useMediaPublicUrl } from '../shared/media-url.js';
import { assignedRequestId, assignRequestId, channelToPrimary, createCdnPurger, createMetrics, createReadiness, listenForMetrics, opsRoutes } from '../ops/index.js';

/** Background work's picture and card changes retire cached pages at most this often, across all processes. */
const ASSET_BUMP_INTERVAL_MS = 1000;

export interface AppOptions {
  log?: Logger;
  clock?: Clock;
  /** How often the scheduler looks for stories due to publish (ms). */
  schedulerIntervalMs?: number;
  /** Where the built editor app is (default: dist/admin in the package). */
  adminAppDir?: string;
  /** Start the background jobs at listen (off in most tests, which drain them by hand). */
  backgroundJobs?: boolean;
  /** A resolver (or fetch) for the wire desk's safe fetcher, for tests of private-address refusals. */
  ingestFetch?: Pick<SafeFetcherOptions, 'lookup' | 'fetchImpl' | 'timeoutMs'>;
  /** This process is worker N of `dateline serve --workers`: its metrics name it, and /metrics answers for every worker. */
  clusterWorker?: number;
}

/**
 * The composition root: the modules in the order they are built, wired into one Fastify
 * app, with start-up and shut-down order. Each module says how it builds itself; this
 * says what is wired to what.
 */
export async function createApp(config: Config, options: AppOptions = {}) {
  const log = options.log ?? pino({ level: config.logLevel });
  const clock = options.clock ?? systemClock;
  const newId = createIdGenerator(() => clock.now().getTime());
  try {
    mkdirSync(config.dataDir, { recursive: true });
  } catch (err) {
    const code = (err as { code?: string }).code;
    const reason = code === 'EEXIST' || code === 'ENOTDIR' ? 'it is a file, not a folder' : (err as Error).message;
    throw new StartupError(`DATA_DIR ${config.dataDir} cannot be the data folder: ${reason}`, { cause: err });
  }

  const metrics = createMetrics(options.clusterWorker !== undefined ? { clusterWorker: { number: options.clusterWorker, primary: channelToPrimary() } } : {});
  useMediaPublicUrl(config.mediaPublicUrl);
  const database: DatabaseHandle = createDatabase(config.database);
  const applied = await database.migrate();
  if (applied.length) log.info({ migrations: applied }, 'database migrated');
  const { db } = database;

  const search = createSearchModule({ db, capabilities: database.capabilities, log, concurrency: config.searchConcurrency });
  const tagger = createStoryTagger({ clock, newId, log });
  const content = createContentModule({ db, clock, newId, indexer: search.indexArticle, tagger });
  const settings = createSettingsService(db, configuredSettings(config.site));
  const mediaStorage = observedStorage(openMediaStorage(config), {
    count: metrics.countStorageFailure,
    log: (operation, key, err) => log.warn({ err, operation, key, store: config.mediaStorage ? 's3' : 'disk' }, 'media storage failed'),
  });
  const media = createMediaModule({ db, storage: mediaStorage, clock, newId, log, onVariantsReady: () => assetsChanged(), observeJob: metrics.observeJob });
  const shareCards = createShareCardModule({ db, media: media.storage, clock, log, siteName: async () => (await settings.get()).siteName, onCardsMade: () => assetsChanged() });
  const site = createSiteModule({
    url: config.site.url,
    initial: { ...configuredSettings(config.site), showPublishedTime: false },
    settings: () => settings.get(),
    pageCacheEntries: config.pageCacheEntries,
    content,
    media: media.media,
    mediaStorage: media.storage,
    clock,
    renderLogo: renderLogoPng,
    shareImages: (articleId, siteName) => shareCards.service.images(articleId, siteName),
    renderSiteCard: (siteName, host) => shareCards.renderer.siteCard(siteName, host),
    // The audience module is built after the site (it reads the site's time zone); called per request.
    mostRead: (hours, limit, sectionId) => audience.analytics.mostRead(hours, limit, sectionId),
    search: search.service,
  });
  const feeds = createFeedsModule({ db, url: config.site.url, settings: () => settings.get(), content, media: media.media, clock });
  const contentApi = createContentApiModule({
    db,
    content,
    media: media.media,
    settings: () => settings.get(),
    siteUrl: config.site.url,
    // Static pages share the top level with sections: /about is built like /news.
    paths: { article: articlePath, section: sectionPath, author: authorPath, tag: topicPath, page: sectionPath },
    clock,
    cacheEntries: config.pageCacheEntries,
    search: { matching: (q, column) => search.service.matching(q, column), bounded: search.service.bounded },
  });

  // With Redis, limits and presence are shared by every node, and a change on one node clears
  // every node's page cache at once (without it, nodes notice within a second by polling).
  const redis: RedisConnection | null = config.redisUrl ? await connectRedis(config.redisUrl, log, () => Promise.all([site.cache.invalidate(), feeds.invalidate(), contentApi.cache.invalidate()]).then(() => {})) : null;
  // Views are counted per site-local day; with Redis the counters and the day's readers are shared.
  const audience = createAudienceModule({ db, redis: redis?.client ?? null, clock, log, timeZone: () => site.site().timeZone, siteUrl: () => site.site().url, generation: () => site.cache.knownGeneration() });
  /** After a change already counted in the content generation: refresh this node and tell the others. */
  async function pagesChanged() {
    await site.cache.invalidate();
    await feeds.invalidate();
    await contentApi.cache.invalidate();
    await redis?.invalidation.announce();
  }
  const purger = config.cdnPurge ? createCdnPurger({ target: config.cdnPurge, log: log.child({ component: 'cdn' }), count: metrics.countPurge }) : null;
  /**
   * After a change readers can see: count it in the content generation, refresh every node, and
   * purge the CDN of the pages it touches (`keys`; every page when the change is site-wide).
   * The purge is not awaited: a slow or failing CDN must not hold up the editor (cdn-purge.ts).
   */
  async function publicChange(keys: string[] = [SITE_KEY]) {
    await content.siteState.bumpContentGeneration();
    await pagesChanged();
    if (purger) void purger.purge(keys);
  }
  /**
   * After background work made pictures' sizes or share cards: pages change only in which image
   * files they name, so this node and the others follow at once, and a CDN within the pages'
   * max-age (60 s). Purging the CDN for it would empty it after every upload.
   */
  function assetsChanged(): Promise<void> {
    return assetChanges.changed();
  }
  // Background work reports after each small batch; a backlog (an archive's share cards, the demo's
  // pictures) would otherwise retire every cached page several times a second in every process.
  const assetChanges = createAssetChanges({ siteState: content.siteState, afterBump: pagesChanged, intervalMs: ASSET_BUMP_INTERVAL_MS });
  /** After scheduled stories were published: as publicChange, with their pages' keys. */
  async function scheduledPublished(ids: string[]) {
    await pagesChanged();
    if (purger) void purger.purge((await Promise.all(ids.map((id) => articlePageKeys(db, id)))).flat());
  }

  const demoStoryIds = config.demo ? await seedDemo({ db, media: media.media, staticPages: content.staticPages, clock, newId, log, timeKeys: audience.timeKeys }) : [];
  // The demo's stories are written without the indexer; they are indexed here, before the first
  // reader can search. Any other backlog is the background catch-up's (src/jobs/search-catch-up.ts).
  if (demoStoryIds.length) await search.indexStories(demoStoryIds);
  await site.cache.invalidate();

  const ingest = createIngestModule({
    db,
    clock,
    newId,
    log,
    articles: content.articles,
    directory: content.directory,
    media: media.media,
    allowHosts: config.fetchAllowHosts,
    folderRoot: config.ingestFolderRoot,
    defaultSection: async () => (await settings.get()).defaultSection,
    afterPublicChange: publicChange,
    ...(options.ingestFetch ? { fetch: options.ingestFetch } : {}),
  });
  const admin = await createAdminModule({
    config,
    db,
    clock,
    newId,
    log,
    redis: redis?.client ?? null,
    content,
    media,
    settings,
    analytics: audience.analytics,
    entities: createEntitiesModule({ db, clock, newId, articles: content.articles, directory: content.directory }).suggestions,
    wire: { sources: ingest.sources, incoming: ingest.incoming },
    renderPreview: (view) => site.pages.article(view),
    articleUrl: (sectionSlug, slug) => site.site().url + articlePath(sectionSlug, slug),
    afterPublicChange: publicChange,
    pageKeysOf: (id) => articlePageKeys(db, id),
  });
  /** A large upgrade's indexes, built while the site serves (db/deferred-indexes.ts); one process does it. */
  async function buildDeferredIndexes(): Promise<number> {
    const started = Date.now();
    const built = await database.buildDeferredIndexes();
    if (built.length) log.info({ indexes: built, ms: Date.now() - started }, 'deferred indexes built');
    return built.length;
  }
  const jobs = createJobs({
    log,
    articles: content.articles,
    afterPublish: scheduledPublished,
    maintenanceTasks: { orphanedMediaFiles: media.sweepOrphans, orphanedShareCards: shareCards.sweepOrphans, ...admin.maintenanceTasks, ...audience.maintenanceTasks, ...ingest.maintenanceTasks, plannerStatistics: () => database.refreshStatistics(), deferredIndexes: buildDeferredIndexes },
    pollWire: ingest.poller.pollDue,
    searchCatchUp: { catchUp: search.catchUp, leases: createLeaseRepo(db), holder: `search-${newId()}`, clock },
    schedulerIntervalMs: options.schedulerIntervalMs,
    shareCards: { cards: shareCards.service, generation: () => content.siteState.contentGeneration(), clock },
    observeJob: metrics.observeJob,
  });
  metrics.watch({
    pageCaches: { site: () => site.cache.stats(), 'content-api': () => contentApi.cache.stats() },
    views: () => audience.views.stats(),
    redis: redis ? redis.health : null,
    schedulerLagSeconds: async () => {
      const overdue = await db.selectFrom('articles').select((eb) => eb.fn.min('scheduled_at').as('due')).where('status', '=', 'scheduled').where('scheduled_at', '<=', clock.now().toISOString()).executeTakeFirst();
      return overdue?.due ? Math.max(0, (clock.now().getTime() - Date.parse(overdue.due)) / 1000) : 0;
    },
    wireSources: async () => (await ingest.sources.list()).map((s) => ({ id: s.id, name: s.name, paused: s.paused, ...s.health })),
  });
  const readiness = createReadiness({ db, pendingMigrations: () => database.pendingMigrations(), redisPing: redis ? () => redis.client.ping() : null });

  const trust = trustedProxies(config.trustProxy);
  const takeBeacon = createBeaconFastPath({ views: audience.views, clientAddress: clientAddress(trust), log });
  const takeCachedPage = createPageFastPath({ cache: site.cache, count: metrics.countFastAnswer });
  const app: FastifyInstance = Fastify({
    // Cached article pages and the view beacon are answered before Fastify's pipeline
    // (page-fast-path.ts, beacon-fast-path.ts); the rest goes to Fastify.
    serverFactory: (handler, fastifyOptions) => {
      const options = fastifyOptions as { http?: ServerOptions; keepAliveTimeout?: number; requestTimeout?: number; connectionTimeout?: number };
      const server = createServer(options.http ?? {}, (request, response) => {
        // Every answer names its request, so a reader's report or a proxy's log can be matched to
        // ours; the page fast path makes its own id (it writes it and is done).
        if (takeCachedPage(request, response)) return;
        assignRequestId(request);
        if (!takeBeacon(request, response)) handler(request, response);
      });
      // What Fastify does to the server it makes itself.
      server.keepAliveTimeout = options.keepAliveTimeout ?? 72_000;
      server.requestTimeout = options.requestTimeout ?? 0;
      server.setTimeout(options.connectionTimeout ?? 0);
      return server;
    },
    // Fastify types its logger generically; pino's Logger is a superset of FastifyBaseLogger.
    // Per-request logs (info) are off: at thousands of pages a second they would cost more than the page.
    loggerInstance: log.child({ component: 'http' }, { level: log.level === 'silent' ? 'silent' : 'warn' }) as unknown as FastifyBaseLogger,
    // X-Forwarded-For is believed only from configured proxies (TRUST_PROXY); off by default.
    trustProxy: trust,
    bodyLimit: 1_048_576,
    routerOptions: { maxParamLength: 500 },
    // The id set on the answer above; request.log lines carry it as reqId.
    genReqId: assignedRequestId,
  });
  // Also for requests that did not come through the server above (inject, a second listener).
  app.addHook('onRequest', (request, reply, done) => {
    reply.header('x-request-id', request.id);
    done();
  });
  // Requests by route pattern (never the raw URL: readers choose that) and status, with latency.
  app.addHook('onResponse', (request, reply, done) => {
    metrics.observeRequest(request.routeOptions.url ?? 'unmatched', request.method, reply.statusCode, reply.elapsedTime / 1000);
    done();
  });
  await opsRoutes(app, { metrics, readiness, metricsToken: config.metrics.token });
  installErrorHandler(app, site.site, metrics.countDatabaseUnavailable);
  await admin.plugin(app, { appDir: options.adminAppDir });
  await site.plugin(app, { views: audience.views });
  await feeds.plugin(app);
  await contentApi.plugin(app, { keyScope: async (key) => (await admin.auth.apiKeyActor(key))?.scope ?? null });

  /** Makes any demo pictures still missing; the server runs it in the background after listening. */
  const finishDemoPictures = () => fillDemoPictures({ media: media.media, log, onProgress: assetsChanged });

  let started = false;
  let demoTagging: Promise<void> = Promise.resolve();
  let metricsServer: Server | null = null;
  return {
    app,
    config,
    log,
    database,
    services: {
      articles: content.articles,
      directory: content.directory,
      read: content.read,
      siteState: content.siteState,
      staticPages: content.staticPages,
      frontPage: content.frontPage,
      media: media.media,
      views: audience.views,
      analytics: audience.analytics,
      cache: site.cache,
      pages: site.pages,
      auth: admin.auth,
      users: admin.users,
      accounts: admin.accounts,
      settings,
      search: search.service,
    },
    scheduler: jobs.scheduler,
    /** Daily housekeeping (orphaned media files, ended sign-in windows, expired sessions); tests drain it. */
    maintenance: jobs.maintenance,
    /** Draws share cards for published stories whose card is missing or stale; tests drain it. */
    shareCards: jobs.shareCards,
    /** Announces a content change to every node (no-op without Redis); tests use it. */
    announceChange: publicChange,
    /** The first-run setup path while no admin exists, else null. */
    async setupPath(): Promise<string | null> {
      const token = await admin.setup.token();
      return token ? `/admin/setup?token=${token}` : null;
    },
    variantWorker: media.variantWorker,
    /** The wire desk: sources, the Incoming queue, the poller (tests poll by hand). */
    ingest,
    wirePoller: jobs.wirePoller,
    /** The search index's catch-up under its lease (soon after listening, then daily); tests drain it. */
    searchCatchUp: jobs.searchIndex,
    finishDemoPictures,
    /** Listens on the configured host and port; returns the address. */
    async listen(): Promise<string> {
      const address = await app.listen({ port: config.port, host: config.host }).catch((err: unknown) => {
        throw cannotListen(err, 'PORT', config.host, config.port);
      });
      started = true;
      if (config.metrics.port) {
        const port = config.metrics.port;
        metricsServer = await listenForMetrics(metrics, port, config.host).catch((err: unknown) => {
          throw cannotListen(err, 'METRICS_PORT', config.host, port);
        });
      }
      // Counted views are written every second whatever else runs (not a background job to switch off).
      audience.start();
      if (options.backgroundJobs !== false) {
        void finishDemoPictures()
          .catch((err: unknown) => log.error({ err }, 'demo pictures failed'))
          .finally(() => media.variantWorker.start());
        demoTagging = suggestDemoTags({ storyIds: demoStoryIds, articles: content.articles, tagger, db, log }).catch((err: unknown) => log.warn({ err }, 'demo tag suggestions failed'));
        jobs.start();
      }
      return address;
    },
    async close(): Promise<void> {
      await jobs.stop();
      await demoTagging;
      await new Promise<void>((resolve) => (metricsServer ? metricsServer.close(() => resolve()) : resolve()));
      metrics.close();
      // A reset mail still being sent finishes before the database closes.
      await admin.accounts.tokens.idle();
      await media.variantWorker.stop();
      await shareCards.renderer.close();
      // Nothing asks any more: a bump still waiting for its interval is made now.
      await assetChanges.flush();
      if (started || app.server.listening) await app.close();
      else await app.close().catch(() => {});
      // No beacon comes in any more: write every counted view, while Redis and the database are open.
      await audience.close();
      await redis?.close();
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

/** The reader's address as Fastify's `request.ip` gives it under the same TRUST_PROXY setting. */
function clientAddress(trust: ReturnType<typeof trustedProxies>): (request: IncomingMessage) => string {
  if (trust === false) return (request) => request.socket.remoteAddress ?? '';
  const trusted = typeof trust === 'function' ? trust : proxyAddr.compile(trust);
  return (request) => proxyAddr(request, trusted);
}
