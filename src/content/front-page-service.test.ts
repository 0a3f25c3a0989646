import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, publishStory, type TestApp } from '../../test/support/test-app.js';
import { DatelineError, ValidationError } from '../shared/errors.js';
import { activeFrontPage } from './front-page-active.js';
import { frontPageArrangementSchema, type FrontPageArrangement } from './front-page-schema.js';

const arrangement = (change: Partial<FrontPageArrangement> = {}): FrontPageArrangement => ({ lead: null, top: [], breaking: null, rails: [], ...change });

/** A published story with no picture: a brief. */
async function publishBrief(app: TestApp, headline: string) {
  const section = await app.services.directory.ensureSection('News');
  const draft = await app.services.articles.create({ headline, standfirst: '', body: paragraphs('One.', 'Two.'), sectionId: section.id, authorIds: [], tagIds: [], heroMediaId: null });
  return app.services.articles.publish(draft.id);
}

test('the arrangement schema names the field it refuses', () => {
  const id = '0'.repeat(26);
  const problems = (value: unknown) => {
    const result = frontPageArrangementSchema.safeParse(value);
    return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
  };
  assert.deepEqual(problems(arrangement({ top: Array.from({ length: 7 }, (_, i) => ({ articleId: String(i).padStart(26, 'a'), expiresAt: null })) })), ['top']);
  assert.deepEqual(problems(arrangement({ lead: { articleId: id, expiresAt: null }, top: [{ articleId: id, expiresAt: null }] })), ['top.0.articleId']);
  assert.deepEqual(problems({ ...arrangement(), breaking: { text: 'Polls close', url: 'javascript:alert(1)', expiresAt: null } }), ['breaking.url']);
  assert.deepEqual(problems({ ...arrangement(), breaking: { text: 'Polls close', url: '//evil.example/x', expiresAt: null } }), ['breaking.url']);
  assert.deepEqual(problems({ ...arrangement(), breaking: { text: 'x'.repeat(201), url: '/news', expiresAt: null } }), ['breaking.text']);
  assert.deepEqual(problems({ ...arrangement(), top: [{ articleId: id, expiresAt: 'tomorrow' }] }), ['top.0.expiresAt']);
  assert.deepEqual(problems({ ...arrangement(), rails: [{ sectionId: id, visible: true }, { sectionId: id, visible: false }] }), ['rails.1.sectionId']);
  assert.deepEqual(problems({ ...arrangement(), breaking: { text: 'Polls close', url: 'https://example.org/live', expiresAt: '2025-06-27T18:00:00+05:30' } }), []);
  const parsed = frontPageArrangementSchema.parse({ ...arrangement(), top: [{ articleId: id, expiresAt: '2025-06-27T18:00:00+05:30' }] });
  assert.equal(parsed.top[0]!.expiresAt, '2025-06-27T12:30:00.000Z', 'expiries are stored in UTC');
});

