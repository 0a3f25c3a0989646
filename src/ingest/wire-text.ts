/**
 * Small text helpers for wire copy: control-character and whitespace clean-up,
 * byline splitting and plain text → paragraph HTML. Pure functions, no I/O.
 */
import { escapeHtml } from '../shared/html.js';
import { isAgencyName } from './agency-credit.js';

const MAX_NAME_LENGTH = 120;
const MAX_BYLINES = 20;

// C0 controls other than tab, line feed and carriage return. PostgreSQL refuses NUL in
// text while SQLite stores it, so the same file would import on one database and fail
// on the other; none of them means anything in news copy.
const CONTROL_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g;

/**
 * Returns a copy of a parsed JSON value with control characters removed from every
 * string. Walks with an explicit stack, so a deeply nested hostile file cannot
 * overflow the call stack.
 */
export function stripControlChars(value: unknown): unknown {
  const clean = (v: unknown): unknown => (typeof v === 'string' ? v.replace(CONTROL_CHARS, '') : v);
  if (typeof value !== 'object' || value === null) return clean(value);
  const root: unknown = Array.isArray(value) ? [] : {};
  const stack: [from: object, to: Record<string, unknown>][] = [[value, root as Record<string, unknown>]];
  for (let pair = stack.pop(); pair; pair = stack.pop()) {
    const [from, to] = pair;
    for (const [key, child] of Object.entries(from)) {
      const nested = typeof child === 'object' && child !== null;
      const copy = nested ? (Array.isArray(child) ? [] : {}) : clean(child);
      // defineProperty, not assignment: a "__proto__" key from JSON stays a plain own property.
      Object.defineProperty(to, key, { value: copy, enumerable: true, writable: true, configurable: true });
      if (nested) stack.push([child, copy as Record<string, unknown>]);
    }
  }
  return root;
}

/** Trims and collapses runs of whitespace (wire headlines often carry line breaks). */
export function cleanText(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/**
 * Words that open a byline statement in the languages wires write in: "By",
 * German "Von", French "Par", Spanish/Portuguese "Por", Dutch "Door", Swedish and
 * Norwegian "Av", Danish "Af", Romanian "De", Italian "Di", and "Da" and "Van".
 */
const BYLINE_PREFIXES = new Set(['by', 'von', 'par', 'por', 'door', 'av', 'af', 'de', 'di', 'da', 'van']);
/** Prefix words that are also surname particles ("De Silva", "Van der Berg", "Da Costa"). */
const PARTICLE_PREFIXES = new Set(['de', 'di', 'da', 'van', 'von']);
const PARTICLES = new Set(['de', 'der', 'den', 'del', 'della', 'di', 'da', 'das', 'do', 'dos', 'du', 'des', 'la', 'le', 'van', 'von', 'ter', 'ten', 'zu', "'t"]);
/** "and" in the same languages. "y" and "e" are left out: they occur inside names ("Ortega y Gasset"). */
const CONJUNCTION = /\s+(?:and|und|et|en|og|och)\s+/i;

/**
 * Splits a byline statement into author names.
 *
 *   splitByline('By Asha Rao and Tom Field')       // ['Asha Rao', 'Tom Field']
 *   splitByline('Von Christian Hollmann, dpa')      // ['Christian Hollmann']
 *   splitByline('Jane Doe/AP', null)                // ['Jane Doe']
 *
 * A leading "By" is always dropped. The other prefix words are dropped only when
 * at least two words follow, so a bare surname such as "Da Silva" or "Van Morrison"
 * stays whole; a particle-like prefix ("De", "Di", "Da", "Van", "Von") is also kept
 * when a particle or a lower-case word follows it ("Van der Berg"). A part that
 * names the item's source, a known agency or another organisation ("…, dpa",
 * "…/AP", "… (Reuters)", "…, The Daily Ledger") is dropped when a person remains. Names longer than 120 characters are dropped as
 * not being names; duplicates (case-insensitive) are removed; at most 20 are kept.
 */
export function splitByline(value: string | null | undefined, source: string | null = null): string[] {
  const cleaned = cleanText(value);
  if (!cleaned) return [];
  const parts = withoutPrefix(cleaned)
    .split(/\s*[,;&]\s*/)
    .flatMap((part) => part.split(CONJUNCTION))
    .map((part) => part.replace(/^(?:and|by)\s+/i, '').trim())
    .filter((part) => part !== '');
  const people = parts.map((part) => withoutAgencySuffix(part, source)).filter((part) => !isOrganisation(part, source));
  return uniqueNames(people.length ? people : parts);
}

function withoutPrefix(byline: string): string {
  const match = /^(\p{L}+)(?:\s*:\s*|\s+)(.+)$/u.exec(byline);
  if (!match) return byline;
  const [, word = '', rest = ''] = match;
  const prefix = word.toLowerCase();
  if (!BYLINE_PREFIXES.has(prefix)) return byline;
  if (prefix === 'by') return rest;
  const restWords = rest.split(/\s+/);
  if (restWords.length < 2) return byline;
  const next = restWords[0] ?? '';
  if (PARTICLE_PREFIXES.has(prefix) && (PARTICLES.has(next.toLowerCase()) || !/^\p{Lu}/u.test(next))) return byline;
  return rest;
}

/** An agency, or a name no person has ("The Anti-Doping Database"). */
function isOrganisation(part: string, source: string | null): boolean {
  return /^the\s/i.test(part) || isAgencyName(part, source);
}

/** "Jane Doe/AP" and "Jane Doe (Reuters)" → "Jane Doe", when the trailing part is an agency. */
function withoutAgencySuffix(part: string, source: string | null): string {
  const match = /^(.+?)\s*(?:\/\s*([^/]+)|\(([^()]+)\))$/.exec(part);
  if (!match) return part;
  const agency = match[2] ?? match[3] ?? '';
  return isAgencyName(agency.trim(), source) ? (match[1] ?? part).trim() : part;
}

/** Trims, drops empty and over-long names, removes case-insensitive duplicates. */
export function uniqueNames(names: readonly (string | null | undefined)[]): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const raw of names) {
    const name = cleanText(raw);
    if (!name || name.length > MAX_NAME_LENGTH || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    out.push(name);
    if (out.length === MAX_BYLINES) break;
  }
  return out;
}

/**
 * Converts plain text to `<p>` paragraphs, escaping everything. When the text has
 * blank lines, they separate paragraphs and single line breaks are hard wraps
 * (joined with a space); otherwise every line is its own paragraph, which is how
 * most wires send plain bodies.
 */
export function plainTextToHtml(text: string): string | null {
  const normalized = text.replace(/\r\n?/g, '\n');
  const blocks = /\n[ \t]*\n/.test(normalized) ? normalized.split(/\n[ \t]*\n+/) : normalized.split('\n');
  const paragraphs = blocks.map((block) => cleanText(block)).filter((p): p is string => p !== null);
  return paragraphs.length ? paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n') : null;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };

/** Reduces a short HTML fragment (a description, not a body) to plain text. */
export function htmlToPlainText(fragment: string): string | null {
  const text = fragment
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
      if (name[0] === '#') {
        const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
        return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
      }
      return ENTITIES[name.toLowerCase()] ?? whole;
    });
  return cleanText(text);
}
