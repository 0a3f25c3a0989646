import assert from 'node:assert/strict';
import { test } from 'node:test';
import { memoryGrowth, percentile, soakVerdict } from './soak.js';

test('the soak fails on any error or on growth above the aim, and passes otherwise', () => {
  assert.deepEqual(soakVerdict({ errors: 0, growth: { primary: 0.02, '101': 0.099 } }), { passed: true, worstGrowth: 0.099, reasons: [] });
  const erred = soakVerdict({ errors: 1, growth: { primary: 0 } });
  assert.equal(erred.passed, false);
  assert.deepEqual(erred.reasons, ['1 errors']);
  const grew = soakVerdict({ errors: 0, growth: { primary: 0.01, '101': 0.12 } });
  assert.equal(grew.passed, false);
  assert.match(grew.reasons[0]!, /12\.0% after warm-up/);
  assert.equal(soakVerdict({ errors: 0, growth: { '101': 0.3 } }, 0.5).passed, true);
  // Shrinking is not growth.
  assert.equal(soakVerdict({ errors: 0, growth: { '101': -0.4 } }).worstGrowth, 0);
});

test('memory growth is measured from the second sample (after warm-up) to the last', () => {
  const growth = memoryGrowth([{ primary: 50, '7': 100 }, { primary: 100, '7': 200 }, { primary: 100, '7': 210, '9': 80 }, { primary: 90, '7': 220, '9': 90 }]);
  assert.deepEqual(Object.keys(growth).sort(), ['7', 'primary']); // '9' (a replaced worker) has no baseline
  assert.ok(Math.abs(growth['7']! - 0.1) < 1e-9);
  assert.ok(Math.abs(growth.primary! + 0.1) < 1e-9);
  assert.deepEqual(memoryGrowth([{ primary: 100 }]), { primary: 0 });
  assert.deepEqual(memoryGrowth([]), {});
});

test('percentiles take the nearest rank of a sorted list', () => {
  const list = Array.from({ length: 100 }, (_, i) => i + 1);
  assert.equal(percentile(list, 0.5), 51);
  assert.equal(percentile(list, 0.99), 100);
  assert.equal(percentile([7], 0.99), 7);
  assert.ok(Number.isNaN(percentile([], 0.5)));
});
