// `npm run bench:ingest`: wire ingest throughput (issue 9, part 9): items per second through
// the whole pipeline after the fetch — decode → parse → normalise → dedupe (per-source keys and
// near-duplicate grouping over MinHash bands) → queue (one INSERT per item) — in process, for a
// large RSS 2.0 file and a large ninjs array, on SQLite and, when reachable, PostgreSQL.
//
// Items are generated from a news vocabulary plus each story's own made-up names and figures; one in ten is a light rewrite of an earlier item,
// so grouping finds candidates. Each format is run twice: the first run queues every item, the
// second finds every item a duplicate (the cost of re-reading a feed that has not changed but
// sends no ETag). The queue step writes a document's items in one transaction, as the poller does.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { pino } from 'pino';
import { createDatabase, type DatabaseHandle } from '../src/db/index.js';
import { createIncomingRepo } from '../src/ingest/incoming-repo.js';
import { createIngestPipeline } from '../src/ingest/ingest-pipeline.js';
import { createSourceRepo } from '../src/ingest/source-repo.js';
import { createManualClock } from '../src/shared/clock.js';
import { createIdGenerator } from '../src/shared/ids.js';

const ITEMS = Number(process.env.INGEST_BENCH_ITEMS ?? 5000);
// mulberry32: seeded, so every run ingests the same items (a float LCG loses precision and repeats).
let seed = 7;
const random = () => {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
};
const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
const WORDS = `government minister police court state city election budget party report council village farmers monsoon market
company shares bank prices tax workers hospital school students river bridge railway airport army defence border talks treaty
summit president cabinet opposition protest strike union energy coal solar climate flood drought crop harvest wheat rice sugar
the of and to in a on for was with that is at by from said after will be their this who which over new into about`.split(/\s+/);
const SYLLABLES = ['ka', 'ra', 'vi', 'mo', 'shan', 'del', 'por', 'tu', 'len', 'ba', 'ni', 'gar', 'sol', 'me', 'hu', 'zar', 'pri', 'ot', 'qui', 'an'];
/** A made-up proper noun or figure: what makes one story's words its own (names, places, numbers). */
const ownWord = () => (random() < 0.3 ? String(Math.floor(random() * 100_000)) : Array.from({ length: 2 + Math.floor(random() * 2) }, () => pick(SYLLABLES)).join(''));
const FUNCTION_WORDS = WORDS.slice(WORDS.indexOf('the'));
const TOPIC_WORDS = WORDS.slice(0, WORDS.indexOf('the'));
/**
 * A sentence as real copy has it: function words, the story's own subject words (a dozen of the
 * news vocabulary: no story is about everything) and its own names and figures.
 */
const sentence = (n: number, own: readonly string[]) =>
  Array.from({ length: n }, () => {
    const roll = random();
    return roll < 0.4 ? pick(FUNCTION_WORDS) : pick(own);
  }).join(' ');

