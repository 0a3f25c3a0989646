import { findPlace } from './places.js';
import { DESIGNATION_RE, EVENT_SUFFIXES, HONORIFICS, LAW_SUFFIXES, LEADING_NOISE, NAME_PARTICLES, ORG_CONTEXT_WORDS, ORG_HEADS, ORG_SUFFIXES, PERSON_CONTEXT_WORDS, PERSON_VERBS, PLACE_SUFFIXES, STOP_CAPITALS } from './seed-lists.js';
import { spanText, type Span, type Token } from './tokens.js';
import type { EntityKind, Gazetteer } from './types.js';

/** One mention found in the text: what it is and how it was written. */
export interface Mention {
  kind: EntityKind;
  surface: string;
  name: string;
  tagId: string | null;
  /** How sure the rule is: known names and strong rules 2, the NLP library's guess alone 1. */
  strength: 1 | 2;
}

/** What the NLP library thought, as lower-cased names (its organisation guesses are not used: see extract.ts). */
export interface NlpHints {
  people: Set<string>;
  places: Set<string>;
}

export interface ClassifyContext {
  gazetteer: Gazetteer;
  /** Acronyms this story spells out: "SCO" → "Shanghai Cooperation Organisation". */
  acronyms: Map<string, string>;
  hints: NlpHints;
}

const HONORIFIC_SET = new Set([...HONORIFICS, 'Secretary-General', 'Director-General', 'Deputy']);
const TITLE_PARTS = new Set([...HONORIFIC_SET, 'Defence', 'Foreign', 'Finance', 'Home', 'External', 'Affairs', 'Commerce', 'Health', 'Education', 'Union', 'Prime', 'Vice', 'Deputy', 'Chief', 'Former', 'Opposition', 'State', 'Cabinet', 'Leader', 'Railway', 'Railways', 'Agriculture', 'Trade', 'Sports', 'Law', 'Interior', 'Army', 'Navy', 'Air', 'Staff', 'Lt-Gen', 'Maj-Gen', 'Vice-Admiral', 'Rear', 'Flight', 'Wing', 'Squadron', 'Group', 'Managing', 'Executive']);

/** Classifies a span; may return several mentions when a span holds more than one name. */
export function classifySpan(span: Span, ctx: ClassifyContext, headline = false): Mention[] {
  const tokens = span.tokens;
  const whole = known(tokens, ctx);
  if (whole) return [whole];
  // "Indian Air Force Chinook": known names that cover the whole run.
  if (tokens.length > 1 && !headline) {
    const pieces = subSpans(tokens, ctx);
    const covered = pieces.reduce((n, m) => n + m.surface.split(' ').length, 0);
    if (pieces.length > 1 && covered === tokens.length) return pieces;
  }
  const atWork = personAndWorkplace(tokens, span, ctx);
  if (atWork) return atWork;
  if (tokens.length > 2 && STOP_CAPITALS.has(tokens[0]!.text) && !ORG_HEADS.has(tokens[0]!.text) && !tokens[1]!.cap) return classifyParts(tokens.slice(1), span, ctx, headline);
  if (tokens.length > 1 && LEADING_NOISE.has(tokens[0]!.text)) return classifyParts(tokens.slice(1), span, ctx, headline);
  const titled = titledPerson(tokens, ctx);
  if (titled) return titled;
  if (headline) return subSpans(tokens, ctx);
  // "Reliance Industries and Tata Motors": two names when both halves are names.
  const and = tokens.findIndex((t, i) => i > 0 && (t.text === 'and' || t.text === '&'));
  if (and > 0) {
    const parts = [classifyParts(tokens.slice(0, and), span, ctx), classifyParts(tokens.slice(and + 1), span, ctx)];
    if (parts[0]!.length && parts[1]!.length) return parts.flat();
  }
  const rule = byShape(tokens, span, ctx);
  if (rule) return [rule];
  // "India and China", "Ministry of Defence of India": try the parts.
  const joinerAt = tokens.findIndex((t, i) => i > 0 && !t.cap && !NAME_PARTICLES.has(t.text));
  if (joinerAt > 0) return [...classifyParts(tokens.slice(0, joinerAt), span, ctx), ...classifyParts(tokens.slice(joinerAt + 1), span, ctx)];
  // A sentence's first word is capitalised anyway: drop it and look again.
  if (tokens.length > 1 && STOP_CAPITALS.has(tokens[0]!.text)) return classifyParts(tokens.slice(1), span, ctx);
  // "Rival Wipro": a known name inside an unknown run.
  return tokens.length > 1 ? subSpans(tokens, ctx) : [];
}

const ROYAL = new Set(['King', 'Queen', 'Prince', 'Princess', 'Pope', 'Emperor', 'Empress']);

