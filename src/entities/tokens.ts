import { GROUP_POSSESSORS, HYPHEN_MODIFIERS, NAME_JOINERS, ORG_HEADS, STOP_CAPITALS } from './seed-lists.js';
import { findPlace, isCountry } from './places.js';

/** Company words after a founder's possessive: "Dr. Reddy's Laboratories", "Moody's Investors Service". */
const COMPANY_AFTER_POSSESSIVE = new Set(['Laboratories', 'Labs', 'Investors', 'Corporation', 'Company', 'Ltd', 'Limited', 'Inc', 'Industries', 'Foods', 'Pharmaceuticals', 'Pharma', 'Hospitals', 'Restaurants', 'Register', 'Holdings', 'Brewery', 'Stores', 'Bakery']);

/** Days and months: "Indian Navy on Monday" is not one name. */
const TIME_WORDS = new Set(['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday', 'January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December']);

/** A word of a sentence, with where it stands. */
export interface Token {
  text: string;
  start: number;
  end: number;
  /** Starts with a capital (or is a designation such as S-400): may be part of a name. */
  cap: boolean;
  /** "Bengaluru" of "Bengaluru-based": the word the name was glued to by a hyphen ("based"). */
  affix?: string;
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

// Titles written with a full stop that still belong to the name after them ("Prof. Asha Rao").
const TITLE_ABBREVIATIONS = new Set(['Mr', 'Mrs', 'Ms', 'Dr', 'Prof', 'Gen', 'Lt', 'Col', 'Maj', 'Capt', 'Adm', 'Brig', 'Cdr', 'Sgt', 'Gov', 'Sen', 'Rep', 'Rev', 'Smt', 'Shri', 'Sri', 'St', 'Cmdr', 'Supt', 'Insp', 'Hon']);
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
    let end: number | null = null;
    // "P. V. Asha", "Madhu K. Rao": an initial keeps its stop when a name follows it.
    if (/^\p{Lu}\.$/u.test(text) && isInitialBeforeName(sentence, start + text.length)) {
      tokens.push({ text, start, end: start + text.length, cap: true });
      continue;
    }
    // "U.S." keeps its stops; "Delhi." and "Gen." do not.
    if (text.endsWith('.') && !/\.[\p{L}\p{N}]+\.$/u.test(text)) {
      text = text.slice(0, -1);
      // "Prof. Asha Rao": the title's stop does not part it from the name.
      if (TITLE_ABBREVIATIONS.has(text)) end = start + text.length + 1;
    }
    // "People's Liberation Army", "Women's World Cup": a group's possessive is part of the name.
    const possessive = /^(\p{Lu}\p{Ll}+)['’]s$/u.exec(text);
    // "Dr. Reddy's Laboratories", "Moody's Investors Service": a founder's possessive before an organisation's last word.
    const orgWord = possessive ? /^[ \u00a0]+(\p{Lu}\p{L}+)/u.exec(sentence.slice(start + text.length, start + text.length + 40)) : null;
    if (possessive && (GROUP_POSSESSORS.has(possessive[1]!) || (orgWord && COMPANY_AFTER_POSSESSIVE.has(orgWord[1]!) && !findPlace(possessive[1]!)))) {
      tokens.push({ text, start, end: start + text.length, cap: true });
      continue;
    }
    text = text.replace(/['’]s$/u, '').replace(/['’]$/u, '');
    if (!text) continue;
    // "Bengaluru-based", "Walmart-owned": the name, then a modifier that is not part of the next name.
    const glued = /^(\p{Lu}[\p{L}\p{N}'’.]*)-(\p{Ll}+)$/u.exec(text);
    if (glued && HYPHEN_MODIFIERS.has(glued[2]!)) {
      const head = glued[1]!;
      tokens.push({ text: head, start, end: start + head.length, cap: true, affix: glued[2]! });
      tokens.push({ text: glued[2]!, start: start + head.length + 1, end: start + text.length, cap: false });
      continue;
    }
    tokens.push({ text, start, end: end ?? start + text.length, cap: /^[\p{Lu}]/u.test(text) });
  }
  return tokens;
}

/** After "P." comes a capitalised word that is not a sentence's opening word ("The", "He"). */
function isInitialBeforeName(sentence: string, at: number): boolean {
  const next = /^[ \u00a0]+(\p{Lu}[\p{L}'’-]*)/u.exec(sentence.slice(at, at + 40));
  return !!next && !STOP_CAPITALS.has(next[1]!);
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
      // "Association of Mutual Funds in India": "in" and a country end an "X of Y" name.
      if (next.text === 'in' && (ORG_HEADS.has(tokens[start]!.text) || (tokens[start]!.text === 'The' && ORG_HEADS.has(tokens[start + 1]?.text ?? ''))) && after?.cap && joined(text, next, after) && tokens.slice(start, end + 1).some((t) => t.text === 'of' || t.text === 'for') && isCountry(after.text) && !(tokens[end + 3]?.cap && joined(text, after, tokens[end + 3]!))) {
        end += 2;
        break;
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
