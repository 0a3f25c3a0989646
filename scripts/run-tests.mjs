#!/usr/bin/env node
// Runs the whole suite: type-check, then every *.test.ts through node:test + tsx.
// Node 20's `node --test DIR` finds no .ts files and exits 0 (a false pass), so the
// files are listed here explicitly. Pass paths or substrings to run a subset:
//   npm test -- doc        (every test file whose path contains "doc")
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const skipTypecheck = process.argv.includes('--no-typecheck') || filters.length > 0;

function findTests(dir) {
  const out = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name.startsWith('.')) continue;
    const full = join(dir, name);
    if (statSync(full).isDirectory()) out.push(...findTests(full));
    else if (name.endsWith('.test.ts')) out.push(relative(root, full));
  }
  return out;
}

let files = [...findTests(join(root, 'src')), ...findTests(join(root, 'test'))].sort();
if (filters.length) files = files.filter((f) => filters.some((flt) => f.includes(flt)));
if (files.length === 0) {
  console.error('run-tests: no test files matched');
  process.exit(1);
}

if (!skipTypecheck) {
  console.log('run-tests: type-checking (tsc --noEmit)');
  const tsc = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', root], { stdio: 'inherit' });
  if (tsc.status !== 0) {
    console.error('run-tests: type-check failed');
    process.exit(tsc.status ?? 1);
  }
  // The editor app has its own compiler settings (JSX, DOM, bundler resolution).
  if (existsSync(join(root, 'src/admin-ui/tsconfig.json'))) {
    const ui = spawnSync(process.execPath, [join(root, 'node_modules/typescript/bin/tsc'), '--noEmit', '-p', join(root, 'src/admin-ui')], { stdio: 'inherit' });
    if (ui.status !== 0) {
      console.error('run-tests: type-check of src/admin-ui failed');
      process.exit(ui.status ?? 1);
    }
  }
}

// Probe the optional services once, so a missing one is reported in one line for the
// whole run (each test file runs in its own process and would otherwise say it again).
const env = { ...process.env, NODE_ENV: 'test' };
const databaseUrl = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const pg = (await import('pg')).default;
const client = new pg.Client({ connectionString: databaseUrl, connectionTimeoutMillis: 2000 });
try {
  await client.connect();
  await client.query('select 1');
} catch (err) {
  if (process.env.CI === 'true') {
    console.error(`run-tests: PostgreSQL is required under CI but is not reachable at ${databaseUrl}: ${err.message}`);
    process.exit(1);
  }
  console.log(`run-tests: PostgreSQL not reachable at ${databaseUrl}; the database tests run on SQLite only`);
  env.DATELINE_TEST_POSTGRES = 'off';
} finally {
  await client.end().catch(() => {});
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) {
  if (process.env.CI === 'true') {
    console.error(`run-tests: Chromium is required under CI but ${chromium} does not exist`);
    process.exit(1);
  }
  console.log(`run-tests: Chromium not found at ${chromium}; the browser tests are skipped`);
  env.DATELINE_TEST_BROWSER = 'off';
}

const args = ['--import', 'tsx', '--enable-source-maps', '--test', '--test-concurrency=1', ...files];
const run = spawnSync(process.execPath, args, { stdio: 'inherit', cwd: root, env });
process.exit(run.status ?? 1);
