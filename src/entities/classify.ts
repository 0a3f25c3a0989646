import { findPlace, lexiconTags } from './places.js';
import {
  DESIGNATION_RE, DIRECTION_WORDS, EVENT_PREFIXES, EVENT_SUFFIXES, HONORIFICS, KOREAN_SURNAMES, LAW_SUFFIXES, LEADING_FUNCTION, LEADING_NOISE, NAME_PARTICLES,
  ORG_CONTEXT_WORDS, ORG_HEADS, ORG_SUFFIXES, PERSON_CONTEXT_WORDS, PERSON_VERBS,
  PLACE_PREFIXES, PLACE_SUFFIXES, SHIP_PREFIXES, STOP_CAPITALS, THING_SUFFIXES,
} from './seed-lists.js';
import { spanText, type Span, type Token } from './tokens.js';
import { organisationByContext, numberedThing, placeByContext, thingByContext } from './context-rules.js';
import { known } from './known-names.js';
import { isCommonWord, isFirstName, mention, nameWord, person } from './name-words.js';
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
const TITLE_PARTS = new Set([...HONORIFIC_SET, 'Permanent', 'Representative', 'Special', 'High', 'Envoy', 'Defence', 'Foreign', 'Finance', 'Home', 'External', 'Affairs', 'Commerce', 'Health', 'Education', 'Union', 'Prime', 'Vice', 'Deputy', 'Chief', 'Former', 'Opposition', 'State', 'Cabinet', 'Leader', 'Railway', 'Railways', 'Agriculture', 'Trade', 'Sports', 'Law', 'Interior', 'Army', 'Navy', 'Air', 'Staff', 'Lt-Gen', 'Maj-Gen', 'Vice-Admiral', 'Rear', 'Flight', 'Wing', 'Squadron', 'Group', 'Managing', 'Executive']);

