import { defineError } from '../shared/errors.js';

export const InvalidCredentials = defineError('INVALID_CREDENTIALS', 'The e-mail address or password is not right', 401);
export const Unauthenticated = defineError('UNAUTHENTICATED', 'Sign in first', 401);
export const Forbidden = defineError('FORBIDDEN', 'Your role (%s) may not %s', 403);
export const CsrfRejected = defineError('CSRF_REJECTED', 'The request lacks a valid X-CSRF-Token header', 403);
export const RateLimited = defineError('RATE_LIMITED', 'Too many attempts; try again in %s seconds', 429);
export const MediaInUse = defineError('MEDIA_IN_USE', 'The picture is used by %s stories; remove it from them first', 409);
export const SectionInUse = defineError('SECTION_IN_USE', 'The section has %s stories; move them first', 409);
export const SetupUnavailable = defineError('SETUP_UNAVAILABLE', 'Setup is done or the setup link is not valid', 403);
export const UserNotFound = defineError('USER_NOT_FOUND', 'User %s not found', 404);
export const TagNotFound = defineError('TAG_NOT_FOUND', 'Tag %s not found', 404);
export const ApiKeyNotFound = defineError('API_KEY_NOT_FOUND', 'API key %s not found', 404);
