import { sql, type Kysely, type RawBuilder, type SqlBool } from 'kysely';
import type { Database } from '../db/index.js';
import { andAll, filterConditions, RANK_WINDOW, type RawHit, type SearchIndexRepo, type SearchRequest } from './search-filters-repo.js';
import type { ParsedQuery, SearchClause } from './search-query.js';
import type { SearchDocument } from './search-source-repo.js';
import { markAll, markerFor, snippetOf } from './text-marks.js';

/**
 * ts_rank weights for D, C, B, A: body (read only from a row without a ranking vector, below), —,
 * standfirst/tags/authors, headline. ts_rank (how often and where the words occur), not ts_rank_cd
 * (how close together): on the 2,000-match window of a common word at 100,000 stories ts_rank_cd
 * took 12 ms, ts_rank 5.5 (most of it reading the vectors); SQLite's bm25 is a frequency measure too.
 */
const WEIGHTS = sql`'{0.1, 0.2, 0.4, 1.0}'::float4[]`;
/**
 * What ts_rank reads: the story's ranking vector (headline, standfirst, tags, bylines; migration
 * 0021), small enough to stay in the row, where the whole document is fetched from TOAST (2,000 of
 * them for a common word: 12–21 ms at 100,000 stories, against under 1 ms). So the body adds nothing
 * to a story's score: among the window's matches, stories naming the words in the headline, then
 * the standfirst, tags or bylines, come first, and those naming them in the body only follow,
 * newest first. A row indexed before 0021 is ranked by its whole document until the catch-up gives
 * it a ranking vector.
 */
const ranked = (row: 'd' | 'r') => sql.raw(`coalesce(${row}.rank_vector, ${row}.document)`);
// A tsvector holds at most 1 MB; no story's text comes near it, but a pasted archive might.
const MAX_FIELD_CHARS = 200_000;

/**
 * The tsquery from quoted phrases: each goes through `phraseto_tsquery('simple', …)`, which
 * takes any text, and the operators are ours. 'simple' does no stemming, so Hindi and English
 * names are matched as written (case folded).
 */
export function tsQuery(query: ParsedQuery): RawBuilder<unknown> {
  return tsQueryOf(query, (p) => sql`phraseto_tsquery('simple', ${p})`);
}

/**
 * The stories a query's phrases could match: its words, each phrase's in any order and place
 * (`plainto_tsquery`). What the GIN index can tell apart without reading a story; only estimated.
 */
function candidatesQuery(query: ParsedQuery): RawBuilder<unknown> {
  return tsQueryOf(query, (p) => sql`plainto_tsquery('simple', ${p})`);
}

function tsQueryOf(query: ParsedQuery, phrase: (p: string) => RawBuilder<unknown>): RawBuilder<unknown> {
  const group = (c: SearchClause) => (c.phrases.length === 1 ? phrase(c.phrases[0]!) : sql`(${sql.join(c.phrases.map(phrase), sql` || `)})`);
  const positive = sql.join(query.clauses.filter((c) => !c.negated).map(group), sql` && `);
  const negative = query.clauses.filter((c) => c.negated).map((c) => sql` && !!${group(c)}`);
  return sql`(${positive}${sql.join(negative, sql``)})`;
}

const vector = (text: string, weight: string) => sql`setweight(to_tsvector('simple', ${text.slice(0, MAX_FIELD_CHARS)}), ${sql.lit(weight)})`;

interface PlanNode {
  'Plan Rows': number;
  Plans?: PlanNode[];
}