/** Classifies a span; may return several mentions when a span holds more than one name. */
export function classifySpan(span: Span, ctx: ClassifyContext, headline = false): Mention[] {
  const tokens = span.tokens;
  // "Kalvari-class submarines": the class is named after its first ship, not the place.
  if (tokens.length === 1 && tokens[0]!.affix === 'class') return [mention('thing', tokens)];
  const whole = known(tokens, ctx);
  if (whole) return [whole];
  // "Tuesday", "August", "Her": a lone word that names nothing.
  if (tokens.length === 1 && (STOP_CAPITALS.has(tokens[0]!.text) || LEADING_FUNCTION.has(tokens[0]!.text))) return [];
  // "Bangladeshi", "Sri Lankan", "South African": a nationality is not a name.
  if (isDemonym(tokens)) return [];
  // "Her Bharatiya Janata Party", "On Tuesday": a pronoun, article or time word opens the run but is not part of the name.
  if (tokens.length > 1 && LEADING_FUNCTION.has(tokens[0]!.text) && tokens[1]!.cap) return classifyParts(tokens.slice(1), span, ctx, headline);
  const shaped = byPrefix(tokens, ctx);
  if (shaped) return shaped;
  // "Indian Air Force Chinook": known names that cover the whole run.
  if (tokens.length > 1 && !headline) {
    const pieces = subSpans(tokens, ctx);
    const covered = pieces.reduce((n, m) => n + m.surface.split(' ').length, 0);
    if (pieces.length > 1 && covered === tokens.length) return campus(pieces, tokens) ?? pieces;
  }
  const atWork = personAndWorkplace(tokens, span, ctx);
  if (atWork) return atWork;
  if (tokens.length > 2 && STOP_CAPITALS.has(tokens[0]!.text) && !ORG_HEADS.has(tokens[0]!.text) && !tokens[1]!.cap) return classifyParts(tokens.slice(1), span, ctx, headline);
  if (tokens.length > 1 && LEADING_NOISE.has(tokens[0]!.text)) return classifyParts(tokens.slice(1), span, ctx, headline);
  const titled = titledPerson(tokens, ctx);
  if (titled) return titled;
  if (headline) return subSpans(tokens, ctx);
  const placeThenPerson = placeBeforePerson(tokens, span, ctx);
  if (placeThenPerson) return placeThenPerson;
  // "Raider Asha Rao scored": a common noun opens the sentence before a person's name.
  if (span.index === 0 && !span.part && tokens.length > 2 && isCommonWord(tokens[0]!.text) && isPersonName(tokens.slice(1))) {
    const rest = classifyParts(tokens.slice(1), span, ctx);
    if (rest.length === 1 && rest[0]!.kind === 'person') return rest;
  }
  // "Reliance Industries and Tata Motors": two names when both halves are names.
  const and = tokens.findIndex((t, i) => i > 0 && (t.text === 'and' || t.text === '&'));
  let parts: Mention[][] = [];
  if (and > 0) {
    parts = [classifyParts(tokens.slice(0, and), span, ctx), classifyParts(tokens.slice(and + 1), span, ctx)];
    const sure = (ms: Mention[]) => ms.length > 0 && ms.every((m) => m.strength === 2);
    // A weak guess for one half ("Architecture said" as a person) does not split "School of Planning and Architecture".
    if (sure(parts[0]!) && sure(parts[1]!) && !oneOrganisation(parts[0]!, parts[1]!, tokens.slice(and + 1))) return parts.flat();
  }
  const rule = byShape(tokens, span, ctx);
  if (rule) return [rule];
  // "Kestrel Bank and Zupay": one half a sure name, the other one unknown word, are two names of the same kind.
  if (parts.length === 2) {
    const halves = [tokens.slice(0, and), tokens.slice(and + 1)];
    for (const [sure, other] of [[0, 1], [1, 0]] as const) {
      const m = parts[sure]!;
      const lone = halves[other]!;
      if (m.length === 1 && m[0]!.strength === 2 && ['organisation', 'person', 'place'].includes(m[0]!.kind) && m[0]!.surface === spanText(halves[sure]!) && lone.length === 1 && nameWord(lone[0]!) && !isCommonWord(lone[0]!.text) && !isDemonym(lone)) {
        const extra = mention(m[0]!.kind, lone);
        return sure === 0 ? [m[0]!, extra] : [extra, m[0]!];
      }
    }
  }
  // "India and China", "Ministry of Defence of India": try the parts.
  const joinerAt = tokens.findIndex((t, i) => i > 0 && !t.cap && !NAME_PARTICLES.has(t.text));
  if (joinerAt > 0) return [...classifyParts(tokens.slice(0, joinerAt), span, ctx), ...classifyParts(tokens.slice(joinerAt + 1), span, ctx)];
  // A sentence's first word is capitalised anyway: drop it and look again.
  if (tokens.length > 1 && STOP_CAPITALS.has(tokens[0]!.text)) return classifyParts(tokens.slice(1), span, ctx);
  // "Hyundai Rotem", "Orbex Payments": a known company's name and one or two more words is a company of its group.
  const company = tokens.length > 1 && tokens.length <= 3 ? known(tokens.slice(0, 1), ctx) : null;
  if (company?.kind === 'organisation' && tokens.slice(1).every((t) => t.cap && nameWord(t)) && !subSpans(tokens.slice(1), ctx).length) return [mention('organisation', tokens)];
  // "Rival Wipro": a known name inside an unknown run.
  return tokens.length > 1 ? subSpans(tokens, ctx) : [];
}

/** A nationality word: the lexicon's demonyms, or a known place's name with "n", "ns" or "er" added ("Sri Lankan"). */
function isDemonym(tokens: Token[]): boolean {
  if (tokens.length === 1 && lexiconTags(tokens[0]!.text).includes('Demonym')) return true;
  const surface = spanText(tokens);
  const stem = /^(.{3,}?)(?:ns|n|ers|er)$/.exec(surface);
  return tokens.length <= 3 && !!stem && /^\p{Lu}/u.test(surface) && !!findPlace(stem[1]!) && !findPlace(surface);
}

