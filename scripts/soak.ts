/**
 * `npm run soak [-- --minutes N] [-- --load 0.8]`: mixed traffic at about 80% of the measured peak
 * against `dateline serve` with 2 workers on PostgreSQL and Redis (the test database and Redis of
 * TEST_DATABASE_URL / TEST_REDIS_URL, a fresh schema that is dropped afterwards), for 10 minutes
 * by default. Prints, per interval, throughput, p50/p99 per kind, errors and each process's
 * resident memory; exits 1 on any error or when a process grew more than 10% after warm-up.
 * A bounded form (seconds, not minutes) runs in `npm test` (test/e2e/soak.test.ts).
 */
import { parseArgs } from 'node:util';
import { runSoak, soakVerdict } from '../test/support/soak.js';

const values = (() => {
  try {
    return parseArgs({ options: { minutes: { type: 'string', default: '10' }, load: { type: 'string', default: '0.8' } } }).values;
  } catch (err) {
    // An unknown or malformed option: one line and the usage, not node's stack trace.
    console.error(`soak: ${(err as Error).message.split('\n')[0]} (usage: npm run soak [-- --minutes N] [-- --load 0.8])`);
    process.exit(2);
  }
})();
const minutes = Number(values.minutes);
const load = Number(values.load);
if (!(minutes > 0 && minutes <= 24 * 60) || !(load > 0 && load <= 1)) {
  console.error('soak: --minutes must be above 0 (up to 1440) and --load a fraction of the peak (0 to 1]');
  process.exit(2);
}
let report;
try {
  report = await runSoak({ seconds: minutes * 60, load, log: (line) => console.log(line) });
} catch (err) {
  console.error(`soak: ${(err as Error).message}`);
  process.exit(2);
}
const verdict = soakVerdict(report);
console.log(`soak: ${report.errors} errors; memory growth after warm-up: ${Object.entries(report.growth).map(([pid, g]) => `${pid} ${(g * 100).toFixed(1)}%`).join(', ')}`);
for (const failure of report.failures) console.log(`  failed: ${failure}`);
if (verdict.passed) console.log('soak: passed (0 errors, memory flat within 10%)');
else {
  console.error(`soak: FAILED (${verdict.reasons.join('; ')})`);
  process.exitCode = 1;
}
