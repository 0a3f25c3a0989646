import type { Insertable, Kysely } from 'kysely';
import type { Database, MediaTable, MediaVariantTable, VariantFormat } from '../db/index.js';

/** A media item as pages need it: metadata plus the variants that exist right now. */
export interface MediaView {
  id: string;
  width: number;
  height: number;
  alt: string;
  caption: string;
  credit: string;
  licence: string;
  sourceUrl: string | null;
  showDisclaimer: boolean;
  variants: { purpose: 'full' | 'thumb'; format: VariantFormat; width: number; height: number; path: string }[];
}

export function createMediaRepo(db: Kysely<Database>) {
  return {
    async insert(media: Insertable<MediaTable>, variants: Insertable<MediaVariantTable>[]): Promise<void> {
      await db.insertInto('media').values(media).execute();
      if (variants.length) await db.insertInto('media_variants').values(variants).execute();
    },

    async addVariants(mediaId: string, variants: Insertable<MediaVariantTable>[]): Promise<void> {
      if (variants.length) await db.insertInto('media_variants').values(variants).execute();
      await db.updateTable('media').set({ variants_state: 'ready' }).where('id', '=', mediaId).execute();
    },

    /** Media reserved but without an original yet, whose source_url starts with `prefix`. */
    async awaiting(prefix: string): Promise<{ id: string; source_url: string | null; focal_x: number; focal_y: number }[]> {
      return db
        .selectFrom('media')
        .select(['id', 'source_url', 'focal_x', 'focal_y'])
        .where('variants_state', '=', 'awaiting')
        .where('source_url', 'like', `${prefix}%`)
        .orderBy('created_at')
        .execute();
    },

    async fillOriginal(mediaId: string, patch: { original_path: string; mime: string; width: number; height: number; bytes: number; sha256: string }, variants: Insertable<MediaVariantTable>[]): Promise<void> {
      await db.updateTable('media').set({ ...patch, variants_state: 'pending' }).where('id', '=', mediaId).execute();
      if (variants.length) await db.insertInto('media_variants').values(variants).execute();
    },

    async markFailed(mediaId: string): Promise<void> {
      await db.updateTable('media').set({ variants_state: 'failed' }).where('id', '=', mediaId).execute();
    },

    async pending(limit: number): Promise<{ id: string; original_path: string; width: number; height: number; focal_x: number; focal_y: number }[]> {
      return db
        .selectFrom('media')
        .select(['id', 'original_path', 'width', 'height', 'focal_x', 'focal_y'])
        .where('variants_state', '=', 'pending')
        .orderBy('created_at')
        .limit(limit)
        .execute();
    },

    /** What re-cropping needs: the master, its size and focal point, and the current thumbnails. */
    async cropSource(mediaId: string): Promise<{ original_path: string; width: number; height: number; focal_x: number; focal_y: number; thumbs: { path: string; format: VariantFormat }[] } | null> {
      const row = await db.selectFrom('media').select(['original_path', 'width', 'height', 'focal_x', 'focal_y']).where('id', '=', mediaId).executeTakeFirst();
      if (!row?.original_path) return null;
      const thumbs = await db.selectFrom('media_variants').select(['path', 'format']).where('media_id', '=', mediaId).where('purpose', '=', 'thumb').execute();
      return { ...row, thumbs };
    },

    async replaceThumbs(mediaId: string, thumbs: Insertable<MediaVariantTable>[]): Promise<void> {
      await db.deleteFrom('media_variants').where('media_id', '=', mediaId).where('purpose', '=', 'thumb').execute();
      if (thumbs.length) await db.insertInto('media_variants').values(thumbs).execute();
    },

    /** Media with their current variants, keyed by id. Unknown ids are simply absent. */
    async views(ids: string[]): Promise<Map<string, MediaView>> {
      const out = new Map<string, MediaView>();
      if (ids.length === 0) return out;
      const unique = [...new Set(ids)];
      const [rows, variants] = await Promise.all([
        db.selectFrom('media').selectAll().where('id', 'in', unique).execute(),
        db.selectFrom('media_variants').selectAll().where('media_id', 'in', unique).orderBy('width').execute(),
      ]);
      for (const r of rows) {
        out.set(r.id, {
          id: r.id,
          width: Number(r.width),
          height: Number(r.height),
          alt: r.alt,
          caption: r.caption,
          credit: r.credit,
          licence: r.licence,
          sourceUrl: r.source_url,
          showDisclaimer: Number(r.show_disclaimer) === 1,
          variants: [],
        });
      }
      for (const v of variants) {
        out.get(v.media_id)?.variants.push({ purpose: v.purpose, format: v.format, width: Number(v.width), height: Number(v.height), path: v.path });
      }
      return out;
    },
  };
}

export type MediaRepo = ReturnType<typeof createMediaRepo>;
