// `npm run bench:search`: reader search (issue 9, part 9) over 100,000 generated stories, in
// process through the search service (parse, filter, rank, highlight; no HTTP), on SQLite and, when
// DATABASE_URL or the test database is reachable, on PostgreSQL (in a fresh schema, dropped after).
//
// Stories are written straight into the tables (like test/support/bulk-stories.ts) with text drawn
// from a news vocabulary with a Zipf-like long tail, bylines from 400 names and 100 tags, then
// indexed by the search module's catch-up, the same code that indexes an older database at start.
// Each query runs 10 times unmeasured, then 200 times measured (40 on PostgreSQL). Aim on SQLite: p50 ≤ 5 ms, p95 ≤ 20 ms.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Kysely } from 'kysely';
import { createDatabase, type Database, type DatabaseHandle } from '../src/db/index.js';
import { createContentModule } from '../src/content/index.js';
import { createSearchModule, type SearchInput } from '../src/search/index.js';
import { createManualClock } from '../src/shared/clock.js';
import { createIdGenerator } from '../src/shared/ids.js';

const STORIES = Number(process.env.SEARCH_BENCH_STORIES ?? 100_000);
// PostgreSQL's slowest queries take a tenth of a second: fewer runs there keep the whole bench within minutes.
const RUNS = { SQLite: 200, PostgreSQL: 40 } as const;
const WARM = 10;

// A seeded generator, so every run searches the same archive.
// mulberry32: 32-bit integer arithmetic throughout (a float LCG loses precision past 2^53).
let seed = 42;
function random(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;

const STOP = `the of and to in a on for was with that is at by from he she it as has have were said after will be an their its this who which
but not are more than also had been over new into about two first last one all up out when would there they we our`.split(/\s+/);
const TOPICAL = `government minister police court state city election budget party report council village farmers monsoon market
company shares bank prices tax workers hospital school students river bridge railway airport army defence border talks treaty
summit president cabinet opposition protest strike union energy coal solar climate flood drought crop harvest wheat rice sugar
exports imports trade inflation jobs scheme judge hearing trial verdict appeal cricket football wicket captain coach stadium
festival theatre museum rocket satellite vaccine doctors patients virus scientists university startup`.split(/\s+/);
const FIRST = ['Rajnath', 'Asha', 'Priya', 'Vikram', 'Meera', 'Arjun', 'Kavita', 'Rahul', 'Sunita', 'Anil', 'Deepa', 'Sanjay', 'Nisha', 'Amit', 'Lakshmi', 'Ravi', 'Pooja', 'Suresh', 'Anjali', 'Manoj'];
const LAST = ['Singh', 'Rao', 'Sharma', 'Iyer', 'Menon', 'Gupta', 'Patel', 'Reddy', 'Nair', 'Das', 'Kapoor', 'Joshi', 'Verma', 'Bose', 'Pillai', 'Chopra', 'Mehta', 'Kulkarni', 'Banerjee', 'Thomas'];
const SYLLABLES = ['ka', 'ri', 'to', 'men', 'dar', 'lo', 'vi', 'shan', 'por', 'tel', 'ba', 'nu', 'gra', 'sel', 'mo', 'dhi'];
/**
 * 20,000 words ranked by frequency, drawn with probability ∝ 1/(rank + 2) (Zipf): stop words first,
 * then made-up words, with the topical words spread from rank 200 (in ~15% of stories) to rank
 * ~6,300 (under 1%), as a newsroom's "government" and "monsoon" are.
 */
const VOCABULARY = Array.from({ length: 20_000 }, (_, i) => `${SYLLABLES[i % 16]}${SYLLABLES[Math.floor(i / 16) % 16]}${SYLLABLES[Math.floor(i / 256) % 16]}${i >= 4096 ? SYLLABLES[Math.floor(i / 4096)] : ''}`);
STOP.forEach((w, i) => (VOCABULARY[i] = w));
TOPICAL.forEach((w, i) => (VOCABULARY[200 + i * 60] = w));
const RARE = VOCABULARY[15_001]!;
const ZIPF_C = 2;
const word = () => VOCABULARY[Math.min(VOCABULARY.length - 1, Math.floor(ZIPF_C * ((VOCABULARY.length + ZIPF_C) / ZIPF_C) ** random() - ZIPF_C))]!;
const words = (n: number) => Array.from({ length: n }, word).join(' ');
const NAMES = FIRST.flatMap((f) => LAST.map((l) => `${f} ${l}`));

function sentence(names: string[]): string {
  const text = words(8 + Math.floor(random() * 14));
  const r = random();
  if (r < 0.25) return `${pick(names)} said ${text}.`;
  if (r < 0.28) return `The prime minister said ${text}.`;
  return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
}

async function seedArchive(handle: DatabaseHandle) {
  const clock = createManualClock('2025-06-01T00:00:00Z');
  const newId = createIdGenerator();
  const { directory } = createContentModule({ db: handle.db, clock, newId });
  const sections: { id: string }[] = [];
  for (const name of ['News', 'World', 'Business', 'Sport', 'Science', 'Culture']) sections.push(await directory.createSection({ name }));
  const people: { id: string }[] = [];
  for (const name of NAMES) people.push(await directory.createPerson({ name }));
  const tags: { id: string }[] = [];
  for (let i = 0; i < 100; i++) tags.push(await directory.ensureTag(i < TOPICAL.length ? `${TOPICAL[i]} affairs` : `topic ${i}`));
  const start = Date.parse('2021-01-01T00:00:00Z');
  for (let offset = 0; offset < STORIES; offset += 500) {
    const rows = Array.from({ length: Math.min(500, STORIES - offset) }, (_, i) => {
      const n = offset + i;
      const at = new Date(start + n * 631_000).toISOString();
      const mentioned = [pick(NAMES), pick(NAMES)];
      const paragraphs = Array.from({ length: 6 }, () => Array.from({ length: 3 }, () => sentence(mentioned)).join(' '));
      return {
        id: newId(),
        slug: `story-${n}`,
        section_id: sections[n % sections.length]!.id,
        headline: `${mentioned[0]} on ${words(5)}`,
        standfirst: `${sentence(mentioned)}`,
        body: JSON.stringify({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }),
        status: 'published' as const,
        language: 'en',
        created_at: at,
        modified_at: at,
        published_at: at,
        first_published_at: at,
        version: 1,
        views: 0,
      };
    });
    await handle.db.transaction().execute(async (trx: Kysely<Database>) => {
      await trx.insertInto('articles').values(rows).execute();
      await trx.insertInto('article_authors').values(rows.map((a, i) => ({ article_id: a.id, person_id: people[(offset + i) % people.length]!.id, position: 0 }))).execute();
      await trx.insertInto('article_tags').values(rows.map((a, i) => ({ article_id: a.id, tag_id: tags[(offset + i * 7) % tags.length]!.id, position: 0 }))).execute();
    });
  }
}

const QUERIES: { name: string; input: SearchInput }[] = [
  { name: 'a frequent word', input: { q: 'government' } },
  { name: 'a topical word', input: { q: 'monsoon' } },
  { name: 'a rare word (~0.2% of stories)', input: { q: RARE } },
  { name: 'two words', input: { q: 'budget farmers' } },
  { name: 'a phrase', input: { q: '"prime minister"' } },
  { name: 'a name', input: { q: 'Rajnath Singh' } },
  { name: 'a name as a phrase', input: { q: '"Meera Iyer"' } },
  { name: 'word OR word -word', input: { q: 'cricket OR football -rain' } },
  { name: 'filtered (section, dates)', input: { q: 'election', section: 'news', from: '2022-01-01', to: '2022-12-31' } },
  { name: 'newest first', input: { q: 'river', sort: 'newest' } },
  { name: 'page 3', input: { q: 'police', page: 3 } },
  { name: 'no hits (did you mean)', input: { q: 'Rajnth Sinhg' } },
];

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

async function measure(label: keyof typeof RUNS, handle: DatabaseHandle) {
  let t = performance.now();
  await seedArchive(handle);
  console.log(`${label}: ${STORIES.toLocaleString('en')} stories written in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const search = createSearchModule({ db: handle.db, capabilities: handle.capabilities });
  t = performance.now();
  const indexed = await search.catchUp();
  console.log(`${label}: ${indexed.toLocaleString('en')} stories indexed in ${((performance.now() - t) / 1000).toFixed(1)} s`);
  const rows: string[] = [];
  const all: number[] = [];
  for (const { name, input } of QUERIES) {
    let hits = 0;
    for (let i = 0; i < WARM; i++) await search.service.search(input);
    const times: number[] = [];
    for (let i = 0; i < RUNS[label]; i++) {
      const started = performance.now();
      const outcome = await search.service.search(input);
      times.push(performance.now() - started);
      if (!outcome.ok) throw new Error(`${name}: ${outcome.message}`);
      hits = outcome.hits.length;
    }
    times.sort((a, b) => a - b);
    all.push(...times);
    rows.push(`| ${label} | ${name} | \`${input.q}\` | ${hits} | ${percentile(times, 50).toFixed(2)} | ${percentile(times, 95).toFixed(2)} |`);
  }
  all.sort((a, b) => a - b);
  rows.push(`| ${label} | **all queries** | | | **${percentile(all, 50).toFixed(2)}** | **${percentile(all, 95).toFixed(2)}** |`);
  console.log(rows.join('\n'));
  return { rows, p50: percentile(all, 50), p95: percentile(all, 95) };
}

