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

/** Whether the trigram index of story text can find this word: three letters or more, no LIKE wildcard. */
export function indexableWord(word: string): boolean {
  return [...word].length >= 3 && !/[\\%_]/.test(word);
}

/**
 * The story-text index's rows holding `word` (one of `indexableWord`'s) and each of `otherWords`,
 * as a table of `article_id`s meant to drive a query from the index: SQLite keeps a FROM list's
 * order when the tables are cross joined, so `from <this> cross join articles` reads the index
 * first and can stop at a LIMIT, where `articles.id in (…)` builds the whole list of matches first.
 */
export function storyTextRowsWith(word: string, otherWords: string[] = []) {
  // The other words are tested on the story-text row at hand, so a story that lacks one is never
  // looked up in `articles` (two common names: 325 of 5,518 rows go on).
  const others = otherWords.map((other) => sql` and t.text like ${likePattern(other)} escape '\\'`);
  return sql<{ article_id: string }>`(select t.article_id from article_text_fts f cross join article_text t where f.text like ${`%${word}%`} and t.doc = f.rowid${sql.join(others, sql``)})`;
}

/**
 * The same table for words no trigram can find (under three letters, or holding a wildcard): the
 * story-text table read row by row. It holds only headlines and standfirsts (~10 MB at 100,000
 * stories), where testing the stories themselves reads every story's body too (~1 GB).
 */
export function storyTextRowsLike(words: string[]) {
  const each = words.map((word) => sql`t.text like ${likePattern(word)} escape '\\'`);
  return sql<{ article_id: string }>`(select t.article_id from article_text t where ${sql.join(each, sql` and `)})`;
}

/** The words of a search box, at most 8. */
export function searchWords(text: string | undefined): string[] {
  return (text ?? '').trim().split(/\s+/).filter(Boolean).slice(0, 8);
}

/** `%word%`, case folded, with LIKE's wildcards in the word taken literally. */
function likePattern(word: string): string {
  return `%${word.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

function wordInAnyColumn(columns: string[], word: string): Expression<SqlBool> {
  const pattern = likePattern(word);
  const anyColumn = columns.map((column) => sql`lower(${sql.ref(column)}) like ${pattern} escape '\\'`);
  return sql<SqlBool>`(${sql.join(anyColumn, sql` or `)})`;
}

function allOf(conditions: Expression<SqlBool>[]): Expression<SqlBool> {
  return conditions.length ? sql<SqlBool>`(${sql.join(conditions, sql` and `)})` : sql<SqlBool>`1 = 1`;
}
