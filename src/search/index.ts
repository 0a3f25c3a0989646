export { createSearchModule, searchIndexFor } from './search-module.js';
export type { SearchModule, SearchDeps } from './search-module.js';
export type { SearchService, SearchInput, SearchHit, SearchOutcome } from './search-service.js';
export { MAX_SEARCH_PAGE, MAX_PER_PAGE, SEARCH_CONCURRENCY_DEFAULT } from './search-service.js';
export { SearchBusy } from './errors.js';
export type { SearchSort, SearchFilters } from './search-filters-repo.js';
export { MAX_QUERY_CHARS, parseQuery } from './search-query.js';