async function postgresHandle(): Promise<(DatabaseHandle & { drop(): Promise<void> }) | null> {
  const url = process.env.DATABASE_URL ?? process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
  const admin = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
  try {
    await admin.connect();
  } catch {
    console.log(`PostgreSQL not reachable at ${url}: SQLite only`);
    return null;
  }
  const schema = `bench_search_${randomBytes(4).toString('hex')}`;
  await admin.query(`create schema ${schema}`);
  await admin.end();
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const handle = createDatabase({ kind: 'postgres', url: scoped.toString() });
  await handle.migrate();
  return {
    ...handle,
    async drop() {
      await handle.close();
      const cleanup = new pg.Client({ connectionString: url });
      await cleanup.connect();
      await cleanup.query(`drop schema ${schema} cascade`);
      await cleanup.end();
    },
  };
}

const sqlite = createDatabase({ kind: 'sqlite', file: join(mkdtempSync(join(tmpdir(), 'dateline-search-bench-')), 'bench.db') });
await sqlite.migrate();
const results = [await measure('SQLite', sqlite)];
await sqlite.close();
const postgres = await postgresHandle();
if (postgres) {
  try {
    results.push(await measure('PostgreSQL', postgres));
  } finally {
    await postgres.drop();
  }
}

console.log(`\n| database | query | q | hits | p50 ms | p95 ms |\n|---|---|---|---|---|---|`);
for (const r of results) console.log(r.rows.join('\n'));
const [lite] = results;
const ok = lite!.p50 <= 5 && lite!.p95 <= 20;
console.log(`\nSQLite over all queries: p50 ${lite!.p50.toFixed(2)} ms (aim ≤ 5), p95 ${lite!.p95.toFixed(2)} ms (aim ≤ 20): ${ok ? 'met' : 'NOT met'}`);
