import assert from 'node:assert/strict';
import { test } from 'node:test';
import { testDatabases } from '../support/databases.js';
import { redisAvailable } from '../support/redis.js';
import { runSoak, soakVerdict, SOAK_KINDS, type SoakKind } from '../support/soak.js';

/**
 * The soak in bounded form (20 seconds; `npm run soak` runs 10 minutes): the whole mix at 80% of its
 * measured peak against 2 workers on PostgreSQL + Redis. Zero errors, every kind answered, the load
 * really applied, memory reported for the primary and both workers. Memory "flat" is a long-run
 * property (the full run allows 10% after a minute's warm-up); seconds in, caches and JIT are
 * still filling, so the bounded form allows 30% — enough to catch a leak that grows per request.
 */
const postgres = (await testDatabases()).find((t) => t.name === 'postgres');
const withRedis = await redisAvailable();

test('20 seconds of mixed traffic at 80% of peak on 2 workers, PostgreSQL and Redis: no errors, every kind answered, memory reported per process', { skip: !postgres ? 'PostgreSQL not reachable' : !withRedis ? 'Redis not reachable' : false, timeout: 300_000 }, async () => {
  const report = await runSoak({ seconds: 20, load: 0.8, log: (line) => console.log(line) });
  assert.equal(report.errors, 0, `errors during the soak: ${report.failures.join('; ')}`);
  assert.equal(report.intervals.length, 5);
  assert.ok(report.peak > 20, `the mix's peak is ${report.peak} req/s`);

  const answered = new Map<SoakKind, number>();
  for (const interval of report.intervals) for (const [kind, l] of Object.entries(interval.latency)) answered.set(kind as SoakKind, (answered.get(kind as SoakKind) ?? 0) + l.count);
  assert.deepEqual([...answered.keys()].sort(), Object.keys(SOAK_KINDS).sort(), 'every kind of request was sent and answered');

  // The load was applied: the client kept its rate and the server kept up with it.
  const sent = report.intervals.reduce((sum, i) => sum + i.throughput, 0) / report.intervals.length;
  assert.ok(sent >= report.rate * 0.7, `answered ${sent.toFixed(0)} req/s against a target of ${report.rate.toFixed(0)}`);
  assert.equal(report.intervals.reduce((sum, i) => sum + i.notSent, 0), 0, 'the server fell behind the client');

  for (const interval of report.intervals) {
    assert.equal(Object.keys(interval.rssMb).length, 3, `primary and 2 workers: ${JSON.stringify(interval.rssMb)}`);
    assert.ok(interval.rssMb.primary! > 10);
  }
  const verdict = soakVerdict(report, 0.3);
  assert.ok(verdict.passed, verdict.reasons.join('; '));
});
