import { defineError } from '../shared/errors.js';

export const MediaNotFound = defineError('MEDIA_NOT_FOUND', 'Media %s not found', 404);
export const UnsupportedImage = defineError('UNSUPPORTED_IMAGE', 'The file is not a supported image (%s)', 415);
export const ImageTooLarge = defineError('IMAGE_TOO_LARGE', 'The image is too large: %s', 413);
export const ImageBusy = defineError('IMAGE_BUSY', 'The server is busy with other pictures; try again in a few seconds', 503);
/** The disk or object store refused or did not answer; nothing of the upload is kept. */
export const MediaStorageUnavailable = defineError('MEDIA_STORAGE_UNAVAILABLE', 'The media storage is not available (%s); try again shortly', 503);
