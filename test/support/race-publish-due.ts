import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { DatabaseTarget } from '../../src/db/index.js';

const worker = fileURLToPath(new URL('./publish-due-worker.ts', import.meta.url));

/** Starts `count` worker processes on the database, releases them together, returns what each published. */
export async function racePublishDue(target: DatabaseTarget, now: string, count: number): Promise<{ ids?: string[]; error?: string }[]> {
  const children = Array.from({ length: count }, () => spawn(process.execPath, ['--import', 'tsx', worker, JSON.stringify(target), now], { stdio: ['pipe', 'pipe', 'pipe'] }));
  const readers = children.map((child) => {
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    return async () => {
      const next = await lines.next();
      if (next.done) throw new Error(`a scheduler process ended early: ${stderr}`);
      return next.value;
    };
  });
  try {
    for (const next of readers) assert.equal(await next(), 'ready');
    for (const child of children) child.stdin.end('go\n');
    return await Promise.all(readers.map(async (next) => JSON.parse(await next()) as { ids?: string[]; error?: string }));
  } catch (err) {
    // One failed: the others may still be waiting for "go"; end them rather than hang.
    for (const child of children) child.kill();
    throw err;
  } finally {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) await once(child, 'exit');
  }
}
