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
  return allOf(searchWords(text).map((word) => wordInAnyColumn(columns, word)));
}

/**
 * The desk's "every word in the headline or standfirst" on SQLite, from the trigram index of
 * migration 0017 (`article_text_fts`): the same matches as `allWordsIn` over those two columns,
 * case folded. Words shorter than three letters, or holding a LIKE wildcard, cannot use the index
 * and are matched as `allWordsIn` matches them.
 */
export function allWordsInStoryText(idColumn: string, text: string | undefined): Expression<SqlBool> {
  const indexed = (word: string) => [...word].length >= 3 && !/[\\%_]/.test(word);
  return allOf(
    searchWords(text).map((word) =>
      indexed(word)
        ? sql<SqlBool>`${sql.ref(idColumn)} in (select t.article_id from article_text t where t.doc in (select rowid from article_text_fts where text like ${`%${word}%`}))`
        : wordInAnyColumn(['articles.headline', 'articles.standfirst'], word),
    ),
  );
}

/** The words of a search box, at most 8. */
function searchWords(text: string | undefined): string[] {
  return (text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
}

function wordInAnyColumn(columns: string[], word: string): Expression<SqlBool> {
  const pattern = `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const anyColumn = columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
  return sql<SqlBool>`(${sql.join(anyColumn, sql` or `)})`;
}

function allOf(conditions: Expression<SqlBool>[]): Expression<SqlBool> {
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : sql<SqlBool>`1 = 1`;
}
