import sharp, { type Metadata, type Sharp } from 'sharp';
import type { VariantFormat } from '../db/index.js';
import { ImageTooLarge, UnsupportedImage } from './errors.js';

/** Widths of the responsive set; only those narrower than the original are made. */
export const RESPONSIVE_WIDTHS = [320, 640, 960, 1280, 1920] as const;
/** The listing thumbnail: a fixed 16:9 crop around the focal point. */
export const THUMB_SIZE = { width: 480, height: 270 } as const;
/**
 * Decompression-bomb guards, checked from the header before any pixel is decoded. The pixel
 * count alone is not enough: a 10,000,000×5 PNG is only 50 megapixels, yet libvips buffers
 * whole scanlines per thread and took gigabytes for it. So each side and the aspect ratio are
 * bounded too; measured peaks for the worst accepted images are in docs/benchmarks.md.
 */
export const MAX_INPUT_PIXELS = 60_000_000;
export const MAX_IMAGE_SIDE = 12_000;
export const MAX_ASPECT_RATIO = 10;
/** AVIF has no shrink-on-load: libheif decodes every pixel at once (a 60 MP AVIF took 1.2 GB). */
export const MAX_AVIF_PIXELS = 20_000_000;

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
  const problem = sizeProblem(width, height, meta.format === 'heif' ? MAX_AVIF_PIXELS : MAX_INPUT_PIXELS);
  if (problem) throw new ImageTooLarge(problem);
  return { format: meta.format!, ...accepted, width, height };
}

/** Why an image of this size is refused, or null. */
export function sizeProblem(width: number, height: number, maxPixels = MAX_INPUT_PIXELS): string | null {
  if (width > MAX_IMAGE_SIDE || height > MAX_IMAGE_SIDE) return `${width}×${height} pixels: each side may be at most ${MAX_IMAGE_SIDE} pixels`;
  if (width * height > maxPixels) return `${width}×${height} pixels is over the limit of ${maxPixels / 1_000_000} megapixels for this format`;
  if (Math.max(width, height) > MAX_ASPECT_RATIO * Math.min(width, height)) return `${width}×${height} pixels: the long side may be at most ${MAX_ASPECT_RATIO} times the short side`;
  return null;
}

/**
 * The master we keep is at most this many pixels on its long side (WordPress scales to 2560):
 * no variant is wider than 1920, re-crops and later sizes have room, and a 60-megapixel
 * upload is decoded once, shrunk on load, instead of being carried around at full size.
 */
export const MASTER_MAX_SIDE = 4096;

export interface MasterImage {
  bytes: Buffer;
  ext: string;
  mime: string;
  width: number;
  height: number;
}

/**
 * The master copy we keep: orientation applied, every metadata block (EXIF, GPS,
 * XMP) dropped, first frame only, at most MASTER_MAX_SIDE. Lossless formats stay lossless.
 */
export async function normaliseOriginal(input: Buffer, inspected: InspectedImage): Promise<MasterImage> {
  const pipeline = open(input).rotate().resize({ width: MASTER_MAX_SIDE, height: MASTER_MAX_SIDE, fit: 'inside', withoutEnlargement: true });
  return decoded(async () => {
    // Plain libjpeg-turbo at high quality: mozjpeg's trellis search costs seconds on a large master for a few per cent.
    const [encoded, ext, mime] =
      inspected.format === 'jpeg'
        ? [pipeline.jpeg({ quality: 90 }), 'jpg', 'image/jpeg']
        : // AVIF masters are kept as WebP: encoding a large AVIF took half a minute, and WebP keeps alpha.
          inspected.format === 'webp' || inspected.format === 'heif'
          ? [pipeline.webp({ quality: 92 }), 'webp', 'image/webp']
          : [pipeline.png({ compressionLevel: 6 }), 'png', 'image/png'];
    const { data, info } = await encoded.toBuffer({ resolveWithObject: true });
    return { bytes: data, ext, mime, width: info.width, height: info.height };
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
