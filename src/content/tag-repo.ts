import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Tag, TagKind } from './types.js';

export function createTagRepo(db: Kysely<Database>) {
  return {
    async insert(tag: Tag, createdAt: string): Promise<void> {
      await db.insertInto('tags').values({ ...tag, aliases: '[]', created_at: createdAt }).execute();
    },
    async findBySlug(slug: string): Promise<Tag | null> {
      const row = await db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('slug', '=', slug).executeTakeFirst();
      return row ?? null;
    },
    async findByIds(ids: string[]): Promise<Tag[]> {
      if (ids.length === 0) return [];
      return db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('id', 'in', ids).execute();
    },
    async kindOf(kind: TagKind): Promise<Tag[]> {
      return db.selectFrom('tags').select(['id', 'slug', 'name', 'kind']).where('kind', '=', kind).orderBy('name').execute();
    },
  };
}

export type TagRepo = ReturnType<typeof createTagRepo>;
