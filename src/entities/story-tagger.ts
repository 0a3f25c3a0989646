import type { Kysely } from 'kysely';
import { setImmediate as nextTurn } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { Database } from '../db/index.js';
import { documentText, type DocNode } from '../doc/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { extractEntities } from './extract.js';
import { createGazetteer, nameKey, seedNames, type KnownName } from './gazetteer.js';
import { loadLanguageModel } from './language-model.js';
import { createSuggestionRepo, parseList } from './suggestion-repo.js';

/** The text of a story as the editor sees it (a live story's working copy), and its tags. */
export interface StoryText {
  id: string;
  headline: string;
  standfirst: string;
  body: DocNode;
  tagIds: string[];
}

export interface StoryTaggerDeps {
  clock: Clock;
  newId: IdGenerator;
  log?: Pick<Logger, 'warn'>;
}

/**
 * Extraction at each save: the content module calls this once the save has committed (or inside
 * the caller's transaction for imports). The text is read and extracted first, without a
 * transaction; only the few writes to the story's suggestions take one, so the database's write
 * lock is never held for the extraction's tens of milliseconds. A failure is logged and never
 * fails the save: suggestions are derived, and the next save brings them up to date.
 * New names are suggested; open suggestions get fresh forms and counts; names gone from the
 * text are dropped unless an editor already decided on them; accepted and rejected ones are
 * remembered; a name the story already carries as a tag is not suggested.
 */
export function createStoryTagger({ clock, newId, log }: StoryTaggerDeps) {
  return async function tagStory(db: Kysely<Database>, story: StoryText): Promise<void> {
    const tags: KnownName[] = (await createSuggestionRepo(db).entityTags()).map((t) => ({ name: t.name, kind: t.kind, tagId: t.id, aliases: parseList(t.aliases) }));
    let found: ReturnType<typeof extractEntities>;
    // A turn of the event loop before the extraction (tens of milliseconds of CPU, more for a long
    // read on a loaded machine), so readers' requests are answered between stories. On SQLite every
    // await around it settles at once, and a run of stories (the demo's 24 after a first start, a
    // wire source auto-publishing a burst) was one turn: a first `npm start` held every answer for
    // 1.5–7 s (`curl /healthz` while it ran, with the CI beside it).
    await nextTurn();
    try {
      await loadLanguageModel();
      found = extractEntities({ headline: story.headline, standfirst: story.standfirst, body: documentText(story.body) }, createGazetteer(tags, seedNames()));
    } catch (err) {
      log?.warn({ err, articleId: story.id }, 'entity extraction failed; suggestions left as they were');
      return;
    }
    try {
      const write = async (trx: Kysely<Database>) => {
        const repo = createSuggestionRepo(trx);
        const stored = await repo.forArticle(story.id);
        const byKey = new Map(stored.map((x) => [`${x.kind}:${x.nameKey}`, x]));
        const seen = new Set<string>();
        const at = clock.now().toISOString();
        for (const entity of found) {
          const key = `${entity.kind}:${nameKey(entity.name)}`;
          seen.add(key);
          const existing = byKey.get(key);
          if (existing) await repo.refresh(existing.id, { surfaces: entity.surfaces, mentions: entity.mentions, tagId: entity.tagId, name: entity.name }, at);
          else if (!(entity.tagId && story.tagIds.includes(entity.tagId))) {
            await repo.insert({ id: newId(), articleId: story.id, kind: entity.kind, name: entity.name, nameKey: nameKey(entity.name), surfaces: entity.surfaces, tagId: entity.tagId, state: 'suggested', mentions: entity.mentions }, at);
          }
        }
        await repo.removeOpen(stored.filter((x) => x.state === 'suggested' && !seen.has(`${x.kind}:${x.nameKey}`)).map((x) => x.id));
      };
      await (db.isTransaction ? write(db) : db.transaction().execute(write));
    } catch (err) {
      // Inside a caller's transaction a database error must reach the caller (the transaction is broken).
      if (db.isTransaction) throw err;
      log?.warn({ err, articleId: story.id }, 'entity suggestions not updated');
    }
  };
}

export type StoryTagger = ReturnType<typeof createStoryTagger>;
