import { OTHER } from './referrer-host.js';
import type { StoreOutcome, ViewBatch, ViewRecord, ViewStore } from './view-store.js';
import { createCountBuffer } from './count-buffer.js';
import { mergeInto, pendingViews, type Tally } from './view-tally.js';

export interface MemoryStoreOptions {
  /** Distinct referrer hosts kept per day; later ones count as `other`. */
  hostsPerDay: number;
  /**
   * Readings (reader × story) remembered per day. Past it, views are counted without the
   * repeat check rather than not at all, and new readers no longer add to the site's distinct
   * readers; a million take roughly 60 MB. With Redis there is no such cap in the process.
   */
  maxSeenPerDay: number;
}

/**
 * Counting in this process only: the day's readings and readers as sets in memory, the counts
 * as a tally the counter writes every second. With several processes and no Redis each has its
 * own sets, so a reader whose reloads reach two processes is counted by each (documented).
 */
export function createMemoryViewStore(options: MemoryStoreOptions): ViewStore {
  let day = '';
  // Per story, the day's readers who read it: each reader's hash is one string however many
  // stories it is in, so a reading costs a set entry, not a string of its own.
  let readings = new Map<string, Set<string>>();
  let readingCount = 0;
  let readers = new Set<string>();
  let hosts = new Set<string>();
  let buffer = createCountBuffer();
  /** The batch being written, then (if that failed) kept to go with the next one. */
  let inFlight: Tally | null = null;
  let retry: Tally | null = null;

  const pendingOf = (articleId: string) => buffer.pending(articleId) + (inFlight ? pendingViews(inFlight, articleId) : 0) + (retry ? pendingViews(retry, articleId) : 0);

  function newDay(next: string) {
    day = next;
    readings = new Map();
    readingCount = 0;
    readers = new Set();
    hosts = new Set();
  }

  function hostFor(host: string | null): string | null {
    if (!host || hosts.has(host)) return host;
    if (hosts.size >= options.hostsPerDay) return OTHER;
    hosts.add(host);
    return host;
  }

  return {
    kind: 'memory',
    // The counter has limited the address already (window-limiter.ts): one process, one limit.
    async record({ ids, view, count }: ViewRecord): Promise<StoreOutcome> {
      if (!count) return { status: 'not-counted', pending: pendingOf(view.articleId) };
      if (view.day !== day) newDay(view.day);
      if (readingCount < options.maxSeenPerDay) {
        let story = readings.get(view.articleId);
        if (!story) readings.set(view.articleId, (story = new Set()));
        if (story.has(ids.visitor)) return { status: 'repeat', pending: pendingOf(view.articleId) };
        story.add(ids.visitor);
        readingCount++;
        if (!readers.has(ids.visitor)) {
          readers.add(ids.visitor);
          buffer.addReader(view.day);
        }
      }
      buffer.add(view.host ? { ...view, host: hostFor(view.host) } : view);
      return { status: 'counted', pending: pendingOf(view.articleId) };
    },

    pending: async (articleId) => pendingOf(articleId),

    async take(): Promise<ViewBatch | null> {
      if (inFlight || (buffer.empty && !retry)) return null;
      const batch = buffer.toTally();
      buffer = createCountBuffer();
      if (retry) mergeInto(batch, retry);
      retry = null;
      inFlight = batch;
      return {
        tally: batch,
        visitors: 'add',
        done() {
          inFlight = null;
        },
        failed() {
          retry = batch;
          inFlight = null;
        },
      };
    },

    async close() {},
  };
}
