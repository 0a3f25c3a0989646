import nlp from 'compromise';
import { acronymPairs, classifySpan, type ClassifyContext, type Mention, type NlpHints } from './classify.js';
import { nameKey } from './gazetteer.js';
import { findSpans, spanText, splitSentences, tokenize, type Sentence, type Span } from './tokens.js';
import type { ExtractedEntity, Gazetteer, StoryText } from './types.js';

/** Text beyond this is not read: a pasted book still answers in bounded time. */
export const MAX_TEXT_CHARS = 100_000;
/** The NLP library is the slowest step; it reads only the start of very long text. */
const MAX_NLP_CHARS = 30_000;

/**
 * People, organisations, places, events and named things in a story. Offline and
 * synchronous: the NLP library's guesses (compromise) under rules on capitalised spans,
 * titles, suffixes and context, resolved against the gazetteer (tags, then seed lists,
 * then countries and cities), with acronyms the story spells out and surnames that
 * refer back to a full name.
 */
export function extractEntities(story: StoryText, gazetteer: Gazetteer): ExtractedEntity[] {
  const body = [story.standfirst ?? '', story.body].join('\n').slice(0, MAX_TEXT_CHARS);
  const headline = story.headline.slice(0, 500);
  const ctx: ClassifyContext = { gazetteer, acronyms: acronymPairs(`${headline}\n${body}`), hints: nlpHints(body.slice(0, MAX_NLP_CHARS)) };
  const mentions: Mention[] = [];
  const leftover: Span[] = [];
  const read = (sentence: Sentence, asHeadline: boolean) => {
    for (const span of findSpans(sentence)) {
      const found = classifySpan(span, ctx, asHeadline);
      if (found.length) mentions.push(...found);
      else leftover.push(span);
    }
  };
  for (const text of splitSentences(body)) read({ text, tokens: tokenize(text) }, false);
  const headlineTokens = tokenize(headline);
  read({ text: headline, tokens: headlineTokens }, isTitleCase(headlineTokens.map((t) => t.text)));
  return merge(mentions, leftover);
}

/** Most longer words capitalised: "Rajnath Singh Meets Chinese Counterpart". */
function isTitleCase(words: string[]): boolean {
  const long = words.filter((w) => w.length > 3);
  return long.length >= 3 && long.filter((w) => /^\p{Lu}/u.test(w)).length / long.length > 0.6;
}

function nlpHints(text: string): NlpHints {
  const doc = nlp(text);
  const clean = (list: string[]) => new Set(list.map((s) => s.replace(/['’]s$/u, '').replace(/[.,;:!?'"“”‘’()]+$/u, '').replace(/^[("“‘']+/u, '').trim().toLowerCase()).filter(Boolean));
  // Its organisation guesses are left out: on the evaluation set they cost both precision and
  // recall against the suffix and context rules (organisations 0.930/0.764 with, 0.938/0.777 without).
  return { people: clean(doc.people().out('array') as string[]), places: clean(doc.places().out('array') as string[]) };
}

interface Group {
  entity: ExtractedEntity;
  strength: number;
  order: number;
}

/** One entity per kind and name; surnames and short forms join the full name they follow. */
function merge(mentions: Mention[], leftover: Span[]): ExtractedEntity[] {
  const groups = new Map<string, Group>();
  let order = 0;
  const keyOf = (m: { kind: string; name: string }) => `${m.kind}:${nameKey(m.name)}`;
  const add = (m: Mention, into?: Group) => {
    const key = keyOf(m);
    const group = into ?? groups.get(key);
    if (!group) {
      groups.set(key, { entity: { kind: m.kind, name: m.name, surfaces: [m.surface], tagId: m.tagId, mentions: 1 }, strength: m.strength, order: order++ });
      return;
    }
    group.entity.mentions++;
    group.strength = Math.max(group.strength, m.strength);
    if (!group.entity.surfaces.includes(m.surface)) group.entity.surfaces.push(m.surface);
    group.entity.tagId ??= m.tagId;
  };
  for (const m of mentions) add(m);

  // "Kavya Menon … Menon said": a surname known to be a person's makes the full name a person.
  const surnames = new Set([...groups.values()].filter((g) => g.entity.kind === 'person' && !g.entity.name.includes(' ')).map((g) => g.entity.name));
  for (const span of leftover) {
    const words = span.tokens;
    if (words.length < 2 || words.length > 3 || !words.every((t) => /^\p{Lu}[\p{Ll}'’-]+$/u.test(t.text))) continue;
    const last = words[words.length - 1]!.text;
    if (surnames.has(last)) add({ kind: 'person', surface: spanText(words), name: spanText(words), tagId: null, strength: 2 });
  }

  // "Singh" after "Rajnath Singh", "Reliance" after "Reliance Industries": the same one.
  const fullNames = [...groups.values()].filter((g) => g.entity.name.includes(' ') && (g.entity.kind === 'person' || g.entity.kind === 'organisation'));
  const shortForm = (name: string, kinds: string[]): Group | undefined => {
    const candidates = fullNames.filter((g) => {
      if (!kinds.includes(g.entity.kind)) return false;
      const words = g.entity.name.split(' ');
      return g.entity.kind === 'person' ? words[words.length - 1] === name || (words.length > 2 && words.slice(-2).join(' ') === name) || words[0] === name : words[0] === name;
    });
    return candidates.length === 1 ? candidates[0] : candidates.find((g) => g.entity.kind === 'person');
  };
  for (const [key, group] of groups) {
    if (group.entity.kind !== 'person' || group.entity.name.includes(' ')) continue;
    const full = shortForm(group.entity.name, ['person']);
    if (!full) continue;
    full.entity.mentions += group.entity.mentions;
    for (const s of group.entity.surfaces) if (!full.entity.surfaces.includes(s)) full.entity.surfaces.push(s);
    groups.delete(key);
  }
  for (const span of leftover) {
    if (span.tokens.length > 2) continue;
    const text = spanText(span.tokens);
    const full = shortForm(text, ['person', 'organisation']);
    if (full) add({ kind: full.entity.kind, surface: text, name: full.entity.name, tagId: full.entity.tagId, strength: 2 }, full);
  }
  return [...groups.values()]
    .filter((g) => g.strength > 1 || g.entity.mentions > 1)
    .sort((a, b) => a.order - b.order)
    .map((g) => g.entity);
}