/** "Ananya Ghosh of Ambit Capital": a person, then where they work. */
function personAndWorkplace(tokens: Token[], span: Span, ctx: ClassifyContext): Mention[] | null {
  const ofAt = tokens.findIndex((t, i) => i > 1 && (t.text === 'of' || t.text === 'at'));
  if (ofAt < 2 || ofAt > 5 || ORG_HEADS.has(tokens[0]!.text) || HONORIFIC_SET.has(tokens[ofAt - 1]!.text) || !tokens.slice(0, ofAt).every((t) => t.cap)) return null;
  const who = classifyParts(tokens.slice(0, ofAt), span, ctx);
  if (who.length !== 1 || who[0]!.kind !== 'person' || !who[0]!.surface.includes(' ')) return null;
  const where = tokens.slice(ofAt + 1);
  const org = classifyParts(where, span, ctx);
  return [who[0]!, ...(org.length && org.every((m) => m.kind !== 'person') ? org : where.every((t) => t.cap) ? [mention('organisation', where)] : [])];
}

/** "Defence Minister Rajnath Singh", "NATO Secretary General Mark Rutte": titles before a name make it a person's. */
function titledPerson(tokens: Token[], ctx: ClassifyContext): Mention[] | null {
  const titleEnd = lastTitleIndex(tokens);
  if (titleEnd < 0 || titleEnd >= tokens.length - 1) return null;
  const rest = tokens.slice(titleEnd + 1);
  const firstTitle = tokens.findIndex((t) => isTitleWord(t));
  const before = firstTitle > 0 ? known(tokens.slice(0, firstTitle), ctx) : null;
  const restKnown = known(rest, ctx);
  if (restKnown) return before ? [before, restKnown] : [restKnown];
  if (rest.length > 5 || !isPersonName(rest)) return null;
  // "King Charles", "Pope Leo": the title is how the person is named.
  const named = ROYAL.has(tokens[titleEnd]!.text) && rest.length === 1 ? tokens.slice(titleEnd) : rest;
  return before ? [before, person(named, 2)] : [person(named, 2)];
}

function isTitleWord(t: Token): boolean {
  return HONORIFIC_SET.has(t.text) || PERSON_CONTEXT_WORDS.has(t.text.toLowerCase());
}

/** Words of a person's name, particles allowed inside ("Luiz Inacio Lula da Silva"). */
function isPersonName(tokens: Token[]): boolean {
  return tokens.every((t, i) => nameWord(t) || (i > 0 && i < tokens.length - 1 && NAME_PARTICLES.has(t.text))) && !tokens.some((t) => PLACE_SUFFIXES.has(t.text));
}

function classifyParts(tokens: Token[], span: Span, ctx: ClassifyContext, headline = false): Mention[] {
  while (tokens.length && !tokens[0]!.cap) tokens = tokens.slice(1);
  while (tokens.length && !tokens[tokens.length - 1]!.cap) tokens = tokens.slice(0, -1);
  if (tokens.length === 0) return [];
  return classifySpan({ ...span, tokens, index: span.index + span.tokens.indexOf(tokens[0]!), part: true }, ctx, headline);
}

/** Only names the lists or the story's acronyms know, longest first (title-case headlines, leftovers). */
function subSpans(tokens: Token[], ctx: ClassifyContext): Mention[] {
  const out: Mention[] = [];
  let i = 0;
  while (i < tokens.length) {
    let found: Mention | null = null;
    let len = Math.min(5, tokens.length - i);
    for (; len > 0 && !found; len--) found = known(tokens.slice(i, i + len), ctx);
    if (found) {
      out.push(found);
      i += len + 1;
    } else i++;
  }
  return out;
}

/** The last title word in a run, when only titles and office words come before it. */
function lastTitleIndex(tokens: Token[]): number {
  let last = -1;
  for (let i = 0; i < tokens.length - 1; i++) if (isTitleWord(tokens[i]!)) last = i;
  if (last < 0) return -1;
  // Up to the title, the words must read as an office ("Minority Affairs Minister", "NATO Secretary General").
  const officeWords = tokens.slice(0, last).filter((t) => !isTitleWord(t) && !TITLE_PARTS.has(t.text));
  return officeWords.length <= 3 ? last : -1;
}

