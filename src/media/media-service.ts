import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { Insertable, Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, MediaVariantTable, VariantFormat } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { createMediaRepo } from './media-repo.js';
import { createMediaAdminRepo } from './media-admin-repo.js';
import type { MediaStorage } from './media-storage.js';
import { inspectImage, makeVariants, normaliseOriginal, type EncodedVariant } from './image-variants.js';

export interface MediaFields {
  alt?: string;
  caption?: string;
  credit?: string;
  sourceUrl?: string | null;
  licence?: string;
  showDisclaimer?: boolean;
  focal?: { x: number; y: number };
  /** The user who uploaded it (ownership for metadata edits). */
  uploadedBy?: string | null;
}

export interface MediaServiceDeps {
  db: Kysely<Database>;
  storage: MediaStorage;
  clock: Clock;
  newId: IdGenerator;
  log: Logger;
  /** Called after background variants land, so page caches can be refreshed. */
  onVariantsReady?: () => Promise<void> | void;
}

/** Formats made while the request waits; AVIF is slow to encode and is made in the background. */
const IMMEDIATE_FORMATS: VariantFormat[] = ['jpeg', 'webp'];
const BACKGROUND_FORMATS: VariantFormat[] = ['avif'];

/** A prepared image: files written, rows ready. `commit` inserts the rows; `discard` removes the files. */
export interface PreparedMedia {
  id: string;
  commit(db: Kysely<Database>): Promise<void>;
  discard(): Promise<void>;
}

function variantKey(id: string, v: { purpose: string; format: VariantFormat; width: number }): string {
  const ext = v.format === 'jpeg' ? 'jpg' : v.format;
  return `v/${id.slice(-2)}/${id}-${v.purpose}-${v.width}.${ext}`;
}

