import { FAMILIES } from './card-fonts.js';

/**
 * The share card's design as satori element trees (plain objects, no JSX): pure functions,
 * so the layout can be read and changed without touching the rendering. Changing anything
 * here changes every card: bump CARD_DESIGN_VERSION in card-inputs.ts so they are redrawn.
 */
export interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; lang?: string; children?: CardNode | string | (CardNode | string)[] };
}

export const CARD_SIZE = { width: 1200, height: 630 } as const;
const PAD_X = 64;
// satori sizes boxes like CSS (content-box) unless told: the roots say border-box, so padding stays inside 1200×630.
export const TEXT_WIDTH = CARD_SIZE.width - 2 * PAD_X;
const ACCENT = '#a3122a';
const SERIF = FAMILIES.serif.join(', ');
const SANS = FAMILIES.sans.join(', ');

/** Headline sizes, largest first, each with the most lines it may take; below the last, the words are cut. */
export const HEADLINE_STEPS = [
  { fontSize: 66, maxLines: 3 },
  { fontSize: 58, maxLines: 3 },
  { fontSize: 52, maxLines: 4 },
  { fontSize: 46, maxLines: 4 },
] as const;
export const HEADLINE_LINE_HEIGHT = 1.16;

function el(type: string, style: Record<string, string | number>, children?: CardNode['props']['children'], lang?: string): CardNode {
  return { type, props: { style, ...(children === undefined ? {} : { children }), ...(lang ? { lang } : {}) } };
}

/** The headline alone at one size, for measuring how many lines it takes. */
export function headlineNode(text: string, fontSize: number, lang: string | undefined, width: number = TEXT_WIDTH): CardNode {
  return el('div', { display: 'flex', width, fontFamily: SERIF, fontWeight: 700, fontSize, lineHeight: HEADLINE_LINE_HEIGHT, color: '#ffffff' }, text, lang);
}

export interface CardLayoutInput {
  headline: string;
  headlineSize: number;
  /** The section name; left out when empty. */
  kicker: string;
  siteName: string;
  lang: string | undefined;
  /** Drawn over a picture: a transparent top and a dark gradient under the text. Else the brand background. */
  overPicture: boolean;
}

/**
 * Kicker, headline and site name at the bottom left. Over a picture the tree has a transparent
 * top and a gradient dark enough for white text at 4.5:1 wherever text sits; without one,
 * the site's accent colour fills the card.
 */
export function cardNode(input: CardLayoutInput): CardNode {
  const background = input.overPicture
    ? 'linear-gradient(180deg, rgba(12,13,16,0) 0%, rgba(12,13,16,0.12) 30%, rgba(12,13,16,0.82) 62%, rgba(12,13,16,0.94) 100%)'
    : `linear-gradient(135deg, ${ACCENT} 0%, #6a0b1c 100%)`;
  const kicker = input.kicker
    ? el(
        'div',
        { display: 'flex', alignSelf: 'flex-start', fontFamily: SANS, fontWeight: 700, fontSize: 24, letterSpacing: 1, color: '#ffffff', backgroundColor: input.overPicture ? ACCENT : 'rgba(255,255,255,0.18)', padding: '4px 14px', marginBottom: 18 },
        input.kicker.toUpperCase(),
        input.lang,
      )
    : null;
  const children: CardNode[] = [
    ...(kicker ? [kicker] : []),
    headlineNode(input.headline, input.headlineSize, input.lang),
    el('div', { display: 'flex', marginTop: 26, paddingTop: 16, borderTop: '2px solid rgba(255,255,255,0.35)', width: TEXT_WIDTH, fontFamily: SANS, fontWeight: 700, fontSize: 26, color: 'rgba(255,255,255,0.92)' }, input.siteName),
  ];
  return el('div', { display: 'flex', flexDirection: 'column', justifyContent: 'flex-end', boxSizing: 'border-box', width: CARD_SIZE.width, height: CARD_SIZE.height, paddingLeft: PAD_X, paddingRight: PAD_X, paddingBottom: 48, backgroundImage: background }, children);
}

/** The site-wide share image: the site name large on the brand background, the host under it. */
export function siteCardNode(siteName: string, nameSize: number, host: string): CardNode {
  return el(
    'div',
    { display: 'flex', flexDirection: 'column', justifyContent: 'center', boxSizing: 'border-box', width: CARD_SIZE.width, height: CARD_SIZE.height, padding: `0 ${PAD_X}px`, backgroundImage: `linear-gradient(135deg, ${ACCENT} 0%, #6a0b1c 100%)` },
    [
      el('div', { display: 'flex', width: TEXT_WIDTH, fontFamily: SERIF, fontWeight: 700, fontSize: nameSize, lineHeight: 1.1, color: '#ffffff' }, siteName),
      el('div', { display: 'flex', marginTop: 28, fontFamily: SANS, fontWeight: 700, fontSize: 30, color: 'rgba(255,255,255,0.85)' }, host),
    ],
  );
}

export const LOGO_SIZE = { width: 600, height: 60 } as const;

/** The publisher logo (Google asks for one that fits 600×60): the site name set in the serif on white. */
export function logoNode(siteName: string, fontSize: number): CardNode {
  return el(
    'div',
    { display: 'flex', alignItems: 'center', justifyContent: 'center', width: LOGO_SIZE.width, height: LOGO_SIZE.height, backgroundColor: '#ffffff' },
    el('div', { display: 'flex', fontFamily: SERIF, fontWeight: 700, fontSize, color: '#16181d' }, siteName),
  );
}
