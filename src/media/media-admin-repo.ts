import type { Kysely, Selectable } from 'kysely';
import { allWordsIn } from '../db/index.js';
import type { ArticleStatus, Database, MediaTable } from '../db/index.js';

export interface MediaRecord {
  id: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  sourceUrl: string | null;
  licence: string;
  showDisclaimer: boolean;
  focal: { x: number; y: number };
  variantsState: string;
  uploadedBy: string | null;
  createdAt: string;
  paths: { full: string | null; thumb: string | null; original: string };
}

/** A story that uses a picture: enough to decide who may see it and who may change what it shows. */
export interface MediaUse {
  id: string;
  headline: string;
  status: ArticleStatus;
  createdBy: string | null;
  authorIds: string[];
}

export interface MediaPatch {
  alt?: string;
  caption?: string;
  credit?: string;
  sourceUrl?: string | null;
  licence?: string;
  showDisclaimer?: boolean;
  focal?: { x: number; y: number };
}

/** The media library's queries: search, one item with where-used, metadata, delete. */
export function createMediaAdminRepo(db: Kysely<Database>) {
  async function withPaths(rows: Selectable<MediaTable>[]): Promise<MediaRecord[]> {
    if (!rows.length) return [];
    const variants = await db
      .selectFrom('media_variants')
      .select(['media_id', 'purpose', 'width', 'path'])
      .where('media_id', 'in', rows.map((r) => r.id))
      .where('format', '=', 'jpeg')
      .orderBy('width')
      .execute();
    return rows.map((r) => {
      const own = variants.filter((v) => v.media_id === r.id);
      const full = own.filter((v) => v.purpose === 'full');
      return {
        id: r.id,
        width: Number(r.width),
        height: Number(r.height),
        alt: r.alt,
        caption: r.caption,
        credit: r.credit,
        sourceUrl: r.source_url,
        licence: r.licence,
        showDisclaimer: Number(r.show_disclaimer) === 1,
        focal: { x: Number(r.focal_x), y: Number(r.focal_y) },
        variantsState: r.variants_state,
        uploadedBy: r.uploaded_by ?? null,
        createdAt: r.created_at,
        paths: {
          full: (full.find((v) => Number(v.width) >= 960) ?? full[full.length - 1])?.path ?? null,
          thumb: own.find((v) => v.purpose === 'thumb')?.path ?? null,
          original: r.original_path,
        },
      };
    });
  }

  return {
    async search(text: string | undefined, page: number, pageSize: number): Promise<{ items: MediaRecord[]; total: number }> {
      let q = db.selectFrom('media');
      if (text?.trim()) q = q.where(allWordsIn(['alt', 'caption', 'credit'], text));
      const [rows, count] = await Promise.all([
        q.selectAll().orderBy('created_at', 'desc').orderBy('id', 'desc').limit(pageSize).offset((page - 1) * pageSize).execute(),
        q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow(),
      ]);
      return { items: await withPaths(rows), total: Number(count.n) };
    },

    async get(id: string): Promise<MediaRecord | null> {
      const row = await db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? (await withPaths([row]))[0]! : null;
    },

    /** Stories that show the picture, as hero or inline in the body, with what permission checks need. */
    async usedBy(id: string): Promise<MediaUse[]> {
      const rows = await db
        .selectFrom('articles')
        .select(['id', 'headline', 'status', 'created_by'])
        .where((eb) => eb.or([eb('hero_media_id', '=', id), eb('body', 'like', `%"mediaId":"${id}"%`)]))
        .orderBy('modified_at', 'desc')
        .execute();
      if (!rows.length) return [];
      const authors = await db.selectFrom('article_authors').select(['article_id', 'person_id']).where('article_id', 'in', rows.map((r) => r.id)).orderBy('position').execute();
      return rows.map((r) => ({
        id: r.id,
        headline: r.headline,
        status: r.status,
        createdBy: r.created_by ?? null,
        authorIds: authors.filter((a) => a.article_id === r.id).map((a) => a.person_id),
      }));
    },

    async update(id: string, patch: MediaPatch): Promise<void> {
      await db
        .updateTable('media')
        .set({
          ...(patch.alt !== undefined ? { alt: patch.alt } : {}),
          ...(patch.caption !== undefined ? { caption: patch.caption } : {}),
          ...(patch.credit !== undefined ? { credit: patch.credit } : {}),
          ...(patch.sourceUrl !== undefined ? { source_url: patch.sourceUrl } : {}),
          ...(patch.licence !== undefined ? { licence: patch.licence } : {}),
          ...(patch.showDisclaimer !== undefined ? { show_disclaimer: patch.showDisclaimer ? 1 : 0 } : {}),
          ...(patch.focal ? { focal_x: patch.focal.x, focal_y: patch.focal.y } : {}),
        })
        .where('id', '=', id)
        .execute();
    },

    /** Deletes the rows and returns every file path that belonged to the item. */
    async remove(id: string): Promise<string[]> {
      return db.transaction().execute(async (trx) => {
        const media = await trx.selectFrom('media').select('original_path').where('id', '=', id).executeTakeFirst();
        if (!media) return [];
        const variants = await trx.selectFrom('media_variants').select('path').where('media_id', '=', id).execute();
        await trx.deleteFrom('media_variants').where('media_id', '=', id).execute();
        await trx.deleteFrom('media').where('id', '=', id).execute();
        return [media.original_path, ...variants.map((v) => v.path)].filter(Boolean);
      });
    },
  };
}

export type MediaAdminRepo = ReturnType<typeof createMediaAdminRepo>;
