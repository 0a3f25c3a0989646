/**
 * `npm run chaos [-- --kills N]`: the crash-safety run in full (20 kills by default) against a real
 * `dateline serve` on SQLite; prints each kill and the report, and exits 1 if anything acknowledged
 * was lost. The bounded form (3 kills) runs in `npm test` (test/e2e/crash-safety.test.ts).
 */
import { parseArgs } from 'node:util';
import { runChaos } from '../test/support/chaos.js';
import { assertCrashSafe } from '../test/e2e/crash-safety-checks.js';

const values = (() => {
  try {
    return parseArgs({ options: { kills: { type: 'string', default: '20' } } }).values;
  } catch (err) {
    // An unknown or malformed option: one line and the usage, not node's stack trace.
    console.error(`chaos: ${(err as Error).message.split('\n')[0]} (usage: npm run chaos [-- --kills N])`);
    process.exit(2);
  }
})();
const kills = Number(values.kills);
if (!Number.isInteger(kills) || kills < 1 || kills > 1000) {
  console.error(`chaos: --kills must be a whole number from 1 to 1000, not ${JSON.stringify(values.kills)}`);
  process.exit(2);
}
const started = Date.now();
const report = await runChaos({ kills, log: (line) => console.log(line) });
console.log(JSON.stringify(report, null, 2));
try {
  assertCrashSafe(report);
  console.log(`chaos: ${kills} kills in ${((Date.now() - started) / 1000).toFixed(0)} s, nothing acknowledged was lost`);
} catch (err) {
  console.error(`chaos: FAILED — ${(err as Error).message}`);
  process.exit(1);
}
