export interface ArticleState {
  published: boolean;
  /** The total in the database as last read (or as our own last write left it). */
  stored: number;
}

interface Entry extends ArticleState {
  loadedAt: number;
  generation: number;
  /** Bumped by each write of ours, so a read that started before it cannot overwrite it. */
  epoch: number;
  /** The highest number answered for it, so the counter never goes backwards on a page. */
  answered: number;
}

export interface ArticleLookupOptions {
  load: (id: string) => Promise<ArticleState | null>;
  /** The content generation this process knows: a publish or unpublish anywhere changes it. */
  generation: () => number;
  now: () => number;
  /** Younger entries are used as they are; older ones are used and re-read in the background. */
  freshMs?: number;
  /** Older entries (or any from another generation) are re-read before answering. */
  maxAgeMs?: number;
  maxEntries?: number;
}

/**
 * Whether a story may be counted, and its stored total, without a database read per beacon:
 * each story is read at most about once a second, unknown ids are remembered too (so a flood of
 * one bad id is one read), and a publish or unpublish is seen at once through the content
 * generation, or within `maxAgeMs` when another process made it.
 */
export function createArticleLookup(options: ArticleLookupOptions) {
  const freshMs = options.freshMs ?? 1000;
  const maxAgeMs = options.maxAgeMs ?? 5000;
  const maxEntries = options.maxEntries ?? 50_000;
  const entries = new Map<string, Entry | null>();
  const stamps = new Map<string, { at: number; generation: number }>();
  const loading = new Map<string, Promise<Entry | null>>();

  function load(id: string): Promise<Entry | null> {
    let pending = loading.get(id);
    if (pending) return pending;
    const at = options.now();
    const generation = options.generation();
    const before = entries.get(id);
    const epoch = before?.epoch ?? 0;
    pending = options
      .load(id)
      .then((state) => {
        const current = entries.get(id);
        // One of our writes landed meanwhile: it knows better than this read.
        if (current && current.epoch !== epoch) return current;
        if (entries.size >= maxEntries && !entries.has(id)) {
          entries.clear();
          stamps.clear();
        }
        const entry = state ? { ...state, loadedAt: at, generation, epoch, answered: current?.answered ?? 0 } : null;
        entries.set(id, entry);
        stamps.set(id, { at, generation });
        return entry;
      })
      .finally(() => loading.delete(id));
    loading.set(id, pending);
    return pending;
  }

  return {
    async get(id: string): Promise<Entry | null> {
      const stamp = stamps.get(id);
      if (!stamp || stamp.generation !== options.generation() || options.now() - stamp.at > maxAgeMs) return load(id);
      if (options.now() - stamp.at > freshMs) void load(id).catch(() => {});
      return entries.get(id) ?? null;
    },

    /** After our flush: the total the database now holds. */
    stored(id: string, views: number): void {
      const entry = entries.get(id);
      if (!entry) return;
      entry.stored = views;
      entry.epoch++;
    },

    /** The number to show: stored plus pending, never less than an earlier answer. */
    answer(entry: Entry, pending: number): number {
      entry.answered = Math.max(entry.answered, entry.stored + pending);
      return entry.answered;
    },
  };
}

export type ArticleLookup = ReturnType<typeof createArticleLookup>;
