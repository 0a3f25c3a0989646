import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createContentModule } from '../content/index.js';
import type { DatabaseHandle } from '../db/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSearchModule } from './index.js';
import { createSearchSourceRepo } from './search-source-repo.js';
import type { SearchInput, SearchOutcome } from './index.js';

const doc = (...texts: string[]) => ({ type: 'doc' as const, content: texts.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })) });

async function newsroom(handle: DatabaseHandle) {
  const clock = createManualClock('2025-06-01T06:00:00Z');
  const newId = createIdGenerator(() => clock.now().getTime());
  const search = createSearchModule({ db: handle.db, capabilities: handle.capabilities });
  const content = createContentModule({ db: handle.db, clock, newId, indexer: search.indexArticle });
  const news = await content.directory.createSection({ name: 'News' });
  const sport = await content.directory.createSection({ name: 'Sport' });
  const rajnath = await content.directory.createPerson({ name: 'Rajnath Singh' });
  const asha = await content.directory.createPerson({ name: 'Asha Rao' });
  const defence = await content.directory.ensureTag('Defence');
  async function publish(input: { headline: string; body?: string; standfirst?: string; section?: string; authors?: string[]; tags?: string[]; day?: string }) {
    if (input.day) clock.set(`${input.day}T06:00:00Z`);
    const draft = await content.articles.create({
      headline: input.headline,
      standfirst: input.standfirst ?? '',
      body: doc(input.body ?? 'Nothing else to report.'),
      sectionId: input.section ?? news.id,
      authorIds: input.authors ?? [asha.id],
      tagIds: input.tags ?? [],
    });
    return content.articles.publish(draft.id);
  }
  const find = async (q: string, extra: Omit<SearchInput, 'q'> = {}) => {
    const outcome = await search.service.search({ q, ...extra });
    assert.ok(outcome.ok, `"${q}" is searchable`);
    return outcome as Extract<SearchOutcome, { ok: true }>;
  };
  const headlines = async (q: string, extra: Omit<SearchInput, 'q'> = {}) => (await find(q, extra)).hits.map((h) => h.headlineHtml.replace(/<\/?mark>/g, ''));
  return { content, search, clock, publish, find, headlines, sections: { news, sport }, people: { rajnath, asha }, tags: { defence } };
}

