import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;

/** Runs `exitWithOutcome(<outcome>)` in a process of its own and returns how that process ended. */
function endOf(outcome: string, keepsRunning = false) {
  const script = `
    import { exitWithOutcome } from './src/cli/command-outcome.ts';
    import { CliError } from './src/cli/cli-error.ts';
    exitWithOutcome(${outcome}, ${keepsRunning});`;
  const run = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: root, encoding: 'utf8', timeout: 60_000 });
  return { status: run.status, stderr: run.stderr };
}

test('a command whose work never settles ends with status 1 and says so, not 0 as if it had succeeded', () => {
  const ended = endOf('new Promise(() => {})');
  assert.equal(ended.status, 1);
  assert.match(ended.stderr, /^dateline: the command stopped before it finished \(an internal error\)/);
});

test("a command's own status, and its refusal as one line with the error's status", () => {
  assert.deepEqual(endOf('Promise.resolve(0)'), { status: 0, stderr: '' });
  assert.deepEqual(endOf('Promise.resolve(3)'), { status: 3, stderr: '' });
  assert.deepEqual(endOf("Promise.reject(new CliError('restore: the backup file is truncated', 1))"), { status: 1, stderr: 'dateline: restore: the backup file is truncated\n' });
  assert.deepEqual(endOf("Promise.reject(new CliError('usage: dateline restore FILE', 2))"), { status: 2, stderr: 'dateline: usage: dateline restore FILE\n' });
  const crashed = endOf("Promise.reject(new Error('something unforeseen'))");
  assert.equal(crashed.status, 1);
  assert.match(crashed.stderr, /^dateline: Error: something unforeseen\n\s+at /);
});
