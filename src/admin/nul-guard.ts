/**
 * PostgreSQL refuses U+0000 in text where SQLite stores it, so the same input would be a
 * 400 on one database and a 500 on the other. Every admin input is checked here first:
 * the dotted path of the first string (or key) holding a NUL, or null.
 *
 * @example
 *   findNul({ headline: 'a\u0000b' }) // 'headline'
 *   findNul({ tags: [{ name: 'ok' }, { name: '\u0000' }] }) // 'tags.1.name'
 */
export function findNul(value: unknown, path = '', depth = 0): string | null {
  if (typeof value === 'string') return value.includes('\u0000') ? path || 'body' : null;
  if (depth > 64 || value === null || typeof value !== 'object') return null;
  const entries: [string, unknown][] = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, child] of entries) {
    const childPath = path ? `${path}.${key}` : key;
    if (key.includes('\u0000')) return childPath;
    const found = findNul(child, childPath, depth + 1);
    if (found) return found;
  }
  return null;
}
