import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';

/**
 * better-sqlite3 12 derives its objects from node::ObjectWrap; built against Node 24.19 or later
 * headers, that class's destructor aborts the process (`Assertion failed: (env) != nullptr` in
 * RemoveEnvironmentCleanupHook) whenever the GC frees a statement outside JavaScript.
 * better-sqlite3 13 is a Node-API addon, prebuilt inside its npm package, without that bug, but
 * it asks for Node-API 10 (Node 22.14 and later) and segfaults on older Node, Node 20 included.
 * The API is the same, so take 13 wherever it can run and 12 elsewhere.
 */
const require = createRequire(import.meta.url);
export const sqliteDriverPackage = Number(process.versions.napi) >= 10 ? 'better-sqlite3-13' : 'better-sqlite3';
export const SqliteDatabase: typeof BetterSqlite3 = require(sqliteDriverPackage);