for (const target of await testDatabases()) {
  test(`[${target.name}] the index follows publish, Update, unpublish and delete`, async () => {
    const handle = await target.create();
    try {
      const n = await newsroom(handle);
      const draft = await n.content.articles.create({ headline: 'Monsoon reaches Kerala', body: doc('Rain arrived early.'), sectionId: n.sections.news.id });
      assert.deepEqual(await n.headlines('monsoon'), [], 'a draft is not searchable');
      await n.content.articles.publish(draft.id);
      assert.deepEqual(await n.headlines('monsoon'), ['Monsoon reaches Kerala']);
      // An edit to the live story waits in its working copy: the index keeps the public text.
      await n.content.articles.edit(draft.id, { headline: 'Cyclone reaches Kerala' });
      assert.deepEqual(await n.headlines('cyclone'), []);
      await n.content.articles.applyChanges(draft.id);
      assert.deepEqual(await n.headlines('cyclone'), ['Cyclone reaches Kerala']);
      assert.deepEqual(await n.headlines('monsoon'), [], 'the old headline is gone from the index');
      await n.content.articles.unpublish(draft.id);
      assert.deepEqual(await n.headlines('cyclone'), [], 'an unpublished story is not found');
      await n.content.articles.remove(draft.id);
      const rows = await handle.db.selectFrom('search_documents').select('article_id').execute();
      assert.deepEqual(rows, []);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a failed transaction leaves the index as it was`, async () => {
    const handle = await target.create();
    try {
      const n = await newsroom(handle);
      const draft = await n.content.articles.create({ headline: 'Budget session opens', body: doc('Text.'), sectionId: n.sections.news.id });
      await assert.rejects(
        handle.db.transaction().execute(async (trx) => {
          await n.content.articles.withTransaction(trx).publish(draft.id);
          throw new Error('rolled back');
        }),
        /rolled back/,
      );
      assert.deepEqual(await n.headlines('budget'), []);
      const indexed = await handle.db.selectFrom('search_documents').select('article_id').execute();
      assert.equal(indexed.length, 0);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] words, phrases, exclusion, OR, filters and sort`, async () => {
    const handle = await target.create();
    try {
      const n = await newsroom(handle);
      await n.publish({ headline: 'Defence minister visits Moscow', body: 'Rajnath Singh discussed the S-400 deliveries.', authors: [n.people.rajnath.id], tags: [n.tags.defence.id], day: '2025-05-01' });
      await n.publish({ headline: 'Cricket: India beat Australia', body: 'A win in the final over at Mumbai.', section: n.sections.sport.id, day: '2025-05-10' });
      await n.publish({ headline: 'Monsoon covers Mumbai', body: 'Singh said the rain was welcome.', day: '2025-05-20' });

      assert.deepEqual(await n.headlines('mumbai', { sort: 'newest' }), ['Monsoon covers Mumbai', 'Cricket: India beat Australia']);
      assert.deepEqual(await n.headlines('"rajnath singh"'), ['Defence minister visits Moscow'], 'a phrase');
      assert.deepEqual(await n.headlines('"discussed singh"'), [], 'a phrase keeps its order');
      assert.deepEqual(await n.headlines('mumbai -cricket'), ['Monsoon covers Mumbai'], 'exclusion');
      assert.deepEqual((await n.headlines('moscow OR australia', { sort: 'newest' })), ['Cricket: India beat Australia', 'Defence minister visits Moscow'], 'OR');
      assert.deepEqual(await n.headlines('S-400'), ['Defence minister visits Moscow'], 'FTS syntax is searched as text');
      assert.deepEqual(await n.headlines('mumbai', { section: n.sections.sport.slug }), ['Cricket: India beat Australia'], 'section filter');
      assert.deepEqual(await n.headlines('singh', { author: n.people.rajnath.slug }), ['Defence minister visits Moscow'], 'author filter');
      assert.deepEqual(await n.headlines('singh', { tag: 'defence' }), ['Defence minister visits Moscow'], 'tag filter');
      assert.deepEqual(await n.headlines('mumbai', { from: '2025-05-15' }), ['Monsoon covers Mumbai'], 'from');
      // Author and tag are sets of stories on SQLite, section and dates conditions: together, and newest first.
      assert.deepEqual(await n.headlines('singh', { author: n.people.rajnath.slug, tag: 'defence', from: '2025-04-01' }), ['Defence minister visits Moscow'], 'author, tag and date');
      assert.deepEqual(await n.headlines('singh', { author: n.people.rajnath.slug, from: '2025-05-02' }), [], 'author and a date after the story');
      assert.deepEqual(await n.headlines('singh', { tag: 'defence', sort: 'newest' }), ['Defence minister visits Moscow'], 'tag filter, newest first');
      assert.deepEqual(await n.headlines('mumbai', { author: n.people.rajnath.slug }), [], 'an author who did not write it');
      assert.deepEqual(await n.headlines('mumbai', { to: '2025-05-10' }), ['Cricket: India beat Australia'], 'to includes its day');
      assert.deepEqual(await n.headlines('defence'), ['Defence minister visits Moscow']);
      // The headline outweighs the body: "Singh" in the byline and body ranks over "Singh" in the body alone.
      assert.deepEqual(await n.headlines('singh'), ['Defence minister visits Moscow', 'Monsoon covers Mumbai']);
      const page1 = await n.find('mumbai', { perPage: 1, sort: 'newest' });
      const page2 = await n.find('mumbai', { perPage: 1, page: 2, sort: 'newest' });
      assert.equal(page1.hasMore, true);
      assert.equal(page2.hasMore, false);
      assert.notEqual(page1.hits[0]!.articleId, page2.hits[0]!.articleId);
      const bad = await n.search.service.search({ q: 'mumbai', from: '2025-13-01' });
      assert.deepEqual(bad.ok ? null : bad.field, 'from');
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] highlights are escaped, with <mark> only around matches`, async () => {
    const handle = await target.create();
    try {
      const n = await newsroom(handle);
      await n.publish({ headline: '<script>alert(1)</script> Monsoon & rain', body: 'The <b>monsoon</b> came \u0001early\u0002.' });
      const hit = (await n.find('monsoon')).hits[0]!;
      assert.equal(hit.headlineHtml, '&lt;script&gt;alert(1)&lt;/script&gt; <mark>Monsoon</mark> &amp; rain');
      // Tag-like text is kept, escaped, on both databases (PostgreSQL's snippets are made in text-marks.ts).
      assert.match(hit.snippetHtml, /The &lt;b&gt;<mark>monsoon<\/mark>&lt;\/b&gt; came/);
      assert.doesNotMatch(hit.snippetHtml.replace(/<\/?mark>/g, ''), /<|\u0001|\u0002/);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] hostile queries never error`, async () => {
    const handle = await target.create();
    try {
      const n = await newsroom(handle);
      await n.publish({ headline: 'NEAR the border, S-400 units', body: 'Quotes " and stars * and (brackets).' });
      const hostile = ['x'.repeat(10_000), 'a '.repeat(5000), 'AND', 'OR', 'NOT', 'AND OR NOT', '-', '--', '"', '"""', '"unbalanced border', 'S-400', 'NEAR(', 'NEAR(a b)', '*', 'bord*', '^border', 'headline:border', '(', ')', '{}', "'", '\\', '\u0000border', '💥', 'border OR', 'OR border', '-border', '- -', '%', '_', '"" border'];
      for (const q of hostile) {
        const outcome = await n.search.service.search({ q });
        if (!outcome.ok) assert.equal(outcome.field, 'q', `"${q.slice(0, 20)}" is refused naming q`);
      }
      assert.deepEqual(await n.headlines('"unbalanced border'), [], 'an unbalanced quote runs to the end');
      assert.equal((await n.headlines('\u0000border')).length, 1);
      assert.equal((await n.headlines('NEAR(')).length, 1);
      assert.equal((await n.search.service.search({ q: '* AND OR -' })).ok, false);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] a Hindi query finds a Hindi story, and names get "did you mean"`, async () => {
    const handle = await target.create();
    try {
      const n = await newsroom(handle);
      await n.publish({ headline: 'प्रधानमंत्री ने नई योजना की घोषणा की', body: 'सरकार ने किसानों के लिए योजना शुरू की।' });
      await n.publish({ headline: 'Minister on tour', body: 'Rajnath Singh spoke in Delhi.', authors: [n.people.rajnath.id] });
      assert.deepEqual(await n.headlines('प्रधानमंत्री'), ['प्रधानमंत्री ने नई योजना की घोषणा की']);
      assert.deepEqual(await n.headlines('किसानों'), ['प्रधानमंत्री ने नई योजना की घोषणा की']);
      const typo = await n.find('rajnth');
      assert.equal(typo.hits.length, 0);
      assert.equal(typo.suggestion, 'rajnath');
      assert.equal((await n.find('rajnath')).suggestion, null);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] catch-up indexes stories written without an indexer and drops stale rows`, async () => {
    const handle = await target.create();
    try {
      const n = await newsroom(handle);
      const plain = createContentModule({ db: handle.db, clock: n.clock, newId: createIdGenerator() });
      const draft = await plain.articles.create({ headline: 'Archive story about tides', body: doc('Text.'), sectionId: n.sections.news.id });
      await plain.articles.publish(draft.id);
      assert.deepEqual(await n.headlines('tides'), []);
      assert.equal(await n.search.catchUp(), 1);
      assert.deepEqual(await n.headlines('tides'), ['Archive story about tides']);
      await plain.articles.unpublish(draft.id);
      assert.equal(await n.search.catchUp(), 1);
      assert.deepEqual(await n.headlines('tides'), []);
      assert.equal(await n.search.catchUp(), 0);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] catch-up's steps through the stories by id find every stale one, wherever the steps fall`, async () => {
    const handle = await target.create();
    try {
      const n = await newsroom(handle);
      const plain = createContentModule({ db: handle.db, clock: n.clock, newId: createIdGenerator() });
      // Indexed and current, written without an indexer, a draft, and one edited behind the index's back.
      const current = await n.publish({ headline: 'Indexed already', body: 'Text.' });
      const missing = [];
      for (let i = 0; i < 4; i++) missing.push((await plain.articles.publish((await plain.articles.create({ headline: `Unindexed ${i}`, body: doc('Text.'), sectionId: n.sections.news.id })).id)).id);
      await plain.articles.create({ headline: 'A draft', body: doc('Text.'), sectionId: n.sections.news.id });
      const edited = await n.publish({ headline: 'Edited later', body: 'Text.' });
      await handle.db.updateTable('articles').set((eb) => ({ version: eb('version', '+', 1) })).where('id', '=', edited.id).execute();
      const total = Number((await handle.db.selectFrom('articles').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
      const source = createSearchSourceRepo(handle.db);
      const expected = [...missing, edited.id].sort();
      for (const scan of [1, 2, 3, 50]) {
        const found: string[] = [];
        let steps = 0;
        for (let after: string | null = ''; after !== null; steps++) {
          const step = await source.staleIds(after, scan);
          assert.ok(step.ids.length <= scan);
          found.push(...step.ids);
          after = step.next;
        }
        assert.deepEqual(found, expected, `steps of ${scan}`);
        assert.ok(!found.includes(current.id));
        // Each story looked at once, then one empty step says the walk is over.
        assert.equal(steps, Math.ceil(total / scan) + 1, `steps of ${scan}`);
      }
      assert.equal(await n.search.catchUp(), 5);
      assert.equal(await n.search.catchUp(), 0);
    } finally {
      await handle.close();
    }
  });
}
