import { createHash, randomBytes } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { Database, MediaTable, MediaVariantTable, VariantFormat } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { createMediaRepo, type WrittenOriginal } from './media-repo.js';
import { createMediaAdminRepo } from './media-admin-repo.js';
import type { MediaStorage } from './media-storage.js';
import { inspectImage, makeVariants, normaliseOriginal, type EncodedVariant } from './image-variants.js';
import { createImageQueue, IMAGE_QUEUE_DEFAULTS, type ImageQueue } from './image-queue.js';

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
  /** Bounds how many pictures this process decodes at once (memory); one at a time by default. */
  queue?: ImageQueue;
  /** Called after background variants land, so page caches can be refreshed. */
  onVariantsReady?: () => Promise<void> | void;
}

/** Formats made while the request waits; AVIF is slow to encode and is made in the background. */
const IMMEDIATE_FORMATS: VariantFormat[] = ['jpeg', 'webp'];
const BACKGROUND_FORMATS: VariantFormat[] = ['avif'];
/** How long a claim on background work holds before another process may take it over. */
const CLAIM_LEASE_MS = 10 * 60_000;

/** A prepared image: files written, rows ready. `commit` inserts the rows; `discard` removes the files. */
export interface PreparedMedia {
  id: string;
  commit(db: Kysely<Database>): Promise<void>;
  discard(): Promise<void>;
}

function variantKey(id: string, v: { purpose: string; format: VariantFormat; width: number }, suffix = ''): string {
  const ext = v.format === 'jpeg' ? 'jpg' : v.format;
  return `v/${id.slice(-2)}/${id}-${v.purpose}-${v.width}${suffix}.${ext}`;
}

