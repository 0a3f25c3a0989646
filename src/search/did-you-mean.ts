import type { ParsedQuery } from './search-query.js';
import { formatQuery } from './search-query.js';

const WORD_RE = /[\p{L}\p{N}\p{M}]+/gu;

/** Optimal-string-alignment distance (a swap of two letters counts once), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      best = Math.min(best, d);
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[b.length]!;
}

/** The words of names (people, tags and their aliases), lower-cased, at least four letters long. */
export function vocabularyOf(names: string[]): Set<string> {
  const words = new Set<string>();
  for (const name of names) for (const w of name.toLowerCase().match(WORD_RE) ?? []) if (w.length >= 4) words.add(w);
  return words;
}

/**
 * "Did you mean": each word of the query that is not a known name word is replaced by the
 * closest one (one edit for short words, two from seven letters). Null when nothing changed.
 * Cheap by design: a newsroom has thousands of names, not millions.
 *
 * @example
 *   suggest(parseQuery('rajnth sing'), vocabularyOf(['Rajnath Singh'])) // 'rajnath singh'
 */
export function suggest(query: ParsedQuery, vocabulary: Set<string>): string | null {
  let changed = false;
  const fix = (word: string): string => {
    const lower = word.toLowerCase();
    if (lower.length < 4 || vocabulary.has(lower)) return word;
    const max = lower.length >= 7 ? 2 : 1;
    let best: string | null = null;
    let bestDistance = max + 1;
    for (const candidate of vocabulary) {
      const d = editDistance(lower, candidate, max);
      if (d < bestDistance || (d === bestDistance && best !== null && candidate < best)) {
        best = candidate;
        bestDistance = d;
      }
    }
    if (!best) return word;
    changed = true;
    return best;
  };
  const clauses = query.clauses.map((c) => (c.negated ? c : { ...c, phrases: c.phrases.map((p) => p.replace(WORD_RE, fix)) }));
  return changed ? formatQuery(clauses) : null;
}
