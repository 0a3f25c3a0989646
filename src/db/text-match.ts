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

/**
 * The desk's "every word in the headline or standfirst" on SQLite, from the trigram index of
 * migration 0017 (`article_text_fts`): the same matches as `allWordsIn` over those two columns,
 * case folded. Words shorter than three letters, or holding a LIKE wildcard, cannot use the index
 * and are matched by `allWordsIn` itself.
 */
export function allWordsInStoryText(idColumn: string, text: string | undefined): Expression<SqlBool> {
  const words = (text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
  if (!words.length) return sql<SqlBool>`1 = 1`;
  const indexed = (word: string) => [...word].length >= 3 && !/[\\%_]/.test(word);
  const fromIndex = words.filter(indexed).map(
    (word) => sql`${sql.ref(idColumn)} in (select t.article_id from article_text t where t.doc in (select rowid from article_text_fts where text like ${`%${word}%`}))`,
  );
  const rest = words.filter((word) => !indexed(word));
  return sql<SqlBool>`(${sql.join([...fromIndex, ...(rest.length ? [allWordsIn(['articles.headline', 'articles.standfirst'], rest.join(' '))] : [])], sql` and `)})`;
}
