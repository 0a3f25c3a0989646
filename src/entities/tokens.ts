import { NAME_JOINERS } from './seed-lists.js';

/** Days and months: "Indian Navy on Monday" is not one name. */
const TIME_WORDS = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);

/** A word of a sentence, with where it stands. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** Starts with a capital (or is a designation such as S-400): may be part of a name. */
  cap: boolean;
}

/** A run of name-like tokens in one sentence ("Shanghai Cooperation Organisation"). */
export interface Span {
  tokens: Token[];
  sentence: Sentence;
  /** Index of the span's first token in the sentence. */
  index: number;
  /** A piece of a longer run, after splitting at "and", "of"…: the words around it are the run's. */
  part?: boolean;
}

export interface Sentence {
  text: string;
  tokens: Token[];
}

// Abbreviations that end in a full stop without ending the sentence.
const ABBREVIATION_END = /(?:\b(?:Mr|Mrs|Ms|Dr|Prof|Gen|Lt|Col|Maj|Capt|Adm|Brig|Cdr|Sgt|Gov|Sen|Rep|Rev|St|Smt|Shri|Sri|Jr|Sr|No|vs|Inc|Ltd|Co|Corp|Mt|Ft)|\b[A-Z]|\b(?:[A-Z]\.){1,3}[A-Z])\.$/;
const TOKEN_RE = /[\p{L}\p{N}]+(?:[-'’.&][\p{L}\p{N}]+)*\.?/gu;
const MAX_SENTENCE_CHARS = 2_000;

/** Splits text into sentences: at . ! ? and line breaks, not after "Dr." or an initial. */
export function splitSentences(text: string): string[] {
  const out: string[] = [];
  for (const block of text.split(/\n+/)) {
    let carry = '';
    for (const piece of block.split(/(?<=[.!?]["”’)]?)\s+/)) {
      const joined = carry ? `${carry} ${piece}` : piece;
      if (ABBREVIATION_END.test(piece) && joined.length < MAX_SENTENCE_CHARS) carry = joined;
      else {
        if (joined.trim()) out.push(joined.trim());
        carry = '';
      }
    }
    if (carry.trim()) out.push(carry.trim());
  }
  return out;
}

/** The words of a sentence; possessives and sentence-final stops are taken off. */
export function tokenize(sentence: string): Token[] {
  const tokens: Token[] = [];
  for (const match of sentence.matchAll(TOKEN_RE)) {
    let text = match[0];
    const start = match.index;
    // "U.S." keeps its stops; "Delhi." and "Gen." do not.
    if (text.endsWith('.') && !/\.[\p{L}\p{N}]+\.$/u.test(text)) text = text.slice(0, -1);
    text = text.replace(/['’]s$/u, '').replace(/['’]$/u, '');
    if (!text) continue;
    tokens.push({ text, start, end: start + text.length, cap: /^[\p{Lu}]/u.test(text) });
  }
  return tokens;
}

/** Only spaces between two tokens (no comma, bracket or quote): they can be one name. */
export function joined(sentence: string, a: Token, b: Token): boolean {
  return /^[ \u00a0]+$/.test(sentence.slice(a.end, b.start));
}

/** Runs of capitalised tokens, with "of", "and", "von"… allowed between capitals. */
export function findSpans(sentence: Sentence): Span[] {
  const spans: Span[] = [];
  const { tokens, text } = sentence;
  let i = 0;
  while (i < tokens.length) {
    if (!tokens[i]!.cap) {
      i++;
      continue;
    }
    const start = i;
    let end = i;
    while (end + 1 < tokens.length) {
      const next = tokens[end + 1]!;
      if (!joined(text, tokens[end]!, next)) break;
      if (next.cap) {
        end++;
        continue;
      }
      // A joiner counts only when a capitalised word follows it.
      const after = tokens[end + 2];
      if (NAME_JOINERS.has(next.text) && after?.cap && !TIME_WORDS.has(after.text) && joined(text, next, after)) {
        end += 2;
        continue;
      }
      break;
    }
    spans.push({ tokens: tokens.slice(start, end + 1), sentence, index: start });
    i = end + 1;
  }
  return spans;
}

export function spanText(tokens: readonly Token[]): string {
  return tokens.map((t) => t.text).join(' ');
}
