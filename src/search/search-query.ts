/**
 * The reader's query language, parsed into plain data that each database adapter turns into
 * its own syntax from quoted tokens. Raw input never reaches FTS5 or `to_tsquery`: whatever
 * was typed, the worst outcome is "nothing left to search for".
 *
 *   monsoon kerala        both words
 *   "rajnath singh"       the phrase
 *   -cricket              not this word (or -"a phrase")
 *   sco OR brics          either
 */

/** Longer input is cut here: no headline needs more, and a 10,000-character query costs nothing. */
export const MAX_QUERY_CHARS = 256;
/** At most this many terms are searched for; the rest are dropped. */
export const MAX_TERMS = 12;

/** One or more phrases, any of which may match (a single word is a phrase of one word). */
export interface SearchClause {
  phrases: string[];
  negated: boolean;
}

export interface ParsedQuery {
  /** Every positive clause must match; no negated one may. */
  clauses: SearchClause[];
  /** The query as searched, for "you searched for" and the "did you mean" rewrite. */
  text: string;
}

// Control characters (our highlight markers among them) and NUL never reach a database.
const CONTROL_RE = /[\u0000-\u001f\u007f]/g;
const HAS_WORD_RE = /[\p{L}\p{N}]/u;

interface RawTerm {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function scan(input: string): (RawTerm | 'OR')[] {
  const out: (RawTerm | 'OR')[] = [];
  let i = 0;
  while (i < input.length) {
    while (i < input.length && /\s/.test(input[i]!)) i++;
    if (i >= input.length) break;
    let negated = false;
    if (input[i] === '-' && i + 1 < input.length && !/\s/.test(input[i + 1]!)) {
      negated = true;
      i++;
    }
    if (input[i] === '"') {
      // An unbalanced quote runs to the end of the query.
      const end = input.indexOf('"', i + 1);
      const stop = end === -1 ? input.length : end;
      out.push({ text: input.slice(i + 1, stop), quoted: true, negated });
      i = stop + 1;
      continue;
    }
    let end = i;
    while (end < input.length && !/\s/.test(input[end]!) && input[end] !== '"') end++;
    const word = input.slice(i, end);
    i = end;
    if (!negated && word === 'OR') out.push('OR');
    else if (negated || word !== 'AND') out.push({ text: word, quoted: false, negated });
  }
  return out;
}

/** Words a reader typed, normalised: no operators, no control characters, at most MAX_TERMS clauses. */
export function parseQuery(input: string): ParsedQuery {
  const cleaned = input.replace(CONTROL_RE, ' ').slice(0, MAX_QUERY_CHARS);
  const clauses: SearchClause[] = [];
  let joinNext = false;
  for (const item of scan(cleaned)) {
    if (item === 'OR') {
      joinNext = clauses.length > 0 && !clauses[clauses.length - 1]!.negated;
      continue;
    }
    const text = item.text.replace(/\s+/g, ' ').trim();
    // A term with no letter or digit (`*`, `(`, `--`) is nothing to search for.
    if (!HAS_WORD_RE.test(text)) continue;
    const last = clauses[clauses.length - 1];
    if (joinNext && last && !item.negated) last.phrases.push(text);
    else clauses.push({ phrases: [text], negated: item.negated });
    joinNext = false;
  }
  const kept = clauses.slice(0, MAX_TERMS);
  return { clauses: kept, text: formatQuery(kept) };
}

/** A query that searches for something: at least one clause that must match. */
export function isSearchable(query: ParsedQuery): boolean {
  return query.clauses.some((c) => !c.negated);
}

/** The clauses written back in the query language. */
export function formatQuery(clauses: SearchClause[]): string {
  const phrase = (p: string) => (/\s/.test(p) || p.startsWith('-') || p === 'OR' || p === 'AND' ? `"${p.replace(/"/g, '')}"` : p.replace(/"/g, ''));
  return clauses.map((c) => `${c.negated ? '-' : ''}${c.phrases.map(phrase).join(' OR ')}`).join(' ');
}

/** The FTS5 MATCH expression: every phrase a quoted string, so no input is ever FTS syntax. */
export function fts5Match(query: ParsedQuery): string {
  const quote = (p: string) => `"${p.replace(/"/g, '""')}"`;
  const group = (c: SearchClause) => (c.phrases.length === 1 ? quote(c.phrases[0]!) : `(${c.phrases.map(quote).join(' OR ')})`);
  const positive = query.clauses.filter((c) => !c.negated).map(group);
  const negative = query.clauses.filter((c) => c.negated).map(group);
  return [`(${positive.join(' AND ')})`, ...negative].join(' NOT ');
}
