import type { Kysely } from 'kysely';
import { allWordsIn, type ArticleStatus, type Database } from '../db/index.js';

const KEY = 'front_page';

/** A story as the front-page screen shows it: enough to tell which pin is live and which needs a picture. */
export interface FrontPageStory {
  id: string;
  headline: string;
  status: ArticleStatus;
  hasPicture: boolean;
  publishedAt: string | null;
  section: { id: string; slug: string; name: string };
}

/**
 * The stored arrangement (one `site_state` row holding JSON) and the story look-ups the
 * front-page screen needs. Writes are compare-and-set on the whole stored text, so two
 * editors saving at once cannot silently overwrite each other.
 */
export function createFrontPageRepo(db: Kysely<Database>) {
  function stories() {
    return db
      .selectFrom('articles')
      .innerJoin('sections', 'sections.id', 'articles.section_id')
      .select(['articles.id', 'articles.headline', 'articles.status', 'articles.hero_media_id', 'articles.published_at', 'sections.id as section_id', 'sections.slug as section_slug', 'sections.name as section_name']);
  }
  type Row = Awaited<ReturnType<ReturnType<typeof stories>['execute']>>[number];
  const toStory = (r: Row): FrontPageStory => ({
    id: r.id,
    headline: r.headline,
    status: r.status,
    hasPicture: r.hero_media_id !== null,
    publishedAt: r.published_at,
    section: { id: r.section_id, slug: r.section_slug, name: r.section_name },
  });

  return {
    /** The stored text, or null before the first save. */
    async read(): Promise<string | null> {
      const row = await db.selectFrom('site_state').select('value').where('key', '=', KEY).executeTakeFirst();
      return row?.value ?? null;
    },

    /** Replaces `previous` (null: nothing stored yet) with `next`; false when someone else wrote first. */
    async replace(previous: string | null, next: string): Promise<boolean> {
      if (previous === null) {
        const inserted = await db.insertInto('site_state').values({ key: KEY, value: next }).onConflict((oc) => oc.column('key').doNothing()).executeTakeFirst();
        return Number(inserted.numInsertedOrUpdatedRows ?? 0) === 1;
      }
      const updated = await db.updateTable('site_state').set({ value: next }).where('key', '=', KEY).where('value', '=', previous).executeTakeFirst();
      return Number(updated.numUpdatedRows) === 1;
    },

    /** The stories with these ids, whatever their status; a deleted one is simply absent. */
    async stories(ids: string[]): Promise<FrontPageStory[]> {
      if (ids.length === 0) return [];
      return (await stories().where('articles.id', 'in', ids).execute()).map(toStory);
    },

    /** Published stories whose headline has every word of `text`, newest first: what an editor may pin. */
    async published(text: string | undefined, limit: number): Promise<FrontPageStory[]> {
      const rows = await stories()
        .where('articles.status', '=', 'published')
        .where(allWordsIn(['articles.headline'], text))
        .orderBy('articles.published_at', 'desc')
        .orderBy('articles.id', 'desc')
        .limit(limit)
        .execute();
      return rows.map(toStory);
    },

    async sectionIds(): Promise<string[]> {
      return (await db.selectFrom('sections').select('id').orderBy('position').orderBy('name').execute()).map((r) => r.id);
    },
  };
}

export type FrontPageRepo = ReturnType<typeof createFrontPageRepo>;
