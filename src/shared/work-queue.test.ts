import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createWorkQueue } from './work-queue.js';

class Busy extends Error {}
/** Lets settled work hand its slot on (after its caller has its result). */
const settle = () => new Promise((resolve) => setImmediate(resolve));

/** A piece of work that finishes when told to, recording when it started. */
function gated(started: string[], name: string) {
  let finish!: (value: string) => void;
  let fail!: (err: Error) => void;
  const done = new Promise<string>((resolve, reject) => ((finish = resolve), (fail = reject)));
  return { work: () => (started.push(name), done), finish: () => finish(name), fail: (err: Error) => fail(err) };
}

test('runs at most `concurrency` at once, queues up to `maxWaiting` interactive pieces, and refuses the next at once', async () => {
  const queue = createWorkQueue({ concurrency: 2, maxWaiting: 2, busy: () => new Busy('busy') });
  const started: string[] = [];
  const jobs = ['a', 'b', 'c', 'd'].map((name) => gated(started, name));
  const results = jobs.map((job) => queue.run(job.work));
  assert.deepEqual(started, ['a', 'b']);
  assert.equal(queue.running, 2);
  assert.equal(queue.waiting, 2);
  await assert.rejects(queue.run(async () => 'e'), Busy);
  jobs[0]!.finish();
  assert.equal(await results[0], 'a');
  await settle();
  assert.deepEqual(started, ['a', 'b', 'c'], 'a slot freed starts the next in line');
  // A failure frees its slot too, and is the caller's.
  jobs[1]!.fail(new Error('database gone'));
  await assert.rejects(results[1]!, /database gone/);
  await settle();
  assert.deepEqual(started, ['a', 'b', 'c', 'd']);
  jobs[2]!.finish();
  jobs[3]!.finish();
  assert.deepEqual(await Promise.all(results.slice(2)), ['c', 'd']);
  assert.equal(queue.running, 0);
  assert.equal(await queue.run(async () => 'after'), 'after');
});

test('background work is never refused, and waits behind interactive work', async () => {
  const queue = createWorkQueue({ concurrency: 1, maxWaiting: 1, busy: () => new Busy('busy') });
  const started: string[] = [];
  const first = gated(started, 'first');
  const running = queue.run(first.work);
  const background = [gated(started, 'bg1'), gated(started, 'bg2')];
  const backgroundDone = background.map((job) => queue.run(job.work, 'background'));
  const interactive = gated(started, 'reader');
  const interactiveDone = queue.run(interactive.work);
  await assert.rejects(queue.run(async () => 'one too many'), Busy);
  first.finish();
  await running;
  await settle();
  assert.deepEqual(started, ['first', 'reader']);
  interactive.finish();
  await interactiveDone;
  await settle();
  background[0]!.finish();
  await settle();
  background[1]!.finish();
  assert.deepEqual(await Promise.all(backgroundDone), ['bg1', 'bg2']);
  assert.deepEqual(started, ['first', 'reader', 'bg1', 'bg2']);
});
