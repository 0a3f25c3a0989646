import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createArticleReadRepo, createArticleService, createDirectoryService, createSiteStateRepo, EmbargoActive, VersionConflict } from './index.js';
import type { DocNode } from '../doc/types.js';

const body: DocNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'First paragraph.' }] }] };

for (const target of await testDatabases()) {
  async function setup() {
    const handle = await target.create();
    const clock = createManualClock('2025-06-27T04:30:00Z');
    const newId = createIdGenerator();
    const directory = createDirectoryService({ db: handle.db, clock, newId });
    const articles = createArticleService({ db: handle.db, clock, newId });
    const read = createArticleReadRepo(handle.db);
    const section = await directory.createSection({ name: 'News' });
    const asha = await directory.createPerson({ name: 'Asha Rao' });
    const tom = await directory.createPerson({ name: 'Tom Field' });
    return { handle, clock, directory, articles, read, section, asha, tom };
  }

  test(`[${target.name}] a new article is a draft with a slug, ordered authors and a first revision`, async () => {
    const { handle, articles, read, section, asha, tom } = await setup();
    try {
      const article = await articles.create({ headline: 'Monsoon reaches the coast', body, sectionId: section.id, authorIds: [tom.id, asha.id] });
      assert.equal(article.status, 'draft');
      assert.equal(article.slug, 'monsoon-reaches-the-coast');
      assert.deepEqual(article.authorIds, [tom.id, asha.id]);
      const view = await read.view(article.id);
      assert.deepEqual(view?.authors.map((a) => a.name), ['Tom Field', 'Asha Rao']);
      assert.equal((await articles.revisions(article.id)).length, 1);
      assert.equal(await read.countPublished({}), 0, 'drafts are not listed');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a body is stored as ASCII JSON and read back as written`, async () => {
    const { handle, articles, read, section } = await setup();
    try {
      const typographic: DocNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Asha’s “well” — दिल्ली 🌧️' }] }] };
      const article = await articles.create({ headline: 'Stored', body: typographic, sectionId: section.id });
      const edited: DocNode = { type: 'doc', content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Edited — मुंबई' }] }] };
      const row = async () => (await handle.db.selectFrom('articles').select('body').where('id', '=', article.id).executeTakeFirstOrThrow()).body;
      assert.match(await row(), /^[\x00-\x7f]*$/);
      assert.deepEqual((await read.view(article.id))?.body, typographic);
      await articles.update(article.id, { body: edited });
      assert.match(await row(), /^[\x00-\x7f]*$/);
      assert.deepEqual((await read.view(article.id))?.body, edited);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] publishing sets the three timestamps and a later change sets Updated On`, async () => {
    const { handle, clock, articles, section } = await setup();
    try {
      const draft = await articles.create({ headline: 'Budget passes', body, sectionId: section.id });
      const published = await articles.publish(draft.id);
      assert.equal(published.publishedAt, '2025-06-27T04:30:00.000Z');
      assert.equal(published.firstPublishedAt, published.publishedAt);
      assert.equal(published.updatedAt, null);
      clock.advance(3_600_000);
      const updated = await articles.update(draft.id, { standfirst: 'Now with reactions' }, { correction: 'An earlier version misstated the vote count.' });
      assert.equal(updated.updatedAt, '2025-06-27T05:30:00.000Z');
      assert.equal(updated.publishedAt, published.publishedAt);
      assert.equal(updated.version, published.version + 1);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a section never takes a slug the site's own paths use`, async () => {
    const { handle, directory } = await setup();
    try {
      assert.equal((await directory.createSection({ name: 'Media' })).slug, 'media-2');
      assert.equal((await directory.ensureSection('Media')).slug, 'media-2', 'found again by name');
      assert.equal((await directory.createSection({ name: 'API' })).slug, 'api-2');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a stale save is refused with a version conflict and changes nothing`, async () => {
    const { handle, articles, section } = await setup();
    try {
      const draft = await articles.create({ headline: 'Original', body, sectionId: section.id });
      await articles.update(draft.id, { headline: 'First editor' }, { expectedVersion: 1 });
      await assert.rejects(articles.update(draft.id, { headline: 'Second editor' }, { expectedVersion: 1 }), VersionConflict);
      assert.equal((await articles.get(draft.id))?.headline, 'First editor');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a story is read in one statement, with its bylines, tags and corrections in order`, async () => {
    const { handle, clock, directory, articles, section, asha, tom } = await setup();
    try {
      const monsoon = await directory.ensureTag('Monsoon', 'event');
      const pune = await directory.ensureTag('Pune', 'place');
      const draft = await articles.create({ headline: 'Rain', body, sectionId: section.id, authorIds: [asha.id, tom.id], tagIds: [pune.id, monsoon.id] });
      await articles.publish(draft.id);
      await articles.update(draft.id, { authorIds: [tom.id, asha.id], tagIds: [monsoon.id, pune.id] });
      clock.advance(60_000);
      await articles.update(draft.id, { standfirst: 'One' }, { correction: 'The first correction.' });
      clock.advance(60_000);
      await articles.update(draft.id, { standfirst: 'Two' }, { correction: 'The second correction.' });
      // Every statement the reader's repo sends, counted on its way to the database.
      let statements = 0;
      const counted = handle.db.withPlugin({ transformQuery: (args) => (statements++, args.node), transformResult: async (args) => args.result });
      const view = await createArticleReadRepo(counted).viewBySlug('rain');
      assert.equal(statements, 1);
      assert.deepEqual(view?.article.authors.map((p) => p.name), ['Tom Field', 'Asha Rao']);
      assert.deepEqual(view?.article.authors[0]?.links, tom.links);
      assert.deepEqual(view?.article.tags.map((t) => [t.name, t.kind]), [['Monsoon', 'event'], ['Pune', 'place']]);
      assert.deepEqual(view?.article.corrections.map((c) => c.note), ['The first correction.', 'The second correction.']);
      assert.equal(view?.article.corrections[0]?.createdAt, '2025-06-27T04:31:00.000Z');
      // A story with none of them has empty lists.
      const bare = await articles.create({ headline: 'Bare', body, sectionId: section.id });
      const plain = await createArticleReadRepo(counted).view(bare.id);
      assert.deepEqual([plain?.authors, plain?.tags, plain?.corrections], [[], [], []]);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a changed slug keeps the old one as a redirect`, async () => {
    const { handle, articles, read, section } = await setup();
    try {
      const draft = await articles.create({ headline: 'Old title', body, sectionId: section.id });
      await articles.update(draft.id, { slug: 'new-title' });
      assert.deepEqual(await read.resolveSlug('old-title'), { id: draft.id, current: false });
      assert.deepEqual(await read.resolveSlug('new-title'), { id: draft.id, current: true });
      // A reader's URL read by its slug at once gives the same story as by its id, old slugs too.
      const byId = await read.view(draft.id);
      assert.deepEqual(await read.viewBySlug('new-title'), { article: byId, current: true });
      assert.deepEqual(await read.viewBySlug('old-title'), { article: byId, current: false });
      assert.equal(await read.viewBySlug('no-such-title'), null);
      const other = await articles.create({ headline: 'Old title', body, sectionId: section.id });
      assert.equal(other.slug, 'old-title-2', 'an old slug is never reused by another story');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] an embargoed story cannot be published early`, async () => {
    const { handle, clock, articles, section } = await setup();
    try {
      const draft = await articles.create({ headline: 'Results', body, sectionId: section.id, embargoUntil: '2025-06-27T06:00:00.000Z' });
      await assert.rejects(articles.publish(draft.id), EmbargoActive);
      assert.equal((await articles.get(draft.id))?.status, 'draft');
      clock.set('2025-06-27T06:00:01Z');
      assert.equal((await articles.publish(draft.id)).status, 'published');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] publishing bumps the content generation used by page caches`, async () => {
    const { handle, articles, section } = await setup();
    try {
      const state = createSiteStateRepo(handle.db);
      const before = await state.contentGeneration();
      const draft = await articles.create({ headline: 'Generation', body, sectionId: section.id });
      assert.equal(await state.contentGeneration(), before, 'a draft does not invalidate pages');
      await articles.publish(draft.id);
      assert.equal(await state.contentGeneration(), before + 1);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] listings show published stories newest first, filtered by section, author and tag`, async () => {
    const { handle, clock, directory, articles, read, section, asha, tom } = await setup();
    try {
      const sport = await directory.createSection({ name: 'Sport' });
      const tag = await directory.ensureTag('Monsoon', 'event');
      const a = await articles.create({ headline: 'A', body, sectionId: section.id, authorIds: [asha.id], tagIds: [tag.id] });
      const b = await articles.create({ headline: 'B', body, sectionId: sport.id, authorIds: [tom.id] });
      await articles.publish(a.id);
      clock.advance(60_000);
      await articles.publish(b.id);
      assert.deepEqual((await read.latest({}, 10)).map((t) => t.headline), ['B', 'A']);
      assert.deepEqual((await read.latest({ sectionId: sport.id }, 10)).map((t) => t.headline), ['B']);
      assert.deepEqual((await read.latest({ personId: asha.id }, 10)).map((t) => t.headline), ['A']);
      assert.deepEqual((await read.latest({ tagId: tag.id }, 10)).map((t) => t.headline), ['A']);
      assert.equal((await read.latest({}, 10))[0]?.authors[0]?.name, 'Tom Field');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] pages further down a listing hold the stories a whole listing has there, ties in time included`, async () => {
    const { handle, clock, directory, articles, read, section, asha, tom } = await setup();
    try {
      // Later pages find their ids first and then read their stories (article-read-repo.ts): they
      // must be exactly the slices of the whole list, in its order, for every filter.
      const sport = await directory.createSection({ name: 'Sport' });
      const tag = await directory.ensureTag('Harbour', 'topic');
      for (let i = 0; i < 23; i++) {
        const draft = await articles.create({ headline: `Story ${i}`, body, sectionId: i % 3 ? section.id : sport.id, authorIds: [i % 2 ? asha.id : tom.id], tagIds: i % 4 ? [tag.id] : [] });
        await articles.publish(draft.id);
        // Every third story keeps the time of the one before: the id orders those.
        if (i % 3 !== 1) clock.advance(60_000);
      }
      for (const filter of [{}, { sectionId: section.id }, { personId: asha.id }, { tagId: tag.id }]) {
        const whole = (await read.latest(filter, 100)).map((t) => t.id);
        assert.equal(whole.length, await read.countPublished(filter));
        for (const size of [4, 5]) {
          for (let offset = 0; offset < whole.length + size; offset += size) {
            const page = await read.latest(filter, size, offset);
            assert.deepEqual(page.map((t) => t.id), whole.slice(offset, offset + size), `${JSON.stringify(filter)}, ${size} from ${offset}`);
            assert.ok(page.every((t) => t.authors.length === 1 && t.section.name), 'teasers come whole');
          }
        }
      }
    } finally {
      await handle.close();
    }
  });
}