export function createMediaService({ db, storage, clock, newId, log, onVariantsReady }: MediaServiceDeps) {
  async function storeVariants(id: string, encoded: EncodedVariant[], written: string[]) {
    const rows = [];
    for (const v of encoded) {
      const key = variantKey(id, v);
      await storage.put(key, v.bytes);
      written.push(key);
      rows.push({ media_id: id, purpose: v.purpose, format: v.format, width: v.width, height: v.height, path: key, bytes: v.bytes.length });
    }
    return rows;
  }

  return {
    /**
     * Validates and processes an image, writing the original and the fast variants.
     * Nothing is in the database until `commit` runs inside the caller's transaction;
     * if that transaction fails, the caller calls `discard` and no file is left behind.
     */
    async prepare(input: Buffer, fields: MediaFields = {}): Promise<PreparedMedia> {
      const inspected = await inspectImage(input);
      const id = newId();
      const written: string[] = [];
      const discard = async () => {
        await Promise.all(written.map((key) => storage.remove(key).catch(() => {})));
      };
      try {
        const size = { width: inspected.width, height: inspected.height };
        const focal = fields.focal ?? { x: 0.5, y: 0.5 };
        // The master and the variants are made from the upload side by side: one per core.
        const [original, encoded] = await Promise.all([normaliseOriginal(input, inspected), makeVariants(input, size, IMMEDIATE_FORMATS, focal)]);
        const originalKey = `o/${id.slice(-2)}/${id}.${original.ext}`;
        await storage.put(originalKey, original.bytes);
        written.push(originalKey);
        const variantRows = await storeVariants(id, encoded, written);
        const mediaRow = {
          id,
          kind: 'image' as const,
          original_path: originalKey,
          mime: original.mime,
          width: size.width,
          height: size.height,
          bytes: original.bytes.length,
          sha256: createHash('sha256').update(input).digest('hex'),
          alt: fields.alt ?? '',
          caption: fields.caption ?? '',
          credit: fields.credit ?? '',
          source_url: fields.sourceUrl ?? null,
          licence: fields.licence ?? '',
          show_disclaimer: fields.showDisclaimer ? 1 : 0,
          focal_x: focal.x,
          focal_y: focal.y,
          variants_state: 'pending' as const,
          created_at: clock.now().toISOString(),
          uploaded_by: fields.uploadedBy ?? null,
        };
        return {
          id,
          commit: (trx) => createMediaRepo(trx).insert(mediaRow, variantRows),
          discard,
        };
      } catch (err) {
        await discard();
        throw err;
      }
    },

    /**
     * Reserves a media item whose picture is made later (`fill`): pages can link it
     * at once and draw a sized placeholder until the variants exist.
     */
    reserve(fields: MediaFields & { width: number; height: number; sourceUrl: string }): { id: string; commit(db: Kysely<Database>): Promise<void> } {
      const id = newId();
      const focal = fields.focal ?? { x: 0.5, y: 0.5 };
      return {
        id,
        commit: (trx) =>
          createMediaRepo(trx).insert(
            {
              id,
              kind: 'image',
              original_path: '',
              mime: 'image/jpeg',
              width: fields.width,
              height: fields.height,
              bytes: 0,
              sha256: '',
              alt: fields.alt ?? '',
              caption: fields.caption ?? '',
              credit: fields.credit ?? '',
              source_url: fields.sourceUrl,
              licence: fields.licence ?? '',
              show_disclaimer: fields.showDisclaimer ? 1 : 0,
              focal_x: focal.x,
              focal_y: focal.y,
              variants_state: 'awaiting',
              created_at: clock.now().toISOString(),
            },
            [],
          ),
      };
    },

    /** Gives a reserved item its picture: original and fast variants now, AVIF later. */
    async fill(id: string, input: Buffer, focal = { x: 0.5, y: 0.5 }): Promise<void> {
      const inspected = await inspectImage(input);
      const written: string[] = [];
      try {
        const size = { width: inspected.width, height: inspected.height };
        const [original, encoded] = await Promise.all([normaliseOriginal(input, inspected), makeVariants(input, size, IMMEDIATE_FORMATS, focal)]);
        const originalKey = `o/${id.slice(-2)}/${id}.${original.ext}`;
        await storage.put(originalKey, original.bytes);
        written.push(originalKey);
        const variantRows = await storeVariants(id, encoded, written);
        const patch = { original_path: originalKey, mime: original.mime, ...size, bytes: original.bytes.length, sha256: createHash('sha256').update(input).digest('hex') };
        await db.transaction().execute((trx) => createMediaRepo(trx).fillOriginal(id, patch, variantRows));
      } catch (err) {
        await Promise.all(written.map((key) => storage.remove(key).catch(() => {})));
        throw err;
      }
    },

    awaiting: (prefix: string) => createMediaRepo(db).awaiting(prefix),

    /**
     * Makes the slow (AVIF) variants for media still pending. Run by the background
     * worker; pages use whatever variants exist meanwhile. Returns how many it finished.
     */
    /**
     * Re-crops the listing thumbnails around a new focal point. The new files get
     * new names (the old ones may sit in CDN and browser caches for a year), then
     * the rows are swapped in one transaction and the old files removed.
     */
    async recropThumbnails(id: string): Promise<void> {
      const row = await db.selectFrom('media').select(['original_path', 'width', 'height', 'focal_x', 'focal_y']).where('id', '=', id).executeTakeFirst();
      if (!row?.original_path) return;
      const old = await db.selectFrom('media_variants').select(['path', 'format']).where('media_id', '=', id).where('purpose', '=', 'thumb').execute();
      const formats = [...new Set(old.map((v) => v.format))] as VariantFormat[];
      if (!formats.length) return;
      const master = await readFile(storage.resolveKey(row.original_path));
      const encoded = await makeVariants(master, { width: Number(row.width), height: Number(row.height) }, formats, { x: Number(row.focal_x), y: Number(row.focal_y) }, 'thumb');
      const written: string[] = [];
      const stamp = clock.now().getTime().toString(36);
      const rows: Insertable<MediaVariantTable>[] = [];
      try {
        for (const v of encoded) {
          const key = variantKey(id, v).replace(/\.(\w+)$/, `-${stamp}.$1`);
          await storage.put(key, v.bytes);
          written.push(key);
          rows.push({ media_id: id, purpose: v.purpose, format: v.format, width: v.width, height: v.height, path: key, bytes: v.bytes.length });
        }
        await db.transaction().execute(async (trx) => {
          await trx.deleteFrom('media_variants').where('media_id', '=', id).where('purpose', '=', 'thumb').execute();
          await trx.insertInto('media_variants').values(rows).execute();
        });
      } catch (err) {
        await Promise.all(written.map((key) => storage.remove(key).catch(() => {})));
        throw err;
      }
      await Promise.all(old.map((v) => storage.remove(v.path).catch(() => {})));
    },

    async processPending(limit = 4): Promise<number> {
      const repo = createMediaRepo(db);
      const pending = await repo.pending(limit);
      for (const item of pending) {
        const written: string[] = [];
        const started = Date.now();
        try {
          const master = await readFile(storage.resolveKey(item.original_path));
          const encoded = await makeVariants(master, { width: Number(item.width), height: Number(item.height) }, BACKGROUND_FORMATS, { x: Number(item.focal_x), y: Number(item.focal_y) });
          const rows = await storeVariants(item.id, encoded, written);
          await db.transaction().execute((trx) => createMediaRepo(trx).addVariants(item.id, rows));
          log.debug({ mediaId: item.id, ms: Date.now() - started }, 'background variants made');
        } catch (err) {
          await Promise.all(written.map((key) => storage.remove(key).catch(() => {})));
          await repo.markFailed(item.id);
          log.warn({ mediaId: item.id, err }, 'background variants failed');
        }
      }
      if (pending.length && onVariantsReady) await onVariantsReady();
      return pending.length;
    },

    views: (ids: string[]) => createMediaRepo(db).views(ids),

    /** Removes the database rows and then the files of a media item. */
    async remove(id: string): Promise<void> {
      const paths = await createMediaAdminRepo(db).remove(id);
      await Promise.all(paths.map((p) => storage.remove(p).catch(() => {})));
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
