import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createContentModule } from '../content/index.js';
import { publishedArticleRow } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSearchModule } from './index.js';
import type { SearchInput, SearchOutcome } from './index.js';
import { RANK_WINDOW } from './search-filters-repo.js';

/**
 * Both databases rank relevance among the newest RANK_WINDOW matches only (fts5-search-repo.ts,
 * tsvector-search-repo.ts), and the same way: an archive of RANK_WINDOW + OLD stories that all
 * match, the OLD oldest matching best (the word three times in the headline), one recent story
 * matching as well as they do, and every other story once in the body.
 */
const OLD = 30;
const TOTAL = RANK_WINDOW + OLD;
const RECENT_BEST = TOTAL - 10;
const START = Date.parse('2024-01-01T00:00:00Z');
const HOUR = 3_600_000;
const PER_PAGE = 50;

const strong = (n: number) => n < OLD || n === RECENT_BEST;
const slugOf = (n: number) => `tides-${n}`;

for (const target of await testDatabases()) {
  test(`[${target.name}] relevance is ranked within the newest ${RANK_WINDOW} matches, after the filters; newest first is exact`, async () => {
    const handle = await target.create();
    try {
      const clock = createManualClock('2024-06-01T00:00:00Z');
      const { directory } = createContentModule({ db: handle.db, clock, newId: createIdGenerator() });
      const section = await directory.createSection({ name: 'News' });
      // Ids in publication order, so SQLite's index order (its window) is the date order PostgreSQL's window uses.
      const rows = Array.from({ length: TOTAL }, (_, n) => {
        const at = new Date(START + n * HOUR).toISOString();
        const text = strong(n) ? 'Tides, tides and more tides' : `Story ${n}`;
        const body = strong(n) ? 'Tides.' : 'A note on tides and other things.';
        const doc = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: body }] }] });
        return publishedArticleRow({ id: `t${String(n).padStart(6, '0')}`, slug: slugOf(n), sectionId: section.id, headline: text, standfirst: '', body: doc, at });
      });
      await handle.db.transaction().execute(async (trx) => {
        for (let i = 0; i < rows.length; i += 500) await trx.insertInto('articles').values(rows.slice(i, i + 500)).execute();
      });
      const search = createSearchModule({ db: handle.db, capabilities: handle.capabilities });
      assert.equal(await search.catchUp(), TOTAL);

      const find = async (input: Omit<SearchInput, 'q'>) => {
        const outcome = await search.service.search({ q: 'tides', perPage: PER_PAGE, ...input });
        assert.ok(outcome.ok);
        return outcome as Extract<SearchOutcome, { ok: true }>;
      };
      const numbers = (outcome: { hits: { slug: string }[] }) => outcome.hits.map((h) => Number(h.slug.slice('tides-'.length)));
      const outsideWindow = (n: number) => n < TOTAL - RANK_WINDOW;

      async function behavesAsWindowed() {
        // Relevance: the recent strong match first, then the window's weaker ones; none of the old
        // strong matches, although they would outrank everything on page 1 if every match were ranked.
        const first = numbers(await find({}));
        assert.equal(first.length, PER_PAGE);
        assert.equal(first[0], RECENT_BEST);
        assert.deepEqual(first.filter(outsideWindow), [], 'page 1 holds only stories from the window');
        assert.ok(first.slice(1).every((n) => !strong(n)));

        // The window is the end of relevance: its last page says there is no more, and the next is empty.
        const lastPage = await find({ page: RANK_WINDOW / PER_PAGE });
        assert.equal(lastPage.hits.length, PER_PAGE);
        assert.equal(lastPage.hasMore, false);
        assert.deepEqual(numbers(lastPage).filter(outsideWindow), []);
        assert.equal((await find({ page: RANK_WINDOW / PER_PAGE + 1 })).hits.length, 0);

        // Newest first is exact over every match: the page past the window holds the oldest stories.
        const oldest = await find({ sort: 'newest', page: RANK_WINDOW / PER_PAGE + 1 });
        assert.deepEqual(numbers(oldest), Array.from({ length: OLD }, (_, i) => OLD - 1 - i));
        assert.equal(oldest.hasMore, false);
        assert.deepEqual(numbers(await find({ sort: 'newest', perPage: 3 })), [TOTAL - 1, TOTAL - 2, TOTAL - 3]);

        // Filters narrow the matches before the window is taken: up to 2024-01-02, the old strong
        // stories are in it and ranked first (newest of equals first).
        const early = await find({ to: '2024-01-02' });
        assert.deepEqual(numbers(early), [...Array.from({ length: OLD }, (_, i) => OLD - 1 - i), ...Array.from({ length: 48 - OLD }, (_, i) => 47 - i)]);
      }

      await behavesAsWindowed();
      if (target.name === 'postgres') {
        // With statistics the planner knows every story matches, and the newest matches are found by
        // walking the published_at index (without, it guessed few, and took them from the GIN index).
        await sql`analyze search_documents`.execute(handle.db);
        await behavesAsWindowed();
      }
    } finally {
      await handle.close();
    }
  });
}