/** Names told by their first word: ships ("INS Arnala"), exercises ("Exercise Desert Knight"), "Mount X", "Upper X". */
function byPrefix(tokens: Token[], ctx: ClassifyContext): Mention[] | null {
  const first = tokens[0]!.text;
  const rest = tokens.slice(1);
  if (rest.length === 0 || rest.length > 4 || !rest.every((t) => t.cap)) return null;
  if (SHIP_PREFIXES.has(first)) return [mention('thing', tokens)];
  if (EVENT_PREFIXES.has(first) && rest.every(nameWordOrDesignation)) return [mention('event', tokens)];
  if (PLACE_PREFIXES.has(first) && rest.length <= 2 && rest.every(nameWord) && !isCommonWord(rest[0]!.text)) return [mention('place', tokens)];
  // "Upper Assam", "Northern Kerala": a compass word before a known place.
  if (DIRECTION_WORDS.has(first) && rest.length <= 3) {
    const place = known(rest, ctx);
    if (place?.kind === 'place') return [mention('place', tokens)];
  }
  // "Artemis III", "Tejas Mk2": a known thing and its numeral or mark.
  const last = tokens[tokens.length - 1]!.text;
  if (/^(?:I{1,3}|IV|VI{0,3}|IX|X)$/.test(last) || /^Mk\d/i.test(last)) {
    const head = known(tokens.slice(0, -1), ctx);
    if (head?.kind === 'thing') return [{ ...head, kind: 'thing', surface: spanText(tokens), name: spanText(tokens), strength: 2 }];
  }
  return null;
}

function nameWordOrDesignation(t: Token): boolean {
  return nameWord(t) || DESIGNATION_RE.test(t.text);
}

/** Institutions named with their campus: "Indian Institute of Technology Madras", "IIT Kanpur", "Imperial College London". */
function campus(pieces: Mention[], tokens: Token[]): Mention[] | null {
  if (pieces.length !== 2) return null;
  const [org, place] = pieces as [Mention, Mention];
  if (org.kind !== 'organisation' || place.kind !== 'place') return null;
  const lastWord = org.name.split(' ').pop() ?? '';
  if (!/^(?:Technology|Management|Science|Sciences|University|College|Institute|School|Research|Studies|Medical|Engineering)$/.test(lastWord) && !/^(?:IIT|IIM|IISER|NIT|AIIMS|IIIT)$/.test(org.surface)) return null;
  return [{ ...org, surface: spanText(tokens), name: `${org.name} ${place.surface}`, strength: 2 }];
}

/**
 * "England and Wales Cricket Board", "Trinidad and Tobago Football Association": two places joined by "and"
 * before an organisation's last word are one organisation, not a place and an organisation.
 */
function oneOrganisation(left: Mention[], right: Mention[], rightTokens: Token[]): boolean {
  return left.length === 1 && left[0]!.kind === 'place' && right.length === 1 && right[0]!.kind === 'organisation' && rightTokens[0]!.text !== 'the' &&
    right[0]!.surface === spanText(rightTokens) && !!findPlace(rightTokens[0]!.text) && ORG_SUFFIXES.has(rightTokens[rightTokens.length - 1]!.text) && rightTokens.length >= 2;
}

