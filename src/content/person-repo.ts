import type { Kysely, Selectable } from 'kysely';
import { allWordsIn } from '../db/index.js';
import type { Database, PersonTable } from '../db/index.js';
import type { Person } from './types.js';

/** A person's links column (JSON text); anything malformed reads as no links rather than an error. */
export function parseLinks(json: string): Record<string, string> {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, string>) : {};
  } catch {
    return {};
  }
}

function toPerson(row: Selectable<PersonTable>): Person {
  return { id: row.id, slug: row.slug, name: row.name, bio: row.bio, links: parseLinks(row.links) };
}

export function createPersonRepo(db: Kysely<Database>) {
  return {
    async insert(person: Person, createdAt: string): Promise<void> {
      await db
        .insertInto('people')
        .values({ id: person.id, slug: person.slug, name: person.name, bio: person.bio, links: JSON.stringify(person.links), photo_media_id: null, created_at: createdAt })
        .execute();
    },
    async findBySlug(slug: string): Promise<Person | null> {
      const row = await db.selectFrom('people').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toPerson(row) : null;
    },
    async findByName(name: string): Promise<Person | null> {
      const row = await db.selectFrom('people').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toPerson(row) : null;
    },
    async findById(id: string): Promise<Person | null> {
      const row = await db.selectFrom('people').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toPerson(row) : null;
    },
    async list(text: string | undefined, limit: number, offset: number): Promise<{ items: Person[]; total: number }> {
      let q = db.selectFrom('people');
      // lower() on both sides: LIKE ignores case on SQLite but not on PostgreSQL.
      if (text?.trim()) q = q.where(allWordsIn(['name'], text));
      const [rows, count] = await Promise.all([
        q.selectAll().orderBy('name').limit(limit).offset(offset).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: rows.map(toPerson), total: Number(count.n) };
    },
    async update(id: string, patch: { name?: string; bio?: string; links?: Record<string, string>; slug?: string }): Promise<void> {
      await db
        .updateTable('people')
        .set({ ...(patch.name ? { name: patch.name } : {}), ...(patch.bio !== undefined ? { bio: patch.bio } : {}), ...(patch.links ? { links: JSON.stringify(patch.links) } : {}), ...(patch.slug ? { slug: patch.slug } : {}) })
        .where('id', '=', id)
        .execute();
    },
    /** The subset of `ids` that exist. */
    async existingIds(ids: string[]): Promise<string[]> {
      if (ids.length === 0) return [];
      return (await db.selectFrom('people').select('id').where('id', 'in', ids).execute()).map((r) => r.id);
    },
    async slugExists(slug: string): Promise<boolean> {
      return !!(await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst());
    },
  };
}

export type PersonRepo = ReturnType<typeof createPersonRepo>;
