/** Ingest: wire formats in, checked media fetched. */
export { parseNinjs, isAgencyCredit } from './ninjs.js';
export type { IncomingPicture, IncomingStory, NinjsResult } from './ninjs.js';
export { createMediaFetcher } from './fetch-media.js';
export type { FetchMediaResult, MediaFetcher, MediaFetcherOptions } from './fetch-media.js';
export { isForbiddenAddress } from './address-policy.js';
export { createWireImporter } from './wire-importer.js';
export type { WireImporter, ImportOutcome } from './wire-importer.js';
