import { createAccountApi } from './account-api.js';
import { createAdminApi } from './admin-api.js';
import { createAnalyticsApi } from './analytics-api.js';
import { createArticlesApi } from './articles-api.js';
import { createDirectoryApi } from './directory-api.js';
import { createEntitiesApi } from './entities-api.js';
import { createFrontPageApi } from './front-page-api.js';
import type { Http } from './http.js';
import { createMediaApi } from './media-api.js';
import { createPagesApi } from './pages-api.js';
import { createSessionApi } from './session-api.js';
import { createWireApi } from './wire-api.js';

/** Every typed API call the desk makes, grouped by resource. */
export function createApi(http: Http) {
  const directory = createDirectoryApi(http);
  const admin = createAdminApi(http);
  return {
    http,
    session: createSessionApi(http),
    articles: createArticlesApi(http),
    media: createMediaApi(http),
    sections: directory.sections,
    people: directory.people,
    tags: directory.tags,
    pages: createPagesApi(http),
    frontPage: createFrontPageApi(http),
    analytics: createAnalyticsApi(http),
    entities: createEntitiesApi(http),
    wire: createWireApi(http),
    users: admin.users,
    account: createAccountApi(http),
    apiKeys: admin.apiKeys,
    settings: admin.settings,
  };
}

export type Api = ReturnType<typeof createApi>;
