/**
 * Ingest as a pipeline of named steps, each timed and logged:
 *
 *   fetch → decode → parse → normalise → dedupe → queue
 *
 * A step works on one batch (a source's documents of this poll) and either moves it on or
 * stops the run with a reason (`{ ok: false, reason: 'forbidden_address' }`): that is a failed
 * poll, and the source's health shows it. Items a step cannot use are set aside with a
 * reason (`duplicate`, `no_body`, `unknown_namespace`…) and logged; the rest go on. The queue
 * step writes the batch in one transaction, so a poll that fails part-way leaves nothing behind.
 */
import type { Logger } from 'pino';
import type { Clock } from '../shared/clock.js';
import type { IdGenerator } from '../shared/ids.js';
import { htmlToDocument, storedDocJson } from '../doc/index.js';
import { decodeText } from './formats/decode-text.js';
import { parseDocument } from './formats/parse-document.js';
import type { ParsedItem, WireItem } from './formats/wire-item.js';
import type { IncomingRepo } from './incoming-repo.js';
import { signature } from './near-duplicates.js';
import type { FetchedDocuments, RawDocument } from './source-fetch.js';
import type { WireSource } from './source-repo.js';
import { htmlToPlainText } from './wire-text.js';

export interface Skipped {
  key: string | null;
  reason: string;
  message: string;
}

export interface Batch {
  source: WireSource;
  notModified: boolean;
  documents: RawDocument[];
  texts: { name: string; text: string }[];
  parsed: ParsedItem[];
  items: WireItem[];
  /** Items the agency withheld or cancelled (ninjs `pubStatus`, NewsML-G2 `pubStatus`), with the earlier copy if one was seen. */
  withdrawals: { item: WireItem; earlier: { id: string; state: string; articleId: string | null } | null }[];
  skipped: Skipped[];
  queued: string[];
  etag?: string | null;
  lastModified?: string | null;
}

export type StepOutcome = { ok: true } | { ok: false; reason: string; message: string };

export interface Step {
  name: 'fetch' | 'decode' | 'parse' | 'normalise' | 'dedupe' | 'queue';
  run(batch: Batch): Promise<StepOutcome> | StepOutcome;
}

export type PipelineResult = { ok: true; batch: Batch; ms: Record<string, number> } | { ok: false; step: Step['name']; reason: string; message: string; batch: Batch };

export interface PipelineDeps {
  incoming: IncomingRepo;
  clock: Clock;
  newId: IdGenerator;
  log: Logger;
  fetchSource(source: WireSource): Promise<FetchedDocuments>;
  /**
   * Takes down the story made from an item the agency has now withheld or cancelled (a published
   * story is unpublished, a scheduled one goes back to draft). Returns what was done.
   */
  takeDown?(articleId: string, item: WireItem): Promise<'unpublished' | 'returned_to_draft' | 'left'>;
  /** Called for each item queued from an auto-publish source. */
  autoPublish?(incomingId: string): Promise<void>;
  /** Runs the queue step's writes in one transaction (the batch is queued whole or not at all). */
  transaction?<T>(work: (incoming: IncomingRepo) => Promise<T>): Promise<T>;
  /** How far back near-duplicates are looked for (default 72 hours). */
  groupWindowHours?: number;
}

const OK: StepOutcome = { ok: true };

