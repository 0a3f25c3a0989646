/**
 * The Content API: read-only JSON of published content, shaped like Ghost's Content API
 * (docs/content-api.md). Other folders import from here only.
 */
export { createContentApiModule } from './content-api-module.js';
export type { ContentApiModule, ContentApiDeps } from './content-api-module.js';
export type { ApiPaths } from './answer-context.js';
export type { KeyScope } from './key-check.js';
export { CONTENT_API_PREFIXES, CONTENT_VERSION } from './content-api-routes.js';
export { contentApiDocument } from './openapi.js';
