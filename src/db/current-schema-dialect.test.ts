import { test } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { testDatabases, testDatabaseUrl } from '../../test/support/databases.js';

/**
 * Kysely's migrator asked about every schema's tables at each `migrate()` / `pendingMigrations()`,
 * by name, so another schema dropped at that moment (a second site on the database, the test
 * suite's own schemas) failed it with `schema "…" does not exist`: seen as a random PostgreSQL
 * test failing whenever two test runs shared the server.
 */
for (const target of (await testDatabases()).filter((t) => t.name === 'postgres')) {
  test(`[${target.name}] migrations are checked while other schemas are created and dropped`, async () => {
    const handle = await target.create();
    const other = new pg.Client({ connectionString: testDatabaseUrl });
    await other.connect();
    let stop = false;
    let dropped = 0;
    const churn = (async () => {
      while (!stop) {
        const schema = `churn_${randomBytes(6).toString('hex')}`;
        await other.query(`create schema ${schema}; create table ${schema}.t (id serial primary key, a text, b text, c text, d text)`);
        await other.query(`drop schema ${schema} cascade`);
        dropped++;
      }
    })();
    try {
      for (let i = 0; i < 200; i++) assert.deepEqual(await handle.pendingMigrations(), []);
      assert.ok(dropped >= 10, `schemas came and went meanwhile (${dropped})`);
    } finally {
      stop = true;
      await churn;
      await other.end();
      await handle.close();
    }
  });

  test(`[${target.name}] the migrator sees its own schema's tables, not another's`, async () => {
    const handle = await target.create();
    const other = new pg.Client({ connectionString: testDatabaseUrl });
    await other.connect();
    const schema = `other_${randomBytes(6).toString('hex')}`;
    try {
      await other.query(`create schema ${schema}; create table ${schema}.kysely_migration (name text)`);
      const tables = await handle.db.introspection.getTables();
      assert.ok(tables.some((t) => t.name === 'articles'), 'our tables are listed');
      assert.ok(tables.every((t) => t.schema === tables[0]!.schema), 'from one schema');
      assert.ok(!tables.some((t) => t.schema === schema), "not another schema's");
      const articles = tables.find((t) => t.name === 'articles')!;
      assert.ok(articles.columns.some((c) => c.name === 'headline' && !c.isNullable), 'with their columns');
    } finally {
      await other.query(`drop schema ${schema} cascade`);
      await other.end();
      await handle.close();
    }
  });
}