export function createIngestPipeline(deps: PipelineDeps) {
  const groupWindowMs = (deps.groupWindowHours ?? 72) * 3_600_000;

  const steps: Step[] = [
    {
      name: 'fetch',
      async run(batch) {
        if (batch.documents.length) return OK;
        const got = await deps.fetchSource(batch.source);
        if (!got.ok) return got;
        if (got.notModified) {
          batch.notModified = true;
          return OK;
        }
        batch.documents = got.documents;
        for (const problem of got.problems) batch.skipped.push({ key: problem.name, reason: problem.reason, message: problem.message });
        batch.etag = got.etag;
        batch.lastModified = got.lastModified;
        return OK;
      },
    },
    {
      name: 'decode',
      run(batch) {
        for (const doc of batch.documents) {
          const decoded = decodeText(doc.bytes, doc.contentType);
          if (!decoded.ok) return documentProblem(batch, doc.name, decoded);
          if (decoded.repaired) deps.log.warn({ sourceId: batch.source.id, document: doc.name }, 'declared UTF-8 but was Windows-1252: repaired');
          batch.texts.push({ name: doc.name, text: decoded.text });
        }
        return OK;
      },
    },
    {
      name: 'parse',
      run(batch) {
        for (const { name, text } of batch.texts) {
          const parsed = parseDocument(text);
          if (!parsed.ok) {
            const stop = documentProblem(batch, name, parsed);
            if (!stop.ok) return stop;
            continue;
          }
          batch.parsed.push(...parsed.items);
        }
        return OK;
      },
    },
    {
      name: 'normalise',
      run(batch) {
        for (const parsed of batch.parsed) {
          if (!parsed.ok) {
            batch.skipped.push({ key: parsed.key ?? null, reason: parsed.reason, message: parsed.message });
            continue;
          }
          batch.items.push(withSourceDefaults(parsed.item, batch.source));
        }
        return OK;
      },
    },
    {
      name: 'dedupe',
      async run(batch) {
        const seen = new Set<string>();
        const known = await deps.incoming.knownKeys(batch.source.id, batch.items.map((i) => i.wireId));
        // A withdrawal in the same document as its usable copy wins, wherever it stands.
        const withdrawnHere = new Set(batch.items.filter((i) => i.pubStatus !== 'usable').map((i) => i.wireId));
        batch.items = batch.items.filter((item) => {
          const earlier = known.get(item.wireId) ?? null;
          const repeat = seen.has(item.wireId);
          seen.add(item.wireId);
          if (item.pubStatus !== 'usable') {
            // A withdrawal is news once: the feed repeating it changes nothing (an editor may have re-published on purpose).
            if (repeat || earlier?.state === 'withdrawn') batch.skipped.push({ key: item.wireId, reason: 'duplicate', message: `${item.wireId} was withdrawn before` });
            else batch.withdrawals.push({ item, earlier });
            return false;
          }
          const duplicate = !!earlier || repeat || withdrawnHere.has(item.wireId);
          if (duplicate) batch.skipped.push({ key: item.wireId, reason: 'duplicate', message: `${item.wireId} was queued before` });
          return !duplicate;
        });
        return OK;
      },
    },
    {
      name: 'queue',
      async run(batch) {
        const inTransaction = deps.transaction ?? ((work) => work(deps.incoming));
        // Stories first, then the rows: a takedown that fails leaves the row as it was, so the next poll tries again.
        const withdrawals: typeof batch.withdrawals = [];
        for (const w of batch.withdrawals) {
          if (!w.earlier?.articleId || !deps.takeDown) {
            withdrawals.push(w);
            continue;
          }
          try {
            const done = await deps.takeDown(w.earlier.articleId, w.item);
            batch.skipped.push({ key: w.item.wireId, reason: 'withdrawn', message: `${w.item.wireId}: the agency ${verb(w.item)} it; its story was ${done === 'left' ? 'not live, so left as it was' : done.replaceAll('_', ' ')}` });
            withdrawals.push(w);
          } catch (err) {
            deps.log.warn({ err, sourceId: batch.source.id, key: w.item.wireId }, 'taking down a withdrawn item\'s story failed; next poll tries again');
            batch.skipped.push({ key: w.item.wireId, reason: 'takedown_failed', message: `${w.item.wireId}: the agency ${verb(w.item)} it, and taking its story down failed` });
          }
        }
        const outcome = await inTransaction(async (incoming) => {
          for (const w of withdrawals) {
            if (w.earlier) await incoming.markWithdrawn(w.earlier.id, deps.clock.now().toISOString());
            // Never seen before: its key is kept as withdrawn, so a later copy is not queued.
            else await queueItem(incoming, batch.source, w.item, 'withdrawn');
            if (!w.earlier?.articleId) batch.skipped.push({ key: w.item.wireId, reason: 'withdrawn', message: `${w.item.wireId}: the agency ${verb(w.item)} it${w.earlier?.state === 'queued' ? '; it left the queue' : ''}` });
          }
          const queued: string[] = [];
          const raced: Skipped[] = [];
          for (const item of batch.items) {
            const id = await queueItem(incoming, batch.source, item);
            if (id) queued.push(id);
            else raced.push({ key: item.wireId, reason: 'duplicate', message: `${item.wireId} was queued meanwhile` });
          }
          return { queued, raced };
        });
        batch.queued.push(...outcome.queued);
        batch.skipped.push(...outcome.raced);
        if (batch.source.autoPublish && deps.autoPublish) for (const id of batch.queued) await deps.autoPublish(id);
        return OK;
      },
    },
  ];

  /** One document of a folder failing stops only that document; a feed's one document failing stops the poll. */
  function documentProblem(batch: Batch, name: string, problem: { reason: string; message: string }): StepOutcome {
    if (batch.source.kind !== 'folder') return { ok: false, reason: problem.reason, message: problem.message };
    batch.skipped.push({ key: name, reason: problem.reason, message: `${name}: ${problem.message}` });
    return OK;
  }

  async function queueItem(incoming: IncomingRepo, source: WireSource, item: WireItem, state: 'queued' | 'withdrawn' = 'queued'): Promise<string | null> {
    const now = deps.clock.now();
    const plain = htmlToPlainText(item.bodyHtml ?? '') ?? '';
    const sig = signature(`${item.headline} ${plain}`);
    const id = deps.newId();
    const group = (await incoming.nearGroup(sig, new Date(now.getTime() - groupWindowMs).toISOString())) ?? id;
    const pictures = [item.picture, ...item.furtherPictures].filter((p) => p !== null).map((p) => ({ href: p.href, caption: p.caption, credit: p.credit }));
    const inserted = await incoming.insert(
      {
        id,
        source_id: source.id,
        item_key: item.wireId,
        link: item.link,
        headline: item.headline,
        byline: item.bylines.join(', '),
        standfirst: item.standfirst ?? '',
        body: storedDocJson(htmlToDocument(item.bodyHtml ?? '')),
        search_text: `${item.headline} ${item.bylines.join(' ')} ${plain}`.toLowerCase().slice(0, 20_000),
        pictures: JSON.stringify(pictures),
        payload: JSON.stringify(item),
        section_slug: source.sectionSlug,
        group_id: group,
        state,
        received_at: now.toISOString(),
        expires_at: new Date(now.getTime() + source.keepHours * 3_600_000).toISOString(),
      },
      sig,
    );
    return inserted ? id : null;
  }

  return {
    steps,
    /** Runs every step for a source; `documents` skips the fetch (tests, benchmarks, files given by hand). */
    async run(source: WireSource, documents: RawDocument[] = []): Promise<PipelineResult> {
      const batch: Batch = { source, notModified: false, documents, texts: [], parsed: [], items: [], withdrawals: [], skipped: [], queued: [] };
      const ms: Record<string, number> = {};
      for (const step of steps) {
        const started = performance.now();
        const outcome = await step.run(batch);
        ms[step.name] = Math.round((performance.now() - started) * 10) / 10;
        deps.log.debug({ sourceId: source.id, step: step.name, ms: ms[step.name], ok: outcome.ok }, 'ingest step');
        if (!outcome.ok) {
          deps.log.warn({ sourceId: source.id, step: step.name, reason: outcome.reason, err: outcome.message }, 'ingest stopped');
          return { ok: false, step: step.name, reason: outcome.reason, message: outcome.message, batch };
        }
        if (batch.notModified) break;
      }
      for (const skip of batch.skipped) {
        if (skip.reason !== 'duplicate') deps.log.info({ sourceId: source.id, key: skip.key, reason: skip.reason }, skip.message);
      }
      return { ok: true, batch, ms };
    },
  };
}

const verb = (item: WireItem) => (item.pubStatus === 'withheld' ? 'withheld' : 'cancelled');

/** The source's name or credit is the item's source; pictures without a credit get the source's. */
function withSourceDefaults(item: WireItem, source: WireSource): WireItem {
  const credit = source.credit ?? source.name;
  const credited = (p: WireItem['picture']) => (p && !p.credit ? { ...p, credit } : p);
  return { ...item, source: credit, picture: credited(item.picture), furtherPictures: item.furtherPictures.map((p) => credited(p)!) };
}
