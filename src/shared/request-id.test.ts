import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { IncomingMessage } from 'node:http';
import { newRequestId, requestIdFor } from './request-id.js';

const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

test('new request ids are version-4 UUIDs, all different, across several batches of 256', () => {
  const ids = Array.from({ length: 2_000 }, newRequestId);
  for (const id of ids) assert.match(id, UUID_V4);
  assert.equal(new Set(ids).size, ids.length);
});

test('every random hex place of a new id takes many values: the bytes are fresh for each id', () => {
  const ids = Array.from({ length: 1_000 }, newRequestId);
  for (let place = 0; place < 36; place++) {
    if ([8, 13, 14, 18, 23].includes(place)) continue; // dashes and the version digit
    const seen = new Set(ids.map((id) => id[place]));
    // The variant digit has 4 values (8, 9, a, b); the others 16.
    assert.ok(seen.size >= (place === 19 ? 4 : 14), `place ${place}: ${[...seen].join('')}`);
  }
});

test("a request's own X-Request-Id is kept when it is a plain token, else replaced by a new UUID", () => {
  const withId = (id: string | string[] | undefined) => ({ headers: { 'x-request-id': id } }) as unknown as IncomingMessage;
  assert.equal(requestIdFor(withId('lb-7f3a9c21.0001')), 'lb-7f3a9c21.0001');
  for (const hostile of ['short', 'a'.repeat(129), 'evil\nid-with-newline', '<script>x</script>', undefined, ['one-id-here', 'two-id-here']]) {
    assert.match(requestIdFor(withId(hostile)), UUID_V4, String(hostile));
  }
});
