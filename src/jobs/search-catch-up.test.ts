import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs } from '../../test/support/test-app.js';
import { createContentModule } from '../content/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSearchCatchUpJob, SEARCH_CATCH_UP_LEASE } from './search-catch-up.js';
import { createLeaseRepo } from './work-lease-repo.js';

const MINUTE = 60_000;

/** A catch-up that counts its runs and, when asked, waits inside its first step until let go. */
function fakeCatchUp() {
  let runs = 0;
  let hold: { reached: () => void; go: Promise<void> } | null = null;
  return {
    get runs() {
      return runs;
    },
    /** The next run stops inside its first step; resolves when it got there, with the function that lets it go on. */
    holdNextRun(): Promise<() => void> {
      let letGo!: () => void;
      const go = new Promise<void>((resolve) => (letGo = resolve));
      return new Promise((resolve) => (hold = { reached: () => resolve(letGo), go }));
    },
    async catchUp({ beforeStep }: { beforeStep: () => Promise<void> }): Promise<number> {
      runs++;
      await beforeStep();
      const held = hold;
      hold = null;
      if (held) {
        held.reached();
        await held.go;
      }
      await beforeStep();
      return 0;
    },
  };
}

for (const target of await testDatabases()) {
  test(`[${target.name}] a site with stories missing from the search index starts without indexing them; the catch-up does, once the lease is free`, async () => {
    const handle = await target.create();
    const app = await createTestApp(target, {}, { database: handle });
    try {
      // Written as a CLI import or an older Dateline would: no indexer.
      const plain = createContentModule({ db: handle.db, clock: app.clock, newId: createIdGenerator() });
      const section = await plain.directory.createSection({ name: 'Coast' });
      const draft = await plain.articles.create({ headline: 'Spring tides reach the old harbour wall', body: paragraphs('Text.'), sectionId: section.id });
      await plain.articles.publish(draft.id);
      await app.close();

      // Another process is walking the index (its lease runs two minutes past the app's clock).
      const leases = createLeaseRepo(handle.db);
      const now = app.clock.now().getTime();
      assert.ok(await leases.take(SEARCH_CATCH_UP_LEASE, 'another-process', new Date(now).toISOString(), new Date(now + 2 * MINUTE).toISOString()));

      const restarted = await createTestApp(target, {}, { database: handle });
      try {
        const find = async () => (await restarted.app.inject({ method: 'GET', url: '/search?q=tides' })).body;
        const home = await restarted.app.inject({ method: 'GET', url: '/' });
        assert.equal(home.statusCode, 200);
        // The start did not index the story (it used to, before listening, however many there were)…
        assert.match(await find(), /No stories match/);
        // …and while the other process holds the lease, this one leaves the walk to it.
        await restarted.searchCatchUp.drain();
        assert.match(await find(), /No stories match/);
        // The other process died: its lease lapses and this one takes the work over.
        restarted.clock.advance(3 * MINUTE);
        await restarted.searchCatchUp.drain();
        assert.match(await find(), /Spring <mark>tides<\/mark> reach the old harbour wall/);
        assert.deepEqual(await leases.holder(SEARCH_CATCH_UP_LEASE), { holder: null, until: '' }, 'the lease is let go after the walk');
      } finally {
        await restarted.close();
      }
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] of two processes one walks at a time; each walks once after its start, then daily; a lease lost mid-walk or a stop ends the walk`, async () => {
    const handle = await target.create();
    try {
      const clock = createManualClock('2025-06-27T04:30:00Z');
      const leases = createLeaseRepo(handle.db);
      const a = fakeCatchUp();
      const b = fakeCatchUp();
      const jobA = createSearchCatchUpJob({ catchUp: a.catchUp, leases, holder: 'process-a', clock });
      const jobB = createSearchCatchUpJob({ catchUp: b.catchUp, leases, holder: 'process-b', clock });

      const reached = a.holdNextRun();
      const runA = jobA.step();
      const letA = await reached;
      assert.equal((await leases.holder(SEARCH_CATCH_UP_LEASE))?.holder, 'process-a', 'the first take made the lease row');
      assert.equal(await jobB.step(), 0);
      assert.equal(b.runs, 0, 'B waits while A walks');
      letA();
      await runA;
      assert.equal((await leases.holder(SEARCH_CATCH_UP_LEASE))?.holder, null);

      await jobB.step();
      assert.equal(b.runs, 1, 'B walks once the lease is free');
      await jobA.step();
      await jobB.step();
      assert.deepEqual([a.runs, b.runs], [1, 1], 'not again the same day');
      clock.advance(24 * 60 * MINUTE);
      await jobA.step();
      assert.equal(a.runs, 2, 'a day later, again');

      // A stalls mid-walk past its lease and B takes it over; A's next step finds out and stops.
      clock.advance(24 * 60 * MINUTE);
      const stalled = a.holdNextRun();
      const lost = jobA.step();
      const letStalled = await stalled;
      clock.advance(3 * MINUTE);
      assert.ok(await leases.take(SEARCH_CATCH_UP_LEASE, 'process-b', clock.now().toISOString(), new Date(clock.now().getTime() + 2 * MINUTE).toISOString()));
      letStalled();
      await assert.rejects(lost, /the lease went to another process/);
      assert.equal((await leases.holder(SEARCH_CATCH_UP_LEASE))?.holder, 'process-b', "A's stop does not free B's lease");
      await leases.release(SEARCH_CATCH_UP_LEASE, 'process-b');
      await jobA.step();
      assert.equal(a.runs, 4, 'A, whose walk did not finish, walks again at its next look');

      // A process stopping: the walk ends at its next step, as no failure, and lets the lease go.
      clock.advance(24 * 60 * MINUTE);
      const stopping = a.holdNextRun();
      const walk = jobA.step();
      const letStopping = await stopping;
      jobA.halt();
      letStopping();
      assert.equal(await walk, 0);
      assert.equal((await leases.holder(SEARCH_CATCH_UP_LEASE))?.holder, null);
      await jobA.step();
      assert.equal(a.runs, 5, 'a halted job walks no more');
    } finally {
      await handle.close();
    }
  });
}
