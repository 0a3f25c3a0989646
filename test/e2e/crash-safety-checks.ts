import assert from 'node:assert/strict';
import type { ChaosReport } from '../support/chaos.js';

/** What crash safety means, checked on a chaos run's report (the test and `npm run chaos`). */
export function assertCrashSafe(report: ChaosReport): void {
  assert.equal(report.integrity, 'ok', 'SQLite integrity check');
  assert.equal(report.foreignKeyProblems, 0, 'foreign keys hold');
  assert.deepEqual(report.serverErrors, [], 'no 5xx answer while the server was up');
  assert.deepEqual(report.missingPublishes, [], 'every acknowledged publish, and every acknowledged schedule now due, is published');
  assert.deepEqual(report.scheduledNotOnce, [], 'every scheduled story was published exactly once');
  assert.deepEqual(report.lostUpdates, [], 'every acknowledged update is what readers see (or a later one)');
  assert.deepEqual(report.missingMedia, [], 'every acknowledged upload has its row');
  assert.equal(report.rowsWithoutFile, 0, 'no media row points at a missing file');
  assert.equal(report.filesWithoutRow, 0, 'after the orphan sweep no file is without a row');
  assert.ok(report.views.lost >= 0, `views counted twice: ${JSON.stringify(report.views)}`);
  assert.ok(report.views.lost <= report.views.allowedLoss, `lost ${report.views.lost} views, more than the ${report.views.allowedLoss} acknowledged in the last flush interval before each kill`);
  assert.equal(report.views.sigtermPhase.stored, report.views.sigtermPhase.sent, 'SIGTERM loses no view');
  assert.ok(report.acknowledged.publishes > 0 && report.acknowledged.schedules > 0 && report.acknowledged.uploads > 0 && report.acknowledged.views > 0, `traffic of every kind was acknowledged: ${JSON.stringify(report.acknowledged)}`);
}
