import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { sql } from 'kysely';
import { createDatabase } from '../../src/db/index.js';
import { createLocalMediaStorage, sweepOrphanFiles } from '../../src/media/index.js';
import { createMediaRepo } from '../../src/media/media-repo.js';
import { filesUnder } from './files.js';
import { freePort, startServer, type ServerProcess } from './server-process.js';
import { setUpDeskOverHttp } from './http-desk.js';

/**
 * Crash safety, for real: a `dateline serve` process on SQLite is given editorial and reader
 * traffic (publishes, edits, schedules, uploads, view beacons) and killed with SIGKILL at random
 * moments, then restarted, `kills` times; at the end it is stopped with SIGTERM after a last burst
 * of views. The report says what the API acknowledged and what the database holds afterwards;
 * the test (bounded) and `npm run chaos` (20 kills) assert on it.
 */
export interface ChaosReport {
  kills: number;
  integrity: string;
  foreignKeyProblems: number;
  acknowledged: { publishes: number; schedules: number; updates: number; uploads: number; views: number };
  /** Acknowledged publishes (and schedules due) that are not published. */
  missingPublishes: string[];
  /** Scheduled stories whose publication was recorded a number of times other than once. */
  scheduledNotOnce: { id: string; times: number }[];
  /** Stories whose public headline is neither the last acknowledged update nor one sent after it. */
  lostUpdates: string[];
  /** Acknowledged uploads with no row, or rows whose files are missing. */
  missingMedia: string[];
  /** Files of interrupted uploads found after the crashes, removed by the orphan sweep; none may be referenced. */
  orphanFilesSwept: number;
  filesWithoutRow: number;
  rowsWithoutFile: number;
  views: { stored: number; lost: number; allowedLoss: number; sigtermPhase: { sent: number; stored: number } };
  serverErrors: string[];
}

