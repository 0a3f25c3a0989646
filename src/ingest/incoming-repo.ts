import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, IncomingItemTable, IncomingState } from '../db/index.js';
import { allWordsIn } from '../db/index.js';
import { bands, BANDS, decodeSignature, encodeSignature, sameStory, type Signature } from './near-duplicates.js';

export interface QueuedPicture {
  href: string;
  caption: string | null;
  credit: string | null;
}

export interface IncomingSummary {
  id: string;
  sourceId: string;
  sourceName: string;
  link: string | null;
  headline: string;
  byline: string;
  standfirst: string;
  sectionSlug: string | null;
  groupId: string;
  /** Other items of the same story, from this or other sources. */
  groupSize: number;
  pictures: QueuedPicture[];
  receivedAt: string;
  expiresAt: string;
  state: IncomingState;
  articleId: string | null;
}

export interface IncomingFilter {
  sourceId?: string;
  sectionSlug?: string;
  groupId?: string;
  text?: string;
  state?: IncomingState;
  limit: number;
  offset: number;
}

type BandColumn = 'band0' | 'band1' | 'band2' | 'band3' | 'band4' | 'band5' | 'band6' | 'band7';
const BAND_COLUMNS: readonly BandColumn[] = ['band0', 'band1', 'band2', 'band3', 'band4', 'band5', 'band6', 'band7'];
if (BAND_COLUMNS.length !== BANDS) throw new Error('one column per minhash band');

type Row = Selectable<IncomingItemTable> & { source_name: string };

function toSummary(r: Row, groupSize: number): IncomingSummary {
  return {
    id: r.id,
    sourceId: r.source_id,
    sourceName: r.source_name,
    link: r.link,
    headline: r.headline,
    byline: r.byline,
    standfirst: r.standfirst,
    sectionSlug: r.section_slug,
    groupId: r.group_id,
    groupSize,
    pictures: JSON.parse(r.pictures) as QueuedPicture[],
    receivedAt: r.received_at,
    expiresAt: r.expires_at,
    state: r.state,
    articleId: r.article_id,
  };
}

