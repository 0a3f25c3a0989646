import { STOP_CAPITALS } from './seed-lists.js';

// Acronyms a story spells out, so a later "SCO" is known as the organisation its long form names.

/** "Shanghai Cooperation Organisation (SCO)" and "SCO (Shanghai Cooperation Organisation)". */
export function acronymPairs(text: string): Map<string, string> {
  const pairs = new Map<string, string>();
  const longFirst = /((?:[A-Z][\p{L}'’-]*\s+(?:(?:of|for|and|the|on|in|de)\s+)*){1,9}[A-Z][\p{L}'’-]*)\s*\(([A-Z][A-Za-z0-9&.-]{1,9})\)/gu;
  for (const m of text.matchAll(longFirst)) {
    const expansion = trimToInitials(m[1]!, m[2]!);
    if (expansion) pairs.set(m[2]!, expansion);
  }
  const shortFirst = /\b([A-Z][A-Z0-9&.-]{1,9})\s*\(((?:[A-Z][\p{L}'’-]*\s*(?:(?:of|for|and|the|on|in|de)\s+)*){2,10})\)/gu;
  for (const m of text.matchAll(shortFirst)) if (!pairs.has(m[1]!)) pairs.set(m[1]!, m[2]!.trim());
  return pairs;
}

/** Keeps the words of a long form that the acronym's letters can start: "met the Shanghai …" → "Shanghai …". */
function trimToInitials(long: string, acronym: string): string | null {
  const words = long.trim().split(/\s+/);
  const letters = acronym.replace(/[^A-Za-z]/g, '').toUpperCase();
  const capitals = (ws: string[]) => ws.filter((w) => /^[A-Z]/.test(w));
  for (let i = 0; i < words.length; i++) {
    const rest = words.slice(i);
    const initials = capitals(rest).map((w) => w[0]).join('');
    if (initials === letters || (initials.startsWith(letters[0]!) && initials.length <= letters.length + 1 && initials.length >= letters.length - 1 && rest[0]![0] === letters[0])) {
      if (!/^[A-Z]/.test(rest[0]!)) continue;
      return STOP_CAPITALS.has(rest[0]!) ? null : rest.join(' ');
    }
  }
  return null;
}
