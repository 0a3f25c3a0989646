// Moved to src/shared/etag-match.ts, where the Content API (src/content-api) uses it too: feature
// folders do not import the site. Kept so the site's own imports stay as they were.
export * from '../shared/etag-match.js';
