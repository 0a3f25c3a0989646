import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { pino } from 'pino';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp } from '../../test/support/test-app.js';
import { createStoryTagger } from '../entities/index.js';
import { createIdGenerator } from '../shared/ids.js';
import { suggestDemoTags } from './seed-demo.js';
import type { ArticleTagger } from '../content/index.js';

const [sqlite] = await testDatabases();

/**
 * The demo's tag suggestions are made in the background after a first start begins serving. On
 * SQLite every await of the loop settles at once, and all 24 stories ran as one turn of the event
 * loop: `curl /healthz` waited 1.5–7 s on a first `npm start`. The tagger now gives the loop a turn
 * before each extraction (story-tagger.ts): the test looks at the count of stories tagged at every
 * turn of the loop.
 */
test('the demo stories are tagged one per turn of the event loop, so readers are answered between them', async () => {
  const app = await createTestApp(sqlite!, { DATELINE_DEMO: '1' });
  try {
    const storyIds = (await app.database.db.selectFrom('articles').select('id').where('status', '=', 'published').execute()).map((r) => r.id);
    assert.ok(storyIds.length >= 20, `the demo's stories (${storyIds.length})`);
    const tagger = createStoryTagger({ clock: app.clock, newId: createIdGenerator(() => app.clock.now().getTime()) });
    let tagged = 0;
    const counting: ArticleTagger = async (db, story) => {
      await tagger(db, story);
      tagged++;
    };
    const seenAtEachTurn: number[] = [];
    let running = true;
    const watch = (async () => {
      while (running) {
        seenAtEachTurn.push(tagged);
        await nextTurn();
      }
    })();
    await suggestDemoTags({ storyIds, articles: app.services.articles, tagger: counting, db: app.database.db, log: pino({ level: 'silent' }) });
    running = false;
    await watch;

    assert.equal(tagged, storyIds.length);
    const mostInOneTurn = Math.max(...seenAtEachTurn.slice(1).map((n, i) => n - seenAtEachTurn[i]!));
    assert.equal(mostInOneTurn, 1, `at most one story between two turns (counts seen: ${seenAtEachTurn.join(' ')})`);
    const suggested = await app.database.db.selectFrom('entity_suggestions').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
    assert.ok(Number(suggested.n) > 0, 'and the suggestions were made');
  } finally {
    await app.close();
  }
});
