import type { Insertable, Kysely } from 'kysely';
import type { Database, MediaTable, MediaVariantTable, VariantFormat, VariantState } from '../db/index.js';

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

/** The two kinds of background work on a media item, and the states each claim moves between. */
const CLAIM_STEPS = {
  fill: { from: 'awaiting', to: 'filling' },
  variants: { from: 'pending', to: 'processing' },
} as const satisfies Record<string, { from: VariantState; to: VariantState }>;
export type ClaimStep = keyof typeof CLAIM_STEPS;

/** What a written original adds to its media row. */
export type WrittenOriginal = Pick<MediaTable, 'original_path' | 'mime' | 'width' | 'height' | 'bytes' | 'sha256'>;

export function createMediaRepo(db: Kysely<Database>) {
  return {
    async insert(media: Insertable<MediaTable>, variants: Insertable<MediaVariantTable>[]): Promise<void> {
      await db.insertInto('media').values(media).execute();
      if (variants.length) await db.insertInto('media_variants').values(variants).execute();
    },

    /**
     * Claims an item for background work under a lease: moves it from `from` to `to`, or
     * takes over a claim whose lease lapsed (its process died). One conditional UPDATE, so
     * of several processes exactly one wins. Returns whether this caller did.
     */
    async claim(mediaId: string, step: ClaimStep, claim: { token: string; nowIso: string; untilIso: string }): Promise<boolean> {
      const { from, to } = CLAIM_STEPS[step];
      const result = await db
        .updateTable('media')
        .set({ variants_state: to, claimed_by: claim.token, claimed_until: claim.untilIso })
        .where('id', '=', mediaId)
        .where((eb) => eb.or([eb('variants_state', '=', from), eb.and([eb('variants_state', '=', to), eb('claimed_until', '<', claim.nowIso)])]))
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    /** Gives a claimed item back to the state it was claimed from, for another try. */
    async releaseClaim(mediaId: string, step: ClaimStep, token: string): Promise<void> {
      await db.updateTable('media').set({ variants_state: CLAIM_STEPS[step].from, claimed_by: null, claimed_until: null }).where('id', '=', mediaId).where('claimed_by', '=', token).execute();
    },

    /**
     * Finishes claimed work: moves the item on and adds its variant rows, but only while the
     * claim is still ours. False when another process took the work over (then nothing is written).
     */
    async finishClaim(mediaId: string, token: string, next: { state: 'pending' | 'ready' | 'failed'; patch?: Partial<WrittenOriginal> }, variants: Insertable<MediaVariantTable>[]): Promise<boolean> {
      const result = await db
        .updateTable('media')
        .set({ ...next.patch, variants_state: next.state, claimed_by: null, claimed_until: null })
        .where('id', '=', mediaId)
        .where('claimed_by', '=', token)
        .executeTakeFirst();
      if (Number(result.numUpdatedRows) !== 1) return false;
      if (variants.length) await db.insertInto('media_variants').values(variants).execute();
      return true;
    },

    /** Reserved items still without an original whose source_url starts with `prefix` (including lapsed claims). */
    async awaiting(prefix: string, nowIso: string): Promise<{ id: string; source_url: string | null; focal_x: number; focal_y: number }[]> {
      return db
        .selectFrom('media')
        .select(['id', 'source_url', 'focal_x', 'focal_y'])
        .where((eb) => eb.or([eb('variants_state', '=', 'awaiting'), eb.and([eb('variants_state', '=', 'filling'), eb('claimed_until', '<', nowIso)])]))
        .where('source_url', 'like', `${prefix}%`)
        .orderBy('created_at')
        .execute();
    },

    /** Items whose AVIF variants are still to be made (including lapsed claims), oldest first. */
    async pending(limit: number, nowIso: string): Promise<{ id: string; original_path: string; width: number; height: number; focal_x: number; focal_y: number }[]> {
      return db
        .selectFrom('media')
        .select(['id', 'original_path', 'width', 'height', 'focal_x', 'focal_y'])
        .where((eb) => eb.or([eb('variants_state', '=', 'pending'), eb.and([eb('variants_state', '=', 'processing'), eb('claimed_until', '<', nowIso)])]))
        .orderBy('created_at')
        .limit(limit)
        .execute();
    },

    /** A stored picture made from exactly these bytes (sha256 of the upload) with this caption and credit, if any. */
    async findSame(sha256: string, text: { caption: string; credit: string }): Promise<string | null> {
      const row = await db
        .selectFrom('media')
        .select('id')
        .where('sha256', '=', sha256)
        .where('caption', '=', text.caption)
        .where('credit', '=', text.credit)
        .where('original_path', '!=', '')
        .orderBy('created_at')
        .executeTakeFirst();
      return row?.id ?? null;
    },

    /** Every file path the rows of these media items refer to (original and variants). */
    async referencedPaths(ids: string[]): Promise<Set<string>> {
      const paths = new Set<string>();
      if (!ids.length) return paths;
      const [originals, variants] = await Promise.all([
        db.selectFrom('media').select('original_path').where('id', 'in', ids).execute(),
        db.selectFrom('media_variants').select('path').where('media_id', 'in', ids).execute(),
      ]);
      for (const row of originals) if (row.original_path) paths.add(row.original_path);
      for (const row of variants) paths.add(row.path);
      return paths;
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
