import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CompiledQuery, sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createContentModule } from '../content/index.js';
import { publishedArticleRow } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSearchModule } from './index.js';
import { catchUpStep } from './search-source-repo.js';

/** A node of `explain (analyze, format json)`. */
interface ExplainedNode {
  'Relation Name'?: string;
  'Actual Rows': number;
  'Actual Loops': number;
  Plans?: ExplainedNode[];
}
import { RANK_WINDOW } from './search-filters-repo.js';
import { createSearchService, type SearchInput, type SearchOutcome } from './search-service.js';
import { chooseNewestPath, createTsvectorSearchRepo, type NewestPath } from './tsvector-search-repo.js';

test('the way to the newest matches: a slice for the relevance window of a common word, the walk for its first newest page, the GIN index for a rarer word', () => {
  const archive = 100_000;
  assert.deepEqual(chooseNewestPath({ matches: 16_000, stories: archive }, RANK_WINDOW), { kind: 'slice', stories: Math.ceil(((RANK_WINDOW * archive) / 16_000) * 1.3) + 50 });
  assert.deepEqual(chooseNewestPath({ matches: 16_000, stories: archive }, 21), { kind: 'walk' });
  assert.deepEqual(chooseNewestPath({ matches: 900, stories: archive }, RANK_WINDOW), { kind: 'gin' });
  // A newest-first page of a rarer word: a small slice beats fetching all 900 (or walking 2,300 stories).
  assert.equal(chooseNewestPath({ matches: 900, stories: archive }, 21).kind, 'slice');
  // Every story matches: the walk reads exactly the ones wanted.
  assert.deepEqual(chooseNewestPath({ matches: archive, stories: archive }, RANK_WINDOW), { kind: 'walk' });
  // No slice as large as the archive; nonsense estimates still give a path.
  assert.notEqual(chooseNewestPath({ matches: 2_100, stories: 2_200 }, RANK_WINDOW).kind, 'slice');
  assert.ok(['walk', 'gin'].includes(chooseNewestPath({ matches: 0, stories: 0 }, 21).kind));
});

/**
 * PostgreSQL: the three ways give the same pages. 8,000 stories; "harbour" in every other one (and
 * twice in the headline of every 17th), "quay" in the oldest 300 only — so a slice sized from the
 * planner's estimate holds too few of them, and the search must notice and take every match.
 */
const STORIES = 8000;
const WINDOW_PAGE = 50;
const postgres = (await testDatabases()).find((t) => t.name === 'postgres');

