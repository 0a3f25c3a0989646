import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { createArticleAdminRepo } from './article-admin-repo.js';
import { createArticleReadRepo } from './article-read-repo.js';
import { createArticleService, type ArticleIndexer, type ArticleTagger } from './article-service.js';
import { createDirectoryService } from './directory-service.js';
import { createFrontPageService } from './front-page-service.js';
import { createPersonRepo } from './person-repo.js';
import { createSectionRepo } from './section-repo.js';
import { createSiteStateRepo } from './site-state-repo.js';
import { createStaticPageService } from './static-page-service.js';
import { createTagRepo } from './tag-repo.js';
import { createTopicRepo } from './topic-repo.js';

export interface ContentDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  /** Keeps the search index in step with published stories, in the same transaction (src/search). */
  indexer?: ArticleIndexer;
  /** Suggests tags from a story's text at each save, in the same transaction (src/entities). */
  tagger?: ArticleTagger;
}

/**
 * Everything the content domain owns, built once: the services that write (articles,
 * directory, static pages, front page) and the repositories routes and pages read through.
 */
export function createContentModule({ db, clock, newId, indexer, tagger }: ContentDeps) {
  return {
    articles: createArticleService({ db, clock, newId, indexer, tagger }),
    directory: createDirectoryService({ db, clock, newId, indexer }),
    staticPages: createStaticPageService({ db, clock, newId }),
    frontPage: createFrontPageService({ db, clock }),
    read: createArticleReadRepo(db),
    adminArticles: createArticleAdminRepo(db),
    sections: createSectionRepo(db),
    people: createPersonRepo(db),
    tags: createTagRepo(db),
    topics: createTopicRepo(db),
    siteState: createSiteStateRepo(db),
  };
}

export type ContentModule = ReturnType<typeof createContentModule>;