/** Names any list knows: tags, seeds, this story's acronyms, places, designations. */
function known(tokens: Token[], ctx: ClassifyContext): Mention | null {
  const surface = spanText(tokens);
  if (tokens.length === 1 && STOP_CAPITALS.has(surface)) return null;
  const expansion = ctx.acronyms.get(surface);
  if (expansion) {
    const entry = ctx.gazetteer.lookup(expansion) ?? ctx.gazetteer.lookup(surface);
    return { kind: entry?.kind ?? kindOfName(expansion), surface, name: entry?.name ?? expansion, tagId: entry?.tagId ?? null, strength: 2 };
  }
  const entry = ctx.gazetteer.lookup(surface);
  if (entry) return { kind: entry.kind, surface, name: entry.name, tagId: entry.tagId, strength: 2 };
  const place = findPlace(surface);
  if (place && !(tokens.length === 1 && /^[A-Z]{2,3}$/.test(surface) && place !== surface && !['US', 'UK', 'UAE'].includes(surface))) return { kind: 'place', surface, name: place, tagId: null, strength: 2 };
  if (tokens.length === 1 && /^COP\d{1,2}$/.test(surface)) return { kind: 'event', surface, name: surface, tagId: null, strength: 2 };
  if (tokens.some((t) => DESIGNATION_RE.test(t.text) && !/^(?:FY|CY|Q\d|H\d|G\d|COVID)/i.test(t.text)) && tokens.length <= 3) return { kind: 'thing', surface, name: surface, tagId: null, strength: 2 };
  return null;
}

/** The kind a multi-word name's words suggest ("… Organisation" is an organisation). */
function kindOfName(name: string): EntityKind {
  const words = name.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  if (LAW_SUFFIXES.has(last)) return 'thing';
  if (EVENT_SUFFIXES.has(last)) return 'event';
  return 'organisation';
}

/** Rules on the span's own words and on the words around it. */
function byShape(tokens: Token[], span: Span, ctx: ClassifyContext): Mention | null {
  const surface = spanText(tokens);
  const last = tokens[tokens.length - 1]!.text;
  const first = tokens[0]!.text;
  const multi = tokens.length > 1;
  const strip = (t: Token[]) => (t.length > 1 && t[0]!.text === 'The' ? t.slice(1) : t);
  if (multi && PLACE_SUFFIXES.has(last)) return mention('place', strip(tokens));
  if (multi && LAW_SUFFIXES.has(last)) return mention('thing', strip(tokens));
  // "Committee on Security", "Association for Democratic Reforms": an organisation word before a joiner.
  const joiner = tokens.findIndex((t, i) => i > 0 && !t.cap);
  if (joiner > 0 && (ORG_SUFFIXES.has(tokens[joiner - 1]!.text) || ORG_HEADS.has(tokens[joiner - 1]!.text)) && tokens[joiner]!.text !== 'and') return mention('organisation', strip(tokens));
  if (multi && (EVENT_SUFFIXES.has(last) || EVENT_SUFFIXES.has(tokens.slice(-2).map((t) => t.text).join(' ')))) return mention('event', strip(tokens));
  if (multi && (ORG_SUFFIXES.has(last) || (ORG_HEADS.has(first) && tokens.some((t) => t.text === 'of')))) return mention('organisation', strip(tokens));
  if (ORG_HEADS.has(tokens[1]?.text ?? '') && first === 'The' && tokens.some((t) => t.text === 'of')) return mention('organisation', tokens.slice(1));
  const lower = surface.toLowerCase();
  const prev = span.sentence.tokens[span.index - 1];
  const prev2 = span.sentence.tokens[span.index - 2];
  const after = span.sentence.tokens[span.index + tokens.length];
  const gapBefore = prev ? span.sentence.text.slice(prev.end, tokens[0]!.start) : '';
  // "retailer Lenskart", "the parent company of Zomato", "Eternal, the parent company": what kind of body it is.
  if (prev && !prev.cap && /^\s+$/.test(gapBefore) && ORG_CONTEXT_WORDS.has(prev.text.toLowerCase()) && tokens.every((t) => t.cap)) return mention('organisation', tokens);
  if (prev?.text === 'of' && prev2 && ORG_CONTEXT_WORDS.has(prev2.text.toLowerCase()) && tokens.every((t) => t.cap)) return mention('organisation', tokens);
  if (after && span.sentence.text.slice(tokens[tokens.length - 1]!.end, after.start).trim() === ',') {
    const next = span.sentence.tokens.slice(span.index + tokens.length, span.index + tokens.length + 4).map((t) => t.text.toLowerCase());
    if (['the', 'a', 'an'].includes(next[0] ?? '') && next.some((w) => ORG_CONTEXT_WORDS.has(w)) && !next.some((w) => PERSON_CONTEXT_WORDS.has(w))) return mention('organisation', tokens);
  }
  // "Farah Siddiqui at ICRA", "Kenji Watanabe of Nomura": where a named person works.
  if (!span.part && prev && (prev.text === 'at' || prev.text === 'of') && prev2 && nameWord(prev2) && !STOP_CAPITALS.has(first) && tokens.every((t) => t.cap)) return mention('organisation', tokens);
  if (isPersonName(tokens) && tokens.length <= 5) {
    const context = personContext(span, tokens);
    // One word said by "X said" alone could be "Diplomats": it needs the NLP library's agreement or a full name later.
    if (context === 'strong' || (context === 'verb' && multi) || ctx.hints.people.has(lower)) return person(tokens, 2);
    if (context === 'verb') return person(tokens, 1);
  }
  // "Delhi Capitals", "Hyundai Motor India", "Imperial College London": a place inside a longer name that is not a place.
  if (multi && tokens.every((t) => t.cap) && (findPlace(first) || findPlace(last)) && !findPlace(surface) && !ctx.hints.people.has(lower)) return mention('organisation', tokens);
  if (prev && (prev.text === 'in' || prev.text === 'near') && tokens.length <= 3 && tokens.every(nameWord) && !ctx.hints.people.has(lower)) return mention('place', tokens, 1);
  if (ctx.hints.places.has(lower) && !STOP_CAPITALS.has(first)) return mention('place', tokens, 1);
  return null;
}

