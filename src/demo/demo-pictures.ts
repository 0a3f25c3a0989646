/**
 * Draws the demo hero pictures: an SVG scene per motif, rasterised to JPEG by
 * sharp. Deterministic (the PRNG is seeded from the picture key) and quick
 * (a few thousand simple shapes, no filters, no fonts, no files).
 */
import sharp from 'sharp';
import type { DemoMotif, DemoPicture } from './demo-types.js';
import { checkPalette, createRandom } from './picture-kit.js';
import { circuit, grid, market, skyline, stadium } from './picture-scenes-built.js';
import type { Scene } from './picture-scenes-nature.js';
import { H, W, hills, leaves, rain, sunrise, waves } from './picture-scenes-nature.js';

const SCENES: Record<DemoMotif, Scene> = { skyline, waves, hills, stadium, circuit, market, rain, sunrise, leaves, grid };

/** The picture as SVG; a different aspect ratio crops the 16:9 scene around its centre. */
export function demoPictureSvg(picture: DemoPicture, width = W, height = H): string {
  checkPalette(picture.palette);
  const scene = SCENES[picture.motif];
  const body = scene(picture.palette, createRandom(`${picture.key}:${picture.motif}`));
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${W} ${H}" preserveAspectRatio="xMidYMid slice">${body}</svg>`;
}

/**
 * Renders a demo picture to a JPEG of exactly `width`×`height`.
 *
 * @example
 *   const jpeg = await renderDemoPicture(demoPictures[0]!, 1200, 675);
 */
export async function renderDemoPicture(picture: DemoPicture, width = 1600, height = 900): Promise<Buffer> {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1 || width > 4000 || height > 4000) {
    throw new RangeError(`renderDemoPicture: size must be whole pixels between 1 and 4000, got ${width}×${height}`);
  }
  const svg = demoPictureSvg(picture, width, height);
  return sharp(Buffer.from(svg))
    .resize(width, height, { fit: 'cover' })
    .jpeg({ quality: 82, mozjpeg: true })
    .toBuffer();
}
