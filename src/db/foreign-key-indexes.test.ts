import { test } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';

// Neither database indexes a foreign key's column by itself. Without one, reading a row's children
// (a story's corrections, on every article page) and removing the row they point at (a picture, a
// story) each scan the whole child table: at 100,000 stories, deleting a picture read every story.
for (const target of await testDatabases()) {
  test(`[${target.name}] every column that points at another table's row leads an index`, async () => {
    const handle = await target.create();
    try {
      const unindexed =
        target.name === 'sqlite'
          ? (
              await sql<{ tbl: string; col: string }>`
                select m.name as tbl, f."from" as col
                from sqlite_schema m join pragma_foreign_key_list(m.name) f
                where m.type = 'table' and f.seq = 0
                  and not exists (
                    select 1 from pragma_index_list(m.name) l join pragma_index_info(l.name) i
                    where i.seqno = 0 and i.name = f."from")
                  and not exists (select 1 from pragma_table_info(m.name) c where c.pk = 1 and c.name = f."from")
                order by 1, 2`.execute(handle.db)
            ).rows
          : (
              await sql<{ tbl: string; col: string }>`
                select t.relname as tbl, a.attname as col
                from pg_constraint c
                join pg_class t on t.oid = c.conrelid
                join pg_attribute a on a.attrelid = c.conrelid and a.attnum = c.conkey[1]
                where c.contype = 'f' and t.relnamespace = current_schema()::regnamespace
                  and not exists (select 1 from pg_index i where i.indrelid = c.conrelid and i.indkey[0] = c.conkey[1])
                order by 1, 2`.execute(handle.db)
            ).rows;
      assert.deepEqual(unindexed.map((r) => `${r.tbl}.${r.col}`), []);
    } finally {
      await handle.close();
    }
  });
}