test('[postgres] walk, GIN and slice give the same pages, and a slice with too few matches falls back to every match', { skip: !postgres && 'PostgreSQL not reachable', timeout: 120_000 }, async () => {
  const handle = await postgres!.create();
  try {
    const clock = createManualClock('2025-06-01T00:00:00Z');
    const { directory } = createContentModule({ db: handle.db, clock, newId: createIdGenerator() });
    const sections = [await directory.createSection({ name: 'Ports' }), await directory.createSection({ name: 'Rivers' })];
    const start = Date.parse('2024-01-01T00:00:00Z');
    const rows = Array.from({ length: STORIES }, (_, n) => {
      const words = [n % 2 === 0 ? 'harbour' : 'inland', n < 300 ? 'quay' : 'street'];
      const headline = n % 34 === 0 ? `Harbour news, harbour views ${n}` : `Story ${n} of the ${words.join(' ')}`;
      const doc = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `A note on the ${words.join(' and the ')}.` }] }] });
      return publishedArticleRow({ id: `p${String(n).padStart(6, '0')}`, slug: `story-${n}`, sectionId: sections[n % 3 === 0 ? 1 : 0]!.id, headline, standfirst: '', body: doc, at: new Date(start + n * 3_600_000).toISOString() });
    });
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('articles').values(rows.slice(i, i + 500)).execute();
    });
    const search = createSearchModule({ db: handle.db, capabilities: handle.capabilities });
    assert.equal(await search.catchUp(), STORIES);
    await sql`analyze search_documents`.execute(handle.db);

    // A catch-up step late in the archive reads its own stories' index rows, not every one before
    // them (which made a start with nothing to index take 8 s at 100,000 stories).
    await sql`analyze articles`.execute(handle.db);
    const step = catchUpStep(handle.db, 'p006000', 500).compile();
    const explained = await handle.db.executeQuery<{ 'QUERY PLAN': { Plan: ExplainedNode }[] }>(CompiledQuery.raw(`explain (analyze, format json) ${step.sql}`, [...step.parameters]));
    const indexRowsRead = (node: ExplainedNode): number =>
      (node['Relation Name'] === 'search_documents' ? node['Actual Rows'] * node['Actual Loops'] : 0) + (node.Plans ?? []).reduce((sum, child) => sum + indexRowsRead(child), 0);
    const read = indexRowsRead(explained.rows[0]!['QUERY PLAN'][0]!.Plan);
    assert.ok(read > 0 && read <= 600, `a step of 500 stories after the 6,000th read ${read} index rows`);

    const routes: string[] = [];
    const serviceTaking = (path: 'walk' | 'gin' | 'slice' | 'tiny slice') =>
      createSearchService({
        db: handle.db,
        index: (db) =>
          createTsvectorSearchRepo(db, {
            onRoute: (route) => routes.push(route),
            choosePath: (estimate, wanted): NewestPath => {
              if (path === 'tiny slice') return { kind: 'slice', stories: 100 };
              if (path !== 'slice') return { kind: path };
              const chosen = chooseNewestPath(estimate, wanted);
              return chosen.kind === 'slice' ? chosen : { kind: 'slice', stories: Math.min(estimate.stories - 1, Math.ceil(((wanted * estimate.stories) / Math.max(1, estimate.matches)) * 1.3)) };
            },
          }),
      });
    const pages = async (path: Parameters<typeof serviceTaking>[0], inputs: SearchInput[]) => {
      const service = serviceTaking(path);
      const out: string[][] = [];
      for (const input of inputs) {
        const outcome = (await service.search(input)) as Extract<SearchOutcome, { ok: true }>;
        assert.ok(outcome.ok);
        out.push([...outcome.hits.map((h) => `${h.slug} ${h.snippetHtml}`), `more: ${outcome.hasMore}`]);
      }
      return out;
    };

    const harbour: SearchInput[] = [
      { q: 'harbour', perPage: WINDOW_PAGE },
      { q: 'harbour', perPage: WINDOW_PAGE, page: 2 },
      { q: 'harbour', perPage: WINDOW_PAGE, page: RANK_WINDOW / WINDOW_PAGE },
      { q: 'harbour', perPage: WINDOW_PAGE, page: RANK_WINDOW / WINDOW_PAGE + 1 },
      { q: 'harbour', sort: 'newest', perPage: WINDOW_PAGE, page: 25 },
      { q: 'harbour', sort: 'newest', perPage: 10 },
      { q: 'harbour', section: 'ports', perPage: WINDOW_PAGE, page: 3 },
      { q: 'harbour', to: '2024-03-01', perPage: WINDOW_PAGE },
    ];
    const byGin = await pages('gin', harbour);
    // The relevance window of a common word is a slice, as chosen for it; the first newest page the walk.
    routes.length = 0;
    await pages('slice', [harbour[0]!]);
    assert.deepEqual(routes, ['slice']);
    routes.length = 0;
    const byDefault = await serviceTaking('gin').search(harbour[0]!);
    assert.ok(byDefault.ok && byDefault.hits.length === WINDOW_PAGE);
    assert.deepEqual(await pages('walk', harbour), byGin);
    routes.length = 0;
    assert.deepEqual(await pages('slice', harbour), byGin);
    assert.ok(routes.filter((r) => r === 'slice').length >= 4, `the slice was used: ${routes.join(', ')}`);
    // The pages are what they should be, not only alike: page 1 holds the strong headlines first.
    assert.match(byGin[0]![0]!, /^story-7990 /);
    assert.equal(byGin[3]!.length, 1, 'past the window: no page');
    assert.equal(byGin[4]![0]!.split(' ')[0], `story-${STORIES - 2 - 24 * WINDOW_PAGE * 2}`);

    // "quay" is in the oldest 300 stories only: any slice of the newest holds none, and the search
    // takes every match instead.
    const quay: SearchInput[] = [{ q: 'quay', perPage: WINDOW_PAGE }, { q: 'quay', sort: 'newest', perPage: WINDOW_PAGE, page: 2 }];
    routes.length = 0;
    const quayBySlice = await pages('tiny slice', quay);
    assert.deepEqual(routes, ['slice, then gin', 'slice, then gin']);
    assert.deepEqual(quayBySlice, await pages('gin', quay));
    assert.equal(quayBySlice[1]![0]!.split(' ')[0], 'story-249');
    // A slice too small for a common word too: the same pages as every match gives.
    routes.length = 0;
    assert.deepEqual(await pages('tiny slice', harbour.slice(0, 2)), byGin.slice(0, 2));
    assert.deepEqual(routes, ['slice, then gin', 'slice, then gin']);
  } finally {
    await handle.close();
  }
});
