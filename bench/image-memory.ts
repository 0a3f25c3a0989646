// `npm run bench:images`: peak memory of the worst pictures an upload accepts, each in a
// fresh process (the figure is the process's peak resident set, `maxRSS`), and how fast a
// decompression bomb is refused. The limits are in src/media/image-variants.ts; the
// figures go in docs/benchmarks.md and the README.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { pino } from 'pino';
import { createDatabase } from '../src/db/index.js';
import { createLocalMediaStorage, createMediaService, useAllCoresForImages } from '../src/media/index.js';
import { systemClock } from '../src/shared/clock.js';
import { blankPng } from '../test/support/png.js';
import { createIdGenerator } from '../src/shared/ids.js';

interface Case {
  name: string;
  make: () => Promise<Buffer>;
}

// Noise makes files as large as the 25 MB upload limit allows; flat pixels make tiny files of the same size in pixels.
const noisy = (width: number, height: number, sigma = 40) => sharp({ create: { width, height, channels: 3, background: '#3a6ea5', noise: { type: 'gaussian', mean: 120, sigma } } });
const flat = (width: number, height: number) => sharp({ create: { width, height, channels: 3, background: '#3a6ea5' } });

const cases: Case[] = [
  { name: 'JPEG 9480×6320 (59.9 MP)', make: () => noisy(9480, 6320, 12).jpeg({ quality: 80 }).toBuffer() },
  { name: 'PNG 7745×7745 (60.0 MP)', make: () => flat(7745, 7745).png().toBuffer() },
  { name: 'PNG 12000×5000 (60 MP, longest side)', make: () => flat(12000, 5000).png().toBuffer() },
  { name: 'PNG 12000×1200 (widest aspect ratio)', make: () => flat(12000, 1200).png().toBuffer() },
  { name: 'WebP 7745×7745 (60.0 MP)', make: () => noisy(7745, 7745, 12).webp({ quality: 75 }).toBuffer() },
  { name: 'GIF 7745×7745 (60.0 MP)', make: () => flat(7745, 7745).gif().toBuffer() },
  { name: 'AVIF 5470×3650 (20.0 MP, the AVIF limit)', make: () => noisy(5470, 3650, 12).avif({ effort: 0 }).toBuffer() },
  { name: 'refused: AVIF 7745×7745 (60 MP)', make: () => flat(7745, 7745).avif({ effort: 0 }).toBuffer() },
  { name: 'refused: PNG 10,000,000×5 (the bomb)', make: async () => blankPng(10_000_000, 5) },
];

/**
 * The process's peak resident set (VmHWM). Not resourceUsage().maxRSS: on Linux that survives
 * exec, so a child would report the parent's peak from when it was forked.
 */
function peakResidentKb(): number {
  const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  return match ? Number(match[1]) : NaN;
}

/** Child: one upload through the media service (original, JPEG/WebP set), then its AVIF set. */
async function measure(file: string): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-img-'));
  const database = createDatabase({ kind: 'sqlite', file: join(dir, 'db.sqlite') });
  await database.migrate();
  useAllCoresForImages(availableParallelism());
  const media = createMediaService({ db: database.db, storage: createLocalMediaStorage(join(dir, 'media')), clock: systemClock, newId: createIdGenerator(), log: pino({ level: 'silent' }) });
  const input = readFileSync(file);
  const before = peakResidentKb();
  const started = performance.now();
  let outcome = 'accepted';
  try {
    const prepared = await media.prepare(input);
    await database.db.transaction().execute((trx) => prepared.commit(trx));
    await media.processPending();
  } catch (err) {
    outcome = `refused (${(err as Error).message})`;
  }
  const ms = performance.now() - started;
  process.stdout.write(JSON.stringify({ outcome, ms: Math.round(ms), baselineMb: Math.round(before / 1024), peakMb: Math.round(peakResidentKb() / 1024), bytes: input.length }) + '\n');
  await database.close();
}

if (process.argv[2] === '--child') {
  await measure(process.argv[3]!);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-bench-images-'));
  console.log(`Peak memory per upload (one picture at a time, sharp on ${availableParallelism()} threads), each in a fresh process:\n`);
  console.log('| picture | file | outcome | time | peak RSS |');
  console.log('|---|---|---|---|---|');
  for (const c of cases) {
    const file = join(dir, 'input');
    writeFileSync(file, await c.make());
    const child = spawnSync(process.execPath, ['--import', 'tsx', new URL(import.meta.url).pathname, '--child', file], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) {
      console.log(`| ${c.name} | | child failed: ${child.stderr.split('\n').slice(-5).join(' ')} | | |`);
      continue;
    }
    const r = JSON.parse(child.stdout.trim().split('\n').pop()!);
    console.log(`| ${c.name} | ${(r.bytes / 1024).toFixed(0)} KB | ${r.outcome.slice(0, 90)} | ${(r.ms / 1000).toFixed(1)} s | ${r.peakMb} MB (${r.baselineMb} MB before) |`);
  }
}
