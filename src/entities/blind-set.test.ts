import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type { LabelledStory } from './evaluate.js';

const fixture = (name: string) => (JSON.parse(readFileSync(new URL(`../../test/fixtures/entities/${name}`, import.meta.url), 'utf8')) as { stories: LabelledStory[] }).stories;

test('the blind set has 30 new labelled stories, none shared with the tuning or held-out sets', () => {
  // Shape only: like the held-out set, its scores are reported by `npm run eval:entities`
  // and never asserted, so that nobody tunes the extractor to pass on it.
  const tuning = fixture('stories.json');
  const heldOut = fixture('held-out.json');
  const blind = fixture('blind.json');
  assert.ok(blind.length >= 30, `${blind.length} blind stories`);
  for (const s of blind) {
    assert.ok(s.headline?.trim() && s.body?.trim(), `${s.id} has a headline and a body`);
    const labels = Object.values(s.entities ?? {}).reduce((n, list) => n + (list?.length ?? 0), 0);
    assert.ok(labels > 0, `${s.id} labels at least one entity`);
  }
  const ids = [...tuning, ...heldOut, ...blind].map((s) => s.id);
  assert.deepEqual(ids.filter((id, i) => ids.indexOf(id) !== i), [], 'story ids are unique across the three files');
  const earlier = new Set([...tuning, ...heldOut].map((s) => s.headline.trim().toLowerCase()));
  assert.deepEqual(blind.filter((s) => earlier.has(s.headline.trim().toLowerCase())).map((s) => s.id), [], 'no blind headline repeats a tuning or held-out headline');
});
