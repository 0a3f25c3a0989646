/**
 * Small text helpers for wire copy: whitespace clean-up, byline splitting and
 * plain text → paragraph HTML. Pure functions, no I/O.
 */
import { escapeHtml } from '../shared/html.js';

const MAX_NAME_LENGTH = 120;
const MAX_BYLINES = 20;

/** Trims and collapses runs of whitespace (wire headlines often carry line breaks). */
export function cleanText(value: string | null | undefined): string | null {
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/**
 * Splits a byline statement into author names.
 *
 *   splitByline('By Asha Rao and Tom Field') // ['Asha Rao', 'Tom Field']
 *   splitByline('A, B & C')                  // ['A', 'B', 'C']
 *
 * A leading "By" is dropped; names longer than 120 characters are dropped as not
 * being names; duplicates (case-insensitive) are removed; at most 20 are kept.
 */
export function splitByline(value: string | null | undefined): string[] {
  const cleaned = cleanText(value);
  if (!cleaned) return [];
  const parts = cleaned.replace(/^by\b:?\s*/i, '').split(/\s*[,;&]\s*|\s+and\s+/i);
  return uniqueNames(parts.map((part) => part.replace(/^(?:and|by)\s+/i, '').trim()));
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
