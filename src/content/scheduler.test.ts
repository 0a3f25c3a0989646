import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createDatabase, type DatabaseHandle } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createArticleService, createDirectoryService, type ArticleService } from './index.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, type TestApp } from '../../test/support/test-app.js';
import { signIn, type AdminClient } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';
import { racePublishDue } from '../../test/support/race-publish-due.js';
import { pino } from 'pino';
import { createPublishScheduledJob } from '../jobs/publish-scheduled.js';
import { createBackgroundWorker } from '../media/variant-worker.js';

const HOUR = 3_600_000;
const START = Date.parse('2025-06-27T04:30:00Z');
const at = (ms: number) => new Date(START + ms).toISOString();

/** A contributor writes and submits a story; returns it as the API shows it. */
async function submittedStory(app: TestApp, writer: AdminClient, headline: string, extra: Record<string, unknown> = {}) {
  const section = await app.services.directory.ensureSection('News');
  const created = await writer.request('POST', '/api/admin/articles', { headline, sectionId: section.id, body: paragraphs('It happened today.'), ...extra });
  assert.equal(created.status, 201, created.body);
  const submitted = await writer.request('POST', `/api/admin/articles/${created.json.id}/submit`, { version: created.json.version });
  assert.equal(submitted.json.status, 'submitted');
  return submitted.json as { id: string; version: number; slug: string; section: { slug: string } };
}

const page = (app: TestApp, story: { slug: string; section: { slug: string } }) => app.app.inject(`/${story.section.slug}/${story.slug}`);

/** `count` submitted stories scheduled for an hour from the start, made straight through the service. */
async function scheduledStories(database: DatabaseHandle, count: number) {
  const clock = createManualClock(at(0));
  const newId = createIdGenerator(() => clock.now().getTime());
  const articles = createArticleService({ db: database.db, clock, newId });
  const section = await createDirectoryService({ db: database.db, clock, newId }).createSection({ name: 'News' });
  const ids: string[] = [];
  const versions = new Map<string, number>();
  for (let i = 0; i < count; i++) {
    const draft = await articles.create({ headline: `Simultaneous story ${i}`, body: paragraphs('Words.'), sectionId: section.id });
    await articles.submit(draft.id);
    const scheduled = await articles.schedule(draft.id, new Date(at(HOUR)));
    ids.push(draft.id);
    versions.set(draft.id, scheduled.version);
  }
  return { ids, versions, clock };
}

