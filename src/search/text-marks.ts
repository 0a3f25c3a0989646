import type { ParsedQuery } from './search-query.js';

/**
 * A search hit's headline with its matches marked, and a snippet of its text around them, made in
 * the application from the stored text (PostgreSQL; SQLite's FTS5 marks its own). PostgreSQL's
 * `ts_headline` parses each hit's whole text again inside the database: on the 100,000-story
 * archive 3–11 ms of a search (the newest page of `river`: 26 → 15 ms without it), on the one
 * server every node shares, where the nodes themselves can take it (0.2 ms a page here).
 *
 * Marks are U+0001 … U+0002, as the databases put them (search-highlight.ts turns them into
 * `<mark>`). Words are compared as the `simple` text-search configuration indexes them: split at
 * anything that is not a letter, combining mark or digit, case-folded; a phrase is its words one
 * after another with anything else between them, marked as one span ("S-400", "prime minister").
 */

/** Words a passage of the snippet holds at most, and passages at most: what `ts_headline` was asked for. */
export const SNIPPET_WORDS = 30;
export const SNIPPET_PASSAGES = 2;
/** Words shown before a passage's first match, so that it does not open on the word itself. */
const LEAD_WORDS = 5;
/** How far back those words are looked for: more than five words of any language. */
const LEAD_CHARS = 400;
/** Matches read from one text, and of those the ones tried as a passage's start: bounds a pasted text's cost. */
const MAX_MATCHES = 1000;
const MAX_CANDIDATES = 200;
const PASSAGE_GAP = ' … ';

const WORD = '[\\p{L}\\p{M}\\p{N}]';
const WORD_RE = new RegExp(`${WORD}+`, 'gu');
/** The same, stepped with `exec` from a position (passageEnd); `matchAll` copies WORD_RE, so the two never share a position. */
const WORD_STEP = new RegExp(WORD_RE.source, 'gu');

/** What a query marks: its phrases (not those it excludes) as one expression, each phrase a group of its own. */
export interface Marker {
  pattern: RegExp | null;
}

/**
 * The query's phrases as a case-insensitive expression matching whole words only, the longest
 * phrase first where two start at the same word. A phrase's words are letters, marks and digits
 * alone, so nothing a reader typed is ever read as a regular expression.
 */
export function markerFor(query: ParsedQuery): Marker {
  const seen = new Set<string>();
  const phrases: string[][] = [];
  for (const clause of query.clauses) {
    if (clause.negated) continue;
    for (const phrase of clause.phrases) {
      const words = phrase.match(WORD_RE)?.map((w) => w.toLowerCase()) ?? [];
      const key = words.join(' ');
      if (words.length && !seen.has(key)) {
        seen.add(key);
        phrases.push(words);
      }
    }
  }
  if (!phrases.length) return { pattern: null };
  phrases.sort((a, b) => b.length - a.length);
  const groups = phrases.map((words) => `(${words.join(`[^\\p{L}\\p{M}\\p{N}]+`)})`).join('|');
  return { pattern: new RegExp(`(?<!${WORD})(?:${groups})(?!${WORD})`, 'giu') };
}

interface Match {
  start: number;
  end: number;
  /** Which phrase it is (its group). */
  phrase: number;
}

function matchesIn(text: string, marker: Marker): Match[] {
  if (!marker.pattern) return [];
  const found: Match[] = [];
  for (const m of text.matchAll(marker.pattern)) {
    let phrase = 1;
    while (m[phrase] === undefined) phrase++;
    found.push({ start: m.index, end: m.index + m[0].length, phrase });
    if (found.length >= MAX_MATCHES) break;
  }
  return found;
}

/** `text` from `start` to `end` with the matches inside it marked. */
function withMarks(text: string, matches: Match[], start: number, end: number): string {
  let out = '';
  let at = start;
  for (const m of matches) {
    if (m.start < start || m.end > end) continue;
    out += `${text.slice(at, m.start)}\u0001${text.slice(m.start, m.end)}\u0002`;
    at = m.end;
  }
  return out + text.slice(at, end);
}

/** The whole text with every match marked (a headline). */
export function markAll(text: string, marker: Marker): string {
  return withMarks(text, matchesIn(text, marker), 0, text.length);
}

/** Where the passage around a match opens: LEAD_WORDS words before it, or the text's start. */
function passageStart(text: string, at: number): number {
  const from = Math.max(0, at - LEAD_CHARS);
  const before = [...text.slice(from, at).matchAll(WORD_RE)];
  const lead = before[Math.max(0, before.length - LEAD_WORDS)];
  return lead ? from + lead.index : at;
}

/** Where a passage opening at `start` ends: after its SNIPPET_WORDS-th word, or the text's end. */
function passageEnd(text: string, start: number): number {
  WORD_STEP.lastIndex = start;
  let end = start;
  for (let n = 0; n < SNIPPET_WORDS; n++) {
    const m = WORD_STEP.exec(text);
    if (!m) break;
    end = m.index + m[0].length;
  }
  return end;
}

/**
 * Up to SNIPPET_PASSAGES passages of SNIPPET_WORDS words with the matches marked, in the text's
 * order, joined by " … ": the passage holding the most of the query's phrases (then the most
 * matches) first, then the best that does not overlap it. A text without a match (the story was
 * found by its headline, tags or byline) gives its opening words.
 */
export function snippetOf(text: string, marker: Marker): string {
  const matches = matchesIn(text, marker);
  if (!matches.length) return text.slice(0, passageEnd(text, 0));

  type Passage = { start: number; end: number; phrases: number; count: number };
  const candidates: Passage[] = [];
  // Passages open in the text's order, so the first match inside each only moves forward.
  let first = 0;
  for (const match of matches.slice(0, MAX_CANDIDATES)) {
    const start = passageStart(text, match.start);
    // A phrase that runs past the passage's last word is kept whole.
    const end = Math.max(passageEnd(text, start), match.end);
    while (matches[first]!.start < start) first++;
    const phrases = new Set<number>();
    let count = 0;
    for (let i = first; i < matches.length && matches[i]!.end <= end; i++, count++) phrases.add(matches[i]!.phrase);
    candidates.push({ start, end, phrases: phrases.size, count });
  }
  candidates.sort((a, b) => b.phrases - a.phrases || b.count - a.count || a.start - b.start);
  const chosen = [candidates[0]!];
  for (const passage of candidates) {
    if (chosen.length >= SNIPPET_PASSAGES) break;
    if (chosen.every((c) => passage.end <= c.start || passage.start >= c.end)) chosen.push(passage);
  }
  chosen.sort((a, b) => a.start - b.start);
  return chosen.map((p) => withMarks(text, matches, p.start, p.end)).join(PASSAGE_GAP);
}