function stories(): { headline: string; paragraphs: string[]; own: string[] }[] {
  const out: { headline: string; paragraphs: string[]; own: string[] }[] = [];
  for (let i = 0; i < ITEMS; i++) {
    if (i > 10 && i % 10 === 0) {
      // A light rewrite of an earlier item: its last paragraph written anew about the same people and places.
      const earlier = out[Math.floor(random() * out.length)]!;
      out.push({ headline: earlier.headline, paragraphs: [...earlier.paragraphs.slice(0, -1), sentence(12, earlier.own)], own: earlier.own });
    } else {
      const own = [...Array.from({ length: 25 }, ownWord), ...Array.from({ length: 12 }, () => pick(TOPIC_WORDS))];
      out.push({ headline: sentence(8, own), paragraphs: Array.from({ length: 6 }, () => sentence(30, own)), own });
    }
  }
  return out;
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function rssFile(list: ReturnType<typeof stories>): Buffer {
  const items = list.map(
    (s, i) =>
      `<item><title>${escape(s.headline)}</title><link>https://wire.example.com/${i}</link><guid>rss-${i}</guid><dc:creator>Asha Rao</dc:creator><pubDate>Thu, 26 Jun 2025 10:15:00 GMT</pubDate><description>${escape(s.paragraphs[0]!)}</description><content:encoded><![CDATA[${s.paragraphs.map((p) => `<p>${p}</p>`).join('')}]]></content:encoded></item>`,
  );
  return Buffer.from(`<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Bench</title>${items.join('')}</channel></rss>`);
}

function ninjsFile(list: ReturnType<typeof stories>): Buffer {
  const items = list.map((s, i) => ({
    uri: `urn:bench:${i}`,
    standard: { name: 'ninjs', version: '2.1' },
    type: 'text',
    headlines: [{ role: 'main', value: s.headline }],
    bodies: [{ role: 'main', contentType: 'text/html', value: s.paragraphs.map((p) => `<p>${p}</p>`).join('') }],
    by: 'Priya Sharma',
    versioncreated: '2025-06-26T10:00:00Z',
  }));
  return Buffer.from(JSON.stringify(items));
}

async function run(name: string, handle: DatabaseHandle) {
  await handle.migrate();
  const clock = createManualClock('2025-06-27T04:30:00Z');
  const newId = createIdGenerator(() => clock.now().getTime());
  const sources = createSourceRepo(handle.db);
  const pipeline = createIngestPipeline({ incoming: createIncomingRepo(handle.db), clock, newId, log: pino({ level: 'silent' }), fetchSource: async () => ({ ok: false, reason: 'bench', message: 'no fetch in the benchmark' }), transaction: (work) => handle.db.transaction().execute((trx) => work(createIncomingRepo(trx))) });
  const list = stories();
  for (const [format, bytes] of [['RSS 2.0', rssFile(list)], ['ninjs 2.x', ninjsFile(list)]] as const) {
    const id = newId();
    await sources.insert(id, { name: format, kind: 'rss', url: 'https://wire.example.com/', folder: null, intervalMinutes: 15, sectionSlug: null, credit: null, autoPublish: false, paused: false, keepHours: 72 }, clock.now().toISOString());
    const source = (await sources.get(id))!;
    for (const pass of ['first (all new)', 'again (all duplicates)']) {
      const started = performance.now();
      const result = await pipeline.run(source, [{ name: format, bytes, contentType: null }]);
      const ms = performance.now() - started;
      if (!result.ok) throw new Error(`${format}: ${result.message}`);
      const queued = result.batch.queued.length;
      const groups = pass.startsWith('first') ? await handle.db.selectFrom('incoming_items').select(({ fn }) => fn.count<number>('group_id').distinct().as('n')).where('source_id', '=', id).executeTakeFirstOrThrow() : null;
      const steps = Object.entries(result.ms).map(([step, t]) => `${step} ${Math.round(t)}`).join(', ');
      console.log(
        `${name.padEnd(10)} ${format.padEnd(9)} ${pass.padEnd(22)} ${ITEMS} items (${(bytes.length / 1_048_576).toFixed(1)} MB) in ${Math.round(ms)} ms = ${Math.round((ITEMS / ms) * 1000)} items/s; queued ${queued}${groups ? `, ${Number(groups.n)} groups` : ''}; ms per step: ${steps}`,
      );
      if (pass.startsWith('first') && queued !== ITEMS) throw new Error(`expected ${ITEMS} queued, got ${queued}`);
      if (!pass.startsWith('first') && queued !== 0) throw new Error('a duplicate was queued');
      if (groups && Number(groups.n) >= ITEMS) throw new Error('no near-duplicates were grouped');
    }
  }
}

const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-ingest-'));
const sqlite = createDatabase({ kind: 'sqlite', file: join(dir, 'bench.db') });
try {
  await run('SQLite', sqlite);
} finally {
  await sqlite.close();
}

const url = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000 });
const reachable = await probe.connect().then(
  () => true,
  () => false,
);
if (reachable) {
  const schema = `bench_ingest_${randomBytes(4).toString('hex')}`;
  await probe.query(`create schema ${schema}`);
  const scoped = new URL(url);
  scoped.searchParams.set('options', `-c search_path=${schema}`);
  const postgres = createDatabase({ kind: 'postgres', url: scoped.href });
  try {
    await run('PostgreSQL', postgres);
  } finally {
    await postgres.close();
    await probe.query(`drop schema ${schema} cascade`);
  }
} else console.log('PostgreSQL not reachable: SQLite only');
await probe.end().catch(() => {});
