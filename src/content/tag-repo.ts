import type { Kysely } from 'kysely';
import { allWordsIn } from '../db/index.js';
import type { Database } from '../db/index.js';
import type { Tag, TagKind, Topic } from './types.js';

/** The longest topic description the desk may write (characters): a paragraph, not an article. */
export const TOPIC_DESCRIPTION_MAX = 1000;

export function createTagRepo(db: Kysely<Database>) {
  return {
    async insert(tag: Tag, createdAt: string): Promise<void> {
      await db.insertInto('tags').values({ ...tag, aliases: '[]', created_at: createdAt }).execute();
    },
    async findBySlug(slug: string): Promise<Tag | null> {
      const row = await db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('slug', '=', slug).executeTakeFirst();
      return row ?? null;
    },
    /** A tag with what its topic page shows: description and aliases. */
    async topicBySlug(slug: string): Promise<Topic | null> {
      const row = await db.selectFrom('tags').select(['id', 'slug', 'name', 'kind', 'aliases', 'description']).where('slug', '=', slug).executeTakeFirst();
      return row ? { id: row.id, slug: row.slug, name: row.name, kind: row.kind, aliases: safeList(row.aliases), description: row.description } : null;
    },
    async findByIds(ids: string[]): Promise<Tag[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('id', 'in', ids).execute();
    },
    async list(text: string | undefined, limit: number, offset: number): Promise<{ items: Topic[]; total: number }> {
      let q = db.selectFrom('tags');
      // lower() on both sides: LIKE ignores case on SQLite but not on PostgreSQL.
      if (text?.trim()) q = q.where(allWordsIn(['name'], text));
      const [rows, count] = await Promise.all([
        q.select(['id', 'slug', 'name', 'kind', 'aliases', 'description']).orderBy('name').limit(limit).offset(offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map((r) => ({ id: r.id, slug: r.slug, name: r.name, kind: r.kind, aliases: safeList(r.aliases), description: r.description })), total: Number(count.n) };
    },
    /** One tag with its aliases and description (the admin API's Tag shape). */
    async findById(id: string): Promise<Topic | null> {
      const row = await db.selectFrom('tags').select(['id', 'slug', 'name', 'kind', 'aliases', 'description']).where('id', '=', id).executeTakeFirst();
      return row ? { id: row.id, slug: row.slug, name: row.name, kind: row.kind, aliases: safeList(row.aliases), description: row.description } : null;
    },
    async update(id: string, patch: { name?: string; kind?: TagKind; aliases?: string[]; description?: string }): Promise<void> {
      await db
        .updateTable('tags')
        .set({
          ...(patch.name ? { name: patch.name } : {}),
          ...(patch.kind ? { kind: patch.kind } : {}),
          ...(patch.aliases ? { aliases: JSON.stringify(patch.aliases) } : {}),
          ...(patch.description !== undefined ? { description: patch.description } : {}),
        })
        .where('id', '=', id)
        .execute();
    },
    /** Removes the tag from every story, then the tag itself. */
    async remove(id: string): Promise<void> {
      const work = async (trx: Kysely<Database>) => {
        await trx.deleteFrom('article_tags').where('tag_id', '=', id).execute();
        await trx.deleteFrom('tags').where('id', '=', id).execute();
      };
      await (db.isTransaction ? work(db) : db.transaction().execute(work));
    },
  };
}

function safeList(json: string): string[] {
  try {
    const v: unknown = JSON.parse(json);
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
  } catch {
    return [];
  }
}

export type TagRepo = ReturnType<typeof createTagRepo>;
