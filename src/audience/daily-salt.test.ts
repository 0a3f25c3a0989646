import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createAudienceStateRepo } from './audience-state-repo.js';
import { createDailySalt } from './daily-salt.js';

for (const target of await testDatabases()) {
  test(`[${target.name}] each day has one random salt, shared by every process, and yesterday's is deleted`, async () => {
    const handle = await target.create();
    try {
      const state = createAudienceStateRepo(handle.db);
      const one = createDailySalt(state.salts);
      const two = createDailySalt(state.salts);
      // Two processes asking at once get the same salt: the first insert wins.
      const [a, b] = await Promise.all([one.forDay('2025-06-27'), two.forDay('2025-06-27')]);
      assert.equal(Buffer.from(a, 'base64url').length, 32, '256 random bits');
      assert.equal(a, b);
      assert.deepEqual(one.cached('2025-06-27'), a, 'kept in memory for the day');
      assert.equal(one.cached('2025-06-28'), null);
      const next = await one.forDay('2025-06-28');
      assert.notDeepEqual(next, a, 'the salt rotates daily');
      assert.deepEqual(await state.saltDays(), ['2025-06-28'], "yesterday's salt is gone: its hashes cannot be recomputed");
      assert.deepEqual(await two.forDay('2025-06-28'), next);
      // No table holds a visitor hash: the salt is the only audience secret in the database.
      const tables = ['article_views_daily', 'article_views_hourly', 'article_views_minutely', 'article_referrers_daily', 'article_devices_daily', 'site_visitors_daily'] as const;
      for (const table of tables) {
        const row = await handle.db.selectFrom(table).selectAll().executeTakeFirst();
        assert.equal(row, undefined);
      }
    } finally {
      await handle.close();
    }
  });
}
