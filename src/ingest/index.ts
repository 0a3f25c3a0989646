/** Ingest: wire formats in, checked media fetched. */
export { parseNinjs, isAgencyCredit } from './ninjs.js';
export type { IncomingPicture, IncomingStory, NinjsResult, PubStatus } from './ninjs.js';
export { MAX_PICTURES } from './ninjs-associations.js';
export { createMediaFetcher } from './fetch-media.js';
export type { FetchMediaResult, MediaFetcher, MediaFetcherOptions } from './fetch-media.js';
export { isForbiddenAddress } from './address-policy.js';
export { createWireImporter } from './wire-importer.js';
export type { WireImporter, ImportOutcome, Imported } from './wire-importer.js';
export { ingestFile, readIngestFile, MAX_FILE_BYTES, MAX_ITEMS_PER_FILE } from './ingest-files.js';
export type { ItemResult, IngestFileOptions } from './ingest-files.js';
export { createSafeFetcher } from './safe-fetch.js';
export type { SafeFetcher, SafeFetchResult, SafeFetcherOptions } from './safe-fetch.js';
export { createIngestModule } from './ingest-module.js';
export type { IngestModule, IngestModuleDeps } from './ingest-module.js';
export type { WireSource, SourceFields } from './source-repo.js';
export type { IncomingSummary, IncomingFilter } from './incoming-repo.js';
export type { PollReport } from './wire-poller.js';
export { SOURCE_DEFAULTS } from './source-service.js';
