import type { Kysely, Selectable } from 'kysely';
import type { Database, PersonTable } from '../db/index.js';
import type { Person } from './types.js';

function parseLinks(json: string): Record<string, string> {
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
    async slugExists(slug: string): Promise<boolean> {
      return !!(await db.selectFrom('people').select('id').where('slug', '=', slug).executeTakeFirst());
    },
  };
}

export type PersonRepo = ReturnType<typeof createPersonRepo>;
