import type { Kysely, Selectable, Updateable } from 'kysely';
import type { Database, WireSourceKind, WireSourceTable } from '../db/index.js';

export interface WireSource {
  id: string;
  name: string;
  kind: WireSourceKind;
  url: string | null;
  folder: string | null;
  intervalMinutes: number;
  sectionSlug: string | null;
  credit: string | null;
  autoPublish: boolean;
  paused: boolean;
  keepHours: number;
  createdAt: string;
  health: {
    lastPolledAt: string | null;
    lastSuccessAt: string | null;
    lastErrorAt: string | null;
    lastError: string | null;
    lastErrorReason: string | null;
    itemsTaken: number;
    itemsSkipped: number;
    consecutiveFailures: number;
    nextPollAt: string;
  };
  etag: string | null;
  lastModified: string | null;
}

export type SourceFields = Pick<WireSource, 'name' | 'kind' | 'url' | 'folder' | 'intervalMinutes' | 'sectionSlug' | 'credit' | 'autoPublish' | 'paused' | 'keepHours'>;

function toSource(r: Selectable<WireSourceTable>): WireSource {
  return {
    id: r.id,
    name: r.name,
    kind: r.kind,
    url: r.url,
    folder: r.folder,
    intervalMinutes: Number(r.interval_minutes),
    sectionSlug: r.section_slug,
    credit: r.credit,
    autoPublish: Number(r.auto_publish) === 1,
    paused: Number(r.paused) === 1,
    keepHours: Number(r.keep_hours),
    createdAt: r.created_at,
    health: {
      lastPolledAt: r.last_polled_at,
      lastSuccessAt: r.last_success_at,
      lastErrorAt: r.last_error_at,
      lastError: r.last_error,
      lastErrorReason: r.last_error_reason,
      itemsTaken: Number(r.items_taken),
      itemsSkipped: Number(r.items_skipped),
      consecutiveFailures: Number(r.consecutive_failures),
      nextPollAt: r.next_poll_at,
    },
    etag: r.etag,
    lastModified: r.last_modified,
  };
}

function toRow(fields: Partial<SourceFields>): Updateable<WireSourceTable> {
  const row: Updateable<WireSourceTable> = {};
  if (fields.name !== undefined) row.name = fields.name;
  if (fields.kind !== undefined) row.kind = fields.kind;
  if (fields.url !== undefined) row.url = fields.url;
  if (fields.folder !== undefined) row.folder = fields.folder;
  if (fields.intervalMinutes !== undefined) row.interval_minutes = fields.intervalMinutes;
  if (fields.sectionSlug !== undefined) row.section_slug = fields.sectionSlug;
  if (fields.credit !== undefined) row.credit = fields.credit;
  if (fields.autoPublish !== undefined) row.auto_publish = fields.autoPublish ? 1 : 0;
  if (fields.paused !== undefined) row.paused = fields.paused ? 1 : 0;
  if (fields.keepHours !== undefined) row.keep_hours = fields.keepHours;
  return row;
}

export interface PollOutcome {
  at: string;
  nextPollAt: string;
  /** Validators from the answer (kept when the answer had none). */
  etag?: string | null;
  lastModified?: string | null;
  queued: number;
  skipped: number;
}

/** Wire sources: settings and health. All SQL for `wire_sources` is here. */
export function createSourceRepo(db: Kysely<Database>) {
  return {
    async list(): Promise<WireSource[]> {
      return (await db.selectFrom('wire_sources').selectAll().orderBy('name').orderBy('id').execute()).map(toSource);
    },
    async get(id: string): Promise<WireSource | null> {
      const row = await db.selectFrom('wire_sources').selectAll().where('id', '=', id).executeTakeFirst();
      return row ? toSource(row) : null;
    },
    async insert(id: string, fields: SourceFields, createdAt: string): Promise<void> {
      await db
        .insertInto('wire_sources')
        .values({
          id,
          name: fields.name,
          kind: fields.kind,
          url: fields.url,
          folder: fields.folder,
          interval_minutes: fields.intervalMinutes,
          section_slug: fields.sectionSlug,
          credit: fields.credit,
          auto_publish: fields.autoPublish ? 1 : 0,
          paused: fields.paused ? 1 : 0,
          keep_hours: fields.keepHours,
          created_at: createdAt,
          next_poll_at: createdAt,
        })
        .execute();
    },
    /** Changing where a source points forgets its validators, so the next poll reads everything. */
    async update(id: string, fields: Partial<SourceFields>, nextPollAt?: string): Promise<boolean> {
      const row = toRow(fields);
      if (fields.url !== undefined || fields.folder !== undefined || fields.kind !== undefined) Object.assign(row, { etag: null, last_modified: null });
      if (nextPollAt) row.next_poll_at = nextPollAt;
      if (Object.keys(row).length === 0) return (await this.get(id)) !== null;
      const result = await db.updateTable('wire_sources').set(row).where('id', '=', id).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async remove(id: string): Promise<boolean> {
      const result = await db.deleteFrom('wire_sources').where('id', '=', id).executeTakeFirst();
      return Number(result.numDeletedRows) === 1;
    },
    /** Unpaused sources whose next poll is due, soonest first. */
    async due(nowIso: string, limit: number): Promise<WireSource[]> {
      const rows = await db.selectFrom('wire_sources').selectAll().where('paused', '=', 0).where('next_poll_at', '<=', nowIso).orderBy('next_poll_at').limit(limit).execute();
      return rows.map(toSource);
    },
    async recordSuccess(id: string, outcome: PollOutcome): Promise<void> {
      const validators: Updateable<WireSourceTable> = {};
      if (outcome.etag !== undefined) validators.etag = outcome.etag;
      if (outcome.lastModified !== undefined) validators.last_modified = outcome.lastModified;
      await db
        .updateTable('wire_sources')
        .set((eb) => ({
          ...validators,
          last_polled_at: outcome.at,
          last_success_at: outcome.at,
          consecutive_failures: 0,
          next_poll_at: outcome.nextPollAt,
          items_taken: eb('items_taken', '+', outcome.queued),
          items_skipped: eb('items_skipped', '+', outcome.skipped),
        }))
        .where('id', '=', id)
        .execute();
    },
    async recordFailure(id: string, failure: { at: string; reason: string; message: string; nextPollAt: string }): Promise<void> {
      await db
        .updateTable('wire_sources')
        .set((eb) => ({
          last_polled_at: failure.at,
          last_error_at: failure.at,
          last_error: failure.message.slice(0, 1000),
          last_error_reason: failure.reason,
          consecutive_failures: eb('consecutive_failures', '+', 1),
          next_poll_at: failure.nextPollAt,
        }))
        .where('id', '=', id)
        .execute();
    },
    /** A skipped item's reason, shown in health without counting as a failed poll. */
    async recordItemProblem(id: string, problem: { at: string; reason: string; message: string }): Promise<void> {
      await db.updateTable('wire_sources').set({ last_error_at: problem.at, last_error: problem.message.slice(0, 1000), last_error_reason: problem.reason }).where('id', '=', id).execute();
    },
  };
}

export type SourceRepo = ReturnType<typeof createSourceRepo>;
