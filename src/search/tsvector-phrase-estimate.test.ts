import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Kysely, PostgresDialect, sql } from 'kysely';
import pg from 'pg';
import { testDatabases } from '../../test/support/databases.js';
import { createContentModule } from '../content/index.js';
import { publishedArticleRow, type Database } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSearchModule } from './index.js';
import { RANK_WINDOW } from './search-filters-repo.js';
import { createSearchService, type SearchInput, type SearchOutcome } from './search-service.js';
import { chooseNewestPath, createTsvectorSearchRepo, ESTIMATE_KEPT_MS, sampledMatches, type NewestPath } from './tsvector-search-repo.js';

test("a phrase's estimate is kept within two standard deviations of the sample's share", () => {
  const archive = { stories: 100_000 };
  // Words that go together: the planner's guess (the product of the words' shares) is raised.
  const together = sampledMatches({ ...archive, matches: 22_555 }, { hits: 220, seen: 500 });
  assert.equal(together, Math.round(((220 - 2 * Math.sqrt(220)) / 500) * 100_000));
  assert.ok(together > 37_000 && together < 44_000);
  // A word in every story: the guess is lowered to what the sample allows.
  assert.equal(sampledMatches({ ...archive, matches: 16_080 }, { hits: 3, seen: 500 }), Math.round(((3 + 2 * Math.sqrt(3) + 2) / 500) * 100_000));
  // A guess within the sample's bounds is kept; no hits still allow a few matches; no sample, no change.
  assert.equal(sampledMatches({ ...archive, matches: 40_000 }, { hits: 200, seen: 500 }), 40_000);
  assert.equal(sampledMatches({ ...archive, matches: 5_000 }, { hits: 0, seen: 500 }), 400);
  assert.equal(sampledMatches({ ...archive, matches: 5_000 }, { hits: 0, seen: 0 }), 5_000);
});

test("a phrase's ways are costed by the stories its words name, each read to check their positions", () => {
  const archive = { stories: 100_000 };
  // "in the": in a quarter of the stories, its words in all of them. Counted by its matches alone a
  // slice looks cheapest; but every story in the slice must be read, and the walk reads fewer.
  assert.equal(chooseNewestPath({ ...archive, matches: 24_000 }, RANK_WINDOW).kind, 'slice');
  assert.equal(chooseNewestPath({ ...archive, matches: 24_000, candidates: 99_000 }, RANK_WINDOW).kind, 'walk');
  // Words that go together: the candidates are about the matches, and the slice stays.
  assert.equal(chooseNewestPath({ ...archive, matches: 16_000, candidates: 17_000 }, RANK_WINDOW).kind, 'slice');
  // Fewer candidates than matches is a contradiction of two estimates: the matches count.
  assert.deepEqual(chooseNewestPath({ ...archive, matches: 16_000, candidates: 10 }, RANK_WINDOW), chooseNewestPath({ ...archive, matches: 16_000 }, RANK_WINDOW));
});

/**
 * 8,000 stories: "harbour master" in 70% of them, its words never apart, so the planner (which
 * multiplies the words' shares) thinks it in 49%; "the" in every story and "the harbour" in one in
 * twenty, which the planner thinks as common as "harbour" (70%).
 */
const STORIES = 8000;
const postgres = (await testDatabases()).find((t) => t.name === 'postgres');

