export * from './errors.js';
export { createLocalMediaStorage } from './media-storage.js';
export type { MediaStorage } from './media-storage.js';
export { createMediaService } from './media-service.js';
export type { MediaService, MediaFields, PreparedMedia } from './media-service.js';
export { createMediaRepo } from './media-repo.js';
export type { MediaView } from './media-repo.js';
export { createBackgroundWorker } from './variant-worker.js';
export { inspectImage, focalCrop, variantWidths, MAX_INPUT_PIXELS, RESPONSIVE_WIDTHS, THUMB_SIZE } from './image-variants.js';
