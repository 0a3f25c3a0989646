import assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { signIn } from '../../test/support/admin-client.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, testPhoto, type TestApp } from '../../test/support/test-app.js';

/** A local wire server: feeds with ETags, a picture, failures, hostile documents. */
import { CRICKET_ONE, CRICKET_TWO, RATE_AGENCY_ONE, RATE_AGENCY_TWO } from './fixtures/rewrites.js';
const fixture = (name: string) => readFileSync(new URL(`./fixtures/feeds/${name}`, import.meta.url), 'utf8');
const hits: { url: string; ifNoneMatch: string | undefined }[] = [];
let hugeBytesSent = 0;
let server: Server;
let base = '';
let photo: Buffer;

function route(request: IncomingMessage): { status: number; type?: string; body?: string | Buffer; headers?: Record<string, string> } | 'huge' {
  const url = request.url ?? '';
  if (url === '/rss2.xml') {
    if (request.headers['if-none-match'] === '"v1"') return { status: 304 };
    return { status: 200, type: 'application/rss+xml; charset=utf-8', headers: { etag: '"v1"' }, body: fixture('rss2.xml').replaceAll('https://img.example.com/', `${base}/img/`) };
  }
  if (url.startsWith('/img/')) return { status: 200, type: 'image/jpeg', body: photo };
  if (url === '/copy-of-rss2.xml') return { status: 200, type: 'application/rss+xml', body: fixture('rss2.xml').replace('nw-2025-0001', 'other-agency-77').replaceAll('https://img.example.com/', `${base}/img/`) };
  if (url === '/agency-one.xml') return { status: 200, type: 'application/rss+xml', body: rssOf('one', [RATE_AGENCY_ONE, CRICKET_ONE]) };
  if (url === '/agency-two.xml') return { status: 200, type: 'application/rss+xml', body: rssOf('two', [RATE_AGENCY_TWO, CRICKET_TWO]) };
  if (url === '/ninjs-live.json') return { status: 200, type: 'application/json', body: JSON.stringify({ items: liveItems }) };
  if (url === '/press.xml') return { status: 200, type: 'application/rss+xml', body: fixture('rss091.xml') };
  if (url === '/auto.json') return { status: 200, type: 'application/feed+json', body: fixture('jsonfeed.json').replace(/"image": "[^"]+",/, '') };
  if (url === '/fail') return { status: 500, body: 'down' };
  if (url === '/malformed.xml') return { status: 200, type: 'application/xml', body: fixture('malformed.xml') };
  if (url === '/laughs.xml') return { status: 200, type: 'application/xml', body: fixture('billion-laughs.xml') };
  if (url === '/redirect') return { status: 302, headers: { location: 'http://127.0.0.1:1/feed.xml' } };
  if (url === '/huge') return 'huge';
  return { status: 404 };
}

/** A ninjs endpoint whose items the test changes between polls. */
let liveItems: object[] = [];
const liveItem = (n: number, headline: string, pubstatus: string) => ({
  uri: `urn:live:${n}`,
  standard: { name: 'ninjs', version: '2.1' },
  type: 'text',
  pubstatus,
  headlines: [{ role: 'main', value: headline }],
  bodies: [{ role: 'main', contentType: 'text/html', value: `<p>${headline}: the full text of the report.</p>` }],
});

/** An RSS 2.0 feed of stories whose first line is the headline, one paragraph per further line. */
function rssOf(agency: string, stories: string[]): string {
  const items = stories.map((story, i) => {
    const [headline, ...paragraphs] = story.split('\n');
    const html = paragraphs.map((p) => `<p>${p}</p>`).join('');
    return `<item><title>${headline}</title><guid>${agency}-${i}</guid><content:encoded><![CDATA[${html}]]></content:encoded></item>`;
  });
  return `<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"><channel><title>${agency}</title>${items.join('')}</channel></rss>`;
}

before(async () => {
  photo = await testPhoto(1200, 800);
  server = createServer((request, response) => {
    hits.push({ url: request.url ?? '', ifNoneMatch: request.headers['if-none-match'] });
    const answer = route(request);
    if (answer === 'huge') {
      // 500 MB announced as chunks; the fetcher must hang up long before.
      response.writeHead(200, { 'content-type': 'application/rss+xml' });
      const chunk = Buffer.alloc(64 * 1024, 'a');
      const pump = () => {
        while (hugeBytesSent < 500 * 1024 * 1024 && !response.destroyed) {
          hugeBytesSent += chunk.length;
          if (!response.write(chunk)) return void response.once('drain', pump);
        }
        response.end();
      };
      response.on('close', () => response.destroy());
      return pump();
    }
    response.writeHead(answer.status, { ...(answer.type ? { 'content-type': answer.type } : {}), ...answer.headers });
    response.end(answer.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

after(() => new Promise<void>((resolve) => server.close(() => resolve())));

function wireEnv(folderRoot: string) {
  return { FETCH_ALLOW_HOSTS: `127.0.0.1:${new URL(base).port}`, INGEST_FOLDER_ROOT: folderRoot };
}

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
      liveItems = [liveItem(1, 'Port strike called off', 'usable'), liveItem(2, 'Ferry fares to rise', 'usable'), liveItem(3, 'Budget figures leaked', 'withheld')];
      const { editor } = await addSource(app, { name: 'Live Wire', kind: 'ninjs', url: `${base}/ninjs-live.json`, intervalMinutes: 5 });
      await app.ingest.poller.pollDue();
      const queue = async () => ((await editor.request('GET', '/api/admin/incoming')).json.items as { id: string; headline: string }[]).map((i) => i.headline).sort();
      assert.deepEqual(await queue(), ['Ferry fares to rise', 'Port strike called off'], 'an item withheld from the start is never queued');
      const strike = (await editor.request('GET', '/api/admin/incoming?q=strike')).json.items[0];
      const taken = await editor.request('POST', `/api/admin/incoming/${strike.id}/take`);
      assert.equal(taken.status, 201, taken.body);
      await app.services.articles.publish(taken.json.articleId);

      liveItems = [liveItem(1, 'Port strike called off', 'withheld'), liveItem(2, 'Ferry fares to rise', 'canceled'), liveItem(3, 'Budget figures leaked', 'usable')];
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
      assert.ok(hugeBytesSent < 100 * 1024 * 1024, `the 500 MB feed was cut off early (${hugeBytesSent} bytes sent)`);
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
