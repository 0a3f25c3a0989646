import { lexiconTags } from './places.js';
import { ORG_SUFFIXES, PERSON_CONTEXT_WORDS, STOP_CAPITALS } from './seed-lists.js';
import { spanText, type Token } from './tokens.js';
import type { EntityKind } from './types.js';
import type { Mention } from './classify.js';

// What single words are (a common word, a first name, a name word) by the NLP library's lexicon and
// their shape, and the mentions made from a run of them: shared by the classifier's rules.

/** Tags of the NLP library's lexicon that make a word a name rather than a common word. */
const NAME_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'ProperNoun', 'Place', 'City', 'Region', 'Country', 'Organization', 'SportsTeam']);

/** A word the NLP library's lexicon knows only as a common word ("raider" no, "super" yes, "Arjun" no). */
export function isCommonWord(word: string): boolean {
  if (PERSON_CONTEXT_WORDS.has(word.toLowerCase())) return true;
  const tags = lexiconTags(word);
  return tags.length > 0 && !tags.some((t) => NAME_TAGS.has(t));
}

/** An adjective or a word shaped like one ("Institutional", "Foreign", "Retail"): not a name when it opens a sentence. */
export function isDescribingWord(word: string): boolean {
  const tags = lexiconTags(word);
  if (tags.length) return tags.some((t) => t === 'Adjective' || t === 'Determiner' || t === 'Adverb' || t === 'Comparable' || t === 'Gerund' || t === 'Actor');
  return /(?:al|ive|ic|ous|ary|ing|ed|ful|less|able|ible|ern|ish)$/.test(word.toLowerCase()) || ['retail', 'wholesale'].includes(word.toLowerCase());
}

export function isFirstName(word: string): boolean {
  return lexiconTags(word).some((t) => t === 'FirstName' || t === 'MaleName' || t === 'FemaleName');
}

/** A plain name word: capitalised letters (an initial "S" or "M.S." too), no digits, not an acronym. */
export function nameWord(token: Token): boolean {
  return /^[\p{Lu}][\p{L}'’.-]*$/u.test(token.text) && !/^\p{Lu}{3,}$/u.test(token.text) && !ORG_SUFFIXES.has(token.text) && !STOP_CAPITALS.has(token.text);
}

export function person(tokens: Token[], strength: 1 | 2): Mention {
  const surface = spanText(tokens);
  return { kind: 'person', surface, name: surface, tagId: null, strength };
}

export function mention(kind: EntityKind, tokens: Token[], strength: 1 | 2 = 2): Mention {
  const surface = spanText(tokens);
  return { kind, surface, name: surface, tagId: null, strength };
}