/** A plain name word: capitalised letters (an initial "S" or "M.S." too), no digits, not an acronym. */
function nameWord(token: Token): boolean {
  return /^[\p{Lu}][\p{L}'’.-]*$/u.test(token.text) && !/^\p{Lu}{3,}$/u.test(token.text) && !ORG_SUFFIXES.has(token.text) && !STOP_CAPITALS.has(token.text);
}

/** "minister X", "X, 34,", "X, the chief executive of …" are strong; "X said" is weaker. */
function personContext(span: Span, tokens: Token[]): 'strong' | 'verb' | null {
  const { sentence } = span;
  const start = span.index;
  const end = start + tokens.length;
  const before = sentence.tokens[start - 1];
  if (before && !before.cap && PERSON_CONTEXT_WORDS.has(before.text.toLowerCase())) return 'strong';
  const after = sentence.tokens[end];
  const lastToken = tokens[tokens.length - 1]!;
  if (after && PERSON_VERBS.has(after.text) && /^\s+$/.test(sentence.text.slice(lastToken.end, after.start))) return 'verb';
  if (after && sentence.text.slice(lastToken.end, after.start).trim() === ',') {
    if (/^\d{2}$/.test(after.text)) return 'strong';
    const next = sentence.tokens.slice(end, end + 5).map((t) => t.text.toLowerCase());
    if (next.some((w) => PERSON_CONTEXT_WORDS.has(w))) return 'strong';
  }
  return null;
}

function person(tokens: Token[], strength: 1 | 2): Mention {
  const surface = spanText(tokens);
  return { kind: 'person', surface, name: surface, tagId: null, strength };
}

function mention(kind: EntityKind, tokens: Token[], strength: 1 | 2 = 2): Mention {
  const surface = spanText(tokens);
  return { kind, surface, name: surface, tagId: null, strength };
}

/** "Shanghai Cooperation Organisation (SCO)" and "SCO (Shanghai Cooperation Organisation)". */
export function acronymPairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const longFirst = /((?:[A-Z][\p{L}'’-]*\s+(?:(?:of|for|and|the|on|in|de)\s+)*){1,9}[A-Z][\p{L}'’-]*)\s*\(([A-Z][A-Za-z0-9&.-]{1,9})\)/gu;
  for (const m of text.matchAll(longFirst)) {
    const expansion = trimToInitials(m[1]!, m[2]!);
    if (expansion) pairs.set(m[2]!, expansion);
  }
  const shortFirst = /\b([A-Z][A-Z0-9&.-]{1,9})\s*\(((?:[A-Z][\p{L}'’-]*\s*(?:(?:of|for|and|the|on|in|de)\s+)*){2,10})\)/gu;
  for (const m of text.matchAll(shortFirst)) if (!pairs.has(m[1]!)) pairs.set(m[1]!, m[2]!.trim());
  return pairs;
}

/** Keeps the words of a long form that the acronym's letters can start: "met the Shanghai …" → "Shanghai …". */
function trimToInitials(long: string, acronym: string): string | null {
  const words = long.trim().split(/\s+/);
  const letters = acronym.replace(/[^A-Za-z]/g, '').toUpperCase();
  const capitals = (ws: string[]) => ws.filter((w) => /^[A-Z]/.test(w));
  for (let i = 0; i < words.length; i++) {
    const rest = words.slice(i);
    const initials = capitals(rest).map((w) => w[0]).join('');
    if (initials === letters || (initials.startsWith(letters[0]!) && initials.length <= letters.length + 1 && initials.length >= letters.length - 1 && rest[0]![0] === letters[0])) {
      if (!/^[A-Z]/.test(rest[0]!)) continue;
      return STOP_CAPITALS.has(rest[0]!) ? null : rest.join(' ');
    }
  }
  return null;
}

