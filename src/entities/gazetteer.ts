import { lexicon as languageLexicon } from './language-model.js';
import type { EntityKind, Gazetteer, GazetteerEntry } from './types.js';
import { SEED_EVENTS, SEED_ORGANISATIONS, SEED_THINGS } from './seed-lists.js';

/** A name with its other names, as tags store them (`tags.aliases`). */
export interface KnownName {
  name: string;
  kind: EntityKind;
  tagId: string | null;
  aliases: readonly string[];
}

/** Case, stops and "the" do not distinguish names: "the U.N." and "UN" are one key. */
export function nameKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/^the\s+/, '')
    .replace(/[.’']/g, '')
    .replace(/[\s-]+/g, ' ')
    .trim();
}

/**
 * Looks names up across several sources; earlier sources win, so an editor's tag
 * ("SCO" as an alias of their "Shanghai Cooperation Organisation" topic) overrides a seed.
 */
export function createGazetteer(...sources: readonly (readonly KnownName[])[]): Gazetteer {
  const byKey = new Map<string, { entry: GazetteerEntry; capitalsOnly: boolean }>();
  for (const source of sources) {
    for (const known of source) {
      const entry: GazetteerEntry = { kind: known.kind, name: known.name, tagId: known.tagId };
      for (const form of [known.name, ...known.aliases]) {
        const key = nameKey(form);
        if (!key) continue;
        const found = byKey.get(key);
        if (!found) byKey.set(key, { entry, capitalsOnly: isAcronym(form) });
        else if (found.entry === entry && !isAcronym(form)) found.capitalsOnly = false;
      }
    }
  }
  return {
    lookup(surface: string): GazetteerEntry | null {
      const found = byKey.get(nameKey(surface));
      // An acronym matches only as written in capitals: "WHO" is the organisation, "Who" is not.
      if (!found || (found.capitalsOnly && !isAcronym(surface))) return null;
      return found.entry;
    },
  };
}

function isAcronym(form: string): boolean {
  return /^[A-Z][A-Z0-9.&()-]*$/.test(form) && /[A-Z].*[A-Z]/.test(form);
}

let seeds: KnownName[] | null = null;

/** The hand-written seed organisations and things as gazetteer names. */
export function seedNames(): KnownName[] {
  seeds ??= [
    ...Object.entries(SEED_ORGANISATIONS).map(([name, aliases]) => ({ name, kind: 'organisation' as const, tagId: null, aliases })),
    ...Object.entries(SEED_THINGS).map(([name, aliases]) => ({ name, kind: 'thing' as const, tagId: null, aliases })),
    ...Object.entries(SEED_EVENTS).map(([name, aliases]) => ({ name, kind: 'event' as const, tagId: null, aliases })),
    ...lexiconOrganisations(),
  ];
  return seeds;
}

/** The NLP library's lexicon entries that are not names of companies, clubs or bodies (bands, abbreviations, movements). */
const NOT_LEXICON_ORGANISATIONS = new Set([
  'dept', 'univ', 'assn', 'inc', 'ltd', 'co', 'ing', 'ups', 'visa', 'avon', 'ford', 'dell', 'sears', 'ayer', 'baxter', 'lexis', 'mitas', 'armco',
  'amt', 'bni', 'gmb', 'jsa', 'nwa', 'ghq', 'katv', 'brexiteers', 'eurosceptics', 'roman empire', 'medicaid', 'medicare', 'coco chanel',
  'notre dame', 'crossrail', 'mobil', 'orange julius', 'premier league', 'altair', 'avis', 'argos', 'mlb', 'nec', 'ing', 'abba', 'u2', 'kkk',
  'eu', 'nato', 'nasa', 'esa', 'cia', 'fbi', 'fifa', 'opec', 'red cross', 'united nations', 'world trade organization', 'associated press', 'samsung', 'google', 'microsoft', 'boeing', 'facebook',
]);

/**
 * Companies, broadcasters and sports clubs the NLP library (compromise) ships in its lexicon ("Siemens",
 * "Aston Villa"): a general list, after the hand seeds. Short ones are acronyms, matched only in capitals.
 */
function lexiconOrganisations(): KnownName[] {
  const lexicon = languageLexicon();
  const out: KnownName[] = [];
  for (const [word, tag] of Object.entries(lexicon)) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if (!tags.includes('Organization') && !tags.includes('SportsTeam')) continue;
    if (word.length < 3 || word.startsWith('the ') || NOT_LEXICON_ORGANISATIONS.has(word) || tags.some((t) => t !== 'Organization' && t !== 'SportsTeam')) continue;
    const acronym = !word.includes(' ') && (word.length <= 3 || !/[aeiou]/.test(word));
    const name = acronym ? word.toUpperCase() : word.replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
    out.push({ name, kind: 'organisation', tagId: null, aliases: [] });
  }
  return out;
}
