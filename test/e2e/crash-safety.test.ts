import { test } from 'node:test';
import { runChaos } from '../support/chaos.js';
import { assertCrashSafe } from './crash-safety-checks.js';

/**
 * Crash safety in bounded form (3 kills; `npm run chaos` runs 20): publishes, edits, schedules,
 * uploads and view beacons against a real `dateline serve` killed with SIGKILL at random moments.
 */
test('kill -9 at random moments under publish, edit, schedule, upload and view traffic loses nothing acknowledged (3 kills)', { timeout: 240_000 }, async () => {
  const report = await runChaos({ kills: 3, log: (line) => console.log(line) });
  console.log(JSON.stringify({ ...report, serverErrors: report.serverErrors.length }));
  assertCrashSafe(report);
});
