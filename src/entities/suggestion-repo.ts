import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { EntityKind } from './types.js';

export type SuggestionState = 'suggested' | 'accepted' | 'rejected';

export interface Suggestion {
  id: string;
  articleId: string;
  kind: EntityKind;
  name: string;
  nameKey: string;
  surfaces: string[];
  tagId: string | null;
  state: SuggestionState;
  mentions: number;
}

function parseList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export function createSuggestionRepo(db: Kysely<Database>) {
  const columns = ['id', 'article_id', 'kind', 'name', 'name_key', 'surfaces', 'tag_id', 'state', 'mentions'] as const;
  const toSuggestion = (r: { id: string; article_id: string; kind: EntityKind; name: string; name_key: string; surfaces: string; tag_id: string | null; state: SuggestionState; mentions: number }): Suggestion => ({
    id: r.id,
    articleId: r.article_id,
    kind: r.kind,
    name: r.name,
    nameKey: r.name_key,
    surfaces: parseList(r.surfaces),
    tagId: r.tag_id,
    state: r.state,
    mentions: Number(r.mentions),
  });
  return {
    async forArticle(articleId: string): Promise<Suggestion[]> {
      const rows = await db.selectFrom('entity_suggestions').select(columns).where('article_id', '=', articleId).orderBy('created_at').orderBy('id').execute();
      return rows.map(toSuggestion);
    },
    async get(id: string): Promise<Suggestion | null> {
      const row = await db.selectFrom('entity_suggestions').select(columns).where('id', '=', id).executeTakeFirst();
      return row ? toSuggestion(row) : null;
    },
    async insert(s: Suggestion, at: string): Promise<void> {
      await db
        .insertInto('entity_suggestions')
        .values({ id: s.id, article_id: s.articleId, kind: s.kind, name: s.name, name_key: s.nameKey, surfaces: JSON.stringify(s.surfaces), tag_id: s.tagId, state: s.state, mentions: s.mentions, created_at: at, updated_at: at })
        .onConflict((oc) => oc.columns(['article_id', 'kind', 'name_key']).doNothing())
        .execute();
    },
    /** Fresh forms and counts for a suggestion still open; accepted and rejected ones keep their state. */
    async refresh(id: string, patch: { surfaces: string[]; mentions: number; tagId: string | null; name: string }, at: string): Promise<void> {
      await db.updateTable('entity_suggestions').set({ surfaces: JSON.stringify(patch.surfaces), mentions: patch.mentions, tag_id: patch.tagId, name: patch.name, updated_at: at }).where('id', '=', id).where('state', '=', 'suggested').execute();
    },
    /** Open suggestions the story no longer mentions go; decisions stay. */
    async removeOpen(ids: string[]): Promise<void> {
      if (ids.length) await db.deleteFrom('entity_suggestions').where('id', 'in', ids).where('state', '=', 'suggested').execute();
    },
    async decide(id: string, state: SuggestionState, tagId: string | null, at: string): Promise<void> {
      await db.updateTable('entity_suggestions').set({ state, tag_id: tagId, updated_at: at }).where('id', '=', id).execute();
    },
    /** Tags that extraction resolves names against: every tag that is a kind of entity, with its aliases. */
    async entityTags(): Promise<{ id: string; name: string; kind: EntityKind; aliases: string }[]> {
      return db.selectFrom('tags').select(['id', 'name', 'kind', 'aliases']).where('kind', '!=', 'topic').execute() as Promise<{ id: string; name: string; kind: EntityKind; aliases: string }[]>;
    },
    async tagAliases(tagId: string): Promise<string[] | null> {
      const row = await db.selectFrom('tags').select('aliases').where('id', '=', tagId).executeTakeFirst();
      return row ? parseList(row.aliases) : null;
    },
    async tagByNameKey(kind: EntityKind, name: string): Promise<{ id: string } | null> {
      const row = await db.selectFrom('tags').select('id').where('kind', '=', kind).where('name', '=', name).executeTakeFirst();
      return row ?? null;
    },
  };
}

export type SuggestionRepo = ReturnType<typeof createSuggestionRepo>;
export { parseList };