/**
 * How the newest `wanted` matches are found (the window ranked for relevance, or the stories up to
 * a newest-first page):
 * - `walk`: down the published_at index, checking each story until `wanted` match. Each check
 *   reads the story's tsvector, kept out of line (~3.3 µs a story), so it pays when few are read:
 *   a newest-first page of a common word.
 * - `gin`: every match from the GIN index (which names them without reading them), each row
 *   fetched for its date (~4 µs a match), then sorted. For words with few matches.
 * - `slice`: the same, but only among the stories newer than a bound chosen so that it holds about
 *   1.3 × `wanted` matches, both sets as bitmaps (GIN for the words, the published_at index for the
 *   bound) ANDed before any row is read. For the relevance window of a common word: "government",
 *   in 16% of 100,000 stories, read 2,500 rows instead of walking 13,000 or fetching 16,000.
 * Costs in µs, measured on that archive (PostgreSQL 15, 2 cores). PostgreSQL's planner does not count
 * the reading of a tsvector, so left to itself it walks where that is slowest; its estimates of how
 * many stories match are good, though, and are what this is given.
 */
export type NewestPath = { kind: 'walk' } | { kind: 'gin' } | { kind: 'slice'; stories: number };

export interface MatchEstimate {
  matches: number;
  stories: number;
  /**
   * For a phrase: the stories with all its words, which the GIN index names and each of which is
   * read (~4 µs) to check the words' positions. Without it, every story named matches.
   */
  candidates?: number;
}

export function chooseNewestPath(estimate: MatchEstimate, wanted: number): NewestPath {
  return cheapestNewestPath(estimate, wanted)[0];
}

/** The cheapest way and its estimated cost in µs. */
function cheapestNewestPath(estimate: MatchEstimate, wanted: number): [NewestPath, number] {
  const matches = Math.max(1, estimate.matches);
  const stories = Math.max(matches, estimate.stories);
  const candidates = Math.min(stories, Math.max(matches, estimate.candidates ?? 0));
  const toWalk = Math.min(stories, (wanted * stories) / matches);
  const slice = Math.ceil(toWalk * 1.3) + 50;
  const costs: [NewestPath, number][] = [
    [{ kind: 'walk' }, 3.3 * toWalk],
    [{ kind: 'gin' }, 4 * candidates],
  ];
  // The slice's reads: the candidates among its stories (for words alone, the matches it holds).
  const sliceReads = Math.min(candidates, (1.3 * wanted * candidates) / matches);
  if (slice < stories) costs.push([{ kind: 'slice', stories: slice }, 500 + 0.15 * candidates + 0.2 * slice + 3.5 * sliceReads]);
  return costs.reduce((best, next) => (next[1] < best[1] ? next : best));
}

/** How many of the newest stories are checked for a phrase (about 2 ms) ... */
const PHRASE_SAMPLE = 500;
/** ... when the way the planner's estimate chooses would cost at least this (µs): the sample is then a fifth of it or less. */
const SAMPLE_WHEN_COSTING = 10_000;
// Two words or more in one quoted phrase (or one token such as "covid-19" that the parser splits).
const MULTI_WORD_RE = /[\p{L}\p{N}][^\p{L}\p{N}]+[\p{L}\p{N}]/u;
const hasPhrase = (query: ParsedQuery) => query.clauses.some((c) => !c.negated && c.phrases.some((p) => MULTI_WORD_RE.test(p)));

/**
 * The planner's estimate of matches kept within two standard deviations of a sample's share
 * (`hits` of the newest `seen` stories), scaled to the stories the date filters allow. A sample
 * without hits still allows a few matches (the older stories were not seen).
 */
export function sampledMatches(estimate: MatchEstimate, sample: { hits: number; seen: number }): number {
  if (!sample.seen) return estimate.matches;
  const spread = 2 * Math.sqrt(sample.hits);
  const least = Math.round((Math.max(0, sample.hits - spread) / sample.seen) * estimate.stories);
  const most = Math.round(((sample.hits + spread + 2) / sample.seen) * estimate.stories);
  return Math.min(Math.max(estimate.matches, least), most);
}

/**
 * How long a query's estimate (and its phrase sample) is kept, and how many are: a search asked
 * again (a popular word, a reader turning pages) does not ask the planner again, a round trip and a
 * plan (about 1 ms; 3–4 ms more with a phrase's sample). The planner's statistics move with ANALYZE
 * (autovacuum, minutes apart) and a sample with what is published; a stale estimate can only choose
 * a slower way to the same page (every way finds the same stories), never other results.
 */