test('pins and the banner lapse at their expiry, and the next lapse is known', () => {
  const a = 'a'.repeat(26);
  const b = 'b'.repeat(26);
  const saved = arrangement({
    lead: { articleId: a, expiresAt: '2025-06-27T10:00:00.000Z' },
    top: [{ articleId: b, expiresAt: null }],
    breaking: { text: 'Polls close', url: '/news', expiresAt: '2025-06-27T08:00:00.000Z' },
  });
  const before = activeFrontPage(saved, '2025-06-27T07:00:00.000Z');
  assert.deepEqual([before.leadId, before.topIds, before.breaking?.text, before.nextChangeAt], [a, [b], 'Polls close', '2025-06-27T08:00:00.000Z']);
  const between = activeFrontPage(saved, '2025-06-27T08:00:00.000Z');
  assert.deepEqual([between.leadId, between.breaking, between.nextChangeAt], [a, null, '2025-06-27T10:00:00.000Z']);
  const after = activeFrontPage(saved, '2025-06-27T11:00:00.000Z');
  assert.deepEqual([after.leadId, after.topIds, after.nextChangeAt], [null, [b], null]);
  assert.equal(activeFrontPage(null, '2025-06-27T11:00:00.000Z').rails, null, 'nothing saved: every section, in order');
});

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('with nothing saved the front page lists every section, visible, in order, at version 0'), async () => {
    const app = await createTestApp(target);
    try {
      const news = await app.services.directory.ensureSection('News');
      const sport = await app.services.directory.ensureSection('Sport');
      const details = await app.services.frontPage.details();
      assert.equal(details.version, 0);
      assert.equal(details.lead, null);
      assert.deepEqual(details.rails, [news, sport].sort((x, y) => x.position - y.position || x.name.localeCompare(y.name)).map((s) => ({ sectionId: s.id, visible: true })));
      assert.equal(await app.services.frontPage.current(), null);
    } finally {
      await app.close();
    }
  });

  test(name('a save checks its stories and sections exist, names the field, and writes nothing when refused'), async () => {
    const app = await createTestApp(target);
    try {
      const { article, section } = await publishStory(app, { headline: 'Harbour floods' });
      const ghost = 'z'.repeat(26);
      const refused = async (change: FrontPageArrangement, field: string) => {
        await assert.rejects(app.services.frontPage.save(change, { version: 0, savedBy: 'Ed' }), (err: unknown) => err instanceof ValidationError && err.field === field);
      };
      await refused(arrangement({ lead: { articleId: ghost, expiresAt: null } }), 'lead.articleId');
      await refused(arrangement({ top: [{ articleId: article.id, expiresAt: null }, { articleId: ghost, expiresAt: null }] }), 'top.1.articleId');
      await refused(arrangement({ rails: [{ sectionId: section.id, visible: true }, { sectionId: ghost, visible: false }] }), 'rails.1.sectionId');
      assert.equal(await app.services.frontPage.current(), null, 'nothing was stored');

      const saved = await app.services.frontPage.save(arrangement({ lead: { articleId: article.id, expiresAt: null } }), { version: 0, savedBy: 'Ed' });
      assert.deepEqual([saved.version, saved.savedBy, saved.savedAt, saved.stories.map((s) => s.headline)], [1, 'Ed', '2025-06-27T04:30:00.000Z', ['Harbour floods']]);
    } finally {
      await app.close();
    }
  });

  test(name('a save made from an old version is refused with FRONT_PAGE_CHANGED and changes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const { article } = await publishStory(app, { headline: 'Harbour floods' });
      const { article: other } = await publishStory(app, { headline: 'Ferries resume' });
      await app.services.frontPage.save(arrangement({ lead: { articleId: article.id, expiresAt: null } }), { version: 0, savedBy: 'First editor' });
      await assert.rejects(
        app.services.frontPage.save(arrangement({ lead: { articleId: other.id, expiresAt: null } }), { version: 0, savedBy: 'Second editor' }),
        (err: unknown) => err instanceof DatelineError && err.code === 'FRONT_PAGE_CHANGED' && err.status === 409 && err.message.includes('First editor'),
      );
      assert.equal((await app.services.frontPage.current())?.arrangement.lead?.articleId, article.id);
    } finally {
      await app.close();
    }
  });

  test(name('the answer says which pins are inactive and why: unpublished, expired, deleted, no picture'), async () => {
    const app = await createTestApp(target);
    try {
      const { article: live } = await publishStory(app, { headline: 'Live with a picture' });
      const brief = await publishBrief(app, 'A brief without a picture');
      const section = await app.services.directory.ensureSection('News');
      const draft = await app.services.articles.create({ headline: 'Still a draft', body: paragraphs('Draft.'), sectionId: section.id });
      const doomed = await app.services.articles.create({ headline: 'About to be deleted', body: paragraphs('Gone.'), sectionId: section.id });
      await app.services.frontPage.save(
        arrangement({
          lead: { articleId: brief.id, expiresAt: null },
          top: [
            { articleId: draft.id, expiresAt: null },
            { articleId: live.id, expiresAt: '2025-06-27T05:00:00Z' },
            { articleId: doomed.id, expiresAt: null },
          ],
          breaking: { text: 'Polls close at six', url: '/news', expiresAt: '2025-06-27T05:00:00Z' },
        }),
        { version: 0, savedBy: 'Ed' },
      );
      await app.services.articles.remove(doomed.id);
      const reasons = async () => (await app.services.frontPage.details()).inactive.map((p) => `${p.slot}:${p.reason}`);
      assert.deepEqual(await reasons(), ['lead:no-picture', 'top.0:not-published', 'top.2:deleted']);
      app.clock.set('2025-06-27T05:00:00Z');
      assert.deepEqual(await reasons(), ['lead:no-picture', 'top.0:not-published', 'top.1:expired', 'top.2:deleted', 'breaking:expired']);
      const details = await app.services.frontPage.details();
      assert.deepEqual(details.stories.map((s) => [s.headline, s.hasPicture]).sort(), [['A brief without a picture', false], ['Live with a picture', true], ['Still a draft', false]]);
    } finally {
      await app.close();
    }
  });

  test(name('a stored row that no longer parses reads as nothing saved, and the next save replaces it'), async () => {
    const app = await createTestApp(target);
    try {
      await app.database.db.insertInto('site_state').values({ key: 'front_page', value: '{"version":"broken"' }).execute();
      assert.equal(await app.services.frontPage.current(), null);
      const saved = await app.services.frontPage.save(arrangement(), { version: 0, savedBy: 'Ed' });
      assert.equal(saved.version, 1);
      assert.equal((await app.services.frontPage.current())?.version, 1);
    } finally {
      await app.close();
    }
  });
}
