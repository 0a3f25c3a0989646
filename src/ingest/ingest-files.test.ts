import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { ingestFile, MAX_ITEMS_PER_FILE, type IngestFileOptions } from './ingest-files.js';
import type { IncomingStory } from './ninjs.js';
import type { ImportOutcome } from './wire-importer.js';

const log = pino({ level: 'silent' });
const dir = mkdtempSync(join(tmpdir(), 'dateline-ingest-files-'));

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const item = (uri: string, headline: string) => ({ uri, type: 'text', headline, body_text: 'Words.' });

/** Records what it is asked to import; a headline containing "explode" throws, as a broken database would. */
function fakeImporter() {
  const seen: IncomingStory[] = [];
  const importer: IngestFileOptions['importer'] = {
    async importStory(story): Promise<ImportOutcome> {
      seen.push(story);
      if (story.headline.includes('explode')) throw new Error('invalid byte sequence for encoding "UTF8": 0x00');
      return { ok: true, id: `id-${seen.length}`, slug: 's', sectionSlug: 'news', status: 'draft', updated: false, embargoedUntil: null, pubStatus: 'usable', killed: false };
    },
  };
  return { importer, seen };
}

test('a file holding an array imports each item, labelled file#index, one bad item refused alone', async () => {
  const { importer, seen } = fakeImporter();
  const path = file('package.json', [item('urn:a', 'First'), { uri: 'urn:b', type: 'text' }, item('urn:c', 'Third')]);
  const results = await ingestFile(path, 'wire/package.json', { importer, publish: false, log });
  assert.deepEqual(results.map((r) => [r.label, r.ok]), [['wire/package.json#0', true], ['wire/package.json#1', false], ['wire/package.json#2', true]]);
  assert.deepEqual(seen.map((s) => s.headline), ['First', 'Third']);
  const bad = results[1]!;
  assert.ok(!bad.ok);
  assert.deepEqual([bad.code, bad.field], ['INGEST_FAILED', 'headline']);
});

test('a file holding one object is labelled by the file alone', async () => {
  const { importer } = fakeImporter();
  const results = await ingestFile(file('one.json', item('urn:one', 'Only')), 'one.json', { importer, publish: true, log });
  assert.deepEqual(results.map((r) => r.label), ['one.json']);
});

test('an unexpected error is reported for its item, and the next items still import', async () => {
  const { importer, seen } = fakeImporter();
  const path = file('mixed.json', [item('urn:1', 'Please explode'), item('urn:2', 'Fine')]);
  const results = await ingestFile(path, 'mixed.json', { importer, publish: false, log });
  const [broken, fine] = results;
  assert.ok(broken && !broken.ok);
  assert.deepEqual([broken.label, broken.code, broken.field], ['mixed.json#0', 'INTERNAL', '$']);
  assert.match(broken.message, /unexpected error: invalid byte sequence/);
  assert.ok(fine?.ok);
  assert.equal(seen.length, 2);
});

test('unreadable, malformed, empty and oversized files are refused as a whole', async () => {
  const { importer, seen } = fakeImporter();
  const options = { importer, publish: false, log };
  const cases: [string, RegExp][] = [
    [join(dir, 'missing.json'), /file not found/],
    [file('malformed.json', '{"uri": '), /malformed JSON/],
    [file('empty.json', []), /empty array/],
    [file('many.json', Array.from({ length: MAX_ITEMS_PER_FILE + 1 }, (_, i) => item(`urn:${i}`, 'x'))), /more than 1000 items/],
  ];
  for (const [path, pattern] of cases) {
    const [result, ...rest] = await ingestFile(path, 'f.json', options);
    assert.equal(rest.length, 0);
    assert.ok(result && !result.ok);
    assert.match(result.message, pattern);
  }
  assert.equal(seen.length, 0);
});