export const ESTIMATE_KEPT_MS = 60_000;
const ESTIMATES_KEPT = 500;

/** Promises kept by key for `keepMs`, the oldest dropped past `max`; a rejected one is not kept. */
function keptFor<T>(keepMs: number, max: number, now: () => number) {
  const kept = new Map<string, { value: Promise<T>; until: number }>();
  return (key: string, make: () => Promise<T>): Promise<T> => {
    const found = kept.get(key);
    if (found && found.until > now()) return found.value;
    kept.delete(key);
    if (kept.size >= max) kept.delete(kept.keys().next().value!);
    const value = make();
    kept.set(key, { value, until: now() + keepMs });
    value.catch(() => kept.get(key)?.value === value && kept.delete(key));
    return value;
  };
}

/** The most stories an author or tag filter is sent as a list of ids; past it, a condition on each match. */
export const MAX_LISTED = 5000;

/**
 * The ids of the stories an author and a tag filter allow (both: those in both), or null when
 * neither is given or they allow more than MAX_LISTED: a list that long costs more to look up than
 * checking each match. Read from the byline's and the tag's indexes alone.
 */
async function allowedStories(db: Kysely<Database>, filters: Pick<SearchRequest['filters'], 'author' | 'tag'>): Promise<string[] | null> {
  const lists: RawBuilder<unknown>[] = [];
  if (filters.author) lists.push(sql`select aa.article_id from people p join article_authors aa on aa.person_id = p.id where p.slug = ${filters.author}`);
  if (filters.tag) lists.push(sql`select atg.article_id from tags t join article_tags atg on atg.tag_id = t.id where t.slug = ${filters.tag}`);
  if (!lists.length) return null;
  const result = await sql<{ ids: string[] }>`select array(select l.article_id from (${sql.join(lists, sql` intersect `)}) l limit ${MAX_LISTED + 1}) as ids`.execute(db);
  const ids = result.rows[0]?.ids ?? [];
  return ids.length > MAX_LISTED ? null : ids;
}

/**
 * Runs `work` with the planner's index and sequential scans off (bitmaps only) for its statements:
 * in a transaction of its own, or in the caller's, whose settings it then puts back.
 */
async function bitmapsOnly<T>(db: Kysely<Database>, work: (trx: Kysely<Database>) => Promise<T>): Promise<T> {
  const off = sql`set_config('enable_indexscan', 'off', true), set_config('enable_seqscan', 'off', true)`;
  if (!db.isTransaction) {
    return db.transaction().execute(async (trx) => {
      await sql`select ${off}`.execute(trx);
      return work(trx);
    });
  }
  const before = await sql<{ index: string; seq: string }>`select current_setting('enable_indexscan') as index, current_setting('enable_seqscan') as seq, ${off}`.execute(db);
  try {
    return await work(db);
  } finally {
    const { index, seq } = before.rows[0]!;
    await sql`select set_config('enable_indexscan', ${index}, true), set_config('enable_seqscan', ${seq}, true)`.execute(db);
  }
}

/** The page's hits with their headlines and snippets marked from their text (`window` is the repo's own). */
function markedHits(rows: (RawHit & { window: string | null })[], query: ParsedQuery): RawHit[] {
  const marker = markerFor(query);
  return rows.map(({ window: _window, headline, snippet, ...hit }) => ({ ...hit, headline: markAll(headline, marker), snippet: snippetOf(snippet, marker) }));
}

/** Search over PostgreSQL's tsvector; `choosePath` is for tests that need one path taken. */
export interface TsvectorSearchOptions {
  choosePath?: typeof chooseNewestPath;
  /**
   * Told the way each search went: a path, or 'slice, then gin' when the slice held too few
   * matches; 'sampled: ' before it when a phrase's estimate was checked against the newest stories.
   */
  onRoute?: (route: string) => void;
  /** The estimated cost (µs) from which a phrase's estimate is checked; for tests on small archives. */
  sampleWhenCosting?: number;
  /** The clock estimates are kept by (ESTIMATE_KEPT_MS); for tests. */
  now?: () => number;
}

