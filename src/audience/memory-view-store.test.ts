import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryViewStore } from './memory-view-store.js';
import { createWindowLimiter } from './window-limiter.js';
import type { ViewRecord } from './view-store.js';

const view = (reading: string, host: string | null = null): ViewRecord => ({
  rateKey: 'k',
  ids: { reading, visitor: reading },
  view: { articleId: 'a', day: '2025-06-27', hour: '2025-06-27T04:30:00.000Z', minute: '2025-06-27T04:31:00.000Z', device: 'desktop', host },
  count: true,
});

test('past the cap of remembered readings, views are counted without the repeat check, not dropped', async () => {
  const store = createMemoryViewStore({ hostsPerDay: 10, maxSeenPerDay: 3 });
  const statuses = [];
  for (const reading of ['r1', 'r1', 'r2', 'r3', 'r4', 'r4']) statuses.push((await store.record(view(reading))).status);
  assert.deepEqual(statuses, ['counted', 'repeat', 'counted', 'counted', 'counted', 'counted']);
  const batch = (await store.take())!;
  assert.equal(batch.tally.get('t|a'), 5);
  assert.equal(batch.tally.get('u|2025-06-27'), 3, 'new readers past the cap are not added to the distinct count');
});

test('distinct referrer hosts are capped per day; the rest are grouped as other', async () => {
  const store = createMemoryViewStore({ hostsPerDay: 2, maxSeenPerDay: 100 });
  for (const [i, host] of ['a.example', 'b.example', 'c.example', 'a.example', 'd.example'].entries()) await store.record(view(`r${i}`, host));
  const batch = (await store.take())!;
  const hosts = [...batch.tally].filter(([f]) => f.startsWith('r|')).map(([f, n]) => `${f.split('|')[3]}=${n}`).sort();
  assert.deepEqual(hosts, ['a.example=2', 'b.example=1', 'other=2']);
});

test('a failed write puts the batch back; pending counts include the batch being written', async () => {
  const store = createMemoryViewStore({ hostsPerDay: 2, maxSeenPerDay: 100 });
  await store.record(view('r1'));
  const batch = (await store.take())!;
  await store.record(view('r2'));
  assert.equal(await store.pending('a'), 2, 'one in flight, one new');
  assert.equal(await store.take(), null, 'one batch at a time');
  await batch.failed();
  assert.equal((await store.take())!.tally.get('t|a'), 2);
});

test('the window limiter counts before it checks, and says how long to wait', () => {
  let now = 60_000 * 10 + 15_000;
  const reserve = createWindowLimiter({ max: 3, windowMs: 60_000 }, () => now);
  assert.deepEqual([reserve('x'), reserve('x'), reserve('x'), reserve('y')], [0, 0, 0, 0]);
  assert.equal(reserve('x'), 45);
  now += 45_000;
  assert.equal(reserve('x'), 0, 'a new window');
});
