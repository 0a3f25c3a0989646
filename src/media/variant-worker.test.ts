import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createBackgroundWorker } from './variant-worker.js';

const log = pino({ level: 'silent' });

function countingWorker() {
  let runs = 0;
  const worker = createBackgroundWorker(async () => {
    runs++;
    return 0;
  }, { idleMs: 60_000, log, name: 'test' });
  return { worker, runs: () => runs };
}

/** Polls until `runs()` reaches `n` (a loaded machine may take a moment), failing after two seconds. */
async function until(runs: () => number, n: number): Promise<void> {
  for (let waited = 0; runs() < n; waited += 5) {
    if (waited > 2000) assert.fail(`expected ${n} runs, saw ${runs()}`);
    await sleep(5);
  }
}

test('a nudge does not set a worker running that was never started', async () => {
  const { worker, runs } = countingWorker();
  worker.nudge();
  await sleep(50);
  assert.equal(runs(), 0);
  await worker.drain();
  assert.equal(runs(), 1, 'drain runs the step by hand');
  await worker.stop();
});

test('a started worker runs at once, waits while idle, and a nudge wakes it early', async () => {
  const { worker, runs } = countingWorker();
  worker.start();
  await until(runs, 1);
  await sleep(50);
  assert.equal(runs(), 1, 'idle: it waits for the next tick');
  worker.nudge();
  await until(runs, 2);
  await worker.stop();
  worker.nudge();
  await sleep(50);
  assert.equal(runs(), 2, 'a stopped worker stays stopped');
});

test('each step is reported with its job name, duration and outcome (for /metrics)', async () => {
  const seen: [string, number, boolean][] = [];
  let step = 0;
  const worker = createBackgroundWorker(
    async () => {
      step++;
      await sleep(20);
      if (step === 2) throw new Error('a step that fails');
      return 1;
    },
    { idleMs: 60_000, log, name: 'observed', observe: (job, seconds, ok) => seen.push([job, seconds, ok]) },
  );
  worker.start();
  await until(() => seen.length, 2);
  await worker.stop();
  assert.deepEqual(seen.slice(0, 2).map(([job, , ok]) => `${job}:${ok}`), ['observed:true', 'observed:false']);
  assert.ok(seen.every(([, seconds]) => seconds >= 0.015 && seconds < 5), JSON.stringify(seen));
});