/** The Incoming queue. All SQL for `incoming_items` is here. */
export function createIncomingRepo(db: Kysely<Database>) {
  const base = () => db.selectFrom('incoming_items').innerJoin('wire_sources', 'wire_sources.id', 'incoming_items.source_id').selectAll('incoming_items').select('wire_sources.name as source_name');

  async function groupSizes(groupIds: string[]): Promise<Map<string, number>> {
    if (!groupIds.length) return new Map();
    const rows = await db.selectFrom('incoming_items').select(['group_id', db.fn.countAll<number>().as('n')]).where('group_id', 'in', groupIds).groupBy('group_id').execute();
    return new Map(rows.map((r) => [r.group_id, Number(r.n)]));
  }

  return {
    /** This source's items among `keys` that are already known (queued, handled, expired or withdrawn), by key. */
    async knownKeys(sourceId: string, keys: string[]): Promise<Map<string, { id: string; state: IncomingState; articleId: string | null }>> {
      const known = new Map<string, { id: string; state: IncomingState; articleId: string | null }>();
      for (let i = 0; i < keys.length; i += 500) {
        const rows = await db.selectFrom('incoming_items').select(['id', 'item_key', 'state', 'article_id']).where('source_id', '=', sourceId).where('item_key', 'in', keys.slice(i, i + 500)).execute();
        for (const r of rows) known.set(r.item_key, { id: r.id, state: r.state, articleId: r.article_id });
      }
      return known;
    },

    /** The agency withheld or cancelled an item seen before: it leaves the queue (or its taken story's row says so). */
    async markWithdrawn(id: string, at: string): Promise<void> {
      await db.updateTable('incoming_items').set({ state: 'withdrawn', handled_at: at }).where('id', '=', id).where('state', '!=', 'withdrawn').execute();
    },

    /** The group of the most similar earlier item that is the same story, if any (candidates found by bands). */
    async nearGroup(sig: Signature, sinceIso: string): Promise<string | null> {
      if (!sig.words) return null;
      const values = bands(sig);
      // One indexed equality per band (an OR across eight columns would scan the table on SQLite),
      // sent as one statement: one round trip instead of eight on PostgreSQL.
      const arm = (i: number) =>
        db
          .selectFrom((eb) =>
            eb.selectFrom('incoming_items').select(['id', 'group_id', 'minhash']).where(BAND_COLUMNS[i]!, '=', values[i]!).where('received_at', '>=', sinceIso).orderBy('received_at', 'desc').limit(20).as(`band${i}`),
          )
          .selectAll();
      let query = arm(0);
      for (let i = 1; i < BAND_COLUMNS.length; i++) query = query.unionAll(arm(i));
      const candidates = [await query.execute()];
      let best: { group: string; score: number } | null = null;
      const seen = new Set<string>();
      for (const c of candidates.flat()) {
        if (seen.has(c.id)) continue;
        seen.add(c.id);
        const other = decodeSignature(c.minhash);
        if (!other) continue;
        const verdict = sameStory(sig, other);
        if (verdict.same && (!best || verdict.score > best.score)) best = { group: c.group_id, score: verdict.score };
      }
      return best?.group ?? null;
    },

    /** Queues an item; false when this source already has it (the unique key decides, even in a race). */
    async insert(row: Omit<Insertable<IncomingItemTable>, BandColumn | 'minhash'>, sig: Signature): Promise<boolean> {
      const values = bands(sig);
      const bandValues = Object.fromEntries(BAND_COLUMNS.map((column, i) => [column, values[i]!])) as Record<BandColumn, number>;
      const result = await db
        .insertInto('incoming_items')
        .values({ ...row, ...bandValues, minhash: encodeSignature(sig) })
        .onConflict((oc) => oc.columns(['source_id', 'item_key']).doNothing())
        .returning('id')
        .executeTakeFirst();
      return result !== undefined;
    },

    async list(filter: IncomingFilter): Promise<{ items: IncomingSummary[]; total: number }> {
      let q = base().where('incoming_items.state', '=', filter.state ?? 'queued');
      if (filter.sourceId) q = q.where('incoming_items.source_id', '=', filter.sourceId);
      if (filter.sectionSlug) q = q.where('incoming_items.section_slug', '=', filter.sectionSlug);
      if (filter.groupId) q = q.where('incoming_items.group_id', '=', filter.groupId);
      if (filter.text) q = q.where(allWordsIn(['incoming_items.search_text'], filter.text));
      const total = await q.clearSelect().select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      const rows = (await q.orderBy('incoming_items.received_at', 'desc').orderBy('incoming_items.id', 'desc').limit(filter.limit).offset(filter.offset).execute()) as Row[];
      const sizes = await groupSizes([...new Set(rows.map((r) => r.group_id))]);
      return { items: rows.map((r) => toSummary(r, sizes.get(r.group_id) ?? 1)), total: Number(total.n) };
    },

    async get(id: string): Promise<(IncomingSummary & { body: string; payload: string }) | null> {
      const row = (await base().where('incoming_items.id', '=', id).executeTakeFirst()) as Row | undefined;
      if (!row) return null;
      const sizes = await groupSizes([row.group_id]);
      return { ...toSummary(row, sizes.get(row.group_id) ?? 1), body: row.body, payload: row.payload };
    },

    /** Moves a queued item to taken or dismissed; false when it was no longer queued (someone else was first). */
    async settle(id: string, change: { state: 'taken' | 'dismissed'; by: string | null; at: string; articleId?: string }, executor: Kysely<Database> = db): Promise<boolean> {
      const result = await executor
        .updateTable('incoming_items')
        .set({ state: change.state, handled_by: change.by, handled_at: change.at, article_id: change.articleId ?? null })
        .where('id', '=', id)
        .where('state', '=', 'queued')
        .executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },

    async linkArticle(id: string, articleId: string, executor: Kysely<Database> = db): Promise<void> {
      await executor.updateTable('incoming_items').set({ article_id: articleId }).where('id', '=', id).execute();
    },

    /** The story keeps the original's address (its source is set by the importer). */
    async keepOriginalLink(articleId: string, link: string | null, executor: Kysely<Database> = db): Promise<void> {
      await executor.updateTable('articles').set({ source_url: link }).where('id', '=', articleId).execute();
    },

    /** Where a story came from, for the editor: the source, the original's address, and the queue item. */
    async origin(articleId: string): Promise<{ source: string | null; sourceUrl: string | null; incomingId: string | null; sourceName: string | null } | null> {
      const article = await db.selectFrom('articles').select(['source', 'source_url']).where('id', '=', articleId).executeTakeFirst();
      if (!article) return null;
      const item = await base().where('incoming_items.article_id', '=', articleId).executeTakeFirst();
      return { source: article.source, sourceUrl: article.source_url, incomingId: item?.id ?? null, sourceName: item?.source_name ?? null };
    },

    /**
     * Expiry: queued items past their time become `expired` and lose their text (the key stays,
     * so a feed that still lists them does not queue them again); rows settled or expired more
     * than `forgetAfterIso` ago are deleted. Returns how many rows changed.
     */
    async expire(nowIso: string, forgetBeforeIso: string): Promise<number> {
      const expired = await db
        .updateTable('incoming_items')
        .set({ state: 'expired', body: '{"type":"doc","content":[]}', payload: '{}', search_text: '', handled_at: nowIso })
        .where('state', '=', 'queued')
        .where('expires_at', '<=', nowIso)
        .executeTakeFirst();
      const forgotten = await db.deleteFrom('incoming_items').where('state', '!=', 'queued').where('handled_at', '<', forgetBeforeIso).executeTakeFirst();
      return Number(expired.numUpdatedRows) + Number(forgotten.numDeletedRows);
    },
  };
}

export type IncomingRepo = ReturnType<typeof createIncomingRepo>;
