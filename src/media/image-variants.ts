import sharp, { type Metadata, type Sharp } from 'sharp';
import type { VariantFormat } from '../db/index.js';
import { ImageTooLarge, UnsupportedImage } from './errors.js';

/** Widths of the responsive set; only those narrower than the original are made. */
export const RESPONSIVE_WIDTHS = [320, 640, 960, 1280, 1920] as const;
/** The listing thumbnail: a fixed 16:9 crop around the focal point. */
export const THUMB_SIZE = { width: 480, height: 270 } as const;
/** Decompression-bomb guard: refuse anything claiming more pixels than this before decoding. */
export const MAX_INPUT_PIXELS = 60_000_000;

const ACCEPTED_FORMATS = new Map<string, { mime: string; ext: string }>([
  ['jpeg', { mime: 'image/jpeg', ext: 'jpg' }],
  ['png', { mime: 'image/png', ext: 'png' }],
  ['webp', { mime: 'image/webp', ext: 'webp' }],
  ['gif', { mime: 'image/gif', ext: 'gif' }],
  ['heif', { mime: 'image/avif', ext: 'avif' }],
]);

const QUALITY: Record<VariantFormat, number> = { jpeg: 78, webp: 74, avif: 52 };

export interface InspectedImage {
  format: string;
  mime: string;
  ext: string;
  width: number;
  height: number;
}

export interface EncodedVariant {
  purpose: 'full' | 'thumb';
  format: VariantFormat;
  width: number;
  height: number;
  bytes: Buffer;
}

function open(input: Buffer): Sharp {
  // pages: 1 takes the first frame of an animated GIF/WebP; failOn 'error' refuses truncated files.
  return sharp(input, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1, failOn: 'error' });
}

/** Reads the header only: format and oriented size, refusing unsupported or oversized images. */
export async function inspectImage(input: Buffer): Promise<InspectedImage> {
  let meta: Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw new UnsupportedImage('unreadable image data');
  }
  const accepted = meta.format ? ACCEPTED_FORMATS.get(meta.format) : undefined;
  if (!accepted || (meta.format === 'heif' && meta.compression !== 'av1')) throw new UnsupportedImage(meta.format ?? 'unknown format');
  const width = meta.autoOrient?.width ?? meta.width ?? 0;
  const height = meta.autoOrient?.height ?? meta.height ?? 0;
  if (!width || !height) throw new UnsupportedImage('no dimensions');
  if (width * height > MAX_INPUT_PIXELS) throw new ImageTooLarge(`${width}×${height} pixels is over the limit of ${MAX_INPUT_PIXELS}`);
  return { format: meta.format!, ...accepted, width, height };
}

/**
 * The master copy we keep: orientation applied, every metadata block (EXIF, GPS,
 * XMP) dropped, first frame only. Lossless formats stay lossless.
 */
export async function normaliseOriginal(input: Buffer, inspected: InspectedImage): Promise<{ bytes: Buffer; ext: string; mime: string }> {
  const pipeline = open(input).rotate();
  return decoded(async () => {
    // Plain libjpeg-turbo at high quality: mozjpeg's trellis search costs seconds on a 12 MP master for a few per cent.
    if (inspected.format === 'jpeg') return { bytes: await pipeline.jpeg({ quality: 90 }).toBuffer(), ext: 'jpg', mime: 'image/jpeg' };
    if (inspected.format === 'webp') return { bytes: await pipeline.webp({ quality: 92 }).toBuffer(), ext: 'webp', mime: 'image/webp' };
    if (inspected.format === 'heif') return { bytes: await pipeline.avif({ quality: 70 }).toBuffer(), ext: 'avif', mime: 'image/avif' };
    return { bytes: await pipeline.png({ compressionLevel: 6 }).toBuffer(), ext: 'png', mime: 'image/png' };
  });
}

/** A sound header over broken pixels (a truncated upload) is the file's fault: 415, not a 500. */
async function decoded<T>(work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch {
    throw new UnsupportedImage('damaged or truncated image data');
  }
}

function encode(pipeline: Sharp, format: VariantFormat): Sharp {
  if (format === 'jpeg') return pipeline.flatten({ background: '#ffffff' }).jpeg({ quality: QUALITY.jpeg, mozjpeg: true, progressive: true });
  if (format === 'webp') return pipeline.webp({ quality: QUALITY.webp, effort: 4 });
  // Effort 1: a 1920 px AVIF in ~0.1 s instead of ~0.9 s at effort 3 on these 2-core machines,
  // for files a few per cent larger. Measured with bench/admin.ts; see docs/benchmarks.md.
  return pipeline.avif({ quality: QUALITY.avif, effort: 1 });
}

export function variantWidths(originalWidth: number): number[] {
  const widths: number[] = RESPONSIVE_WIDTHS.filter((w) => w < originalWidth);
  if (originalWidth <= RESPONSIVE_WIDTHS[RESPONSIVE_WIDTHS.length - 1]!) widths.push(originalWidth);
  return widths;
}

/**
 * Makes the responsive set and the thumbnail in the given formats. The source is
 * decoded once, already shrunk to the largest width we serve (JPEG shrink-on-load
 * makes that decode several times cheaper than a full one), and every variant is
 * resized from those pixels. Orientation is applied, so the input may be the raw upload.
 */
export async function makeVariants(source: Buffer, size: { width: number; height: number }, formats: VariantFormat[], focal = { x: 0.5, y: 0.5 }, only?: 'thumb'): Promise<EncodedVariant[]> {
  const largest = Math.min(size.width, RESPONSIVE_WIDTHS[RESPONSIVE_WIDTHS.length - 1]!);
  const { data, info } = await decoded(() =>
    sharp(source, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .resize({ width: largest, withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true }),
  );
  const pixels = () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } });
  const scaled = { width: info.width, height: info.height };
  const jobs: Promise<EncodedVariant>[] = [];
  for (const format of formats) {
    for (const width of only === 'thumb' ? [] : variantWidths(size.width)) {
      const height = Math.round((size.height * width) / size.width);
      const w = Math.min(width, info.width);
      jobs.push(
        encode(w === info.width ? pixels() : pixels().resize({ width: w }), format)
          .toBuffer()
          .then((bytes) => ({ purpose: 'full' as const, format, width, height, bytes })),
      );
    }
    jobs.push(
      encode(pixels().extract(focalCrop(scaled, THUMB_SIZE, focal)).resize(THUMB_SIZE.width, THUMB_SIZE.height), format)
        .toBuffer()
        .then((bytes) => ({ purpose: 'thumb' as const, format, ...THUMB_SIZE, bytes })),
    );
  }
  return Promise.all(jobs);
}

/** The largest region with the target's aspect ratio, centred on the focal point as far as the edges allow. */
export function focalCrop(size: { width: number; height: number }, target: { width: number; height: number }, focal: { x: number; y: number }) {
  const ratio = target.width / target.height;
  let width = size.width;
  let height = Math.round(width / ratio);
  if (height > size.height) {
    height = size.height;
    width = Math.round(height * ratio);
  }
  const clamp = (v: number, max: number) => Math.max(0, Math.min(max, v));
  const left = clamp(Math.round(focal.x * size.width - width / 2), size.width - width);
  const top = clamp(Math.round(focal.y * size.height - height / 2), size.height - height);
  return { left, top, width, height };
}

/**
 * libvips threads per image. sharp picks one thread on these machines by default;
 * using every core roughly halves AVIF time (STACK-NOTES). Called by the composition root.
 */
export function useAllCoresForImages(cores: number): void {
  sharp.concurrency(Math.max(1, cores));
}