/** PostgreSQL: a weighted tsvector per story with a GIN index; the page's rows marked in the application (text-marks.ts). */
export function createTsvectorSearchRepo(db: Kysely<Database>, options: TsvectorSearchOptions = {}): SearchIndexRepo {
  const choosePath = options.choosePath ?? chooseNewestPath;
  const kept = keptFor<MatchEstimate | null>(ESTIMATE_KEPT_MS, ESTIMATES_KEPT, options.now ?? Date.now);

  /**
   * The planner's estimates (EXPLAIN plans without running: under a millisecond) of how many
   * stories match and how many the date filters allow. Without statistics (a table never
   * analysed) it guesses that few stories match, and the GIN index is used.
   */
  async function estimate(matching: RawBuilder<SqlBool>, dated: RawBuilder<SqlBool>, candidates: RawBuilder<SqlBool> | null): Promise<MatchEstimate | null> {
    const explained = await sql<{ 'QUERY PLAN': { Plan: PlanNode }[] }>`
      explain (format json) select from search_documents d where ${matching} union all select from search_documents d where true${dated}${
        candidates ? sql` union all select from search_documents d where ${candidates}` : sql``
      }`.execute(db);
    const [matches, stories, named] = explained.rows[0]?.['QUERY PLAN'][0]?.Plan.Plans?.map((p) => p['Plan Rows']) ?? [];
    // A plan of another shape: the planner chooses.
    if (matches === undefined || stories === undefined) return null;
    return named === undefined ? { matches, stories } : { matches, stories, candidates: named };
  }

  /**
   * The planner's estimate for a phrase assumes its words occur apart from each other. Words that
   * go together are thought rarer than they are (`"prime minister"` at 100,000 stories: 22,555
   * guessed, 44,103 true), and the slice sized from that holds twice the stories it needs, each
   * read from TOAST to check the words' positions. A phrase with a word in every story is thought
   * as common as its other word (`"the government"`: 16,080 guessed, 697 true), and a slice of the
   * newest stories comes up short before every match is read after all. So when the way chosen
   * from the planner's estimate would be slow (SAMPLE_WHEN_COSTING), the newest PHRASE_SAMPLE
   * stories are checked and the estimate kept within two standard deviations of the share that
   * matched them.
   */
  async function withPhraseSample(estimated: MatchEstimate, matching: RawBuilder<SqlBool>, dated: RawBuilder<SqlBool>) {
    const sample = await sql<{ hits: number; seen: number }>`
      select (count(*) filter (where ${matching}))::int as hits, count(*)::int as seen
      from (select d.* from search_documents d where true${dated} order by d.published_at desc limit ${PHRASE_SAMPLE}) d`.execute(db);
    const { hits = 0, seen = 0 } = sample.rows[0] ?? {};
    return { ...estimated, matches: sampledMatches(estimated, { hits, seen }) };
  }

  return {
    async write(doc: SearchDocument) {
      // The ranking vector is the document's start (every field but the body), so its positions are the document's.
      const fields = sql`${vector(doc.headline, 'A')} || ${vector(doc.standfirst, 'B')} || ${vector(doc.tags, 'B')} || ${vector(doc.authors, 'B')}`;
      await sql`
        insert into search_documents (article_id, version, section_id, published_at, headline, standfirst, tags, authors, body, document, rank_vector)
        select ${doc.articleId}, ${doc.version}, ${doc.sectionId}, ${doc.publishedAt}, ${doc.headline}, ${doc.standfirst}, ${doc.tags}, ${doc.authors}, ${doc.body.slice(0, MAX_FIELD_CHARS)},
          v.fields || ${vector(doc.body, 'D')}, v.fields
        from (select ${fields} as fields) v
        on conflict (article_id) do update set version = excluded.version, section_id = excluded.section_id, published_at = excluded.published_at,
          headline = excluded.headline, standfirst = excluded.standfirst, tags = excluded.tags, authors = excluded.authors, body = excluded.body,
          document = excluded.document, rank_vector = excluded.rank_vector`.execute(db);
    },

    async fillRankVectors(limit: number): Promise<number> {
      // ts_filter keeps the headline's (A) and the other fields' (B) words with their positions:
      // what `write` stores, taken from the document instead of the text.
      const result = await sql`
        update search_documents set rank_vector = ts_filter(document, '{a,b}')
        where article_id in (select article_id from search_documents where rank_vector is null order by article_id limit ${limit})`.execute(db);
      return Number(result.numAffectedRows ?? 0);
    },

    async remove(articleId: string) {
      await db.deleteFrom('search_documents').where('article_id', '=', articleId).execute();
    },

    async search(request: SearchRequest): Promise<RawHit[]> {
      const query = tsQuery(request.query);
      const { author, tag, ...onDocument } = request.filters;
      const listed = await allowedStories(db, { author, tag });
      if (listed?.length === 0) return [];
      // The tsquery is written out wherever it is used (not shared through a CTE), so the planner
      // sees a constant and estimates from the column's statistics how many stories match.
      const filters = listed ? [...filterConditions(onDocument), sql<SqlBool>`d.article_id = any(${listed}::text[])`] : filterConditions(request.filters);
      const matching = sql<SqlBool>`d.document @@ ${query}${andAll(filters)}`;
      const phrased = hasPhrase(request.query);
      const dated = andAll(filterConditions({ from: request.filters.from, to: request.filters.to }));
      const wanted = request.sort === 'newest' ? request.offset + request.limit : RANK_WINDOW;

      /** The page's stories with their marked headlines and snippets, found along `route`, and how many matches the window held. */
      const pageAlong = async (trx: Kysely<Database>, route: NewestPath, since: RawBuilder<SqlBool>) => {
        // A sorted match is carried as its id, date and row address (ctid) only; the window's rows
        // are read again by address, all in one TID scan, for their ranking vectors. Carried through
        // the sort instead, the vectors cost more than the ranking: at 100,000 stories `government`'s
        // window took 15–18 ms, now 11–13; `monsoon` (5,000 matches) 13–15, now 8–11. (Joined by
        // address one row at a time, a rescan each, it was no faster.) An address used within the
        // statement that found it names the row version that statement sees. A walk sorts nothing
        // and reads the vectors on its way.
        const newest =
          route.kind === 'walk'
            ? sql`select d.article_id, d.published_at, d.ctid as row from search_documents d where ${matching} order by d.published_at desc`
            : // `offset 0` keeps the planner from walking: it takes the matches from the GIN index and sorts
              // them, byte by byte (ISO instants sort so; under a database's default collation, even
              // C.UTF-8, each comparison is strcoll's, and 5,000 dates took 2 ms more).
              sql`select * from (select d.article_id, d.published_at, d.ctid as row from search_documents d where ${matching}${since} offset 0) d order by d.published_at collate "C" desc`;
        // Relevance among the newest RANK_WINDOW matches only, as on SQLite (search-filters-repo.ts).
        const window =
          route.kind === 'walk'
            ? sql`select d.article_id, d.published_at, ${ranked('d')} as ranked from search_documents d where ${matching} order by d.published_at desc limit ${RANK_WINDOW}`
            : sql`select r.article_id, r.published_at, ${ranked('r')} as ranked from search_documents r where r.ctid = any(array(select n.row from (${newest} limit ${RANK_WINDOW}) n))`;
        const page =
          request.sort === 'newest'
            ? route.kind === 'walk'
              ? // No count here: it would read every match, and the walk is chosen to stop early.
                sql`select n.article_id, n.published_at, 0 as score, null as window from (${newest} limit ${request.limit} offset ${request.offset}) n`
              : sql`select n.article_id, n.published_at, 0 as score, n.window from (select m.*, count(*) over () as window from (${newest}) m) n
                order by n.published_at desc limit ${request.limit} offset ${request.offset}`
            : sql`select w.article_id, w.published_at, ts_rank(${WEIGHTS}, w.ranked, ${query}) as score, count(*) over () as window
              from (${window}) w order by score desc, w.published_at desc limit ${request.limit} offset ${request.offset}`;
        // Stories are joined, with the text their headline and snippet are marked in, for the page's
        // rows only: in the same statement, not a second one after it (a round trip less). The
        // marking itself is done here, not by ts_headline (text-marks.ts).
        return (
          await sql<RawHit & { window: string | null }>`
          select p.article_id as "articleId", a.slug, s.slug as "sectionSlug", s.name as "sectionName", p.published_at as "publishedAt", p.window,
            h.headline, case when h.body = '' then h.standfirst else h.body end as snippet
          from (${page}) p
          join articles a on a.id = p.article_id
          join sections s on s.id = a.section_id
          join search_documents h on h.article_id = p.article_id
          order by p.score desc, p.published_at desc`.execute(trx)
        ).rows;
      };

      if (listed) {
        // At most MAX_LISTED stories: the GIN index's bitmap ANDed with theirs from the id index,
        // and only the stories in both read. Left to itself the planner looked each listed story
        // up and read its words from TOAST (monsoon with one tag of 2,031 stories at 100,000: 18–32
        // → 6 ms); it does not count that reading.
        options.onRoute?.('listed');
        return markedHits(await bitmapsOnly(db, (trx) => pageAlong(trx, { kind: 'gin' }, sql<SqlBool>``)), request.query);
      }
      const asked = JSON.stringify([request.query.clauses, request.filters]);
      let estimated = await kept(asked, () => estimate(matching, dated, phrased ? sql<SqlBool>`d.document @@ ${candidatesQuery(request.query)}${andAll(filters)}` : null));
      const sampled = estimated !== null && phrased && cheapestNewestPath(estimated, wanted)[1] >= (options.sampleWhenCosting ?? SAMPLE_WHEN_COSTING);
      if (sampled) estimated = await kept(`sample ${asked}`, () => withPhraseSample(estimated!, matching, dated));
      const path = estimated ? choosePath(estimated, wanted) : { kind: 'walk' as const };
      let rows: (RawHit & { window: string | null })[] | null = null;
      if (path.kind === 'slice') {
        rows = await db.transaction().execute(async (trx) => {
          // Only bitmaps for the page that follows: an index scan there is the walk, whose cost the
          // planner does not see. Set by the bound's own statement (once: outside the offset's rows).
          const bound = await sql<{ published_at: string }>`
            with b as (select d.published_at from search_documents d where true${dated} order by d.published_at desc offset ${path.stories - 1} limit 1)
            select b.published_at, set_config('enable_indexscan', 'off', true) from b`.execute(trx);
          const since = bound.rows[0];
          if (!since) return null;
          return pageAlong(trx, path, sql<SqlBool>` and d.published_at >= ${since.published_at}`);
        });
        // The slice held fewer matches than wanted (they are older than the estimate said): every match, then.
        // (An empty page says nothing of the slice: that is asked again too.)
        if (rows && Number(rows[0]?.window ?? 0) < wanted) rows = null;
      }
      options.onRoute?.(`${sampled ? 'sampled: ' : ''}${rows ? 'slice' : path.kind === 'slice' ? 'slice, then gin' : path.kind}`);
      rows ??= await pageAlong(db, path.kind === 'walk' ? path : { kind: 'gin' }, sql<SqlBool>``);
      return markedHits(rows, request.query);
    },

    matches(query: ParsedQuery, articleIdColumn: string) {
      return sql<SqlBool>`${sql.ref(articleIdColumn)} in (select d.article_id from search_documents d where d.document @@ ${tsQuery(query)})`;
    },
  };
}
