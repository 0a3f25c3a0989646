import type { Kysely } from 'kysely';
import type { ArticleService, DirectoryService } from '../content/index.js';
import { ArticleNotFound } from '../content/index.js';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { SuggestionNotFound } from './errors.js';
import { nameKey } from './gazetteer.js';
import { createSuggestionRepo, type Suggestion } from './suggestion-repo.js';

export interface SuggestionServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  articles: ArticleService;
  directory: DirectoryService;
}

/**
 * Suggested tags for a story, as extraction left them at the story's last save (see
 * story-tagger.ts); the editor accepts or rejects them, and the decisions are remembered.
 */
export function createSuggestionService({ db, clock, articles, directory }: SuggestionServiceDeps) {
  const repo = createSuggestionRepo(db);
  const now = () => clock.now().toISOString();

  async function mine(articleId: string, suggestionId: string): Promise<Suggestion> {
    const found = await repo.get(suggestionId);
    // Another story's suggestion is "not found" here: ids are not probed across stories.
    if (!found || found.articleId !== articleId) throw new SuggestionNotFound(suggestionId);
    return found;
  }

  return {
    list: (articleId: string) => repo.forArticle(articleId),

    /**
     * Makes the suggestion a tag of its kind (reusing one with that name), adds the story's
     * forms of the name as aliases, and attaches the tag to the story, all in one transaction.
     */
    async accept(articleId: string, suggestionId: string, options: { userId: string | null; expectedVersion?: number }): Promise<Suggestion> {
      await mine(articleId, suggestionId);
      await db.transaction().execute(async (trx) => {
        const txRepo = createSuggestionRepo(trx);
        const suggestion = (await txRepo.get(suggestionId))!;
        const tagId = (suggestion.tagId && (await txRepo.tagAliases(suggestion.tagId)) ? suggestion.tagId : null) ?? (await directory.withTransaction(trx).ensureTag(suggestion.name, suggestion.kind)).id;
        const aliases = (await txRepo.tagAliases(tagId)) ?? [];
        const more = suggestion.surfaces.filter((f) => nameKey(f) !== nameKey(suggestion.name) && !aliases.some((a) => nameKey(a) === nameKey(f)));
        // Through the directory, so the stories already carrying the tag are found by the new forms too.
        if (more.length) await directory.withTransaction(trx).updateTag(tagId, { aliases: [...aliases, ...more].slice(0, 20) });
        const current = await articles.withTransaction(trx).get(articleId);
        if (!current) throw new ArticleNotFound(articleId);
        const tagIds = (current.workingCopy?.fields ?? current).tagIds;
        if (!tagIds.includes(tagId)) await articles.withTransaction(trx).edit(articleId, { tagIds: [...tagIds, tagId] }, { userId: options.userId, ...(options.expectedVersion ? { expectedVersion: options.expectedVersion } : {}) });
        await txRepo.decide(suggestionId, 'accepted', tagId, now());
      });
      return (await repo.get(suggestionId))!;
    },

    /** Remembers that the name is not wanted on this story: it is never suggested for it again. */
    async reject(articleId: string, suggestionId: string): Promise<Suggestion> {
      const suggestion = await mine(articleId, suggestionId);
      await repo.decide(suggestionId, 'rejected', suggestion.tagId, now());
      return (await repo.get(suggestionId))!;
    },
  };
}

export type SuggestionService = ReturnType<typeof createSuggestionService>;
