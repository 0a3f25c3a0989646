import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { ArticleService, DirectoryService } from '../content/index.js';
import type { Database } from '../db/index.js';
import { createLeaseRepo } from '../jobs/work-lease-repo.js';
import type { MediaService } from '../media/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { createMediaFetcher } from './fetch-media.js';
import { createIncomingRepo } from './incoming-repo.js';
import { createIncomingService } from './incoming-service.js';
import { createIngestPipeline } from './ingest-pipeline.js';
import { createSafeFetcher, type SafeFetcherOptions } from './safe-fetch.js';
import { createSourceFetch } from './source-fetch.js';
import { createSourceRepo } from './source-repo.js';
import { createSourceService } from './source-service.js';
import { createWireImporter } from './wire-importer.js';
import { createWirePoller } from './wire-poller.js';

export interface IngestModuleDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  log: Logger;
  articles: ArticleService;
  directory: DirectoryService;
  media: MediaService;
  /** FETCH_ALLOW_HOSTS. */
  allowHosts: readonly string[];
  /** INGEST_FOLDER_ROOT: where folder sources may be; null refuses them. */
  folderRoot: string | null;
  /** The site's default section slug, read when a source names none. */
  defaultSection(): Promise<string>;
  /** After an auto-published story went public. */
  afterPublicChange(): Promise<void>;
  /** Feeds larger than this are cut off (default 20 MB). */
  maxFeedBytes?: number;
  /** Tests inject a resolver or fetch. */
  fetch?: Pick<SafeFetcherOptions, 'lookup' | 'fetchImpl' | 'timeoutMs'>;
}

/**
 * The wire and press-release desk: sources, the poller, the pipeline and the Incoming queue.
 * One safe fetcher serves feeds and the pictures taken with queued items.
 */
export function createIngestModule(deps: IngestModuleDeps) {
  const { db, clock, newId, log } = deps;
  const http = createSafeFetcher({ allowHosts: deps.allowHosts, ...deps.fetch });
  const media = createMediaFetcher({ http, allowFileDirs: deps.folderRoot ? [deps.folderRoot] : [] });
  const sourceRepo = createSourceRepo(db);
  const incomingRepo = createIncomingRepo(db);
  const incoming = createIncomingService({
    db,
    incoming: incomingRepo,
    sources: sourceRepo,
    clock,
    async importerFor(source) {
      const defaultSection = source.sectionSlug ?? (await deps.defaultSection());
      return createWireImporter({ db, articles: deps.articles, directory: deps.directory, media: deps.media, fetcher: media, clock, log, defaultSection });
    },
  });
  const pipeline = createIngestPipeline({
    incoming: incomingRepo,
    clock,
    newId,
    log: log.child({ component: 'ingest' }),
    transaction: (work) => db.transaction().execute((trx) => work(createIncomingRepo(trx))),
    fetchSource: createSourceFetch({ http, folderRoot: deps.folderRoot, maxBytes: deps.maxFeedBytes ?? 20 * 1024 * 1024, timeoutMs: deps.fetch?.timeoutMs ?? 20_000 }),
    async takeDown(articleId, item) {
      const story = await deps.articles.get(articleId);
      if (story?.status === 'published') {
        await deps.articles.unpublish(articleId);
        await deps.afterPublicChange();
        log.info({ articleId, wireId: item.wireId, pubStatus: item.pubStatus }, 'wire item withdrawn: story unpublished');
        return 'unpublished';
      }
      if (story?.status === 'scheduled') {
        await deps.articles.returnToDraft(articleId);
        log.info({ articleId, wireId: item.wireId, pubStatus: item.pubStatus }, 'wire item withdrawn: scheduled story returned to draft');
        return 'returned_to_draft';
      }
      return 'left';
    },
    async autoPublish(id) {
      try {
        const taken = await incoming.take(id, null, { publish: true });
        if (taken.status === 'published') await deps.afterPublicChange();
      } catch (err) {
        // The item stays queued for an editor; the reason is logged.
        log.warn({ err, incomingId: id }, 'auto-publish failed');
      }
    },
  });
  const poller = createWirePoller({ sources: sourceRepo, leases: createLeaseRepo(db), pipeline, clock, log: log.child({ component: 'wire-poller' }), holder: `poller-${newId()}` });
  const sources = createSourceService({ repo: sourceRepo, poller, clock, newId, folderRoot: deps.folderRoot });
  return {
    sources,
    incoming,
    poller,
    pipeline,
    http,
    maintenanceTasks: { expiredIncomingItems: () => incoming.expire() },
  };
}

export type IngestModule = ReturnType<typeof createIngestModule>;
