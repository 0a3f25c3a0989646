import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { pino } from 'pino';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, publishStory } from '../../test/support/test-app.js';

const [sqlite] = await testDatabases();
const METRICS_TOKEN = 'metrics-token-for-handler-faults-0123456789';

/**
 * A fault in our own code (a bug, a dependency that throws) on every request of one kind: each is
 * answered 500 without internals and with its request id, logged with that id and the error, and
 * counted; what is cached is still served; and once the fault is gone the same process serves
 * again, with nothing to restart.
 */
test('a handler that throws on every request: 500 with the request id, logged and counted, cached pages still served, recovery without a restart', async () => {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = await createTestApp(sqlite!, { METRICS_TOKEN }, { log: pino({ level: 'info' }, sink) });
  try {
    const cached = await publishStory(app, { headline: 'Tram depot opens to visitors on Sunday' });
    const other = await publishStory(app, { headline: 'Lake embankment gets new lights' });
    const cachedUrl = `/${cached.section.slug}/${cached.article.slug}`;
    const otherUrl = `/${other.section.slug}/${other.article.slug}`;
    assert.equal((await app.app.inject(cachedUrl)).statusCode, 200, 'this page is built and cached before the fault');

    const reader = app.services.read;
    const working = reader.viewBySlug;
    reader.viewBySlug = async () => {
      throw new Error('story reader failed: offset 41 out of range');
    };
    try {
      for (let i = 1; i <= 3; i++) {
        const id = `trace-fault-000${i}`;
        const failed = await app.app.inject({ url: otherUrl, headers: { 'x-request-id': id } });
        assert.equal(failed.statusCode, 500);
        assert.match(String(failed.headers['content-type']), /^text\/html/, 'a reader gets a page, not JSON');
        assert.equal(failed.headers['x-request-id'], id);
        assert.doesNotMatch(failed.body, /offset 41|story reader|at .*\.ts:\d+/, 'no internals in the answer');
      }
      const page = await app.app.inject(cachedUrl);
      assert.equal(page.statusCode, 200, 'the cached page is still served');
      assert.match(page.body, /Tram depot opens/);

      const logged = lines.filter((l) => l.msg === 'request failed');
      assert.deepEqual(logged.map((l) => l.reqId), ['trace-fault-0001', 'trace-fault-0002', 'trace-fault-0003'], 'each failure logged once, with its request id');
      for (const l of logged) assert.match(String((l.err as { message?: string }).message), /offset 41 out of range/, 'with the reason');
      const metrics = (await app.app.inject({ url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).body;
      assert.match(metrics, /^dateline_http_requests_total\{route="\/:section\/:slug",method="GET",status="500"\} 3$/m, 'and counted');
    } finally {
      reader.viewBySlug = working;
    }
    const recovered = await app.app.inject(otherUrl);
    assert.equal(recovered.statusCode, 200, 'the same process serves again once the fault is gone');
    assert.match(recovered.body, /Lake embankment gets new lights/);
  } finally {
    await app.close();
  }
});
