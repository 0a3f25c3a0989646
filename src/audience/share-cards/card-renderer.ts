import sharp, { type Sharp } from 'sharp';
import { focalCrop, MAX_INPUT_PIXELS } from '../../media/index.js';
import { truncateText } from '../../shared/truncate.js';
import { cardFonts, coverage, type CardFont } from './card-fonts.js';
import { CARD_SIZE, cardNode, HEADLINE_LINE_HEIGHT, HEADLINE_STEPS, headlineNode, LOGO_SIZE, logoNode, siteCardNode, TEXT_WIDTH, type CardNode } from './card-layout.js';
import { drawableText } from './card-text.js';
import { createSvgLayoutThread } from './svg-layout-thread.js';

export interface CardText {
  headline: string;
  /** The section name. */
  kicker: string;
  siteName: string;
  /** The story's language, so satori picks locale-specific glyph forms. */
  lang: string | undefined;
}

/** The hero's stored master and its focal point (0–1 on each axis). */
export interface HeroSource {
  bytes: Buffer;
  focal: { x: number; y: number };
}

/** A hero decoded once (shrunk on load), for the card and the crops to share. */
export interface PreparedHero {
  size: { width: number; height: number };
  pixels: () => Sharp;
  focal: { x: number; y: number };
}

export type CardResult = { ok: true; jpeg: Buffer; width: number; height: number } | { ok: false; reason: 'unsupported-script' | 'no-headline' };

/** The aspect ratios Google asks a NewsArticle's images in, cropped around the focal point. */
export const CROP_RATIOS = [
  { ratio: '16x9', width: 16, height: 9 },
  { ratio: '4x3', width: 4, height: 3 },
  { ratio: '1x1', width: 1, height: 1 },
] as const;
export type CropRatio = (typeof CROP_RATIOS)[number]['ratio'];
export interface EncodedCrop {
  ratio: CropRatio;
  width: number;
  height: number;
  bytes: Buffer;
}
/** Crops are at most this wide: more than Google's 50,000-pixel minimum, far less than a master. */
const CROP_MAX_WIDTH = 1200;
/** The hero is decoded once, shrunk on load to this, and every crop and the card come from those pixels. */
const DECODE_MAX_SIDE = 2048;
const JPEG = { quality: 82, mozjpeg: true, progressive: true } as const;

/**
 * Draws share cards, crops and the site's own images. Text is laid out by satori (HarfBuzz
 * shaping, so Devanagari conjuncts and vowel signs join properly) into outlines, rasterised
 * by resvg without system fonts, and laid over the hero by sharp.
 */
