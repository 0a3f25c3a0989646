import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { test } from 'node:test';
import { coalescedTask } from './coalesced-task.js';

/** A task that records when each run started and takes `ms` to finish. */
function recorder(ms = 0) {
  const starts: number[] = [];
  let value = 0;
  return {
    starts,
    /** What the task saw when it ran last (the "state" it published). */
    seen: [] as number[],
    set(next: number) {
      value = next;
    },
    async run(this: { seen: number[] }) {
      starts.push(Date.now());
      this.seen.push(value);
      if (ms) await sleep(ms);
    },
  };
}

test('a first request runs at once; requests within the interval join one later run', async () => {
  const r = recorder();
  const task = coalescedTask(() => r.run(), { intervalMs: 200 });
  const t0 = Date.now();
  await task.request();
  assert.equal(r.starts.length, 1);
  assert.ok(r.starts[0]! - t0 < 50, 'the first run did not wait');
  const asked = Array.from({ length: 10 }, (_, i) => (r.set(i), task.request()));
  assert.equal(new Set(asked).size, 1, 'every request while waiting shares one run');
  await Promise.all(asked);
  assert.equal(r.starts.length, 2, 'ten requests made one more run');
  assert.ok(r.starts[1]! - r.starts[0]! >= 190, `the second run waited for the interval (${r.starts[1]! - r.starts[0]!} ms)`);
  assert.deepEqual(r.seen, [0, 9], 'the run after the last request saw the last state');
});

test('a request made while the task runs gets a run of its own after it', async () => {
  const r = recorder(60);
  const task = coalescedTask(() => r.run(), { intervalMs: 20 });
  const first = task.request();
  await sleep(10);
  assert.equal(r.starts.length, 1, 'running');
  r.set(1);
  const second = task.request();
  assert.notEqual(second, first, 'the running run started before this request, so it does not cover it');
  await first;
  assert.equal(r.starts.length, 1, 'the first request settled with its own run');
  await second;
  assert.deepEqual(r.seen, [0, 1]);
});

test('steady requests run at most once per interval and the last is never lost', async () => {
  const r = recorder();
  const task = coalescedTask(() => r.run(), { intervalMs: 100 });
  const started = Date.now();
  const all: Promise<void>[] = [];
  for (let i = 1; i <= 40; i++) {
    r.set(i);
    all.push(task.request());
    await sleep(10);
  }
  await Promise.all(all);
  const elapsed = Date.now() - started;
  assert.ok(r.starts.length <= Math.ceil(elapsed / 100) + 1, `${r.starts.length} runs in ${elapsed} ms`);
  assert.ok(r.starts.length >= 3, 'it did run along the way');
  for (let i = 1; i < r.starts.length; i++) assert.ok(r.starts[i]! - r.starts[i - 1]! >= 95, 'runs kept the interval apart');
  assert.equal(r.seen.at(-1), 40, 'the last state was published');
});

test('a failed run rejects the requests it covered, and the next request runs again', async () => {
  let fail = true;
  let runs = 0;
  const task = coalescedTask(
    async () => {
      runs++;
      if (fail) throw new Error('database went away');
    },
    { intervalMs: 10 },
  );
  await assert.rejects(task.request(), /database went away/);
  fail = false;
  await task.request();
  assert.equal(runs, 2);
});

test('flush starts a waiting run without the interval and settles when nothing waits', async () => {
  const r = recorder();
  const task = coalescedTask(() => r.run(), { intervalMs: 60_000 });
  await task.request();
  r.set(7);
  const waiting = task.request();
  const t0 = Date.now();
  await task.flush();
  assert.ok(Date.now() - t0 < 1000, 'flush did not wait the minute');
  await waiting;
  assert.deepEqual(r.seen, [0, 7]);
  await task.flush(); // nothing waiting: settles at once
  assert.equal(r.starts.length, 2);
});
