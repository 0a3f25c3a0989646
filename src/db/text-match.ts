import { sql, type Expression, type SqlBool } from 'kysely';

/**
 * "Every word appears in one of these columns", case-insensitive, the same on
 * SQLite and PostgreSQL. LIKE wildcards in the input are escaped, so `50%` finds
 * "50%" and nothing else. At most 8 words are used.
 *
 * @example
 *   q = q.where(allWordsIn(['articles.headline', 'articles.standfirst'], 'monsoon kerala'))
 */
export function allWordsIn(columns: string[], text: string | undefined): Expression<SqlBool> {
  const words = (text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  if (!words.length) return sql<SqlBool>`1 = 1`;
  const perWord = words.map((word) => {
    const pattern = `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const anyColumn = columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
    return sql`(${sql.join(anyColumn, sql` or `)})`;
  });
  return sql<SqlBool>`(${sql.join(perWord, sql` and `)})`;
}
