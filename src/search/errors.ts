import { defineError } from '../shared/errors.js';

/** Too many searches run or wait in this process (SEARCH_CONCURRENCY); pages keep being served. */
export const SearchBusy = defineError('SEARCH_BUSY', 'Search is busy just now; try again in a few seconds', 503);
