import { findPlace, lexiconTags } from './places.js';
import { DESIGNATION_RE, EVENT_SUFFIXES, LAW_SUFFIXES, NOT_DESIGNATION_RE, PLACE_SUFFIXES, STOP_CAPITALS, THING_SUFFIXES } from './seed-lists.js';
import { spanText, type Token } from './tokens.js';
import type { EntityKind } from './types.js';
import type { ClassifyContext, Mention } from './classify.js';

// Names the classifier need not guess: the site's tags and seed lists (the gazetteer), acronyms the
// story spells out, places, and model designations.

/** Names any list knows: tags, seeds, this story's acronyms, places, designations. */
export function known(tokens: Token[], ctx: ClassifyContext): Mention | null {
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
  if (tokens.some((t) => DESIGNATION_RE.test(t.text) && !NOT_DESIGNATION_RE.test(t.text)) && tokens.length <= 3) {
    // "American M1A2 Abrams": the nationality is not part of the name.
    const named = tokens.length > 1 && (STOP_CAPITALS.has(tokens[0]!.text) || lexiconTags(tokens[0]!.text).includes('Demonym')) ? spanText(tokens.slice(1)) : surface;
    return { kind: 'thing', surface: named, name: named, tagId: null, strength: 2 };
  }
  return null;
}

/** The kind a multi-word name's words suggest ("… Organisation" is an organisation). */
export function kindOfName(name: string): EntityKind {
  const words = name.split(/\s+/);
  const last = words[words.length - 1] ?? '';
  if (LAW_SUFFIXES.has(last) || THING_SUFFIXES.has(last)) return 'thing';
  if (EVENT_SUFFIXES.has(last)) return 'event';
  if (PLACE_SUFFIXES.has(last) && words.length > 1) return 'place';
  return 'organisation';
}
