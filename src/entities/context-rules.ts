import { findMinorPlace, findPlace, isCountry, isLexiconPlace, lexiconTags } from './places.js';
import { LOCATIVE_WORDS, ORG_POSSESSIONS, ORG_ROLES_BEFORE_OF, ORG_WORDS_AFTER, OWNER_MODIFIERS, PLACE_NOUNS_AFTER, PLACE_NOUNS_BEFORE_OF, STOP_CAPITALS, THING_NOUNS_AFTER } from './seed-lists.js';
import { spanText, type Span, type Token } from './tokens.js';
import type { ClassifyContext, Mention } from './classify.js';
import { known } from './known-names.js';
import { isCommonWord, isDescribingWord, isFirstName, mention, nameWord } from './name-words.js';

// Rules that tell an unknown name by the words around it: "in Dharwad", "Kebbi state",
// "Walmart-owned", "Orbex's chief executive", "the Zenova vaccine", "Orbex 210".

/** The word after a span when only spaces part them ("Kebbi state", "Arsenal manager"). */
export function wordAfter(span: Span, tokens: Token[], offset = 0): Token | undefined {
  const { sentence } = span;
  let prevToken = tokens[tokens.length - 1]!;
  for (let i = 0; i <= offset; i++) {
    const next = sentence.tokens[span.index + tokens.length + i];
    if (!next || !/^[ \u00a0]+$/.test(sentence.text.slice(prevToken.end, next.start))) return undefined;
    prevToken = next;
  }
  return prevToken;
}

/** Unknown names that the words around them make places: "in Dharwad" (a known town), "Kebbi state", "the town of Mahe", "Mandya, Karnataka". */
export function placeByContext(tokens: Token[], span: Span, ctx: ClassifyContext): Mention | null {
  if (tokens.length > 3 || !tokens.every(nameWord)) return null;
  const surface = spanText(tokens);
  if (ctx.hints.people.has(surface.toLowerCase())) return null;
  const { sentence } = span;
  const prev = sentence.tokens[span.index - 1];
  const prev2 = sentence.tokens[span.index - 2];
  const prevWord = prev && !prev.cap ? prev.text.toLowerCase() : '';
  const minor = findMinorPlace(surface);
  // "the Orinoco": rivers and regions from the lexicon's places also follow "the".
  if (minor && (LOCATIVE_WORDS.has(prevWord) || (prevWord === 'the' && isLexiconPlace(surface)))) return { kind: 'place', surface, name: minor, tagId: null, strength: 2 };
  const after = wordAfter(span, tokens);
  if (after && !after.cap && PLACE_NOUNS_AFTER.has(after.text.toLowerCase()) && !isCommonWord(tokens[0]!.text)) return mention('place', tokens);
  if (prevWord === 'of' && prev2 && !prev2.cap && PLACE_NOUNS_BEFORE_OF.has(prev2.text.toLowerCase()) && !isCommonWord(tokens[0]!.text)) return mention('place', tokens);
  // "Mandya, Karnataka," / "Tema, Ghana.": a name, a comma, then a known state or country and the clause's end.
  const lastToken = tokens[tokens.length - 1]!;
  const rest = sentence.text.slice(lastToken.end);
  const comma = /^,[ \u00a0]+/.exec(rest);
  if (comma) {
    const from = span.index + tokens.length;
    for (let n = 3; n >= 1; n--) {
      const region = sentence.tokens.slice(from, from + n);
      if (region.length < n || !region.every((t) => t.cap) || region[0]!.start !== lastToken.end + comma[0].length) continue;
      if (n > 1 && !region.every((t, i) => i === 0 || /^[ \u00a0]+$/.test(sentence.text.slice(region[i - 1]!.end, t.start)))) continue;
      const end = region[region.length - 1]!.end;
      const closes = /^(?:\s*[,.;:)]|\s*$)/.test(sentence.text.slice(end)) && !/^['’]s/.test(sentence.text.slice(end));
      if (closes && (isCountry(spanText(region)) || (findPlace(spanText(region)) && !findMinorPlace(spanText(region)) && known(region, ctx)?.kind === 'place')) && !isFirstName(tokens[0]!.text)) return mention('place', tokens);
    }
  }
  return null;
}

