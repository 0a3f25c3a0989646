import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../../test/support/admin-client.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs } from '../../test/support/test-app.js';
import { startWireServer, wireEnv as wireEnvOf, type WireServer } from './fixtures/wire-server.js';

/** What the wire desk refuses: hostile and broken feeds, folders outside the root, bad sources, contributors. */
let wire: WireServer;
let base = '';
before(async () => {
  wire = await startWireServer();
  base = wire.base;
});
after(() => wire.close());
const wireEnv = (folderRoot: string) => wireEnvOf(wire, folderRoot);

for (const target of await testDatabases()) {
  const root = mkdtempSync(join(tmpdir(), 'dateline-wire-refusals-'));

  test(`[${target.name}] bad input: each gets a clear reason in health, nothing half-written, and the server keeps serving`, async () => {
    const folders = mkdtempSync(join(root, 'folder-'));
    mkdirSync(join(folders, 'agency'));
    for (const name of ['ninjs-items.json', 'newsml-unknown-ns.xml', 'newsml-text.xml']) cpSync(new URL(`./fixtures/feeds/${name}`, import.meta.url), join(folders, 'agency', name));
    const app = await createTestApp(target, wireEnv(folders));
    try {
      const editor = await signIn(app, 'editor');
      const cases: [string, string][] = [
        [`${base}/malformed.xml`, 'malformed_xml'],
        [`${base}/laughs.xml`, 'dtd_refused'],
        [`${base}/redirect`, 'forbidden_address'],
        [`${base}/huge`, 'too_large'],
        ['http://localhost:9/private-name.xml', 'forbidden_address'],
      ];
      const ids: string[] = [];
      for (const [url] of cases) ids.push((await editor.request('POST', '/api/admin/sources', { name: url, kind: 'rss', url })).json.id);
      const folder = (await editor.request('POST', '/api/admin/sources', { name: 'Agency drop', kind: 'folder', folder: 'agency' })).json;
      const started = Date.now();
      await app.ingest.poller.pollDue();
      assert.ok(Date.now() - started < 15_000);
      for (const [i, [url, reason]] of cases.entries()) {
        const health = (await editor.request('GET', `/api/admin/sources/${ids[i]}`)).json.health;
        assert.equal(health.lastErrorReason, reason, url);
        assert.equal(health.consecutiveFailures, 1, url);
      }
      assert.ok(wire.hugeBytesSent() < 100 * 1024 * 1024, `the 500 MB feed was cut off early (${wire.hugeBytesSent()} bytes sent)`);
      const agency = (await editor.request('GET', `/api/admin/sources/${folder.id}`)).json.health;
      assert.equal(agency.consecutiveFailures, 0);
      assert.equal(agency.itemsTaken, 2, 'the good ninjs item and the good NewsML-G2 item');
      assert.equal(agency.itemsSkipped, 2, 'the ninjs item with no body and the NewsML-G2 item in an unknown namespace');
      assert.match(agency.lastErrorReason, /no_body|unknown_namespace/);
      const queued = (await editor.request('GET', '/api/admin/incoming')).json;
      assert.equal(queued.total, 2);
      assert.ok(queued.items.every((i: { sourceId: string }) => i.sourceId === folder.id), 'nothing from the failed sources');
      assert.equal((await editor.request('GET', '/api/admin/sources')).status, 200);
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] sources are checked: a folder outside the root, a bad interval, and a contributor are refused`, async () => {
    const app = await createTestApp(target, wireEnv(root));
    try {
      const editor = await signIn(app, 'editor');
      const outside = await editor.request('POST', '/api/admin/sources', { name: 'Escape', kind: 'folder', folder: '../../etc' });
      assert.equal(outside.status, 400);
      assert.equal(outside.json.error.field, 'folder');
      const interval = await editor.request('POST', '/api/admin/sources', { name: 'Fast', kind: 'rss', url: `${base}/rss2.xml`, intervalMinutes: 0 });
      assert.equal(interval.status, 400);
      assert.equal(interval.json.error.field, 'intervalMinutes');
      const noUrl = await editor.request('POST', '/api/admin/sources', { name: 'Nowhere', kind: 'rss' });
      assert.equal(noUrl.status, 400);
      assert.equal(noUrl.json.error.field, 'url');
      const scheme = await editor.request('POST', '/api/admin/sources', { name: 'Files', kind: 'rss', url: 'file:///etc/passwd' });
      assert.equal(scheme.status, 400);
      const contributor = await signIn(app, 'contributor');
      assert.equal((await contributor.request('POST', '/api/admin/sources', { name: 'Mine', kind: 'rss', url: `${base}/rss2.xml` })).status, 403);
      assert.equal((await contributor.request('GET', '/api/admin/incoming')).status, 403);
      const section = await app.services.directory.createSection({ name: 'Desk' });
      const story = await app.services.articles.create({ headline: 'Not theirs', sectionId: section.id, body: paragraphs('Desk copy.') });
      assert.equal((await contributor.request('GET', `/api/admin/articles/${story.id}/origin`)).status, 404, "another's story is not found");
      assert.deepEqual((await editor.request('GET', `/api/admin/articles/${story.id}/origin`)).json, { source: null, sourceUrl: null, incomingId: null, sourceName: null });
      assert.equal((await editor.request('GET', '/api/admin/sources')).json.length, 0, 'nothing was stored');
    } finally {
      await app.close();
    }
  });
}
