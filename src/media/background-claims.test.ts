import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, utimesSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { pino } from 'pino';
import { testDatabases } from '../../test/support/databases.js';
import { filesUnder } from '../../test/support/files.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createImageQueue, createLocalMediaStorage, createMediaRepo, createMediaService, sweepOrphanFiles, type ImageQueue } from './index.js';
import { ImageBusy } from './errors.js';

const log = pino({ level: 'silent' });
const photo = (w = 900, h = 500) => sharp({ create: { width: w, height: h, channels: 3, background: { r: 40, g: 120, b: 90 } } }).jpeg().toBuffer();


/** A queue that holds every job until `open()`: a process that is slow (or frozen) mid-work. */
function gatedQueue(): ImageQueue & { open(): void } {
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const inner = createImageQueue({ concurrency: 1, maxWaiting: 100 });
  return { run: (work, priority) => inner.run(async () => (await gate, work()), priority), running: 0, waiting: 0, open } as ImageQueue & { open(): void };
}

test('the image queue runs one job at a time, puts uploads before background work, and refuses a flood of uploads', async () => {
  const queue = createImageQueue({ concurrency: 1, maxWaiting: 2 });
  const order: string[] = [];
  let release!: () => void;
  const first = queue.run(() => new Promise<void>((resolve) => (release = () => (order.push('first'), resolve()))), 'background');
  const later = queue.run(async () => void order.push('background'), 'background');
  const upload = queue.run(async () => void order.push('upload'), 'interactive');
  const second = queue.run(async () => void order.push('upload 2'), 'interactive');
  await assert.rejects(queue.run(async () => undefined, 'interactive'), (err) => err instanceof ImageBusy, 'a third waiting upload is refused with 503');
  const stillQueued = queue.run(async () => void order.push('background 2'), 'background');
  assert.equal(queue.running, 1);
  release();
  await Promise.all([first, later, upload, second, stillQueued]);
  assert.deepEqual(order, ['first', 'upload', 'upload 2', 'background', 'background 2']);
});

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  async function setup() {
    const handle = await target.create();
    const root = mkdtempSync(join(tmpdir(), 'dateline-claims-'));
    const storage = createLocalMediaStorage(root);
    const newId = createIdGenerator();
    const node = (clock = createManualClock('2025-06-27T04:30:00Z'), queue: ImageQueue = createImageQueue({ concurrency: 1, maxWaiting: 8 })) =>
      ({ clock, media: createMediaService({ db: handle.db, storage, clock, newId, log, queue }) });
    return { handle, root, storage, node };
  }

  test(name('two processes working the same queue of pictures make each AVIF set once, and every page points at a file that exists'), async () => {
    const { handle, root, node } = await setup();
    try {
      const a = node();
      const b = node();
      const ids: string[] = [];
      for (let i = 0; i < 3; i++) {
        const prepared = await a.media.prepare(await photo(900 + i * 10, 500));
        await handle.db.transaction().execute((trx) => prepared.commit(trx));
        ids.push(prepared.id);
      }
      await Promise.all([a.media.processPending(10), b.media.processPending(10), a.media.processPending(10), b.media.processPending(10)]);
      const states = await handle.db.selectFrom('media').select(['variants_state', 'claimed_by']).execute();
      assert.deepEqual(states.map((s) => [s.variants_state, s.claimed_by]), ids.map(() => ['ready', null]));
      const rows = await handle.db.selectFrom('media_variants').select('path').execute();
      for (const row of rows) assert.ok(existsSync(join(root, row.path)), `${row.path} exists`);
      const avifRows = rows.filter((r) => r.path.endsWith('.avif'));
      assert.equal(avifRows.length, ids.length * 4, 'one AVIF set per picture (3 widths and a thumbnail)');
      assert.deepEqual(filesUnder(join(root, 'v')).filter((f) => f.endsWith('.avif')).length, avifRows.length, 'no second set was written');
    } finally {
      await handle.close();
    }
  });

  test(name('a process that took over a lapsed claim keeps its files: the slow one finds its claim gone and removes only its own'), async () => {
    const { handle, root, node } = await setup();
    try {
      const uploader = node();
      const prepared = await uploader.media.prepare(await photo());
      await handle.db.transaction().execute((trx) => prepared.commit(trx));

      const slowQueue = gatedQueue();
      const slow = node(createManualClock('2025-06-27T04:30:00Z'), slowQueue);
      const slowRun = slow.media.processPending(10); // claims the picture, then hangs at the gate
      await new Promise((resolve) => setTimeout(resolve, 50));
      assert.equal((await handle.db.selectFrom('media').select('variants_state').executeTakeFirstOrThrow()).variants_state, 'processing');

      const fast = node(createManualClock('2025-06-27T04:41:00Z')); // 11 minutes on: the 10-minute lease has lapsed
      assert.equal(await fast.media.processPending(10), 1);
      slowQueue.open();
      await slowRun;

      const row = await handle.db.selectFrom('media').select(['variants_state', 'claimed_by']).executeTakeFirstOrThrow();
      assert.deepEqual([row.variants_state, row.claimed_by], ['ready', null]);
      const avif = (await handle.db.selectFrom('media_variants').select('path').execute()).map((r) => r.path).filter((p) => p.endsWith('.avif'));
      assert.equal(avif.length, 4);
      for (const path of avif) assert.ok(existsSync(join(root, path)), `${path} (the winner's file) is still there`);
      assert.deepEqual(filesUnder(root).filter((f) => f.endsWith('.avif')).sort(), avif.sort(), "the slow process's files are gone, the winner's stay");
    } finally {
      await handle.close();
    }
  });

  test(name('two processes filling the same reserved picture: one draws it, the other does not even start'), async () => {
    const { handle, root, node } = await setup();
    try {
      const a = node();
      const b = node();
      const reserved = a.media.reserve({ width: 900, height: 500, sourceUrl: 'demo:harbour', credit: 'Staff' });
      await handle.db.transaction().execute((trx) => reserved.commit(trx));
      let renders = 0;
      const render = async () => (renders++, photo());
      const results = await Promise.all([a.media.fill(reserved.id, render), b.media.fill(reserved.id, render)]);
      assert.deepEqual(results.sort(), [false, true]);
      assert.equal(renders, 1);
      const row = await handle.db.selectFrom('media').select(['variants_state', 'original_path']).executeTakeFirstOrThrow();
      assert.equal(row.variants_state, 'pending');
      assert.ok(existsSync(join(root, row.original_path)));
      assert.equal(filesUnder(join(root, 'o')).length, 1, 'one original');
      assert.deepEqual(await a.media.awaiting('demo:'), [], 'nothing is left awaiting');
    } finally {
      await handle.close();
    }
  });

  test(name('the orphan sweep removes old files no row refers to, and leaves young files, referenced files and strangers alone'), async () => {
    const { handle, root, storage, node } = await setup();
    try {
      const { media } = node();
      const prepared = await media.prepare(await photo());
      await handle.db.transaction().execute((trx) => prepared.commit(trx));
      const kept = filesUnder(root);
      const put = (key: string, ageMs: number) => {
        mkdirSync(join(root, key, '..'), { recursive: true });
        writeFileSync(join(root, key), 'x');
        const when = new Date(Date.parse('2025-06-27T04:30:00Z') - ageMs);
        utimesSync(join(root, key), when, when);
      };
      const HOUR = 3_600_000;
      for (const key of kept) utimesSync(join(root, key), new Date(0), new Date(0)); // old, but referenced
      put('o/zz/01jyqzzzzzzzzzzzzzzzzzzzzz.jpg', 2 * HOUR); // an upload killed before its row was written
      put('v/zz/01jyqzzzzzzzzzzzzzzzzzzzzz-full-640.webp', 2 * HOUR);
      put(`v/${prepared.id.slice(-2)}/${prepared.id}-full-640-deadbeef0000.avif`, 2 * HOUR); // a lost claim's file
      put('v/zz/01jyqzzzzzzzzzzzzzzzzzzzzz-full-640.jpg.a1b2c3d4.tmp', 2 * HOUR); // a write cut off
      put('o/yy/01jyqyyyyyyyyyyyyyyyyyyyyy.jpg', 10 * 60_000); // young: maybe an upload in progress
      put('notes/readme.txt', 2 * HOUR); // not ours
      const removed = await sweepOrphanFiles({ storage, media: createMediaRepo(handle.db), now: () => Date.parse('2025-06-27T04:30:00Z'), log });
      assert.deepEqual(removed.sort(), [
        'o/zz/01jyqzzzzzzzzzzzzzzzzzzzzz.jpg',
        `v/${prepared.id.slice(-2)}/${prepared.id}-full-640-deadbeef0000.avif`,
        'v/zz/01jyqzzzzzzzzzzzzzzzzzzzzz-full-640.jpg.a1b2c3d4.tmp',
        'v/zz/01jyqzzzzzzzzzzzzzzzzzzzzz-full-640.webp',
      ].sort());
      const left = filesUnder(root);
      for (const key of kept) assert.ok(left.includes(key), `${key} is referenced and stays`);
      assert.ok(left.includes('o/yy/01jyqyyyyyyyyyyyyyyyyyyyyy.jpg'));
      assert.ok(left.includes('notes/readme.txt'));
    } finally {
      await handle.close();
    }
  });
}
