import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createGenerationMemo } from './generation-memo.js';

/** A memo of two entries and a log of what it loaded. */
function memoOfTwo() {
  let generation = 1;
  const loaded: string[] = [];
  const memo = createGenerationMemo(() => generation, 2);
  const ask = (key: string) => memo(key, async () => (loaded.push(key), `${key}@${generation}`));
  return { ask, loaded, change: () => generation++ };
}

test('the memo loads each key once per content generation, and again after a change', async () => {
  const { ask, loaded, change } = memoOfTwo();
  assert.equal(await ask('a'), 'a@1');
  assert.equal(await ask('a'), 'a@1');
  assert.deepEqual(loaded, ['a']);
  change();
  assert.equal(await ask('a'), 'a@2');
  assert.deepEqual(loaded, ['a', 'a']);
});

test('past its size the memo puts out the entry used least recently, not the oldest', async () => {
  const { ask, loaded } = memoOfTwo();
  await ask('topic'); // asked for by every page of a topic
  await ask('thumbnails-1');
  await ask('topic');
  await ask('thumbnails-2'); // one more than it holds: thumbnails-1 goes, though topic came first
  await ask('topic');
  assert.deepEqual(loaded, ['topic', 'thumbnails-1', 'thumbnails-2']);
  await ask('thumbnails-1');
  assert.deepEqual(loaded, ['topic', 'thumbnails-1', 'thumbnails-2', 'thumbnails-1']);
});

test('a failed load is not remembered, and does not put out a later load of the same key', async () => {
  let calls = 0;
  let fail: (err: Error) => void = () => {};
  const memo = createGenerationMemo(() => 1, 1);
  const first = memo('k', () => new Promise((_resolve, reject) => (fail = reject)));
  memo('other', async () => 'x'); // puts out the pending 'k'
  const second = memo('k', async () => (++calls, 'loaded again'));
  fail(new Error('database went away'));
  await assert.rejects(first, /database went away/);
  assert.equal(await second, 'loaded again');
  assert.equal(await memo('k', async () => (++calls, 'a third load')), 'loaded again', 'the later load is still remembered');
  assert.equal(calls, 1);
});