const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';
/** Views are written every second (src/audience); a kill may lose what arrived since the last write. */
const FLUSH_MS = 1000;
/** How often the publishing scheduler looks when it found nothing due (src/jobs). */
const SCHEDULER_INTERVAL_MS = 5000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runChaos(options: { kills: number; log?: (line: string) => void; random?: () => number }): Promise<ChaosReport> {
  const random = options.random ?? Math.random;
  const log = options.log ?? (() => {});
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-chaos-'));
  const port = await freePort();
  const env = { DATA_DIR: dataDir, DATELINE_DEMO: '0', TRUST_PROXY: 'loopback', PORT: String(port) };
  let server: ServerProcess = await startServer(env);
  const base = server.url;
  const serverErrors: string[] = [];

  // An admin and a session (sessions are rows: they outlive every restart).
  const session = await setUpDeskOverHttp(base, server.setupPath()!);
  const section = (await desk('POST', '/api/admin/sections', { name: 'City' })).json as { id: string };
  const beaconStory = await publishNew('The story readers keep reading');

  /** One desk request; throws when the server is down (not acknowledged), records a 5xx. */
  async function desk(method: string, path: string, body?: unknown, form?: FormData): Promise<{ status: number; json: any }> {
    const res = await session.request(method, path, body, form);
    if (res.status >= 500) serverErrors.push(`${method} ${path} → ${res.status} ${JSON.stringify(res.json).slice(0, 200)}`);
    return res;
  }
  async function publishNew(headline: string): Promise<string> {
    const draft = await desk('POST', '/api/admin/articles', { headline, sectionId: section.id });
    if (draft.status !== 201) throw new Error(`create: ${draft.status}`);
    const done = await desk('POST', `/api/admin/articles/${draft.json.id}/publish`, { version: draft.json.version });
    if (done.status !== 200) throw new Error(`publish: ${done.status} ${JSON.stringify(done.json)}`);
    return draft.json.id as string;
  }

  const acked = { publishes: [] as string[], schedules: [] as { id: string; at: number }[], updates: new Map<string, { acked: string | null; sentAfter: string[] }>(), uploads: [] as string[], views: [] as number[] };
  const picture = await sharp({ create: { width: 320, height: 200, channels: 3, background: { r: 40, g: 90, b: 150 } } }).jpeg().toBuffer();
  let running = true;
  let n = 0;
  /** Runs `step` over and over; a refused connection (the process is down) just waits a moment. */
  const loop = async (step: () => Promise<unknown>) => {
    while (running) {
      try {
        await step();
      } catch {
        await sleep(50);
      }
    }
  };
  const traffic = [
    loop(async () => acked.publishes.push(await publishNew(`Council story ${++n}`))),
    loop(async () => {
      const draft = await desk('POST', '/api/admin/articles', { headline: `Scheduled story ${++n}`, sectionId: section.id });
      if (draft.status !== 201) return;
      const at = Date.now() + 1000 + Math.floor(random() * 3000);
      const res = await desk('POST', `/api/admin/articles/${draft.json.id}/schedule`, { version: draft.json.version, at: new Date(at).toISOString() });
      if (res.status === 200) acked.schedules.push({ id: draft.json.id, at });
    }),
    loop(async () => {
      const id = acked.publishes[Math.floor(random() * acked.publishes.length)];
      if (!id) return sleep(50);
      const story = await desk('GET', `/api/admin/articles/${id}`);
      if (story.status !== 200) return;
      const headline = `Updated headline ${++n}`;
      const entry = acked.updates.get(id) ?? { acked: null, sentAfter: [] };
      acked.updates.set(id, entry);
      entry.sentAfter.push(headline);
      const saved = await desk('PATCH', `/api/admin/articles/${id}`, { headline, version: story.json.version });
      if (saved.status !== 200) return;
      const live = await desk('POST', `/api/admin/articles/${id}/update`, { version: saved.json.version });
      if (live.status === 200) {
        entry.acked = headline;
        entry.sentAfter = [];
      }
    }),
    loop(async () => {
      const form = new FormData();
      form.append('alt', 'A chaos test picture');
      form.append('file', new Blob([picture], { type: 'image/jpeg' }), 'chaos.jpg');
      const res = await desk('POST', '/api/admin/media', undefined, form);
      if (res.status === 201) acked.uploads.push(res.json.id);
    }),
    ...Array.from({ length: 4 }, () =>
      loop(async () => {
        const reader = ++n;
        const res = await fetch(`${base}/api/views/${beaconStory}`, {
          method: 'POST',
          headers: { 'user-agent': CHROME, 'content-type': 'text/plain', 'x-forwarded-for': `10.${(reader >> 16) & 255}.${(reader >> 8) & 255}.${reader & 255}` },
          body: '{}',
        });
        if (res.status >= 500) serverErrors.push(`beacon → ${res.status}`);
        if (res.status === 200 && ((await res.json()) as { counted?: boolean }).counted) acked.views.push(Date.now());
      }),
    ),
  ];

  const killedAt: number[] = [];
  for (let i = 0; i < options.kills; i++) {
    await sleep(400 + Math.floor(random() * 1600));
    await server.stop('SIGKILL');
    killedAt.push(Date.now());
    log(`kill ${i + 1}/${options.kills}: ${acked.publishes.length} publishes, ${acked.schedules.length} schedules, ${acked.uploads.length} uploads, ${acked.views.length} views acknowledged`);
    server = await startServer(env);
  }
  await sleep(1000);
  running = false;
  await Promise.all(traffic);

  // SIGTERM loses nothing: a last burst of views, then a graceful stop. First let the last
  // write of the traffic above land, so the count before the burst is settled.
  await sleep(FLUSH_MS + 500);
  const viewsBeforeTerm = acked.views.length;
  const storedBeforeTerm = await storedViews();
  for (let i = 0; i < 40; i++) {
    const res = await fetch(`${base}/api/views/${beaconStory}`, { method: 'POST', headers: { 'user-agent': CHROME, 'content-type': 'text/plain', 'x-forwarded-for': `172.16.0.${i + 1}` }, body: '{}' });
    if (res.status === 200 && ((await res.json()) as { counted?: boolean }).counted) acked.views.push(Date.now());
  }
  await server.stop('SIGTERM');
  const termSent = acked.views.length - viewsBeforeTerm;
  const termStored = (await storedViews()) - storedBeforeTerm;

  // A fresh start publishes what the crashes left waiting. The scheduler looks every 5 s when it
  // finds nothing, so a story is published up to 5 s after it is due: wait for that, not longer.
  const lastDue = Math.max(0, ...acked.schedules.map((s) => s.at));
  server = await startServer(env);
  const deadline = Math.max(Date.now(), lastDue) + SCHEDULER_INTERVAL_MS + 5000;
  while (Date.now() < deadline && (await waitingSchedules()) > 0) await sleep(250);
  await server.stop('SIGTERM');

  return inspect();

  /** Acknowledged schedules not published yet (read beside the running server; SQLite in WAL mode). */
  async function waitingSchedules(): Promise<number> {
    const ids = acked.schedules.map((s) => s.id);
    if (!ids.length) return 0;
    const database = createDatabase({ kind: 'sqlite', file: join(dataDir, 'dateline.db') });
    try {
      return (await database.db.selectFrom('articles').select('id').where('id', 'in', ids).where('status', '!=', 'published').execute()).length;
    } finally {
      await database.close();
    }
  }

  async function storedViews(): Promise<number> {
    const database = createDatabase({ kind: 'sqlite', file: join(dataDir, 'dateline.db') });
    try {
      return Number((await database.db.selectFrom('articles').select('views').where('id', '=', beaconStory).executeTakeFirstOrThrow()).views);
    } finally {
      await database.close();
    }
  }

  async function inspect(): Promise<ChaosReport> {
    const database = createDatabase({ kind: 'sqlite', file: join(dataDir, 'dateline.db') });
    const { db } = database;
    try {
      const integrity = (await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db)).rows.map((r) => r.integrity_check).join('; ');
      const foreignKeyProblems = (await sql`pragma foreign_key_check`.execute(db)).rows.length;
      const statuses = new Map((await db.selectFrom('articles').select(['id', 'status', 'headline']).execute()).map((r) => [r.id, r]));
      const missingPublishes = [...acked.publishes, ...acked.schedules.map((s) => s.id)].filter((id) => statuses.get(id)?.status !== 'published');
      const scheduledNotOnce: { id: string; times: number }[] = [];
      for (const { id } of acked.schedules) {
        const revisions = await db.selectFrom('revisions').select('snapshot').where('article_id', '=', id).where('kind', '=', 'workflow').execute();
        const times = revisions.filter((r) => JSON.parse(r.snapshot).status === 'published').length;
        if (times !== 1) scheduledNotOnce.push({ id, times });
      }
      const lostUpdates = [...acked.updates].filter(([id, u]) => u.acked && statuses.get(id)?.headline !== u.acked && !u.sentAfter.includes(statuses.get(id)?.headline ?? '')).map(([id]) => id);

      const rows = await db.selectFrom('media').select(['id', 'original_path']).execute();
      const variantPaths = (await db.selectFrom('media_variants').select('path').execute()).map((v) => v.path);
      const referenced = new Set([...rows.map((r) => r.original_path).filter(Boolean), ...variantPaths]);
      const mediaRoot = join(dataDir, 'media');
      const swept = await sweepOrphanFiles({ storage: createLocalMediaStorage(mediaRoot), media: createMediaRepo(db), now: () => Date.now(), log: { info() {}, warn() {} } as never, minAgeMs: 0 });
      const files = new Set(filesUnder(mediaRoot).filter((f) => !f.startsWith('cards/')));
      const missingMedia = acked.uploads.filter((id) => !rows.some((r) => r.id === id));
      const rowsWithoutFile = [...referenced].filter((p) => !files.has(p)).length;
      const filesWithoutRow = [...files].filter((f) => !referenced.has(f)).length;

      const stored = Number((await db.selectFrom('articles').select('views').where('id', '=', beaconStory).executeTakeFirstOrThrow()).views);
      // What a kill may cost: the views acknowledged in the last flush interval (and a little) before it.
      const allowedLoss = killedAt.reduce((sum, at) => sum + acked.views.filter((t) => t > at - FLUSH_MS - 250 && t <= at).length, 0);
      return {
        kills: killedAt.length,
        integrity,
        foreignKeyProblems,
        acknowledged: { publishes: acked.publishes.length, schedules: acked.schedules.length, updates: [...acked.updates.values()].filter((u) => u.acked).length, uploads: acked.uploads.length, views: acked.views.length },
        missingPublishes,
        scheduledNotOnce,
        lostUpdates,
        missingMedia,
        orphanFilesSwept: swept.length,
        filesWithoutRow,
        rowsWithoutFile,
        views: { stored, lost: acked.views.length - stored, allowedLoss, sigtermPhase: { sent: termSent, stored: termStored } },
        serverErrors,
      };
    } finally {
      await database.close();
    }
  }
}
