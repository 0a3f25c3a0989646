import { defineError } from '../shared/errors.js';

export const ArticleNotFound = defineError('ARTICLE_NOT_FOUND', 'Article %s not found', 404);
export const SectionNotFound = defineError('SECTION_NOT_FOUND', 'Section %s not found', 404);
export const PersonNotFound = defineError('PERSON_NOT_FOUND', 'Person %s not found', 404);
export const StaticPageNotFound = defineError('STATIC_PAGE_NOT_FOUND', 'Page %s not found', 404);
export const VersionConflict = defineError('VERSION_CONFLICT', 'Article %s was changed by someone else (now at version %s); reload before saving', 409);
export const InvalidTransition = defineError('INVALID_TRANSITION', 'An article cannot go from %s to %s', 409);
export const EmbargoActive = defineError('EMBARGO_ACTIVE', 'The story is under embargo until %s', 409);
export const NoWorkingCopy = defineError('NO_PENDING_CHANGES', 'Story %s has no unpublished changes to update or discard', 409);
export const FrontPageChanged = defineError('FRONT_PAGE_CHANGED', 'The front page was saved by %s at %s since you loaded it; reload before saving', 409);
