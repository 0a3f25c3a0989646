// `npm run bench:admin`: the editorial desk's figures from issue 3 —
//   1. the admin story list over 10,000 stories: p50/p95 latency for common queries;
//   2. a 12-megapixel JPEG upload through the API to its immediate variants, and the
//      background AVIF variants after it;
//   3. the editor app's JavaScript size as served (plain, gzip, brotli), read from the built dist/admin.
import { existsSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import sharp from 'sharp';
import { pino } from 'pino';
import { loadConfig } from '../src/config/index.js';
import { createApp } from '../src/server/create-app.js';
import { createIdGenerator } from '../src/shared/ids.js';

const STORIES = Number(process.env.BENCH_STORIES ?? 10_000);
const root = new URL('..', import.meta.url).pathname;
const dataDir = mkdtempSync(join(tmpdir(), 'dateline-bench-admin-'));
const app = await createApp(loadConfig({ DATA_DIR: dataDir, DATELINE_DEMO: '0', LOG_LEVEL: 'silent', ...(process.env.DATABASE_URL ? { DATABASE_URL: process.env.DATABASE_URL } : {}) }, root), {
  log: pino({ level: 'silent' }),
  backgroundJobs: false,
});

const pct = (sorted: number[], q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;

try {
  // Seed: sections, people, and STORIES articles written straight through the repositories' tables in batches.
  const { db } = app.database;
  const newId = createIdGenerator();
  const sections = await Promise.all(['News', 'Business', 'Sport', 'Culture', 'Science'].map((n) => app.services.directory.ensureSection(n)));
  const people = await Promise.all(['Asha Rao', 'Tom Field', 'Mei Okafor', 'Dev Menon'].map((n) => app.services.directory.ensurePerson(n)));
  const statuses = ['draft', 'submitted', 'published', 'published', 'published', 'scheduled'] as const;
  const started = Date.now();
  const base = Date.parse('2025-01-01T00:00:00Z');
  for (let offset = 0; offset < STORIES; offset += 500) {
    const batch = Array.from({ length: Math.min(500, STORIES - offset) }, (_, i) => {
      const n = offset + i;
      const at = new Date(base + n * 600_000).toISOString();
      const status = statuses[n % statuses.length]!;
      return {
        id: newId(),
        slug: `story-${n}`,
        section_id: sections[n % sections.length]!.id,
        headline: `Story number ${n} about ${['water', 'budgets', 'cricket', 'theatre', 'rockets'][n % 5]}`,
        standfirst: `The standfirst of story ${n}.`,
        body: JSON.stringify({ type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: `Body of story ${n}.` }] }] }),
        status,
        language: 'en',
        created_at: at,
        modified_at: at,
        published_at: status === 'published' ? at : null,
        first_published_at: status === 'published' ? at : null,
        version: 1,
        views: n % 997,
      };
    });
    await db.transaction().execute(async (trx) => {
      await trx.insertInto('articles').values(batch).execute();
      await trx.insertInto('article_authors').values(batch.map((a, i) => ({ article_id: a.id, person_id: people[(offset + i) % people.length]!.id, position: 0 }))).execute();
    });
  }
  console.log(`\nSeeded ${STORIES.toLocaleString('en-US')} stories in ${Date.now() - started} ms (${app.database.capabilities.dialect})`);

  await app.services.users.add({ email: 'bench@example.com', name: 'Bench Editor', role: 'editor', password: 'a long bench password' });
  const login = await app.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email: 'bench@example.com', password: 'a long bench password' } });
  const cookie = String(login.headers['set-cookie']).split(';')[0]!;
  const csrf = login.json().csrfToken as string;

  const queries = [
    '/api/admin/articles',
    '/api/admin/articles?status=published&page=40',
    `/api/admin/articles?section=${sections[2]!.id}&sort=headline&order=asc`,
    `/api/admin/articles?author=${people[1]!.id}&status=draft`,
    '/api/admin/articles?q=cricket&page=3',
  ];
  console.log('\nAdmin story list (through HTTP inject, 200 requests each)');
  for (const url of queries) {
    const times: number[] = [];
    for (let i = 0; i < 220; i++) {
      const t = performance.now();
      const res = await app.app.inject({ method: 'GET', url, headers: { cookie } });
      if (res.statusCode !== 200) throw new Error(`${url} → ${res.statusCode}`);
      if (i >= 20) times.push(performance.now() - t);
    }
    times.sort((a, b) => a - b);
    console.log(`  ${url.replace(/[0-9a-z]{26}/g, '<id>').padEnd(58)} p50 ${pct(times, 0.5).toFixed(1).padStart(5)} ms  p95 ${pct(times, 0.95).toFixed(1).padStart(5)} ms`);
  }

  // A 12-megapixel photo with real detail (noise), so encoders do real work.
  const photo = await sharp({ create: { width: 4000, height: 3000, channels: 3, background: { r: 90, g: 120, b: 160 }, noise: { type: 'gaussian', mean: 120, sigma: 40 } } })
    .jpeg({ quality: 88 })
    .toBuffer();
  const boundary = '----datelinebench';
  const multipart = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="credit"\r\n\r\nMNA\r\n--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\nContent-Type: image/jpeg\r\n\r\n`),
    photo,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  console.log(`\n12-megapixel JPEG upload (${(photo.length / 1048576).toFixed(1)} MB)`);
  for (let run = 1; run <= 3; run++) {
    const t = performance.now();
    const res = await app.app.inject({ method: 'POST', url: '/api/admin/media', headers: { cookie, 'x-csrf-token': csrf, 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: multipart });
    const uploadMs = performance.now() - t;
    if (res.statusCode !== 201) throw new Error(`upload → ${res.statusCode} ${res.body}`);
    const a = performance.now();
    await app.variantWorker.drain();
    const avifMs = performance.now() - a;
    console.log(`  run ${run}: upload answered with original + JPEG/WebP variants + thumbnails in ${uploadMs.toFixed(0)} ms; AVIF variants (background) ${avifMs.toFixed(0)} ms; all variants ${(uploadMs + avifMs).toFixed(0)} ms`);
  }

  const assets = join(root, 'dist/admin/assets');
  try {
    // As served: the .gz and .br copies the build writes beside each file (gzip computed here if a build predates them).
    const size = (file: string, coding: 'gz' | 'br') => (existsSync(`${file}.${coding}`) ? statSync(`${file}.${coding}`).size : coding === 'gz' ? gzipSync(readFileSync(file)).length : NaN);
    const files = readdirSync(assets).filter((f) => f.endsWith('.js'));
    const sizes = files.map((f) => ({ f, plain: statSync(join(assets, f)).size, gz: size(join(assets, f), 'gz'), br: size(join(assets, f), 'br') })).sort((x, y) => y.gz - x.gz);
    const total = sizes.reduce((s, x) => s + x.gz, 0);
    const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`.padStart(9);
    console.log(`\nEditor app JavaScript (gzip): ${(total / 1024).toFixed(1)} KB in ${files.length} files`);
    console.log(`  ${''.padEnd(40)}  identity      gzip    brotli`);
    for (const { f, plain, gz, br } of sizes.slice(0, 6)) console.log(`  ${f.padEnd(40)} ${kb(plain)} ${kb(gz)} ${kb(br)}`);
  } catch {
    console.log('\nEditor app not built (npm run build:admin)');
  }
} finally {
  await app.close();
}
