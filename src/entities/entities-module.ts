import type { Kysely } from 'kysely';
import type { ArticleService, DirectoryService } from '../content/index.js';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { createSuggestionService } from './suggestion-service.js';

export interface EntitiesDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  articles: ArticleService;
  directory: DirectoryService;
}

/** Entity extraction and the suggested tags the desk accepts or rejects. */
export function createEntitiesModule(deps: EntitiesDeps) {
  return { suggestions: createSuggestionService(deps) };
}

export type EntitiesModule = ReturnType<typeof createEntitiesModule>;
