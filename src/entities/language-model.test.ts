import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = resolve(import.meta.dirname, '../..');

test('a serving process loads the NLP library when a story is first saved, not at start', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'dateline-nlp-'));
  const loaded = join(dir, 'loaded.txt');
  // A module hook that notes every file of the library as it is resolved.
  writeFileSync(
    join(dir, 'hooks.mjs'),
    `import { appendFileSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const found = await next(specifier, context);
  if (found.url.includes('/node_modules/compromise/')) appendFileSync(${JSON.stringify(loaded)}, found.url + '\\n');
  return found;
}`,
  );
  writeFileSync(join(dir, 'register.mjs'), `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(join(dir, 'hooks.mjs')).href)});`);
  const url = (path: string) => JSON.stringify(pathToFileURL(join(root, path)).href);
  writeFileSync(
    join(dir, 'serve.mts'),
    `import { existsSync } from 'node:fs';
const { testDatabases } = await import(${url('test/support/databases.ts')});
const { createTestApp, publishStory } = await import(${url('test/support/test-app.ts')});
const [sqlite] = await testDatabases();
const app = await createTestApp(sqlite);
const home = await app.app.inject({ method: 'GET', url: '/' });
const atStart = existsSync(${JSON.stringify(loaded)});
await publishStory(app, { headline: 'Ministers from Kenya and Ghana meet in Accra' });
const suggestions = await app.database.db.selectFrom('entity_suggestions').select('name').execute();
await app.close();
process.stdout.write(JSON.stringify({ home: home.statusCode, atStart, afterSave: existsSync(${JSON.stringify(loaded)}), suggestions: suggestions.map((s) => s.name) }) + '\\n');`,
  );
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--import', pathToFileURL(join(dir, 'register.mjs')).href, join(dir, 'serve.mts')], {
    cwd: root,
    env: { ...process.env, DATELINE_TEST_POSTGRES: 'off' },
  });
  const seen = JSON.parse(stdout.trim().split('\n').at(-1)!) as { home: number; atStart: boolean; afterSave: boolean; suggestions: string[] };
  assert.equal(seen.home, 200);
  assert.equal(seen.atStart, false, 'the library was loaded before any story was saved');
  assert.equal(seen.afterSave, true);
  assert.ok(existsSync(loaded) && readFileSync(loaded, 'utf8').includes('compromise'));
  assert.ok(seen.suggestions.includes('Accra'), `suggestions after the save: ${seen.suggestions.join(', ')}`);
});

test('the synchronous helpers say clearly when the library was not loaded first', async () => {
  const { languageModel, loadLanguageModel, lexicon } = await import('./language-model.js');
  assert.throws(() => languageModel(), /not loaded: await loadLanguageModel\(\)/);
  await loadLanguageModel();
  assert.equal(typeof languageModel(), 'function');
  assert.ok(Object.keys(lexicon()).length > 1000, 'the word list is there');
});
