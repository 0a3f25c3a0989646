import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';

const root = new URL('../..', import.meta.url).pathname;

/** `npm run <script> -- args` as the package runs it: node with tsx, from the project's root. */
function runScript(script: string, args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', `scripts/${script}.ts`, ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
}

// A wrong option to a long run is refused at once, in one line naming it and the usage, exit 2:
// unknown options used to end in node's stack trace, before any run started.
for (const [script, args, reason] of [
  ['soak', ['--bogus'], /^soak: Unknown option '--bogus' \(usage: npm run soak/],
  ['soak', ['--minutes', 'abc'], /^soak: --minutes must be above 0/],
  ['chaos', ['--kills', '-3'], /^chaos: Option '--kills' argument is ambiguous\. \(usage: npm run chaos/],
  ['chaos', ['--kills=0'], /^chaos: --kills must be a whole number from 1 to 1000/],
  ['seed-archive', ['abc'], /^seed:archive: the number of stories must be a whole number/],
] as const) {
  test(`npm run ${script} -- ${args.join(' ')}: one line and exit 2`, () => {
    const run = runScript(script, [...args]);
    assert.equal(run.status, 2, run.stderr);
    assert.match(run.stderr, reason);
    assert.equal(run.stderr.trim().split('\n').length, 1, run.stderr);
  });
}
