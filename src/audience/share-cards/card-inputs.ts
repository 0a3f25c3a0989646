import { mediaHref } from '../../shared/media-url.js';
import { createHash } from 'node:crypto';

/**
 * Bump when the card's look changes (card-layout.ts, fonts, sizes): every card's inputs then
 * differ from what it was made from, so each is redrawn and gets a new URL.
 */
export const CARD_DESIGN_VERSION = 'card-1';
/** Bump when the NewsArticle crops change (ratios, sizes, quality). */
export const CROP_VERSION = 'crop-1';

/** Everything a story's card shows; a change to any of it makes a new card under a new URL. */
export interface CardInputs {
  headline: string;
  sectionName: string;
  language: string;
  siteName: string;
  /** The hero's media id and stored master ('' without a hero), and its focal point. */
  heroMediaId: string;
  heroPath: string;
  focalX: number;
  focalY: number;
}

function digest(parts: (string | number)[]): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 16);
}

/** Focal points are stored as floats (PostgreSQL `real`); four decimals is finer than any crop. */
const focal = (value: number) => Math.round(Number(value) * 10_000);

/**
 * The card's version: a hash of everything drawn on it. It names the file, so the file can
 * be cached for a year and a change is a new URL rather than a stale picture.
 *
 * @example
 *   cardHash({ ...inputs, headline: 'Corrected headline' }) !== cardHash(inputs)
 */
export function cardHash(inputs: CardInputs): string {
  return digest([CARD_DESIGN_VERSION, inputs.siteName, inputs.headline, inputs.sectionName, inputs.language, ...heroParts(inputs)]);
}

/** The crops' version: only the picture and its focal point matter, not the headline. */
export function heroHash(inputs: CardInputs): string {
  return digest([CROP_VERSION, ...heroParts(inputs)]);
}

function heroParts(inputs: CardInputs): (string | number)[] {
  return [inputs.heroMediaId, inputs.heroPath, focal(inputs.focalX), focal(inputs.focalY)];
}

/** Card files live under the media root's `cards/` folder, spread over 1,296 sub-folders like media files. */
export const CARDS_FOLDER = 'cards';

/** The storage key (inside `cards/`) of a story's card. */
export function cardKey(articleId: string, hash: string): string {
  return `${articleId.slice(-2)}/${articleId}-${hash}.jpg`;
}

/** The storage key (inside `cards/`) of one of a story's crops. */
export function cropKey(articleId: string, hash: string, ratio: string): string {
  return `${articleId.slice(-2)}/${articleId}-${hash}-${ratio}.jpg`;
}

/** The public path of a file in `cards/`, served with the media files (immutable, a year). */
export function cardFilePath(key: string): string {
  return mediaHref(`${CARDS_FOLDER}/${key}`);
}

/** The site-wide share image's version: the site name and host drawn on it, and the design. */
export function siteCardHash(siteName: string, host: string): string {
  return digest([CARD_DESIGN_VERSION, 'site', siteName, host]).slice(0, 12);
}
