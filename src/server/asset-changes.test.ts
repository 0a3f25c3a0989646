import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp } from '../../test/support/test-app.js';
import { createSiteStateRepo } from '../content/index.js';
import { createAssetChanges } from './asset-changes.js';

/**
 * Background work that makes pictures (the demo's, their sizes, share cards) reports after each
 * one, and each report used to bump the content generation, retiring every cached page in every
 * process: after a first `npm start` the generation went 29 → 81 in 23 s while readers' pages were
 * rebuilt beside the image work. Reports are now coalesced to at most one bump a second, and the
 * last one is always made, so pages still end up naming every picture.
 */
const [sqlite] = await testDatabases();

test('the demo pictures bump the content generation at most once a second, and pages then show them all', async (t) => {
  const app = await createTestApp(sqlite!, { DATELINE_DEMO: '1' });
  try {
    const pictures = (html: string) => (html.match(/<img /g) ?? []).length;
    const homeBefore = (await app.app.inject('/')).body; // cached at the generation before the pictures
    const before = await app.services.siteState.contentGeneration();
    const started = Date.now();
    const made = await app.finishDemoPictures();
    const elapsed = Date.now() - started;
    const bumps = (await app.services.siteState.contentGeneration()) - before;

    assert.ok(made >= 20, `the demo has its pictures to make (${made})`);
    assert.ok(bumps >= 1, 'the pictures were announced');
    assert.ok(bumps <= Math.ceil(elapsed / 1000) + 1, `${bumps} bumps for ${made} pictures in ${elapsed} ms`);
    // Coalescing saves bumps only when pictures come faster than one a second: on a quiet machine
    // they take a fraction of a second each; on a loaded one (CI once took 28.8 s for 24) the bound
    // above is the whole promise. Faster than two a second, it must have saved about half.
    if (elapsed < made * 500) assert.ok(bumps < made, `fewer bumps than pictures (${bumps} for ${made} in ${elapsed} ms)`);
    else t.diagnostic(`pictures came slower than two a second (${made} in ${elapsed} ms): ${bumps} bumps`);

    // finishDemoPictures settles after the bump that covers its last picture: the cached home is gone.
    const homeAfter = (await app.app.inject('/')).body;
    assert.ok(pictures(homeAfter) > pictures(homeBefore), `the home page shows the pictures (${pictures(homeBefore)} → ${pictures(homeAfter)} images)`);
    const again = await app.finishDemoPictures();
    assert.equal(again, 0, 'nothing left to make');
    assert.equal((await app.services.siteState.contentGeneration()) - before, bumps, 'and nothing more announced');
  } finally {
    await app.close();
  }
});

for (const target of await testDatabases()) {
  const name = (title: string) => `[${target.name}] ${title}`;

  /** Two processes' announcers on one database (each with its own coalescing), counting their bumps. */
  async function twoProcesses(intervalMs: number) {
    const handle = await target.create();
    const siteState = createSiteStateRepo(handle.db);
    const refreshed = [0, 0];
    const processes = [0, 1].map((i) => createAssetChanges({ siteState, intervalMs, afterBump: async () => void refreshed[i]!++ }));
    return { handle, siteState, refreshed, processes, generation: () => siteState.contentGeneration() };
  }

  test(name('two processes reporting every 20 ms bump about once an interval between them, and the last report is covered'), async () => {
    const { handle, processes, generation, refreshed } = await twoProcesses(300);
    try {
      const before = await generation();
      const started = Date.now();
      const waits: Promise<void>[] = [];
      let beforeLast = 0;
      for (let i = 0; i < 60; i++) {
        // The generation as the last change is made (before it is reported): a bump must follow it.
        if (i === 59) beforeLast = await generation();
        waits.push(processes[i % 2]!.changed());
        await sleep(20);
      }
      await Promise.all(waits);
      const elapsed = Date.now() - started;
      const bumps = (await generation()) - before;
      assert.ok(bumps <= Math.ceil(elapsed / 300) + 2, `${bumps} bumps in ${elapsed} ms for 60 reports from two processes`);
      assert.ok(bumps >= 2, 'it bumped along the way');
      assert.ok((await generation()) > beforeLast, 'a bump came after the last report');
      assert.ok(refreshed[0]! > 0 && refreshed[1]! > 0, 'both processes refreshed their caches');
    } finally {
      await handle.close();
    }
  });

  test(name("a report after another process's bump gets a bump of its own, paced by that bump"), async () => {
    const { handle, siteState, processes, generation } = await twoProcesses(400);
    try {
      await processes[0]!.changed();
      const first = await siteState.assetBumpState();
      // B's change comes after A's bump: A's bump does not cover it, so B must bump, but not within A's interval.
      await processes[1]!.changed();
      const second = await siteState.assetBumpState();
      assert.equal(second.generation, first.generation + 1, 'B bumped once more');
      assert.ok(second.bumpedAt - first.bumpedAt >= 390, `B waited for A's interval (${second.bumpedAt - first.bumpedAt} ms)`);
      assert.equal(await generation(), second.generation);
    } finally {
      await handle.close();
    }
  });

  test(name('a bump is a compare-and-set: with the generation moved on, it does nothing'), async () => {
    const handle = await target.create();
    try {
      const siteState = createSiteStateRepo(handle.db);
      const { generation } = await siteState.assetBumpState();
      await siteState.bumpContentGeneration(); // an editor's publish in between
      assert.equal(await siteState.bumpForAssets(generation, 1234), false);
      assert.deepEqual(await siteState.assetBumpState(), { generation: generation + 1, bumpedAt: 0 });
      assert.equal(await siteState.bumpForAssets(generation + 1, 5678), true);
      assert.deepEqual(await siteState.assetBumpState(), { generation: generation + 2, bumpedAt: 5678 });
    } finally {
      await handle.close();
    }
  });
}
