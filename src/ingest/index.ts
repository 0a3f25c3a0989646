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
