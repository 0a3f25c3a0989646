import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../../test/support/admin-client.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, type TestApp } from '../../test/support/test-app.js';
import { liveItem, startWireServer, wireEnv as wireEnvOf, type WireServer } from './fixtures/wire-server.js';

/** The wire desk against a local wire server: polling, the Incoming queue, Take, rewrites, withdrawals. */
let wire: WireServer;
let base = '';
let hits: WireServer['hits'];
before(async () => {
  wire = await startWireServer();
  ({ base, hits } = wire);
});
after(() => wire.close());
const wireEnv = (folderRoot: string) => wireEnvOf(wire, folderRoot);

async function addSource(app: TestApp, body: Record<string, unknown>) {
  const editor = await signIn(app, 'editor');
  const res = await editor.request('POST', '/api/admin/sources', body);
  assert.equal(res.status, 201, res.body);
  return { editor, source: res.json as { id: string; health: Record<string, unknown> } };
}

for (const target of await testDatabases()) {
  const root = mkdtempSync(join(tmpdir(), 'dateline-wire-'));

  test(`[${target.name}] an RSS source is polled, its items queue newest first, and Take makes a draft with source, credit and link`, async () => {
    const app = await createTestApp(target, wireEnv(root));
    try {
      const { editor, source } = await addSource(app, { name: 'Northern Wire', kind: 'rss', url: `${base}/rss2.xml`, credit: 'Northern Wire', sectionSlug: 'national' });
      assert.equal(await app.ingest.poller.pollDue(), 1);
      const list = await editor.request('GET', '/api/admin/incoming');
      assert.equal(list.status, 200);
      assert.equal(list.json.total, 2);
      const received = list.json.items.map((i: { receivedAt: string }) => i.receivedAt);
      assert.deepEqual(received, [...received].sort().reverse(), 'newest first');
      const shipping = list.json.items.find((i: { headline: string }) => i.headline.startsWith('Parliament'));
      assert.equal(shipping.sourceName, 'Northern Wire');
      assert.equal(shipping.link, 'https://wire.example.com/2025/coastal-shipping');
      const preview = await editor.request('GET', `/api/admin/incoming/${shipping.id}`);
      assert.equal(preview.status, 200);
      assert.doesNotMatch(JSON.stringify(preview.json.body), /alert/, 'the converter dropped the script');
      assert.match(JSON.stringify(preview.json.body), /Lok Sabha passed/);

      const taken = await editor.request('POST', `/api/admin/incoming/${shipping.id}/take`);
      assert.equal(taken.status, 201, taken.body);
      assert.equal(taken.json.status, 'draft');
      assert.equal(taken.json.sectionSlug, 'national');
      const article = await app.services.articles.get(taken.json.articleId);
      assert.equal(article?.source, 'Northern Wire');
      const origin = await editor.request('GET', `/api/admin/articles/${taken.json.articleId}/origin`);
      assert.deepEqual(origin.json, { source: 'Northern Wire', sourceUrl: 'https://wire.example.com/2025/coastal-shipping', incomingId: shipping.id, sourceName: 'Northern Wire' });
      assert.ok(article?.heroMediaId, 'the picture was fetched into the media library');
      const hero = await app.database.db.selectFrom('media').select(['credit', 'show_disclaimer']).where('id', '=', article!.heroMediaId!).executeTakeFirstOrThrow();
      assert.equal(hero.credit, 'Northern Wire');
      assert.equal(Number(hero.show_disclaimer), 1, "the agency's credit turns the disclaimer on");

      const again = await editor.request('POST', `/api/admin/incoming/${shipping.id}/take`);
      assert.equal(again.status, 409);
      assert.equal(again.json.error.code, 'INCOMING_ALREADY_HANDLED');
      const queued = await editor.request('GET', '/api/admin/incoming');
      assert.equal(queued.json.total, 1, 'a taken item leaves the queue');
      const health = await editor.request('GET', `/api/admin/sources/${source.id}`);
      assert.equal(health.json.health.itemsTaken, 2);
      assert.ok(health.json.health.lastSuccessAt);
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] a second poll sends the ETag and a 304 brings nothing new; re-polling never queues an item twice`, async () => {
    const app = await createTestApp(target, wireEnv(root));
    try {
      const { source } = await addSource(app, { name: 'Etag wire', kind: 'rss', url: `${base}/rss2.xml`, intervalMinutes: 5 });
      await app.ingest.poller.pollDue();
      app.clock.advance(6 * 60_000);
      const before = hits.length;
      assert.equal(await app.ingest.poller.pollDue(), 1);
      const conditional = hits.slice(before).find((h) => h.url === '/rss2.xml');
      assert.equal(conditional?.ifNoneMatch, '"v1"');
      const report = await app.ingest.sources.pollNow(source.id);
      assert.equal(report.notModified, true);
      // Forget the validator: the whole feed again, and both items are duplicates.
      await app.ingest.sources.update(source.id, { url: `${base}/rss2.xml` });
      const full = await app.ingest.sources.pollNow(source.id);
      assert.equal(full.notModified, false);
      assert.equal(full.queued, 0);
      assert.equal((await app.ingest.incoming.list({ limit: 10, offset: 0 })).total, 2);
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] failures back off exponentially and health shows the reason; a success resets it`, async () => {
    const app = await createTestApp(target, wireEnv(root));
    try {
      const { editor, source } = await addSource(app, { name: 'Flaky', kind: 'rss', url: `${base}/fail`, intervalMinutes: 10 });
      await app.ingest.poller.pollDue();
      let health = (await editor.request('GET', `/api/admin/sources/${source.id}`)).json.health;
      assert.equal(health.consecutiveFailures, 1);
      assert.equal(health.lastErrorReason, 'http_error');
      assert.match(health.lastError, /HTTP 500/);
      const now = app.clock.now().getTime();
      assert.equal(Date.parse(health.nextPollAt) - now, 20 * 60_000);
      assert.equal(await app.ingest.poller.pollDue(), 0, 'not due during the back-off');
      app.clock.advance(20 * 60_000);
      await app.ingest.poller.pollDue();
      health = (await editor.request('GET', `/api/admin/sources/${source.id}`)).json.health;
      assert.equal(health.consecutiveFailures, 2);
      assert.equal(Date.parse(health.nextPollAt) - app.clock.now().getTime(), 40 * 60_000);
      await editor.request('PATCH', `/api/admin/sources/${source.id}`, { url: `${base}/rss2.xml` });
      await app.ingest.poller.pollDue();
      health = (await editor.request('GET', `/api/admin/sources/${source.id}`)).json.health;
      assert.equal(health.consecutiveFailures, 0);
      assert.equal(Date.parse(health.nextPollAt) - app.clock.now().getTime(), 10 * 60_000);
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] two processes on one database: only the lease holder polls, and a restarted process resumes with the saved state`, async () => {
    const handle = await target.create();
    const first = await createTestApp(target, wireEnv(root), { database: handle });
    const second = await createTestApp(target, wireEnv(root), { database: handle });
    try {
      await addSource(first, { name: 'Shared', kind: 'rss', url: `${base}/rss2.xml`, intervalMinutes: 5 });
      const before = hits.filter((h) => h.url === '/rss2.xml').length;
      const polled = await Promise.all([first.ingest.poller.pollDue(), second.ingest.poller.pollDue()]);
      assert.equal(polled[0] + polled[1], 1);
      assert.equal(hits.filter((h) => h.url === '/rss2.xml').length - before, 1, 'one request to the feed');
    } finally {
      await first.close();
      await second.close();
    }
    const restarted = await createTestApp(target, wireEnv(root), { database: handle });
    try {
      restarted.clock.advance(10 * 60_000);
      const before = hits.length;
      assert.equal(await restarted.ingest.poller.pollDue(), 1, 'the lease of the stopped process lapsed');
      assert.equal(hits.slice(before).find((h) => h.url === '/rss2.xml')?.ifNoneMatch, '"v1"', 'the ETag survived the restart');
      assert.equal((await restarted.ingest.incoming.list({ limit: 10, offset: 0 })).total, 2);
    } finally {
      await restarted.close();
      await handle.close();
    }
  });

  test(`[${target.name}] rewrites from two sources are grouped; Dismiss and expiry empty the queue`, async () => {
    const app = await createTestApp(target, wireEnv(root));
    try {
      const { editor } = await addSource(app, { name: 'First', kind: 'rss', url: `${base}/rss2.xml`, keepHours: 2 });
      await addSource(app, { name: 'Second', kind: 'rss', url: `${base}/copy-of-rss2.xml`, keepHours: 2 });
      await app.ingest.poller.pollDue();
      const list = (await editor.request('GET', '/api/admin/incoming')).json;
      assert.equal(list.total, 4);
      const shipping = list.items.filter((i: { headline: string }) => i.headline.startsWith('Parliament'));
      assert.equal(shipping.length, 2);
      assert.equal(shipping[0].groupId, shipping[1].groupId);
      assert.equal(shipping[0].groupSize, 2);
      const monsoon = list.items.find((i: { headline: string }) => i.headline.startsWith('Monsoon'));
      assert.notEqual(monsoon.groupId, shipping[0].groupId);
      const group = (await editor.request('GET', `/api/admin/incoming?group=${shipping[0].groupId}`)).json;
      assert.equal(group.total, 2);
      const found = (await editor.request('GET', '/api/admin/incoming?q=lok%20sabha')).json;
      assert.equal(found.total, 2);

      assert.equal((await editor.request('POST', `/api/admin/incoming/${monsoon.id}/dismiss`)).status, 204);
      assert.equal((await editor.request('GET', '/api/admin/incoming')).json.total, 3);
      app.clock.advance(3 * 3_600_000);
      assert.ok((await app.ingest.maintenanceTasks.expiredIncomingItems()) >= 3);
      assert.equal((await editor.request('GET', '/api/admin/incoming')).json.total, 0);
      // The feed still lists the items: expired keys keep them out.
      app.clock.advance(3_600_000);
      await app.ingest.poller.pollDue();
      assert.equal((await editor.request('GET', '/api/admin/incoming')).json.total, 0);
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] one event written up by two agencies in their own words is one group; the same teams' next match is not`, async () => {
    const app = await createTestApp(target, wireEnv(root));
    try {
      const { editor } = await addSource(app, { name: 'Agency One', kind: 'rss', url: `${base}/agency-one.xml` });
      await addSource(app, { name: 'Agency Two', kind: 'rss', url: `${base}/agency-two.xml` });
      await app.ingest.poller.pollDue();
      const { items } = (await editor.request('GET', '/api/admin/incoming')).json as { items: { headline: string; groupId: string; groupSize: number }[] };
      assert.equal(items.length, 4);
      const find = (start: string) => items.find((i) => i.headline.startsWith(start))!;
      const [rateOne, rateTwo] = [find('RBI keeps'), find('Reserve Bank holds')];
      assert.equal(rateOne.groupId, rateTwo.groupId);
      assert.equal(rateOne.groupSize, 2);
      const [perth, adelaide] = [find('India beat'), find('Australia level')];
      assert.notEqual(perth.groupId, adelaide.groupId);
      assert.equal(perth.groupSize, 1);
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] an item the agency withholds or cancels leaves the queue, and a story made from it is taken down once`, async () => {
    const app = await createTestApp(target, wireEnv(root));
    try {
      wire.setLiveItems([liveItem(1, 'Port strike called off', 'usable'), liveItem(2, 'Ferry fares to rise', 'usable'), liveItem(3, 'Budget figures leaked', 'withheld')]);
      const { editor } = await addSource(app, { name: 'Live Wire', kind: 'ninjs', url: `${base}/ninjs-live.json`, intervalMinutes: 5 });
      await app.ingest.poller.pollDue();
      const queue = async () => ((await editor.request('GET', '/api/admin/incoming')).json.items as { id: string; headline: string }[]).map((i) => i.headline).sort();
      assert.deepEqual(await queue(), ['Ferry fares to rise', 'Port strike called off'], 'an item withheld from the start is never queued');
      const strike = (await editor.request('GET', '/api/admin/incoming?q=strike')).json.items[0];
      const taken = await editor.request('POST', `/api/admin/incoming/${strike.id}/take`);
      assert.equal(taken.status, 201, taken.body);
      await app.services.articles.publish(taken.json.articleId);

      wire.setLiveItems([liveItem(1, 'Port strike called off', 'withheld'), liveItem(2, 'Ferry fares to rise', 'canceled'), liveItem(3, 'Budget figures leaked', 'usable')]);
      app.clock.advance(6 * 60_000);
      assert.equal(await app.ingest.poller.pollDue(), 1);
      assert.equal((await app.services.articles.get(taken.json.articleId))?.status, 'unpublished', 'the published story was taken down');
      assert.deepEqual(await queue(), [], 'the cancelled item left the queue; the withheld-then-usable one was not queued');
      const states = await app.database.db.selectFrom('incoming_items').select(['item_key', 'state']).orderBy('item_key').execute();
      assert.deepEqual(states.map((r) => `${r.item_key}:${r.state}`), ['urn:live:1:withdrawn', 'urn:live:2:withdrawn', 'urn:live:3:withdrawn']);

      // An editor puts the story back on purpose: the feed still saying "withheld" does not take it down again.
      await app.services.articles.publish(taken.json.articleId);
      app.clock.advance(6 * 60_000);
      await app.ingest.poller.pollDue();
      assert.equal((await app.services.articles.get(taken.json.articleId))?.status, 'published');
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] a ministry's press releases become drafts with the ministry as source; an auto-publish source publishes on arrival`, async () => {
    const app = await createTestApp(target, wireEnv(root));
    try {
      const { editor } = await addSource(app, { name: 'Ministry of Ports', kind: 'rss', url: `${base}/press.xml`, credit: 'Ministry of Ports' });
      await addSource(app, { name: 'Business Desk', kind: 'rss', url: `${base}/auto.json`, autoPublish: true, sectionSlug: 'business' });
      await app.ingest.poller.pollDue();
      const press = (await editor.request('GET', '/api/admin/incoming?q=terminal')).json.items[0];
      // Two editors press Take at once: one story, one refusal.
      const other = await signIn(app, 'editor');
      const both = await Promise.all([editor.request('POST', `/api/admin/incoming/${press.id}/take`), other.request('POST', `/api/admin/incoming/${press.id}/take`)]);
      assert.deepEqual(both.map((r) => r.status).sort(), [201, 409]);
      const taken = both.find((r) => r.status === 201)!.json;
      const stories = await app.database.db.selectFrom('articles').select('id').where('source', '=', 'Ministry of Ports').execute();
      assert.equal(stories.length, 1, 'one story, nothing half-written for the refused Take');
      const origin = (await editor.request('GET', `/api/admin/articles/${taken.articleId}/origin`)).json;
      assert.equal(origin.source, 'Ministry of Ports');
      assert.equal(origin.sourceUrl, 'https://ports.example.gov/press/terminal');
      assert.equal(taken.status, 'draft');
      const published = (await editor.request('GET', '/api/admin/incoming?state=taken')).json.items.filter((i: { sourceName: string }) => i.sourceName === 'Business Desk');
      assert.equal(published.length, 2);
      const story = await app.services.articles.get(published[0].articleId);
      assert.equal(story?.status, 'published');
    } finally {
      await app.close();
    }
  });
}
