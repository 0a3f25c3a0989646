import type { Kysely, RawBuilder, SqlBool } from 'kysely';
import type { Database } from '../db/index.js';
import { createWorkQueue } from '../shared/work-queue.js';
import { suggest, vocabularyOf } from './did-you-mean.js';
import { SearchBusy } from './errors.js';
import type { RawHit, SearchFilters, SearchIndexRepo, SearchSort } from './search-filters-repo.js';
import { highlightHtml } from './search-highlight.js';
import { isSearchable, parseQuery } from './search-query.js';
import { createSearchSourceRepo } from './search-source-repo.js';

export interface SearchInput {
  q: string;
  /** Section, author (person) and tag slugs. */
  section?: string;
  author?: string;
  tag?: string;
  /** Calendar days, YYYY-MM-DD, both included (UTC). */
  from?: string;
  to?: string;
  sort?: SearchSort;
  page?: number;
  perPage?: number;
}

export interface SearchHit extends Omit<RawHit, 'headline' | 'snippet'> {
  /** Safe HTML: the text escaped, matches in `<mark>`. */
  headlineHtml: string;
  snippetHtml: string;
}

export type SearchOutcome =
  | { ok: true; query: string; hits: SearchHit[]; page: number; perPage: number; hasMore: boolean; suggestion: string | null }
  | { ok: false; reason: 'nothing-to-search' | 'bad-date'; field: 'q' | 'from' | 'to'; message: string };

export const MAX_SEARCH_PAGE = 50;
export const MAX_PER_PAGE = 50;
/** Fewer hits than this on the first page, and "did you mean" is tried. */
const SUGGEST_BELOW = 3;
const DAY_RE = /^\d{4}-\d{2}-\d{2}$/;

function dayStart(day: string | undefined, plusDays = 0): string | null | undefined {
  if (!day) return undefined;
  if (!DAY_RE.test(day)) return null;
  const at = new Date(`${day}T00:00:00.000Z`);
  if (Number.isNaN(at.getTime()) || at.toISOString().slice(0, 10) !== day) return null;
  return new Date(at.getTime() + plusDays * 86_400_000).toISOString();
}

export interface SearchServiceDeps {
  db: Kysely<Database>;
  index: (db: Kysely<Database>) => SearchIndexRepo;
  /** Searches run at once in this process (SEARCH_CONCURRENCY); default SEARCH_CONCURRENCY_DEFAULT. */
  concurrency?: number;
}

/**
 * Searches one process runs at once, with four times as many waiting; past that a search is
 * answered 503 (SEARCH_BUSY). Most searches take milliseconds, but some ask the database to read
 * every story (on PostgreSQL a phrase of words found in every story, `"the the the"`, reads all
 * 100,000 of an archive: 0.4 s); twenty of them at once held every pooled connection, and an
 * uncached article waited 8 s. Bounded, they queue among themselves and pages keep their share.
 */
export const SEARCH_CONCURRENCY_DEFAULT = 2;

/**
 * A search holds its slot from the next turn of the event loop. SQLite's statements run
 * synchronously, so a search without this would start and finish within the turn it arrived in,
 * never overlapping another: the bound never counted them, and twenty searches arriving together
 * ran one after another in one turn (37 ms each for `"the the the"` at 100,000 stories) while a page
 * waited 8 s. Held across the turn, the twentieth finds the slots and the queue full.
 */
const turn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Reader-facing search over published stories: parse, filter, rank, highlight, suggest. */
export function createSearchService({ db, index, concurrency = SEARCH_CONCURRENCY_DEFAULT }: SearchServiceDeps) {
  const repo = index(db);
  const queue = createWorkQueue({ concurrency, maxWaiting: 4 * concurrency, busy: () => new SearchBusy() });
  /** Runs a read of the search index within the bound; rejects with SearchBusy when it is full. */
  const bounded = <T>(work: () => Promise<T>): Promise<T> =>
    queue.run(async () => {
      await turn();
      return work();
    });

  async function run(input: SearchInput): Promise<SearchOutcome> {
    const query = parseQuery(input.q);
    if (!isSearchable(query)) return { ok: false, reason: 'nothing-to-search', field: 'q', message: 'The search has no words to look for' };
    const from = dayStart(input.from);
    const to = dayStart(input.to, 1);
    if (from === null) return { ok: false, reason: 'bad-date', field: 'from', message: 'from must be a date, YYYY-MM-DD' };
    if (to === null) return { ok: false, reason: 'bad-date', field: 'to', message: 'to must be a date, YYYY-MM-DD' };
    const perPage = Math.min(Math.max(1, Math.floor(input.perPage ?? 20)), MAX_PER_PAGE);
    const page = Math.min(Math.max(1, Math.floor(input.page ?? 1)), MAX_SEARCH_PAGE);
    const filters: SearchFilters = { section: input.section || undefined, author: input.author || undefined, tag: input.tag || undefined, from, to };
    const rows = await bounded(() => repo.search({ query, filters, sort: input.sort ?? 'relevance', limit: perPage + 1, offset: (page - 1) * perPage }));
    const hits = rows.slice(0, perPage).map(({ headline, snippet, ...hit }) => ({ ...hit, headlineHtml: highlightHtml(headline), snippetHtml: highlightHtml(snippet) }));
    let suggestion: string | null = null;
    if (page === 1 && hits.length < SUGGEST_BELOW) {
      const better = suggest(query, vocabularyOf(await createSearchSourceRepo(db).nameVocabulary()));
      // Offered only when it finds more than the query did.
      if (better && (await bounded(() => repo.search({ query: parseQuery(better), filters, sort: 'relevance', limit: SUGGEST_BELOW, offset: 0 }))).length > hits.length) suggestion = better;
    }
    return { ok: true, query: query.text, hits, page, perPage, hasMore: rows.length > perPage, suggestion };
  }

  return {
    search: run,
    bounded,
    /**
     * A condition "this article id column is among the stories matching `q`", for another
     * module's own listing (the Content API's posts); null when `q` has nothing to search for.
     */
    matching(q: string, articleIdColumn: string): RawBuilder<SqlBool> | null {
      const query = parseQuery(q);
      return isSearchable(query) ? repo.matches(query, articleIdColumn) : null;
    },
  };
}

export type SearchService = ReturnType<typeof createSearchService>;