/** Unknown names that the words around them make organisations: "Walmart-owned", "chief executive of X", "X shares", "X's chief executive". */
export function organisationByContext(tokens: Token[], span: Span): Mention | null {
  if (!tokens.every((t) => t.cap) || tokens.length > 5) return null;
  const first = tokens[0]!;
  // "Institutional investors", "Executive chairman": a describing word opening a sentence ("Arsenal manager" is a name).
  if (tokens.length === 1 && (STOP_CAPITALS.has(first.text) || (span.index === 0 && isDescribingWord(first.text)))) return null;
  if (tokens.length === 1 && first.affix && OWNER_MODIFIERS.has(first.affix) && !isFirstName(first.text)) return mention('organisation', tokens);
  const { sentence } = span;
  const prev = sentence.tokens[span.index - 1];
  const prev2 = sentence.tokens[span.index - 2];
  if (prev?.text === 'of' && prev2 && (!prev2.cap || span.index === 2) && ORG_ROLES_BEFORE_OF.has(prev2.text.toLowerCase())) return mention('organisation', tokens);
  const after = wordAfter(span, tokens);
  const after2 = wordAfter(span, tokens, 1)?.text.toLowerCase() ?? '';
  const corporate = (word: string, next: string) => (word === 'chief' && ['executive', 'financial', 'operating', 'technology'].includes(next)) || (word === 'head' && next === 'coach') || (word === 'managing' && next === 'director');
  if (after && !after.cap && (ORG_WORDS_AFTER.has(after.text.toLowerCase()) || corporate(after.text.toLowerCase(), after2))) return mention('organisation', tokens);
  // "Orbex's chief executive", "Orbex's quarterly profit", "Rovers' striker".
  const lastToken = tokens[tokens.length - 1]!;
  const possessive = /^['’]s?[ \u00a0]+/.exec(sentence.text.slice(lastToken.end));
  if (possessive) {
    const next = sentence.tokens.find((t) => t.start === lastToken.end + possessive[0].length);
    const nextIndex = next ? sentence.tokens.indexOf(next) : -1;
    const next2 = sentence.tokens[nextIndex + 1]?.text.toLowerCase() ?? '';
    if (next && !next.cap && (ORG_POSSESSIONS.has(next.text.toLowerCase()) || corporate(next.text.toLowerCase(), next2))) return mention('organisation', tokens);
    // "Rovers's Ana Lima": a one-word name that has people of its own (weak: it must be seen again).
    const n2 = sentence.tokens[nextIndex + 1];
    if (next?.cap && tokens.length === 1 && n2?.cap && nameWord(next) && nameWord(n2) && !isFirstName(first.text) && !isCommonWord(first.text) && !findPlace(first.text)) return mention('organisation', tokens, 1);
  }
  return null;
}

/** Words that count things after a number: "Kumar 82 runs" is not a product. */
const COUNT_WORDS = new Set(['runs', 'run', 'per', 'percent', 'crore', 'lakh', 'million', 'billion', 'trillion', 'km', 'kg', 'years', 'year', 'points', 'votes', 'seats', 'wickets', 'goals', 'minutes', 'people', 'members', 'days', 'hours', 'times', 'metres', 'meters', 'tonnes', 'units', 'of', 'out', 'not', 'balls', 'off', 'men', 'women', 'for']);

/** "Orbex 210", "Avro 748": a name and a model number (not a year, not a count). */
export function numberedThing(tokens: Token[], span: Span): Mention | null {
  const after = wordAfter(span, tokens);
  if (!after || !/^\d{1,4}$/.test(after.text) || /^(?:1[89]|20)\d\d$/.test(after.text) || tokens.length > 2) return null;
  if (!tokens.every(nameWord) || isCommonWord(tokens[0]!.text) || isFirstName(tokens[0]!.text) || findPlace(tokens[0]!.text)) return null;
  const following = wordAfter(span, [...tokens, after]);
  if (following && !following.cap && COUNT_WORDS.has(following.text.toLowerCase())) return null;
  if (/^[ \u00a0]*[-–:\/]/.test(span.sentence.text.slice(after.end))) return null;
  const surface = `${spanText(tokens)} ${after.text}`;
  return { kind: 'thing', surface, name: surface, tagId: null, strength: 2 };
}

/** "the Orbex satellite", "the Kavach scheme", "the Zenova vaccine": a name and the kind of thing it is. */
export function thingByContext(tokens: Token[], span: Span, ctx: ClassifyContext): Mention | null {
  if (tokens.length > 3 || !tokens.every((t) => t.cap) || isCommonWord(tokens[0]!.text)) return null;
  const after = wordAfter(span, tokens);
  if (!after || after.cap || !THING_NOUNS_AFTER.has(after.text.toLowerCase())) return null;
  // "the Orbex motorcycle show": the cue word describes the noun after it.
  const next = wordAfter(span, [...tokens, after]);
  if (next && !next.cap && lexiconTags(next.text).some((t) => t === 'Singular' || t === 'Plural' || t === 'Noun') ) return null;
  const surface = spanText(tokens);
  if (ctx.hints.people.has(surface.toLowerCase()) || isFirstName(tokens[0]!.text) || findPlace(surface)) return null;
  return mention('thing', tokens);
}
