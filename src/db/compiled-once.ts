import type { Compilable, CompiledQuery, Kysely } from 'kysely';
import { keepPrepared } from './prepared-statements.js';

/**
 * A read built and compiled to SQL once, then run with new values on each call.
 *
 * Kysely rebuilds its frozen query tree and compiles it to SQL on every call: on a story built
 * for the first time that is about 15–25 µs a query, more than SQLite takes to run most of them
 * (measured with --cpu-prof on the uncached article page: Kysely's own code was 11% of the
 * process's time, SQLite's 7%). For the few queries every uncached page runs, the SQL and the
 * place of each value in its parameter list are worked out on the first call and reused.
 *
 * `build` is given stand-ins for the values and must pass each of them to the query as a value
 * (`where('id', '=', id)`), so that it becomes a bound parameter; one that ends up in the SQL text
 * (through `sql.raw` or `sql.lit`), or not at all, is refused when the query is first compiled.
 * Other values the builder holds (`'published'`) stay as they were compiled.
 *
 * On PostgreSQL the text is also kept prepared on each connection (prepared-statements.ts), so the
 * server parses and plans it once there rather than on every call.
 */
export function compiledOnce<Row, Args extends readonly string[]>(db: Kysely<any>, build: (...args: Args) => Compilable<Row>): (...args: Args) => Promise<Row[]> {
  let compiled: CompiledQuery<Row> | null = null;
  /** For each parameter, the index of the argument it takes, or -1 for a value of the query's own. */
  let slots: number[] = [];

  function compile(): CompiledQuery<Row> {
    // One stand-in per parameter `build` declares (its `length`).
    const standIns = Array.from({ length: build.length }, (_, i) => `\u0000compiled-once-argument-${i}\u0000`);
    const query = build(...(standIns as unknown as Args)).compile();
    slots = query.parameters.map((value) => standIns.indexOf(value as string));
    standIns.forEach((standIn, i) => {
      if (!query.parameters.includes(standIn)) throw new Error(`compiledOnce: argument ${i} is not a bound parameter of the query (${query.sql})`);
    });
    if (query.sql.includes('\u0000compiled-once-argument-')) throw new Error(`compiledOnce: an argument was written into the SQL text (${query.sql})`);
    keepPrepared(query.sql);
    return query;
  }

  return async (...args: Args): Promise<Row[]> => {
    compiled ??= compile();
    const parameters = compiled.parameters.map((value, i) => (slots[i]! >= 0 ? args[slots[i]!] : value));
    return (await db.executeQuery<Row>({ ...compiled, parameters })).rows;
  };
}