test('[postgres] a phrase search sizes its slice from a sample of the newest stories, not the planner alone', { skip: !postgres && 'PostgreSQL not reachable', timeout: 120_000 }, async () => {
  const handle = await postgres!.create();
  try {
    const clock = createManualClock('2025-06-01T00:00:00Z');
    const { directory } = createContentModule({ db: handle.db, clock, newId: createIdGenerator() });
    const section = await directory.createSection({ name: 'Ports' });
    const start = Date.parse('2024-01-01T00:00:00Z');
    const rows = Array.from({ length: STORIES }, (_, n) => {
      const text = n % 10 < 7 ? `Notes for the week: a harbour master spoke${n % 20 === 0 ? ' at the harbour' : ''}.` : 'Notes for the week: inland roads.';
      const doc = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text }] }] });
      return publishedArticleRow({ id: `h${String(n).padStart(6, '0')}`, slug: `story-${n}`, sectionId: section.id, headline: `Story ${n}`, standfirst: '', body: doc, at: new Date(start + n * 3_600_000).toISOString() });
    });
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('articles').values(rows.slice(i, i + 500)).execute();
    });
    const search = createSearchModule({ db: handle.db, capabilities: handle.capabilities });
    assert.equal(await search.catchUp(), STORIES);
    await sql`analyze search_documents`.execute(handle.db);

    const estimates: { matches: number; stories: number }[] = [];
    const routes: string[] = [];
    const service = (forced?: NewestPath['kind']) =>
      createSearchService({
        db: handle.db,
        index: (db) =>
          createTsvectorSearchRepo(db, {
            onRoute: (route) => routes.push(route),
            // The default (10 ms) is for large archives; here a walk of all 8,000 stories costs 26.
            sampleWhenCosting: 2_000,
            choosePath: (estimate, wanted): NewestPath => {
              estimates.push(estimate);
              return forced === 'gin' ? { kind: 'gin' } : chooseNewestPath(estimate, wanted);
            },
          }),
      });
    const page = async (forced: NewestPath['kind'] | undefined, input: SearchInput) => {
      const outcome = (await service(forced).search(input)) as Extract<SearchOutcome, { ok: true }>;
      assert.ok(outcome.ok);
      return [...outcome.hits.map((h) => `${h.slug} ${h.snippetHtml}`), `more: ${outcome.hasMore}`];
    };

    /** The planner's own guess at a phrase's matches, as a share of the stories. */
    const guessed = async (phrase: string) => {
      const plan = await sql<{ 'QUERY PLAN': { Plan: { 'Plan Rows': number } }[] }>`explain (format json) select from search_documents d where d.document @@ phraseto_tsquery('simple', ${phrase})`.execute(handle.db);
      return plan.rows[0]!['QUERY PLAN'][0]!.Plan['Plan Rows'] / STORIES;
    };
    const shareChosenFrom = () => {
      assert.equal(estimates.length, 1);
      return estimates[0]!.matches / estimates[0]!.stories;
    };

    // Together: the planner's 49% alone would size a slice for half again the stories it needs;
    // the sample's (70% of the newest 500, at its lower bound) is within a fifth of the truth.
    const master: SearchInput = { q: '"harbour master"', perPage: 20 };
    assert.ok((await guessed('harbour master')) < 0.55, "the planner's guess");
    const byGin = await page('gin', master);
    estimates.length = 0;
    routes.length = 0;
    assert.deepEqual(await page(undefined, master), byGin);
    const together = shareChosenFrom();
    assert.ok(together >= 0.8 * 0.7 && together <= 0.7, `the sampled share: ${together}`);
    // The way is chosen from the sampled estimate (a smaller slice, or the walk), and it holds enough.
    assert.deepEqual(routes, [`sampled: ${chooseNewestPath(estimates[0]!, RANK_WINDOW).kind}`]);

    // Apart: with the planner's 70%, the newest stories would be walked or sliced and 2,000 matches
    // looked for among them; the sample (25 of the newest 500) sends the search to the GIN index at
    // once, with the same page.
    const theHarbour: SearchInput = { q: '"the harbour"', perPage: 20 };
    assert.ok((await guessed('the harbour')) > 0.5, "the planner's guess");
    const apartByGin = await page('gin', theHarbour);
    assert.equal(apartByGin.length, 21);
    estimates.length = 0;
    routes.length = 0;
    assert.deepEqual(await page(undefined, theHarbour), apartByGin);
    const apart = shareChosenFrom();
    assert.ok(apart < 0.1, `the sampled share: ${apart}`);
    assert.deepEqual(routes, ['sampled: gin']);

    // Neither a search without a phrase, nor one whose way is cheap anyway (a newest-first page), is sampled.
    routes.length = 0;
    await page(undefined, { q: 'harbour', perPage: 20 });
    await page(undefined, { q: '"harbour master"', sort: 'newest', perPage: 20 });
    assert.equal(routes.length, 2);
    assert.ok(routes.every((route) => !route.startsWith('sampled')), routes.join(', '));

    // A search asked again within ESTIMATE_KEPT_MS (another page of it too) is not estimated or
    // sampled again, and answers the same; another query is; after the time, the first is again.
    let now = 0;
    const asked: string[] = [];
    const logged = new Kysely<Database>({
      dialect: new PostgresDialect({ pool: new pg.Pool({ connectionString: (handle.target as { url: string }).url, max: 2 }) }),
      log: (event) => {
        const text = event.query.sql.trim();
        if (text.startsWith('explain')) asked.push('estimate');
        else if (text.includes('filter (where')) asked.push('sample');
      },
    });
    try {
      const kept = createSearchService({ db: logged, index: (db) => createTsvectorSearchRepo(db, { sampleWhenCosting: 2_000, now: () => now }) });
      const first = await kept.search(master);
      assert.deepEqual(asked, ['estimate', 'sample']);
      assert.deepEqual(await kept.search(master), first);
      await kept.search({ ...master, page: 2 });
      assert.deepEqual(asked, ['estimate', 'sample'], 'asked again within the time');
      await kept.search(theHarbour);
      assert.deepEqual(asked, ['estimate', 'sample', 'estimate', 'sample']);
      now += ESTIMATE_KEPT_MS + 1;
      assert.deepEqual(await kept.search(master), first);
      assert.deepEqual(asked.slice(4), ['estimate', 'sample']);
    } finally {
      await logged.destroy();
    }
  } finally {
    await handle.close();
  }
});