/** "Drugs Controller General of India Rakesh Kumar Verma said": a known place glued to the person's name after it. */
function placeBeforePerson(tokens: Token[], span: Span, ctx: ClassifyContext): Mention[] | null {
  for (let cut = Math.min(3, tokens.length - 2); cut >= 1; cut--) {
    const head = tokens.slice(0, cut);
    const rest = tokens.slice(cut);
    if (rest.length < 2 || !isPersonName(rest) || isCommonWord(rest[0]!.text)) continue;
    const place = known(head, ctx);
    if (place?.kind !== 'place') continue;
    const who = classifyParts(rest, span, ctx);
    if (who.length === 1 && who[0]!.kind === 'person' && who[0]!.surface === spanText(rest)) return [place, who[0]!];
  }
  return null;
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

/** Rules on the span's own words and on the words around it. */
function byShape(tokens: Token[], span: Span, ctx: ClassifyContext): Mention | null {
  const surface = spanText(tokens);
  const last = tokens[tokens.length - 1]!.text;
  const first = tokens[0]!.text;
  const multi = tokens.length > 1;
  const strip = (t: Token[]) => (t.length > 1 && t[0]!.text === 'The' ? t.slice(1) : t);
  if (multi && PLACE_SUFFIXES.has(last)) return mention('place', strip(tokens));
  if (multi && (LAW_SUFFIXES.has(last) || THING_SUFFIXES.has(last))) return mention('thing', strip(tokens));
  // "Committee on Security", "Association for Democratic Reforms": an organisation word before a joiner.
  const joiner = tokens.findIndex((t, i) => i > 0 && !t.cap);
  if (joiner > 0 && (ORG_SUFFIXES.has(tokens[joiner - 1]!.text) || ORG_HEADS.has(tokens[joiner - 1]!.text)) && tokens[joiner]!.text !== 'and') return mention('organisation', strip(tokens));
  if (multi && (EVENT_SUFFIXES.has(last) || EVENT_SUFFIXES.has(tokens.slice(-2).map((t) => t.text).join(' ')))) return mention('event', strip(tokens));
  // "Riyadh for Orbex Power": a known name before the joiner is a name of its own.
  const leftTokens = joiner > 0 && ['for', 'of', 'on', 'in', 'the'].includes(tokens[joiner]!.text) ? tokens.slice(first === 'The' ? 1 : 0, joiner) : [];
  const leftKnown = leftTokens.length > 0 && !!known(leftTokens, ctx);
  if (multi && !leftKnown && (ORG_SUFFIXES.has(last) || (ORG_HEADS.has(first) && tokens.some((t) => t.text === 'of')))) return mention('organisation', strip(tokens));
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
  const place = placeByContext(tokens, span, ctx);
  if (place) return place;
  const org = organisationByContext(tokens, span);
  if (org) return org;
  // "Farah Siddiqui at ICRA", "Kenji Watanabe of Nomura": where a named person works.
  if (!span.part && prev && (prev.text === 'at' || prev.text === 'of') && prev2 && nameWord(prev2) && !isCommonWord(prev2.text) && !PLACE_SUFFIXES.has(prev2.text) && !STOP_CAPITALS.has(first) && tokens.every((t) => t.cap)) return mention('organisation', tokens);
  const thing = thingByContext(tokens, span, ctx);
  if (thing) return thing;
  // "K. R. Iyer", "T. Meenakshi": initials, then one or two name words, are a person's name.
  const initials = tokens.findIndex((t) => !/^\p{Lu}\.$/u.test(t.text));
  if (initials > 0 && tokens.length - initials <= 2 && tokens.slice(initials).every((t) => nameWord(t) && /\p{Ll}/u.test(t.text)) && !PLACE_SUFFIXES.has(last)) return person(tokens, 2);
  // "Lee Min-ji", "Park Ji-sung": a Korean family name and a hyphenated given name.
  if (tokens.length === 2 && KOREAN_SURNAMES.has(first) && /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(last)) return person(tokens, 2);
  if (isPersonName(tokens) && tokens.length <= 5) {
    const context = personContext(span, tokens);
    // One word said by "X said" alone could be "Diplomats": it needs the NLP library's agreement or a full name later.
    if (context === 'strong' || (context === 'verb' && multi) || ctx.hints.people.has(lower)) return person(tokens, 2);
    // "Priya Natarajan": a first name the lexicon knows, then a surname that is not a common word.
    if (tokens.length >= 2 && tokens.length <= 3 && isFirstName(first) && !isCommonWord(last) && !findPlace(last) && !findPlace(surface) && !['in', 'near', 'off'].includes(prev?.text ?? '')) return person(tokens, 2);
    if (context === 'verb') return person(tokens, 1);
  }
  const numbered = numberedThing(tokens, span);
  if (numbered) return numbered;
  // "Delhi Capitals", "Hyundai Motor India", "Imperial College London": a place inside a longer name that is not a place.
  if (multi && tokens.every((t) => t.cap) && (findPlace(first) || findPlace(last)) && !findPlace(surface) && !ctx.hints.people.has(lower)) return mention('organisation', tokens);
  if (prev && (prev.text === 'in' || prev.text === 'near' || prev.text === 'off') && tokens.length <= 3 && tokens.every(nameWord) && !ctx.hints.people.has(lower)) return mention('place', tokens, 1);
  if (ctx.hints.places.has(lower) && !STOP_CAPITALS.has(first)) return mention('place', tokens, 1);
  return null;
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

