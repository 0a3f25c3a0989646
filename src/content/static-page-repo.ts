import type { Kysely, Selectable } from 'kysely';
import type { Database, StaticPageTable } from '../db/index.js';
import { storedDocJson, type DocNode } from '../doc/index.js';

/** A simple page editors write (About, Contact, Editorial standards, Privacy), served at `/{slug}`. */
export interface StaticPage {
  id: string;
  slug: string;
  title: string;
  body: DocNode;
  position: number;
  inFooter: boolean;
  createdAt: string;
  updatedAt: string;
  updatedBy: string | null;
}

/** A page in lists and in the footer: everything but the body. */
export type StaticPageSummary = Omit<StaticPage, 'body'>;

const SUMMARY_COLUMNS = ['id', 'slug', 'title', 'position', 'in_footer', 'created_at', 'updated_at', 'updated_by'] as const;

function toSummary(row: Omit<Selectable<StaticPageTable>, 'body'>): StaticPageSummary {
  return {
    id: row.id,
    slug: row.slug,
    title: row.title,
    position: Number(row.position),
    inFooter: Number(row.in_footer) === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    updatedBy: row.updated_by,
  };
}

function toPage(row: Selectable<StaticPageTable>): StaticPage {
  return { ...toSummary(row), body: parseBody(row.body) };
}

/** A stored body that no longer parses shows as an empty page rather than breaking the site. */
function parseBody(text: string): DocNode {
  try {
    const doc = JSON.parse(text) as DocNode;
    return doc && doc.type === 'doc' && Array.isArray(doc.content) ? doc : { type: 'doc', content: [] };
  } catch {
    return { type: 'doc', content: [] };
  }
}

export interface StaticPageRow {
  id: string;
  slug: string;
  title: string;
  body: DocNode;
  position: number;
  inFooter: boolean;
  at: string;
  by: string | null;
}

export function createStaticPageRepo(db: Kysely<Database>) {
  return {
    /** Every page in footer order (position, then title). */
    async list(): Promise<StaticPageSummary[]> {
      const rows = await db.selectFrom('static_pages').select(SUMMARY_COLUMNS).orderBy('position').orderBy('title').execute();
      return rows.map(toSummary);
    },
    async footerLinks(): Promise<{ slug: string; title: string }[]> {
      return db.selectFrom('static_pages').select(['slug', 'title']).where('in_footer', '=', 1).orderBy('position').orderBy('title').execute();
    },
    async findById(id: string): Promise<StaticPage | null> {
      const row = await db.selectFrom('static_pages').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toPage(row) : null;
    },
    async findBySlug(slug: string): Promise<StaticPage | null> {
      const row = await db.selectFrom('static_pages').selectAll().where('slug', '=', slug).executeTakeFirst();
      return row ? toPage(row) : null;
    },
    async slugOwner(slug: string): Promise<string | null> {
      const row = await db.selectFrom('static_pages').select('id').where('slug', '=', slug).executeTakeFirst();
      return row?.id ?? null;
    },
    /** False when another page took the slug first (the unique index decides a race, not a prior read). */
    async insert(page: StaticPageRow): Promise<boolean> {
      const result = await db
        .insertInto('static_pages')
        .values({ id: page.id, slug: page.slug, title: page.title, body: storedDocJson(page.body), position: page.position, in_footer: page.inFooter ? 1 : 0, created_at: page.at, updated_at: page.at, updated_by: page.by })
        .onConflict((oc) => oc.column('slug').doNothing())
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows ?? 0) === 1;
    },
    async update(id: string, patch: Partial<Pick<StaticPage, 'slug' | 'title' | 'body' | 'position' | 'inFooter'>>, at: string, by: string | null): Promise<void> {
      await db
        .updateTable('static_pages')
        .set({
          ...(patch.slug !== undefined ? { slug: patch.slug } : {}),
          ...(patch.title !== undefined ? { title: patch.title } : {}),
          ...(patch.body !== undefined ? { body: storedDocJson(patch.body) } : {}),
          ...(patch.position !== undefined ? { position: patch.position } : {}),
          ...(patch.inFooter !== undefined ? { in_footer: patch.inFooter ? 1 : 0 } : {}),
          updated_at: at,
          updated_by: by,
        })
        .where('id', '=', id)
        .execute();
    },
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('static_pages').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
  };
}

export type StaticPageRepo = ReturnType<typeof createStaticPageRepo>;
