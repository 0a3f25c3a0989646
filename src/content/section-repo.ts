import type { Kysely, Selectable } from 'kysely';
import type { Database, SectionTable } from '../db/index.js';
import type { Section } from './types.js';

function toSection(row: Selectable<SectionTable>): Section {
  return { id: row.id, slug: row.slug, name: row.name, description: row.description, position: Number(row.position) };
}

export function createSectionRepo(db: Kysely<Database>) {
  return {
    async insert(section: Section, createdAt: string): Promise<void> {
      await db.insertInto('sections').values({ ...section, created_at: createdAt }).execute();
    },
    async findBySlug(slug: string): Promise<Section | null> {
      const row = await db.selectFrom('sections').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toSection(row) : null;
    },
    async findById(id: string): Promise<Section | null> {
      const row = await db.selectFrom('sections').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSection(row) : null;
    },
    async findByName(name: string): Promise<Section | null> {
      const row = await db.selectFrom('sections').selectAll().where('name', '=', name).executeTakeFirst();
      return row ? toSection(row) : null;
    },
    async update(id: string, patch: Partial<Omit<Section, 'id'>>): Promise<void> {
      await db.updateTable('sections').set(patch).where('id', '=', id).execute();
    },
    async storyCount(id: string): Promise<number> {
      const row = await db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).where('section_id', '=', id).executeTakeFirstOrThrow();
      return Number(row.n);
    },
    async remove(id: string): Promise<void> {
      await db.deleteFrom('sections').where('id', '=', id).execute();
    },
    async list(): Promise<Section[]> {
      const rows = await db.selectFrom('sections').selectAll().orderBy('position').orderBy('name').execute();
      return rows.map(toSection);
    },
  };
}

export type SectionRepo = ReturnType<typeof createSectionRepo>;
