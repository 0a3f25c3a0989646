import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';

for (const target of await testDatabases()) {
  test(`[${target.name}] the daily maintenance removes orphaned media files, ended sign-in windows and expired sessions, and builds deferred indexes`, async () => {
    const app = await createTestApp(target);
    try {
      // What a kill -9 in the middle of an upload leaves: files, no row. Two hours old.
      const orphan = join(app.dataDir, 'media', 'o', 'zz', '01jyqzzzzzzzzzzzzzzzzzzzzz.jpg');
      mkdirSync(join(orphan, '..'), { recursive: true });
      writeFileSync(orphan, 'half a picture');
      const twoHoursAgo = new Date(app.clock.now().getTime() - 2 * 3_600_000);
      utimesSync(orphan, twoHoursAgo, twoHoursAgo);

      await signIn(app, 'editor');
      await app.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email: 'nobody@example.com', password: 'a wrong guess' } });
      assert.equal((await app.database.db.selectFrom('login_attempts').select('key').execute()).length, 2, 'an account and an address window');

      // A large archive's upgrade leaves the desk's trigram index to the site (db/deferred-indexes.ts).
      const trigramIndex = sql<{ valid: boolean }>`select i.indisvalid as valid from pg_index i where i.indexrelid = to_regclass(format('%I.%I', current_schema(), 'article_text_trigrams'))`;
      if (target.name === 'postgres') await sql`drop index article_text_trigrams`.execute(app.database.db);

      app.clock.advance(15 * 24 * 3_600_000); // past the windows and the 14-day sessions
      await app.maintenance.drain();
      if (target.name === 'postgres') assert.deepEqual((await trigramIndex.execute(app.database.db)).rows, [{ valid: true }], 'the deferred index is built');
      assert.equal(existsSync(orphan), false, 'the orphaned file is gone');
      assert.equal((await app.database.db.selectFrom('login_attempts').select('key').execute()).length, 0);
      assert.equal((await app.database.db.selectFrom('sessions').select('id').execute()).length, 0);
    } finally {
      await app.close();
    }
  });
}
