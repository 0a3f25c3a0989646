import { defineError } from '../shared/errors.js';

export const SuggestionNotFound = defineError('SUGGESTION_NOT_FOUND', 'Suggestion %s not found for this story', 404);
