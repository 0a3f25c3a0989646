import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { errorCodes } from '../shared/errors.js';
// Importing every domain's errors registers their codes.
import '../content/errors.js';
import '../media/errors.js';
import '../ingest/errors.js';
import '../search/errors.js';
import '../admin/index.js';

test('every error code is documented in docs/errors.md with its status', () => {
  const doc = readFileSync(new URL('../../docs/errors.md', import.meta.url), 'utf8');
  assert.ok(errorCodes.size >= 10, 'the domain errors registered');
  for (const [code, { status }] of errorCodes) {
    const row = doc.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
    assert.ok(row, `${code} is documented`);
    assert.ok(row.includes(`| ${status} |`), `${code} is documented with status ${status}`);
  }
});
