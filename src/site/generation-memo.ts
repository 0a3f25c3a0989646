/**
 * Remembers the results of shared listing queries (related stories, section
 * rails, most-read, thumbnails) until the content generation changes. Many pages
 * show the same rails, so when the page cache misses — after every publish, every
 * page at once — each rail is still read from the database only once.
 */
export type Memo = <T>(key: string, load: () => Promise<T>) => Promise<T>;

export function createGenerationMemo(generation: () => number, maxEntries = 1000): Memo {
  let memoGeneration = Number.NaN;
  const entries = new Map<string, Promise<unknown>>();
  return function memo<T>(key: string, load: () => Promise<T>): Promise<T> {
    const current = generation();
    if (current !== memoGeneration) {
      entries.clear();
      memoGeneration = current;
    }
    let hit = entries.get(key) as Promise<T> | undefined;
    if (!hit) {
      hit = load();
      // A failed load is not remembered: the next page tries again.
      hit.catch(() => entries.delete(key));
      entries.set(key, hit);
      if (entries.size > maxEntries) entries.delete(entries.keys().next().value!);
    }
    return hit;
  };
}
