import { sql, type Expression, type Kysely, type RawBuilder, type SqlBool } from 'kysely';

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
function indexableWord(word: string): boolean {
  return [...word].length >= 3 && !/[\\%_]/.test(word);
}

/**
 * A word of one or two letters or digits ("AI", "UN", "5G"): in a story's text it matches the start
 * of a word, from a word index (migrations 0019, 0020), where longer words match anywhere in a word.
 * Anywhere in a word, such a word is in most stories ("ai" is in "said"), and no trigram holds it,
 * so it cost a scan of every story.
 */
function shortWord(word: string): boolean {
  return [...word].length < 3 && /^[\p{L}\p{N}\p{M}]+$/u.test(word);
}

/**
 * The story-text rows holding every word, as a table of `article_id`s meant to drive a query from
 * an index (SQLite): the trigram index for the longest word of three letters or more (usually the
 * rarest; `from` 'word-starts' puts the short words first, as `storyTextIndex` chooses), else the
 * word index for the short words, else (only words holding a LIKE wildcard) the
 * story-text table read row by row. SQLite keeps a FROM list's order when the tables are cross
 * joined, so `from <this> cross join articles` reads the index first and can stop at a LIMIT,
 * where `articles.id in (…)` builds the whole list of matches first.
 */
export function storyTextRows(words: string[], from: StoryTextIndex = 'trigrams') {
  const longest = words.filter(indexableWord).sort((a, b) => [...b].length - [...a].length)[0];
  if (longest !== undefined && !(from === 'word-starts' && words.some(shortWord))) {
    // The other words are tested on the story-text row at hand, so a story that lacks one is never
    // looked up in `articles` (two common names: 325 of 5,518 rows go on).
    return sql<{ article_id: string }>`(select t.article_id from article_text_fts f cross join article_text t where f.text like ${`%${longest}%`} and t.doc = f.rowid${rowTests(words.filter((word) => word !== longest))})`;
  }
  const short = words.filter(shortWord);
  if (short.length) {
    return sql<{ article_id: string }>`(select t.article_id from article_words_fts w cross join article_text t where w.article_words_fts match ${wordStartsQuery(short)} and t.doc = w.rowid${rowTests(words.filter((word) => !shortWord(word)))})`;
  }
  // The story-text table holds only headlines and standfirsts (~10 MB at 100,000 stories), where
  // testing the stories themselves reads every story's body too (~1 GB).
  return sql<{ article_id: string }>`(select t.article_id from article_text t where 1 = 1${rowTests(words)})`;
}

/** The index `storyTextRows` reads first: the longest word's trigrams, or the short words' starts. */
export type StoryTextIndex = 'trigrams' | 'word-starts';

/** How far `storyTextIndex` counts each index's rows: past it, both are too common to tell apart. */
const CANDIDATES_COUNTED = 20_000;

/**
 * SQLite, words both short and longer ("port at", "the c"): the index with fewer rows to read
 * first, each counted up to CANDIDATES_COUNTED (0.2–4 ms at 100,000 stories). The longest word is
 * usually the rarer, but not always: "port" is in 21,209 stories and the starts of "at" in 13,624,
 * "the" in 64,616 and "c" in 7,478, and the desk read 2,001 matches from the trigrams in 37–41 ms,
 * from the word starts in 2–7 ms. A rare long word ("rajnath a") keeps the trigrams.
 */
