import type { Kysely } from 'kysely';
import type { ArticleService, DirectoryService } from '../content/index.js';
import { ArticleNotFound } from '../content/index.js';
import type { Database } from '../db/index.js';
import { documentText } from '../doc/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { SuggestionNotFound } from './errors.js';
import { extractEntities } from './extract.js';
import { createGazetteer, nameKey, seedNames, type KnownName } from './gazetteer.js';
import { createSuggestionRepo, parseList, type Suggestion } from './suggestion-repo.js';
import type { Gazetteer } from './types.js';

export interface SuggestionServiceDeps {
  db: Kysely<Database>;
  clock: Clock;
  newId: IdGenerator;
  articles: ArticleService;
  directory: DirectoryService;
}

/**
 * Suggested tags for a story. Extraction runs when the editor asks for the suggestions
 * (the panel asks after every save), over the story as the editor sees it (a live
 * story's working copy); accepted and rejected names are remembered per story.
 */
export function createSuggestionService({ db, clock, newId, articles, directory }: SuggestionServiceDeps) {
  const repo = createSuggestionRepo(db);
  const now = () => clock.now().toISOString();

  async function gazetteer(): Promise<Gazetteer> {
    const tags: KnownName[] = (await repo.entityTags()).map((t) => ({ name: t.name, kind: t.kind, tagId: t.id, aliases: parseList(t.aliases) }));
    return createGazetteer(tags, seedNames());
  }

  async function story(articleId: string) {
    const article = await articles.get(articleId);
    if (!article) throw new ArticleNotFound(articleId);
    const fields = article.workingCopy?.fields ?? article;
    return { article, headline: fields.headline, standfirst: fields.standfirst, body: documentText(fields.body), tagIds: fields.tagIds };
  }

  async function mine(articleId: string, suggestionId: string): Promise<Suggestion> {
    const found = await repo.get(suggestionId);
    // Another story's suggestion is "not found" here: ids are not probed across stories.
    if (!found || found.articleId !== articleId) throw new SuggestionNotFound(suggestionId);
    return found;
  }

  return {
    /** Extracts again and returns the story's suggestions, decisions included. */
    async refresh(articleId: string): Promise<Suggestion[]> {
      const s = await story(articleId);
      const found = extractEntities(s, await gazetteer());
      const stored = await repo.forArticle(articleId);
      const byKey = new Map(stored.map((x) => [`${x.kind}:${x.nameKey}`, x]));
      const seen = new Set<string>();
      const at = now();
      for (const entity of found) {
        const key = `${entity.kind}:${nameKey(entity.name)}`;
        seen.add(key);
        const existing = byKey.get(key);
        if (existing) await repo.refresh(existing.id, { surfaces: entity.surfaces, mentions: entity.mentions, tagId: entity.tagId, name: entity.name }, at);
        else if (!(entity.tagId && s.tagIds.includes(entity.tagId))) {
          await repo.insert({ id: newId(), articleId, kind: entity.kind, name: entity.name, nameKey: nameKey(entity.name), surfaces: entity.surfaces, tagId: entity.tagId, state: 'suggested', mentions: entity.mentions }, at);
        }
      }
      await repo.removeOpen(stored.filter((x) => x.state === 'suggested' && !seen.has(`${x.kind}:${x.nameKey}`)).map((x) => x.id));
      return repo.forArticle(articleId);
    },

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