export function createMediaService({ db, storage, clock, newId, log, queue = createImageQueue(IMAGE_QUEUE_DEFAULTS), onVariantsReady }: MediaServiceDeps) {
  /** A claim on background work: a token only this call knows, and the lease's times. */
  function newClaim() {
    const now = clock.now().getTime();
    return { token: randomBytes(6).toString('hex'), nowIso: new Date(now).toISOString(), untilIso: new Date(now + CLAIM_LEASE_MS).toISOString() };
  }

  /** A master the row points at; its absence is an error (the row says it was written). */
  async function readStored(key: string): Promise<Buffer> {
    const bytes = await storage.get(key);
    if (!bytes) throw new Error(`Media file ${key} is missing from ${storage.location}`);
    return bytes;
  }

  /** Removes files written by a step that then failed; a file already gone is fine. */
  async function removeAll(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => storage.remove(key).catch(() => {})));
  }

  async function storeVariants(id: string, encoded: EncodedVariant[], written: string[], suffix = ''): Promise<Insertable<MediaVariantTable>[]> {
    const rows: Insertable<MediaVariantTable>[] = [];
    for (const v of encoded) {
      const key = variantKey(id, v, suffix);
      await storage.put(key, v.bytes);
      written.push(key);
      rows.push({ media_id: id, purpose: v.purpose, format: v.format, width: v.width, height: v.height, path: key, bytes: v.bytes.length });
    }
    return rows;
  }

  /**
   * Checks an upload and writes its master and fast variants, made side by side
   * (one per core). Every key written is pushed to `written`, so a caller whose
   * later step fails can remove them.
   */
  async function writeImage(id: string, input: Buffer, focal: { x: number; y: number }, written: string[], suffix = '') {
    const inspected = await inspectImage(input);
    // One decode of the upload (shrunk on load where the format allows); the variants come from the smaller master.
    const original = await normaliseOriginal(input, inspected);
    const size = { width: original.width, height: original.height };
    const encoded = await makeVariants(original.bytes, size, IMMEDIATE_FORMATS, focal);
    const originalKey = `o/${id.slice(-2)}/${id}${suffix}.${original.ext}`;
    await storage.put(originalKey, original.bytes);
    written.push(originalKey);
    const variants = await storeVariants(id, encoded, written, suffix);
    const file: WrittenOriginal = { original_path: originalKey, mime: original.mime, ...size, bytes: original.bytes.length, sha256: createHash('sha256').update(input).digest('hex') };
    return { file, variants };
  }

  function mediaRow(id: string, fields: MediaFields, file: WrittenOriginal, state: 'awaiting' | 'pending'): Insertable<MediaTable> {
    const focal = fields.focal ?? { x: 0.5, y: 0.5 };
    return {
      id,
      kind: 'image',
      ...file,
      alt: fields.alt ?? '',
      caption: fields.caption ?? '',
      credit: fields.credit ?? '',
      source_url: fields.sourceUrl ?? null,
      licence: fields.licence ?? '',
      show_disclaimer: fields.showDisclaimer ? 1 : 0,
      focal_x: focal.x,
      focal_y: focal.y,
      variants_state: state,
      created_at: clock.now().toISOString(),
      uploaded_by: fields.uploadedBy ?? null,
    };
  }

  return {
    /**
     * Validates and processes an image, writing the original and the fast variants.
     * Nothing is in the database until `commit` runs inside the caller's transaction;
     * if that transaction fails, the caller calls `discard` and no file is left behind.
     */
    async prepare(input: Buffer, fields: MediaFields = {}): Promise<PreparedMedia> {
      const id = newId();
      const written: string[] = [];
      try {
        const { file, variants } = await queue.run(() => writeImage(id, input, fields.focal ?? { x: 0.5, y: 0.5 }, written));
        const row = mediaRow(id, fields, file, 'pending');
        return { id, commit: (trx) => createMediaRepo(trx).insert(row, variants), discard: () => removeAll(written) };
      } catch (err) {
        await removeAll(written);
        throw err;
      }
    },

    /**
     * `prepare`, unless the very same picture is in the library already — the same bytes with
     * the same caption and credit: then that item is reused (its commit and discard do nothing).
     * Re-ingesting a wire item whose pictures have not changed must not fill the library with
     * copies; a picture sent again with a corrected credit is a new item, and other stories
     * using the old one are left as they are.
     */
    async prepareUnlessStored(input: Buffer, fields: MediaFields = {}): Promise<PreparedMedia> {
      const checksum = createHash('sha256').update(input).digest('hex');
      const existing = await createMediaRepo(db).findSame(checksum, { caption: fields.caption ?? '', credit: fields.credit ?? '' });
      if (existing) return { id: existing, commit: async () => {}, discard: async () => {} };
      return this.prepare(input, fields);
    },

    /**
     * Reserves a media item whose picture is made later (`fill`): pages can link it
     * at once and draw a sized placeholder until the variants exist.
     */
    reserve(fields: MediaFields & { width: number; height: number; sourceUrl: string }): { id: string; commit(db: Kysely<Database>): Promise<void> } {
      const id = newId();
      const placeholder: WrittenOriginal = { original_path: '', mime: 'image/jpeg', width: fields.width, height: fields.height, bytes: 0, sha256: '' };
      const row = mediaRow(id, fields, placeholder, 'awaiting');
      return { id, commit: (trx) => createMediaRepo(trx).insert(row, []) };
    },

    /**
     * Gives a reserved item its picture (original and fast variants now, AVIF later), made by
     * `render` once this process has claimed the item. Files carry the claim in their names,
     * so a process that took over a lapsed claim never overwrites or deletes another's files.
     * Returns false when another process has the item.
     */
    async fill(id: string, render: () => Promise<Buffer>, focal = { x: 0.5, y: 0.5 }): Promise<boolean> {
      const claim = newClaim();
      if (!(await createMediaRepo(db).claim(id, 'fill', claim))) return false;
      const written: string[] = [];
      try {
        const { file, variants } = await queue.run(async () => writeImage(id, await render(), focal, written, `-${claim.token}`), 'background');
        const finished = await db.transaction().execute((trx) => createMediaRepo(trx).finishClaim(id, claim.token, { state: 'pending', patch: file }, variants));
        if (!finished) await removeAll(written);
        return finished;
      } catch (err) {
        await removeAll(written);
        await createMediaRepo(db).releaseClaim(id, 'fill', claim.token);
        throw err;
      }
    },

    awaiting: (prefix: string) => createMediaRepo(db).awaiting(prefix, clock.now().toISOString()),

    /**
     * Re-crops the listing thumbnails around a new focal point. The new files get
     * new names (the old ones may sit in CDN and browser caches for a year), then
     * the rows are swapped in one transaction and the old files removed.
     */
    async recropThumbnails(id: string): Promise<void> {
      const source = await createMediaRepo(db).cropSource(id);
      const formats = [...new Set(source?.thumbs.map((v) => v.format))];
      if (!source || !formats.length) return;
      const master = await readStored(source.original_path);
      const encoded = await queue.run(() => makeVariants(master, { width: Number(source.width), height: Number(source.height) }, formats, { x: Number(source.focal_x), y: Number(source.focal_y) }, 'thumb'));
      const written: string[] = [];
      try {
        const rows = await storeVariants(id, encoded, written, `-${clock.now().getTime().toString(36)}`);
        await db.transaction().execute((trx) => createMediaRepo(trx).replaceThumbs(id, rows));
      } catch (err) {
        await removeAll(written);
        throw err;
      }
      await removeAll(source.thumbs.map((v) => v.path));
    },

    /**
     * Makes the slow (AVIF) variants for media still pending. Run by the background worker
     * of every process: each item is claimed first, so exactly one process makes it, and its
     * files carry the claim in their names. Pages use whatever variants exist meanwhile.
     * Returns how many items it looked at.
     */
    async processPending(limit = 4): Promise<number> {
      const repo = createMediaRepo(db);
      const pending = await repo.pending(limit, clock.now().toISOString());
      let made = 0;
      for (const item of pending) {
        const claim = newClaim();
        if (!(await repo.claim(item.id, 'variants', claim))) continue;
        const written: string[] = [];
        const started = Date.now();
        try {
          const master = await readStored(item.original_path);
          const encoded = await queue.run(() => makeVariants(master, { width: Number(item.width), height: Number(item.height) }, BACKGROUND_FORMATS, { x: Number(item.focal_x), y: Number(item.focal_y) }), 'background');
          const rows = await storeVariants(item.id, encoded, written, `-${claim.token}`);
          const finished = await db.transaction().execute((trx) => createMediaRepo(trx).finishClaim(item.id, claim.token, { state: 'ready' }, rows));
          if (!finished) await removeAll(written);
          else made++;
          log.debug({ mediaId: item.id, ms: Date.now() - started, finished }, 'background variants made');
        } catch (err) {
          await removeAll(written);
          await repo.finishClaim(item.id, claim.token, { state: 'failed' }, []).catch(() => false);
          log.warn({ mediaId: item.id, err }, 'background variants failed');
        }
      }
      if (made && onVariantsReady) await onVariantsReady();
      return pending.length;
    },

    views: (ids: string[]) => createMediaRepo(db).views(ids),

    /** Removes the database rows and then the files of a media item. */
    async remove(id: string): Promise<void> {
      await removeAll(await createMediaAdminRepo(db).remove(id));
    },
  };
}

export type MediaService = ReturnType<typeof createMediaService>;
