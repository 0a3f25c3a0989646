import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { compiledOnce } from './compiled-once.js';

const now = '2025-06-10T00:00:00.000Z';
const section = (id: string, slug: string, position: number) => ({ id, slug, name: slug.toUpperCase(), description: '', position, created_at: now });

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('a query compiled once answers each call with that call’s values, as the builder does'), async () => {
    const handle = await target.create();
    try {
      const { db } = handle;
      await db.insertInto('sections').values([section('s1', 'news', 1), section('s2', 'sport', 2), section('s3', 'weather', 3)]).execute();
      const build = (slug: string, other: string) =>
        db.selectFrom('sections').select(['id', 'slug']).where((eb) => eb.or([eb('slug', '=', slug), eb('slug', '=', other)])).where('description', '=', '').orderBy('position');
      const bySlugs = compiledOnce(db, build);

      for (const [a, b] of [['news', 'weather'], ['sport', 'sport'], ['weather', 'nothing'], ['nothing', 'none']] as const) {
        assert.deepEqual(await bySlugs(a, b), await build(a, b).execute(), `${a}, ${b}`);
      }
      assert.deepEqual((await bySlugs('news', 'weather')).map((r) => r.id), ['s1', 's3']);
      // The query's own value ('' for the description) stays: a section with one is not found.
      await db.updateTable('sections').set({ description: 'Scores' }).where('id', '=', 's2').execute();
      assert.deepEqual(await bySlugs('sport', 'news'), [{ id: 's1', slug: 'news' }]);

      // An argument used twice, and arguments taken out of order, each land in their places.
      const twice = compiledOnce(db, (first: string, second: string) =>
        db.selectFrom('sections').select('id').where('slug', '=', second).where('id', '!=', first).where('slug', '!=', first).orderBy('id'),
      );
      assert.deepEqual(await twice('s9', 'weather'), [{ id: 's3' }]);
      assert.deepEqual(await twice('s3', 'weather'), []);

      // Hostile text is still a bound value, never SQL.
      assert.deepEqual(await bySlugs("news' or '1'='1", 'x'), []);
      assert.equal(Number((await db.selectFrom('sections').select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirstOrThrow()).n), 3);
    } finally {
      await handle.close();
    }
  });

  test(name('an argument that would be written into the SQL text, or left out, is refused when first run'), async () => {
    const handle = await target.create();
    try {
      const { db } = handle;
      const literal = compiledOnce(db, (slug: string) => db.selectFrom('sections').select('id').where('slug', '=', sql.lit(slug)));
      await assert.rejects(literal('news'), /argument 0 is not a bound parameter/);
      const unused = compiledOnce(db, (slug: string, _other: string) => db.selectFrom('sections').select('id').where('slug', '=', slug));
      await assert.rejects(unused('news', 'sport'), /argument 1 is not a bound parameter/);
    } finally {
      await handle.close();
    }
  });
}
