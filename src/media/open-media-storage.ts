import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { createLocalMediaStorage, type MediaStorage } from './media-storage.js';
import { createS3MediaStorage, type S3Connection, type S3Location } from './s3-storage.js';

/** The store MEDIA_STORAGE names: the bucket, or DATA_DIR/media when it is empty. */
export function openMediaStorage(options: { dataDir: string; mediaStorage: { location: S3Location; connection: S3Connection } | null }): MediaStorage {
  if (options.mediaStorage) return createS3MediaStorage(options.mediaStorage.location, options.mediaStorage.connection);
  const root = join(options.dataDir, 'media');
  mkdirSync(root, { recursive: true });
  return createLocalMediaStorage(root);
}
