import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp } from '../../test/support/test-app.js';

/**
 * Background work that makes pictures (the demo's, their sizes, share cards) reports after each
 * one, and each report used to bump the content generation, retiring every cached page in every
 * process: after a first `npm start` the generation went 29 → 81 in 23 s while readers' pages were
 * rebuilt beside the image work. Reports are now coalesced to at most one bump a second, and the
 * last one is always made, so pages still end up naming every picture.
 */
const [sqlite] = await testDatabases();

test('the demo pictures bump the content generation at most once a second, and pages then show them all', async () => {
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
    assert.ok(bumps < made, `fewer bumps than pictures (${bumps} for ${made})`);

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
