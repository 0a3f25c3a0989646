import { test } from 'node:test';
import assert from 'node:assert/strict';
import { jsonLdScript } from './json-ld.js';

test('no string in JSON-LD can close its script element, and the data reads back unchanged', () => {
  const data = { headline: '</script><script>alert(1)</script> & <!-- \u2028\u2029', n: 3 };
  const out = String(jsonLdScript(data));
  const inner = out.slice('<script type="application/ld+json">'.length, -'</script>'.length);
  assert.ok(!/[<>&\u2028\u2029]/.test(inner), 'nothing the HTML parser or an old JavaScript parser would act on');
  assert.deepEqual(JSON.parse(inner), data);
});