export async function storyTextIndex(db: Kysely<any>, words: string[]): Promise<StoryTextIndex> {
  const longest = words.filter(indexableWord).sort((a, b) => [...b].length - [...a].length)[0];
  const short = words.filter(shortWord);
  if (longest === undefined || !short.length) return 'trigrams';
  // FTS5 reads its query as a C string: a NUL in the word would end it mid-quote (a syntax error).
  // Such a word is still searched for, by the trigrams' LIKE, which takes it.
  if (longest.includes('\u0000')) return 'trigrams';
  const count = async (rows: RawBuilder<unknown>) => Number((await sql<{ n: number }>`select count(*) as n from (${rows} limit ${CANDIDATES_COUNTED})`.execute(db)).rows[0]!.n);
  const [trigrams, starts] = await Promise.all([
    // A quoted string is matched as a substring by the trigram tokenizer: the rows LIKE would test.
    count(sql`select 1 from article_text_fts f where f.article_text_fts match ${`"${longest.replaceAll('"', '""')}"`}`),
    count(sql`select 1 from article_words_fts w where w.article_words_fts match ${wordStartsQuery(short)}`),
  ]);
  return starts < trigrams ? 'word-starts' : 'trigrams';
}

/**
 * PostgreSQL's story-text rows holding every word (migration 0022's narrow table of lower-cased
 * headlines and standfirsts with their words): the trigram index finds the rows of the longest
 * word, and every word is tested on each row found — a short one as a word start among the row's
 * words. Short words alone, which no trigram holds, are found in the word table (0020). Null for
 * words neither serves (only words holding a LIKE wildcard, or those beside short words): the
 * stories are tested themselves then (`storyWordsIn`).
 */
export function postgresStoryTextRows(words: string[]) {
  if (!words.some(indexableWord)) {
    // Short words alone: the word table (0020), whose GIN index finds a rare start.
    if (!words.length || !words.every(shortWord)) return null;
    return sql<{ article_id: string }>`(select w.article_id from article_words w where w.words @@ to_tsquery('simple', ${wordStartsTsQuery(words)}))`;
  }
  const short = words.filter(shortWord);
  const tests = words.filter((word) => !shortWord(word)).map((word) => sql<SqlBool>`t.text like ${likePattern(word)} escape '\\'`);
  if (short.length) tests.push(sql<SqlBool>`t.words @@ to_tsquery('simple', ${wordStartsTsQuery(short)})`);
  return sql<{ article_id: string }>`(select t.article_id from article_text t where ${sql.join(tests, sql` and `)})`;
}

/** ` and <test>` for each word on the story-text row `t`. */
function rowTests(words: string[]) {
  return sql.join(
    words.map((word) => (shortWord(word) ? sql` and word_start(t.text, ${word})` : sql` and t.text like ${likePattern(word)} escape '\\'`)),
    sql``,
  );
}

/** `wordStartsIn`'s patterns by word, made once; a handful at a time in use. */
const wordStartPatterns = new Map<string, RegExp>();

/**
 * SQLite's `word_start(text, word)` (registered on every connection, db/create-database.ts): 1 when a
 * word of `text` starts with `word`, case folded, words split as the word index splits them
 * (letters, digits, marks and private-use characters; migration 0019). A story at hand is tested
 * here: asking the index about one story costs a merge of the prefix's whole list (~130 µs for a
 * prefix in half the stories), this ~1 µs.
 */
export function wordStartsIn(text: string, word: string): 0 | 1 {
  let pattern = wordStartPatterns.get(word);
  if (!pattern) {
    if (wordStartPatterns.size >= 100) wordStartPatterns.clear();
    const literal = word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    pattern = new RegExp(`(?:^|[^\\p{L}\\p{N}\\p{M}\\p{Co}])${literal}`, 'iu');
    wordStartPatterns.set(word, pattern);
  }
  return pattern.test(text) ? 1 : 0;
}

/** PostgreSQL's tsquery for words' starts, all of them: the words are letters and digits only (`shortWord`), so `:*` (a prefix) is the only syntax. */
function wordStartsTsQuery(words: string[]): string {
  return words.map((word) => `${word}:*`).join(' & ');
}

/** FTS5's query for words' starts: each word quoted (letters and digits only, see `shortWord`), then `*`. */
function wordStartsQuery(words: string[]): string {
  return words.map((word) => `"${word}"*`).join(' ');
}

/**
 * "Every word in the story's headline or standfirst", on `articles`: a short word at the start of a
 * word (`word_start` on SQLite; on PostgreSQL the words as `to_tsvector('simple', …)` splits them),
 * any other anywhere (LIKE; pg_trgm's indexes serve it on PostgreSQL, migration 0018).
 */
export function storyWordsIn(text: string | undefined, dialect: 'sqlite' | 'postgres'): Expression<SqlBool> {
  const words = searchWords(text);
  const short = words.filter(shortWord);
  const conditions = words.filter((word) => !shortWord(word)).map((word) => wordInAnyColumn(['articles.headline', 'articles.standfirst'], word));
  if (dialect === 'sqlite') {
    for (const word of short) conditions.push(sql<SqlBool>`word_start(articles.headline || char(10) || articles.standfirst, ${word})`);
  } else if (short.length) {
    const query = wordStartsTsQuery(short);
    conditions.push(
      conditions.length
        ? // Beside a longer word (the desk asks here only when that word holds a LIKE wildcard, "50%":
          // else it reads the story-text table, `postgresStoryTextRows`), each story it finds is
          // tested on its own text, where the word table's GIN index would be read in full and
          // joined (72 ms for "rajnath a" at 100,000 stories, 20 ms this way).
          sql<SqlBool>`(select w.words from article_words w where w.article_id = articles.id) @@ to_tsquery('simple', ${query})`
        : // Alone, from the word table (migration 0020): its GIN index for a rare start, a walk over
          // the stored words for a common one, as the planner finds cheaper.
          sql<SqlBool>`exists (select 1 from article_words w where w.article_id = articles.id and w.words @@ to_tsquery('simple', ${query}))`,
    );
  }
  return allOf(conditions);
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
