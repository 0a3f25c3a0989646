import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';

for (const target of await testDatabases()) {
  test(`[${target.name}] migrations create every table and run only once`, async () => {
    const handle = await target.create();
    try {
      const again = await handle.migrate();
      assert.deepEqual(again, [], 'a second migrate applies nothing');
      const row = await handle.db.selectFrom('site_state').select('value').where('key', '=', 'content_generation').executeTakeFirst();
      assert.equal(row?.value, '1');
      const count = await handle.db.selectFrom('articles').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
      assert.equal(Number(count.n), 0);
    } finally {
      await handle.close();
    }
  });

  test(`[${target.name}] foreign keys are enforced`, async () => {
    const handle = await target.create();
    try {
      await assert.rejects(
        handle.db
          .insertInto('article_authors')
          .values({ article_id: 'missing', person_id: 'missing', position: 0 })
          .execute(),
      );
    } finally {
      await handle.close();
    }
  });
}
