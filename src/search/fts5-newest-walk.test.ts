import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createContentModule } from '../content/index.js';
import { publishedArticleRow } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSearchModule } from './index.js';
import { createFts5SearchRepo, NEWEST_STRAY_LIMIT, type Fts5SearchOptions } from './fts5-search-repo.js';
import { createSearchService, type SearchInput, type SearchOutcome } from './search-service.js';

/**
 * SQLite: a newest-first page from FTS5's walk down the index rows is the page a sort of every
 * match by date gives, also when stories were re-dated after they were first indexed (their rows
 * are old, their dates new), and the walk gives way to the sort when too many were.
 */
const STORIES = 1200;
const sqlite = (await testDatabases()).find((t) => t.name === 'sqlite')!;

test('[sqlite] newest first: the walk down the index rows gives the sorted pages, re-dated stories included', { timeout: 120_000 }, async () => {
  const handle = await sqlite.create();
  try {
    const clock = createManualClock('2025-06-01T00:00:00Z');
    const { directory } = createContentModule({ db: handle.db, clock, newId: createIdGenerator() });
    const sections = [await directory.createSection({ name: 'Ports' }), await directory.createSection({ name: 'Rivers' })];
    const writers = [await directory.createPerson({ name: 'Asha Menon' }), await directory.createPerson({ name: 'Ravi Pillai' })];
    const start = Date.parse('2024-01-01T00:00:00Z');
    const rows = Array.from({ length: STORIES }, (_, n) => {
      const words = [n % 2 === 0 ? 'harbour' : 'inland', n % 7 === 0 ? 'quay' : 'street'];
      const doc = JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `A note on the ${words.join(' and the ')}.` }] }] });
      return publishedArticleRow({ id: `s${String(n).padStart(6, '0')}`, slug: `story-${n}`, sectionId: sections[n % 3 === 0 ? 1 : 0]!.id, headline: `Story ${n} of the ${words.join(' ')}`, standfirst: '', body: doc, at: new Date(start + n * 3_600_000).toISOString() });
    });
    await handle.db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += 500) await trx.insertInto('articles').values(rows.slice(i, i + 500)).execute();
      await trx.insertInto('article_authors').values(rows.map((r, n) => ({ article_id: r.id!, person_id: writers[n % 5 === 0 ? 1 : 0]!.id, position: 0 }))).execute();
    });
    assert.equal(await createSearchModule({ db: handle.db, capabilities: handle.capabilities }).catchUp(), STORIES);

    const routes: string[] = [];
    const serviceWith = (options: Fts5SearchOptions) => createSearchService({ db: handle.db, index: (db) => createFts5SearchRepo(db, { ...options, onRoute: (r) => routes.push(r) }) });
    const walking = serviceWith({});
    const sorting = serviceWith({ walkLimit: 0 });
    const page = async (service: ReturnType<typeof serviceWith>, input: SearchInput) => {
      const outcome = (await service.search({ sort: 'newest', ...input })) as Extract<SearchOutcome, { ok: true }>;
      assert.ok(outcome.ok, JSON.stringify(input));
      return [...outcome.hits.map((h) => `${h.slug} ${h.publishedAt}`), `more: ${outcome.hasMore}`];
    };
    const inputs: SearchInput[] = [
      { q: 'harbour' },
      { q: 'harbour', perPage: 7, page: 3 },
      { q: 'harbour', perPage: 50, page: 12 }, // the last page and past it
      { q: 'harbour', perPage: 50, page: 13 },
      { q: 'quay' },
      { q: '"the harbour"', perPage: 5 },
      { q: 'harbour', section: 'rivers' },
      { q: 'harbour', author: 'ravi-pillai', perPage: 5 },
      { q: 'quay', to: '2024-01-20' },
      { q: 'harbour', from: '2024-02-01', to: '2024-02-03' },
      { q: 'nowhere' },
    ];
    const compare = async (label: string) => {
      for (const input of inputs) assert.deepEqual(await page(walking, input), await page(sorting, input), `${label}: ${JSON.stringify(input)}`);
    };

    await compare('in order');
    // Which pages walk: a word alone or in a section, from a date on; not a byline, a topic, an end
    // date, a page deeper than the walk goes, nor matches spread over more rows than `spanLimit`.
    const routeOf = async (input: SearchInput, service = walking) => {
      routes.length = 0;
      await page(service, input);
      return routes[0];
    };
    assert.equal(await routeOf({ q: 'harbour' }), 'walk');
    assert.equal(await routeOf({ q: 'harbour', section: 'rivers', from: '2024-01-10' }), 'walk');
    assert.equal(await routeOf({ q: 'harbour', author: 'ravi-pillai' }), 'sorted');
    assert.equal(await routeOf({ q: 'harbour', to: '2024-02-01' }), 'sorted');
    assert.equal(await routeOf({ q: 'quay', perPage: 50 }, serviceWith({ spanLimit: 200 })), 'sorted', '51 quays over 350 rows');
    assert.equal(await routeOf({ q: 'quay', perPage: 20 }, serviceWith({ spanLimit: 200 })), 'walk', '21 quays over 140 rows');

    // Five old stories re-dated to after every other (an editor's new publication date): their
    // index rows stay the oldest, so only the look-up behind the walk can find them.
    const redate = async (count: number, every: number) => {
      for (let i = 0; i < count; i++) {
        const at = new Date(start + (STORIES + 10 + i) * 3_600_000).toISOString();
        await sql`update search_documents set published_at = ${at} where article_id = ${`s${String(i * every).padStart(6, '0')}`}`.execute(handle.db);
      }
    };
    await redate(5, 14); // stories 0, 14, 28, 42, 56: harbour and quay
    routes.length = 0;
    const first = await page(walking, { q: 'harbour', perPage: 8 });
    assert.deepEqual(first.slice(0, 5).map((h) => h.split(' ')[0]), ['story-56', 'story-42', 'story-28', 'story-14', 'story-0'], 'the re-dated stories lead');
    assert.deepEqual(routes, ['walk and 5 strays']);
    await compare('five re-dated');

    // More re-dated than a look-up should check: the page is sorted from every match.
    await redate(NEWEST_STRAY_LIMIT + 4, 14);
    routes.length = 0;
    assert.deepEqual(await page(walking, { q: 'harbour' }), await page(sorting, { q: 'harbour' }));
    assert.equal(routes[0], 'sorted');
    await compare(`${NEWEST_STRAY_LIMIT + 4} re-dated`);

    // Deeper than the walk goes: sorted.
    routes.length = 0;
    const shallow = serviceWith({ walkLimit: 100 });
    assert.deepEqual(await page(shallow, { q: 'harbour', perPage: 50, page: 3 }), await page(sorting, { q: 'harbour', perPage: 50, page: 3 }));
    assert.equal(routes[0], 'sorted');
  } finally {
    await handle.db.destroy();
  }
});