export function createCardRenderer(options: { fonts?: () => CardFont[] } = {}) {
  // Loaded on the first drawing, not at start: importing it (and satori, in the layout thread) takes 0.2–0.4 s.
  let rasteriser: Promise<typeof import('@resvg/resvg-js').renderAsync> | undefined;
  const load = () => (rasteriser ??= import('@resvg/resvg-js').then((r) => r.renderAsync));
  const layout = createSvgLayoutThread(options.fonts);
  let faces: CardFont[] | undefined;
  const fonts = () => (faces ??= (options.fonts ?? cardFonts)());
  let serif: ((cp: number) => boolean) | undefined;
  let sans: ((cp: number) => boolean) | undefined;
  const covers = { serif: (cp: number) => (serif ??= coverage(fonts(), 'serif'))(cp), sans: (cp: number) => (sans ??= coverage(fonts(), 'sans'))(cp) };

  /** Lays out on its own thread (svg-layout-thread.ts): the event loop keeps serving pages meanwhile. */
  const svg = (node: CardNode, size: { width: number; height?: number }): Promise<string> => layout.svg(node, size);

  /**
   * Rasterises in libuv's thread pool, for the same reason, and hands sharp the pixels as they are
   * (RGBA, premultiplied, as resvg keeps them): resvg's own PNG encoder runs on the calling thread,
   * 21 ms for a card.
   */
  async function pixels(svgText: string): Promise<{ input: Buffer; raw: { width: number; height: number; channels: 4; premultiplied: true } }> {
    const renderAsync = await load();
    const image = await renderAsync(svgText, { font: { loadSystemFonts: false } });
    return { input: image.pixels, raw: { width: image.width, height: image.height, channels: 4, premultiplied: true } };
  }

  /** A PNG from resvg: only for the logo (600×60), where encoding takes about a millisecond. */
  async function png(svgText: string): Promise<Buffer> {
    const renderAsync = await load();
    return (await renderAsync(svgText, { font: { loadSystemFonts: false } })).asPng();
  }

  /** How many lines the text takes at a size: satori sizes the height when only the width is given. */
  async function lineCount(text: string, fontSize: number, lang: string | undefined, width: number, lineHeight = HEADLINE_LINE_HEIGHT): Promise<number> {
    const out = await svg(headlineNode(text, fontSize, lang, width), { width });
    const height = Number(/height="([\d.]+)"/.exec(out)?.[1] ?? 0);
    return Math.round(height / (fontSize * lineHeight));
  }

  /**
   * The largest size at which the whole headline fits its lines; failing that, the smallest size
   * with the headline cut after the last whole word that fits (binary search on the length).
   */
  async function fitHeadline(text: string, lang: string | undefined): Promise<{ text: string; fontSize: number }> {
    for (const step of HEADLINE_STEPS) {
      if ((await lineCount(text, step.fontSize, lang, TEXT_WIDTH)) <= step.maxLines) return { text, fontSize: step.fontSize };
    }
    const last = HEADLINE_STEPS[HEADLINE_STEPS.length - 1]!;
    let low = 1;
    let high = text.length;
    while (low < high) {
      const mid = Math.ceil((low + high) / 2);
      if ((await lineCount(truncateText(text, mid, { locale: lang }), last.fontSize, lang, TEXT_WIDTH)) <= last.maxLines) low = mid;
      else high = mid - 1;
    }
    return { text: truncateText(text, low, { locale: lang }), fontSize: last.fontSize };
  }

  async function prepare(hero: HeroSource | PreparedHero): Promise<PreparedHero> {
    if ('pixels' in hero) return hero;
    const { data, info } = await sharp(hero.bytes, { limitInputPixels: MAX_INPUT_PIXELS, pages: 1 })
      .rotate()
      .resize({ width: DECODE_MAX_SIDE, height: DECODE_MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const size = { width: info.width, height: info.height };
    return { size, focal: hero.focal, pixels: () => sharp(data, { raw: { width: info.width, height: info.height, channels: info.channels } }) };
  }

  return {
    /** Decodes a hero once, for `card` and `crops` to share (each also takes the undecoded source). */
    prepare,

    /** A 1200×630 JPEG: the hero (cropped around its focal point) or the brand colour, with kicker, headline and site name. */
    async card(text: CardText, hero?: HeroSource | PreparedHero): Promise<CardResult> {
      const headline = drawableText(text.headline, covers.serif);
      if (!headline.ok) return headline;
      if (!headline.text) return { ok: false, reason: 'no-headline' };
      const kicker = drawableText(text.kicker, covers.sans);
      const siteName = drawableText(text.siteName, covers.sans);
      const fitted = await fitHeadline(headline.text, text.lang);
      const overlay = await pixels(
        await svg(
          cardNode({ headline: fitted.text, headlineSize: fitted.fontSize, kicker: kicker.ok ? kicker.text : '', siteName: siteName.ok ? siteName.text : '', lang: text.lang, overPicture: !!hero }),
          CARD_SIZE,
        ),
      );
      let base: Sharp;
      if (hero) {
        const decoded = await prepare(hero);
        base = decoded.pixels().extract(focalCrop(decoded.size, CARD_SIZE, decoded.focal)).resize(CARD_SIZE.width, CARD_SIZE.height).composite([overlay]);
      } else {
        base = sharp(overlay.input, { raw: overlay.raw });
      }
      const jpeg = await base.flatten({ background: '#000000' }).jpeg(JPEG).toBuffer();
      return { ok: true, jpeg, ...CARD_SIZE };
    },

    /** The 16:9, 4:3 and 1:1 crops of the hero around its focal point, for NewsArticle images. */
    async crops(hero: HeroSource | PreparedHero): Promise<EncodedCrop[]> {
      const decoded = await prepare(hero);
      return Promise.all(
        CROP_RATIOS.map(async ({ ratio, width: w, height: h }) => {
          const region = focalCrop(decoded.size, { width: w, height: h }, decoded.focal);
          const width = Math.min(CROP_MAX_WIDTH, region.width);
          const height = Math.round((width * h) / w);
          const bytes = await decoded.pixels().extract(region).resize(width, height).jpeg(JPEG).toBuffer();
          return { ratio, width, height, bytes };
        }),
      );
    },

    /** The site-wide share image (1200×630 JPEG): the site name on the brand background. */
    async siteCard(siteName: string, host: string): Promise<Buffer> {
      const name = drawableText(siteName, covers.serif);
      const hostText = drawableText(host, covers.sans);
      const shown = name.ok && name.text ? name.text : '';
      let size = 96;
      while (size > 56 && shown && (await lineCount(shown, size, undefined, TEXT_WIDTH, 1.1)) > 2) size -= 8;
      const drawn = await pixels(await svg(siteCardNode(shown, size, hostText.ok ? hostText.text : ''), CARD_SIZE));
      return sharp(drawn.input, { raw: drawn.raw }).flatten({ background: '#000000' }).jpeg(JPEG).toBuffer();
    },

    /** The publisher logo, 600×60 PNG: the site name, shrunk until it fits one line. */
    async logo(siteName: string): Promise<Buffer> {
      const name = drawableText(siteName, covers.serif);
      const shown = name.ok ? name.text : '';
      let size = 34;
      while (size > 14 && shown && (await lineCount(shown, size, undefined, LOGO_SIZE.width - 24, 1.16)) > 1) size -= 2;
      return png(await svg(logoNode(shown, size), LOGO_SIZE));
    },

    /** Stops the layout thread; a later drawing starts it again. */
    close: () => layout.close(),
  };
}

export type CardRenderer = ReturnType<typeof createCardRenderer>;
