import assert from 'node:assert/strict';
import { test } from 'node:test';
import sharp from 'sharp';
import type { DemoMotif, DemoPicture } from './demo-types.js';
import { demoPictures, renderDemoPicture } from './index.js';

const MOTIFS: DemoMotif[] = ['skyline', 'waves', 'hills', 'stadium', 'circuit', 'market', 'rain', 'sunrise', 'leaves', 'grid'];
const base = demoPictures[0]!;
const withMotif = (motif: DemoMotif): DemoPicture => ({ ...base, key: `test-${motif}`, motif });

test('a picture renders to a JPEG of the asked size', async () => {
  const jpeg = await renderDemoPicture(base, 640, 360);
  const meta = await sharp(jpeg).metadata();
  assert.equal(meta.format, 'jpeg');
  assert.equal(meta.width, 640);
  assert.equal(meta.height, 360);
});

test('a picture in another aspect ratio is cropped to the asked size', async () => {
  const meta = await sharp(await renderDemoPicture(base, 300, 300)).metadata();
  assert.deepEqual([meta.width, meta.height], [300, 300]);
});

test('the same picture renders to the same bytes, and another key to different ones', async () => {
  const first = await renderDemoPicture(base, 320, 180);
  const second = await renderDemoPicture(base, 320, 180);
  assert.ok(first.equals(second));
  const other = await renderDemoPicture({ ...base, key: `${base.key}-other` }, 320, 180);
  assert.ok(!first.equals(other));
});

test('every motif renders', async () => {
  for (const motif of MOTIFS) {
    const meta = await sharp(await renderDemoPicture(withMotif(motif), 160, 90)).metadata();
    assert.equal(meta.width, 160, motif);
  }
});

test('a bad palette or size is refused', async () => {
  await assert.rejects(renderDemoPicture({ ...base, palette: ['red', '#000000', '#ffffff'] }), TypeError);
  await assert.rejects(renderDemoPicture(base, 0, 100), RangeError);
});
