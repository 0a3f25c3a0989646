import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { cardFonts, type CardFont } from './card-fonts.js';
import { createCardRenderer } from './card-renderer.js';

const HINDI = 'मुख्यमंत्री ने बाढ़ प्रभावित क्षेत्रों की समीक्षा की, राहत कार्यों में तेज़ी के निर्देश';
const text = (headline: string, lang: string, kicker = 'News') => ({ headline, kicker, siteName: 'The Test Times', lang });

/**
 * The blobs of light ink (white text on the dark card) as bounding boxes: 8-connected
 * components of pixels brighter than the threshold. Missing glyphs come out as .notdef
 * boxes that are all the same shape; real text comes out as letters and, in Devanagari,
 * whole words joined by the headline stroke — many different shapes.
 */
async function inkBlobs(jpeg: Buffer): Promise<{ width: number; height: number }[]> {
  const { data, info } = await sharp(jpeg).greyscale().raw().toBuffer({ resolveWithObject: true });
  const { width, height } = info;
  const seen = new Uint8Array(width * height);
  const blobs: { width: number; height: number }[] = [];
  const stack: number[] = [];
  for (let start = 0; start < width * height; start++) {
    if (seen[start] || data[start]! < 170) continue;
    let [minX, maxX, minY, maxY] = [width, 0, height, 0];
    stack.push(start);
    seen[start] = 1;
    while (stack.length) {
      const at = stack.pop()!;
      const x = at % width;
      const y = (at - x) / width;
      [minX, maxX, minY, maxY] = [Math.min(minX, x), Math.max(maxX, x), Math.min(minY, y), Math.max(maxY, y)];
      for (let dy = -1; dy <= 1; dy++) {
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          const ny = y + dy;
          if (nx < 0 || ny < 0 || nx >= width || ny >= height) continue;
          const next = ny * width + nx;
          if (!seen[next] && data[next]! >= 170) {
            seen[next] = 1;
            stack.push(next);
          }
        }
      }
    }
    if (maxX - minX >= 3 && maxY - minY >= 3) blobs.push({ width: maxX - minX + 1, height: maxY - minY + 1 });
  }
  return blobs;
}

/** How many blob shapes there are, and the share of blobs that have the commonest shape. */
function shapeStats(blobs: { width: number; height: number }[]) {
  const counts = new Map<string, number>();
  for (const b of blobs) {
    const key = `${Math.round(b.width / 3)}x${Math.round(b.height / 3)}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return { blobs: blobs.length, shapes: counts.size, commonest: Math.max(...counts.values()) / blobs.length };
}

test('a share card is a 1200×630 JPEG with the headline drawn as text', async (t) => {
  const renderer = createCardRenderer();
  const started = performance.now();
  const result = await renderer.card(text('Harbour floods after record rain leave thousands stranded', 'en'));
  t.diagnostic(`first Latin card (fonts loaded): ${Math.round(performance.now() - started)} ms`);
  assert.ok(result.ok);
  const meta = await sharp(result.jpeg).metadata();
  assert.deepEqual([meta.format, meta.width, meta.height], ['jpeg', 1200, 630]);
  const stats = shapeStats(await inkBlobs(result.jpeg));
  assert.ok(stats.blobs >= 40 && stats.shapes >= 15, `Latin text has many letter shapes: ${JSON.stringify(stats)}`);
});

test('a Hindi headline renders as Devanagari text, not boxes', async (t) => {
  // The control: Latin-only faces that claim to cover everything, as a renderer without a
  // Devanagari font would. Every Devanagari character becomes the same .notdef box.
  const latinOnly = (): CardFont[] => cardFonts().filter((f) => !f.name.includes('Devanagari')).map((f) => ({ ...f, ranges: [[0, 0x10ffff]] }));
  const boxes = await createCardRenderer({ fonts: latinOnly }).card(text(HINDI, 'hi', 'देश'));
  const renderer = createCardRenderer();
  await renderer.card(text('warm up', 'en'));
  const started = performance.now();
  const real = await renderer.card(text(HINDI, 'hi', 'देश'));
  t.diagnostic(`Hindi card without a picture: ${Math.round(performance.now() - started)} ms`);
  assert.ok(boxes.ok && real.ok);

  const control = shapeStats(await inkBlobs(boxes.jpeg));
  const hindi = shapeStats(await inkBlobs(real.jpeg));
  t.diagnostic(`boxes: ${JSON.stringify(control)}; Devanagari: ${JSON.stringify(hindi)}`);
  // The measure can see boxes: in the control most blobs are one and the same shape.
  assert.ok(control.commonest > 0.5, `the control is mostly identical boxes: ${JSON.stringify(control)}`);
  // With the Devanagari face, no shape dominates, and words of different lengths make many shapes.
  assert.ok(hindi.commonest < 0.25, `no repeated box shape: ${JSON.stringify(hindi)}`);
  assert.ok(hindi.shapes >= 12, `many glyph shapes: ${JSON.stringify(hindi)}`);

  const [a, b] = await Promise.all([real.jpeg, boxes.jpeg].map((j) => sharp(j).greyscale().raw().toBuffer()));
  let differing = 0;
  for (let i = 0; i < a!.length; i++) if (Math.abs(a![i]! - b![i]!) > 64) differing++;
  assert.ok(differing / a!.length > 0.01, 'the Devanagari render differs substantially from the boxes');
});

test('a picture is cropped under the text, and emoji or unsupported scripts never become boxes', async (t) => {
  const renderer = createCardRenderer();
  const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: { r: 60, g: 120, b: 170 } } }).jpeg().toBuffer();
  await renderer.card(text('warm up', 'en'));
  const started = performance.now();
  const withHero = await renderer.card(text('Fans cheer 🎉 as the home side wins the cup', 'en'), { bytes: photo, focal: { x: 0.5, y: 0.5 } });
  t.diagnostic(`card over a 3000×2000 picture: ${Math.round(performance.now() - started)} ms`);
  assert.ok(withHero.ok);
  t.diagnostic(`card size: ${withHero.jpeg.length} bytes`);
  // stats() reads its input, not the pipeline: extract to a buffer first.
  const top = await sharp(await sharp(withHero.jpeg).extract({ left: 0, top: 0, width: 1200, height: 100 }).toBuffer()).stats();
  assert.ok(Math.abs(top.channels[2]!.mean - 170) < 20, `the top of the card is the picture, not darkened: ${top.channels.map((c) => c.mean)}`);
  assert.deepEqual(await renderer.card(text('東京で大雨', 'ja')), { ok: false, reason: 'unsupported-script' });
});

test('crops come in 16:9, 4:3 and 1:1, at most 1200 wide', async () => {
  const photo = await sharp({ create: { width: 1600, height: 900, channels: 3, background: '#336699' } }).jpeg().toBuffer();
  const crops = await createCardRenderer().crops({ bytes: photo, focal: { x: 0.2, y: 0.5 } });
  assert.deepEqual(
    crops.map((c) => [c.ratio, c.width, c.height]),
    [
      ['16x9', 1200, 675],
      ['4x3', 1200, 900],
      ['1x1', 900, 900],
    ],
  );
  for (const crop of crops) assert.equal((await sharp(crop.bytes).metadata()).width, crop.width);
});