/** Every story published, by one save (one version, one revision), and reported by exactly one scheduler. */
async function assertPublishedOnce(articles: ArticleService, ids: string[], versions: Map<string, number>, reported: string[][]) {
  const all = reported.flat();
  assert.deepEqual([...all].sort(), [...ids].sort(), `each story reported once in all (${reported.map((r) => r.length).join(' + ')})`);
  for (const id of ids) {
    const article = await articles.get(id);
    assert.equal(article?.status, 'published');
    assert.equal(article?.publishedAt, at(HOUR));
    assert.equal(article?.version, versions.get(id)! + 1, 'the version moved once');
    const revisions = await articles.revisions(id);
    assert.deepEqual(revisions.map((r) => r.version), Array.from({ length: versions.get(id)! + 1 }, (_, i) => i + 1), 'one revision for the publish');
  }
}

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('draft → submitted → scheduled → published on time, dated at the scheduled time'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const story = await submittedStory(app, await signIn(app, 'contributor'), 'Council votes at noon');
      const past = await editor.request('POST', `/api/admin/articles/${story.id}/schedule`, { version: story.version, at: at(-60_000) });
      assert.equal(past.status, 400);
      assert.equal(past.json.error.field, 'at');
      const scheduled = await editor.request('POST', `/api/admin/articles/${story.id}/schedule`, { version: story.version, at: at(HOUR) });
      assert.equal(scheduled.status, 200, scheduled.body);
      assert.equal(scheduled.json.status, 'scheduled');
      assert.equal(scheduled.json.scheduledAt, at(HOUR));

      app.clock.advance(HOUR - 1000);
      assert.deepEqual(await app.services.articles.publishDue(), [], 'nothing is due a second early');
      assert.equal((await app.services.articles.get(story.id))?.status, 'scheduled');
      assert.equal((await page(app, story)).statusCode, 404, 'not public before its time');

      app.clock.advance(90_000);
      assert.deepEqual(await app.services.articles.publishDue(), [story.id]);
      const published = await editor.request('GET', `/api/admin/articles/${story.id}`);
      assert.equal(published.json.status, 'published');
      assert.equal(published.json.publishedAt, at(HOUR), 'dated at the scheduled time, not when the job ran');
      assert.equal(published.json.firstPublishedAt, at(HOUR));
      assert.equal(published.json.scheduledAt, null);
      assert.equal(published.json.version, scheduled.json.version + 1);
      const res = await page(app, story);
      assert.equal(res.statusCode, 200);
      assert.match(res.body, /Council votes at noon/);
      assert.deepEqual(await app.services.articles.publishDue(), [], 'a second run finds nothing');
    } finally {
      await app.close();
    }
  });

  test(name('a schedule survives a restart: a new app on the same database publishes it'), async () => {
    const database = await target.create();
    try {
      const first = await createTestApp(target, {}, { database });
      const story = await submittedStory(first, await signIn(first, 'contributor'), 'Overnight results');
      const editor = await signIn(first, 'editor');
      assert.equal((await editor.request('POST', `/api/admin/articles/${story.id}/schedule`, { version: story.version, at: at(2 * HOUR) })).status, 200);
      await first.close();

      const second = await createTestApp(target, {}, { database });
      try {
        second.clock.advance(3 * HOUR);
        // The app's own scheduler job, as the background worker runs it on its first tick.
        await second.scheduler.drain();
        const article = await second.services.articles.get(story.id);
        assert.equal(article?.status, 'published');
        assert.equal(article?.publishedAt, at(2 * HOUR));
        assert.equal((await page(second, story)).statusCode, 200);
      } finally {
        await second.close();
      }
    } finally {
      await database.close();
    }
  });

  test(name('after a stop, every story that fell due is published at once, not a batch of 50 per tick'), async () => {
    const database = await target.create();
    try {
      const { ids, clock } = await scheduledStories(database, 120);
      clock.advance(2 * HOUR);
      const articles = createArticleService({ db: database.db, clock, newId: createIdGenerator() });
      const log = pino({ level: 'silent' });
      // The worker as the app runs it, but idle for a minute between empty looks: the test fails
      // if anything waits for that.
      const worker = createBackgroundWorker(createPublishScheduledJob({ articles, log, afterPublish: async () => {} }), { idleMs: 60_000, log, name: 'scheduler' });
      const waiting = async () => (await database.db.selectFrom('articles').select('id').where('status', '=', 'scheduled').execute()).length;
      worker.start();
      try {
        const until = Date.now() + 30_000;
        while ((await waiting()) > 0 && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 50));
        assert.equal(await waiting(), 0, 'every due story published without waiting for the next tick');
      } finally {
        await worker.stop();
      }
      for (const id of ids) assert.equal((await articles.get(id))?.status, 'published');
    } finally {
      await database.close();
    }
  });

  test(name('two schedulers racing in one process publish each due story exactly once'), async () => {
    const database = await target.create();
    // On PostgreSQL each scheduler has its own pool, so the race is real. SQLite's driver is
    // synchronous: two connections in one process would block each other, so there both share
    // one connection (as in a real server) and the next test races two real processes.
    const other = target.name === 'postgres' ? createDatabase(database.target) : database;
    try {
      const { ids, versions, clock } = await scheduledStories(database, 6);
      clock.advance(2 * HOUR);
      const one = createArticleService({ db: database.db, clock, newId: createIdGenerator() });
      const two = createArticleService({ db: other.db, clock, newId: createIdGenerator() });
      const [a, b] = await Promise.all([one.publishDue(), two.publishDue()]);
      await assertPublishedOnce(one, ids, versions, [a, b]);
    } finally {
      if (other !== database) await other.close();
      await database.close();
    }
  });

  test(name('two scheduler processes on one database publish each due story exactly once'), async () => {
    const database = await target.create();
    try {
      const { ids, versions } = await scheduledStories(database, 30);
      const results = await racePublishDue(database.target, at(2 * HOUR), 2);
      for (const r of results) assert.equal(r.error, undefined, `a scheduler process failed: ${r.error}`);
      const articles = createArticleService({ db: database.db, clock: createManualClock(at(2 * HOUR)), newId: createIdGenerator() });
      await assertPublishedOnce(articles, ids, versions, results.map((r) => r.ids ?? []));
    } finally {
      await database.close();
    }
  });

  test(name('an embargo refuses an earlier schedule or publication with 409 and allows them after'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const story = await submittedStory(app, await signIn(app, 'contributor'), 'Embargoed report', { embargoUntil: at(2 * HOUR) });
      const before = await fingerprint(app.database.db);
      const early = await editor.request('POST', `/api/admin/articles/${story.id}/schedule`, { version: story.version, at: at(HOUR) });
      assert.equal(early.status, 409);
      assert.equal(early.json.error.code, 'EMBARGO_ACTIVE');
      const now = await editor.request('POST', `/api/admin/articles/${story.id}/publish`, { version: story.version });
      assert.equal(now.status, 409);
      assert.equal(now.json.error.code, 'EMBARGO_ACTIVE');
      assertUnchanged(before, await fingerprint(app.database.db));

      const onTheDot = await editor.request('POST', `/api/admin/articles/${story.id}/schedule`, { version: story.version, at: at(2 * HOUR) });
      assert.equal(onTheDot.status, 200, 'scheduling at the embargo time is allowed');
      const manual = await submittedStory(app, await signIn(app, 'author'), 'Embargoed too', { embargoUntil: at(2 * HOUR) });
      app.clock.advance(2 * HOUR);
      assert.deepEqual(await app.services.articles.publishDue(), [story.id]);
      assert.equal((await app.services.articles.get(story.id))?.publishedAt, at(2 * HOUR));
      const afterwards = await editor.request('POST', `/api/admin/articles/${manual.id}/publish`, { version: manual.version });
      assert.equal(afterwards.status, 200, 'once the embargo has lifted, publishing works');
      assert.equal(afterwards.json.publishedAt, at(2 * HOUR));
    } finally {
      await app.close();
    }
  });

  test(name('an embargo moved past the schedule holds the story and dates it when the embargo lifts'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const story = await submittedStory(app, await signIn(app, 'contributor'), 'Moved embargo');
      const scheduled = await editor.request('POST', `/api/admin/articles/${story.id}/schedule`, { version: story.version, at: at(HOUR) });
      const moved = await editor.request('PATCH', `/api/admin/articles/${story.id}`, { embargoUntil: at(3 * HOUR), version: scheduled.json.version });
      assert.equal(moved.status, 200, moved.body);
      app.clock.advance(2 * HOUR);
      assert.deepEqual(await app.services.articles.publishDue(), [], 'held by the embargo');
      app.clock.advance(HOUR);
      assert.deepEqual(await app.services.articles.publishDue(), [story.id]);
      const article = await app.services.articles.get(story.id);
      assert.equal(article?.publishedAt, at(3 * HOUR), 'never dated inside the embargo');
    } finally {
      await app.close();
    }
  });

  test(name('an editor publishes now; an edit to the live story goes public with Update, which sets Updated On and shows the correction'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const story = await submittedStory(app, await signIn(app, 'contributor'), 'Bridge reopens');
      const published = await editor.request('POST', `/api/admin/articles/${story.id}/publish`, { version: story.version });
      assert.equal(published.json.updatedAt, null);
      assert.doesNotMatch((await page(app, story)).body, /Updated On/);
      app.clock.advance(HOUR);
      const saved = await editor.request('PATCH', `/api/admin/articles/${story.id}`, { standfirst: 'The bridge reopened on Friday.', version: published.json.version });
      assert.equal(saved.status, 200, saved.body);
      assert.equal(saved.json.updatedAt, null, 'a saved change to a live story is not public yet');
      assert.doesNotMatch((await page(app, story)).body, /The bridge reopened on Friday\./);
      const fixed = await editor.request('POST', `/api/admin/articles/${story.id}/update`, { note: 'An earlier version gave the wrong day.', version: saved.json.version });
      assert.equal(fixed.status, 200, fixed.body);
      assert.equal(fixed.json.updatedAt, at(HOUR));
      assert.equal(fixed.json.publishedAt, published.json.publishedAt, 'the publication time stays');
      assert.deepEqual(fixed.json.corrections, [{ note: 'An earlier version gave the wrong day.', createdAt: at(HOUR) }]);
      const res = await page(app, story);
      assert.match(res.body, /Updated On/);
      assert.match(res.body, /An earlier version gave the wrong day\./);
      assert.match(res.body, /The bridge reopened on Friday\./);
    } finally {
      await app.close();
    }
  });

  test(name('unpublishing answers 410 on the public page; republishing keeps the first publication time'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const story = await submittedStory(app, await signIn(app, 'contributor'), 'Withdrawn story');
      const published = await editor.request('POST', `/api/admin/articles/${story.id}/publish`, { version: story.version });
      assert.equal((await page(app, story)).statusCode, 200);
      const draftUnpublish = await editor.request('POST', `/api/admin/articles/${story.id}/unpublish`, { version: published.json.version - 1 });
      assert.equal(draftUnpublish.status, 409, 'a stale version is refused');
      const down = await editor.request('POST', `/api/admin/articles/${story.id}/unpublish`, { version: published.json.version });
      assert.equal(down.json.status, 'unpublished');
      assert.equal((await page(app, story)).statusCode, 410);
      const again = await editor.request('POST', `/api/admin/articles/${story.id}/unpublish`, { version: down.json.version });
      assert.equal(again.status, 403, 'only a published story can be unpublished');
      app.clock.advance(HOUR);
      const back = await editor.request('POST', `/api/admin/articles/${story.id}/publish`, { version: down.json.version });
      assert.equal(back.json.firstPublishedAt, published.json.firstPublishedAt);
      assert.equal(back.json.updatedAt, at(HOUR));
      assert.equal((await page(app, story)).statusCode, 200);
    } finally {
      await app.close();
    }
  });

  test(name('an editor returns a submitted or scheduled story to draft, and a returned story is never published by the job'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const writer = await signIn(app, 'contributor');
      const story = await submittedStory(app, writer, 'Needs work');
      const returned = await editor.request('POST', `/api/admin/articles/${story.id}/return`, { version: story.version, note: 'Two sources, please' });
      assert.equal(returned.json.status, 'draft');
      assert.equal((await writer.request('PATCH', `/api/admin/articles/${story.id}`, { headline: 'Needs work, done', version: returned.json.version })).status, 200, 'the writer can edit it again');
      const resubmitted = await writer.request('POST', `/api/admin/articles/${story.id}/submit`, { version: returned.json.version + 1 });
      const scheduled = await editor.request('POST', `/api/admin/articles/${story.id}/schedule`, { version: resubmitted.json.version, at: at(HOUR) });
      const unscheduled = await editor.request('POST', `/api/admin/articles/${story.id}/return`, {}, { 'if-match': `"${scheduled.json.version}"` });
      assert.equal(unscheduled.status, 200, unscheduled.body);
      assert.equal(unscheduled.json.status, 'draft');
      assert.equal(unscheduled.json.scheduledAt, null);
      app.clock.advance(2 * HOUR);
      assert.deepEqual(await app.services.articles.publishDue(), []);
      assert.equal((await app.services.articles.get(story.id))?.status, 'draft');
    } finally {
      await app.close();
    }
  });
}
