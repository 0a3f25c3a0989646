/**
 * Small, dependency-free tools for drawing the demo pictures as SVG: a seeded
 * PRNG (so the same key always gives the same picture), colour mixing and
 * number formatting that keeps the SVG short.
 */

export interface Random {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  range(min: number, max: number): number;
  /** Integer in [min, max]. */
  int(min: number, max: number): number;
  chance(probability: number): boolean;
  pick<T>(items: readonly T[]): T;
}

/** FNV-1a: a stable 32-bit hash of the seed text. */
function hashSeed(seed: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < seed.length; i++) {
    hash ^= seed.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** mulberry32, seeded from a string. Fast, small and good enough for pictures. */
export function createRandom(seed: string): Random {
  let state = hashSeed(seed);
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    range: (min, max) => min + next() * (max - min),
    int: (min, max) => min + Math.floor(next() * (max - min + 1)),
    chance: (probability) => next() < probability,
    pick: (items) => {
      if (items.length === 0) throw new RangeError('pick() needs at least one item');
      return items[Math.floor(next() * items.length)]!;
    },
  };
}

type Rgb = [number, number, number];

const HEX_RE = /^#([0-9a-f]{3}|[0-9a-f]{6})$/i;

/** Parses #rgb or #rrggbb; anything else is a programming error in the palette. */
function parseHex(hex: string): Rgb {
  if (!HEX_RE.test(hex)) throw new TypeError(`Not a hex colour: ${JSON.stringify(hex)}`);
  let body = hex.slice(1);
  if (body.length === 3) body = [...body].map((c) => c + c).join('');
  const value = Number.parseInt(body, 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: Rgb): string {
  const channel = (v: number): string => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
  return `#${channel(r)}${channel(g)}${channel(b)}`;
}

/** Linear mix of two colours; t = 0 gives `a`, t = 1 gives `b`. */
export function mix(a: string, b: string, t: number): string {
  const ca = parseHex(a);
  const cb = parseHex(b);
  return toHex([ca[0] + (cb[0] - ca[0]) * t, ca[1] + (cb[1] - ca[1]) * t, ca[2] + (cb[2] - ca[2]) * t]);
}

export const darken = (colour: string, t: number): string => mix(colour, '#000000', t);
export const lighten = (colour: string, t: number): string => mix(colour, '#ffffff', t);

/** Validates a palette once, so scenes can mix freely. */
export function checkPalette(palette: readonly string[]): void {
  for (const colour of palette) parseHex(colour);
}

/** One decimal place is plenty at 1600×900 and keeps the SVG small. */
export const n = (value: number): string => (Math.round(value * 10) / 10).toString();

/** A vertical linear gradient definition. */
export function verticalGradient(id: string, stops: [offset: number, colour: string, opacity?: number][]): string {
  const body = stops
    .map(([offset, colour, opacity]) => `<stop offset="${offset}" stop-color="${colour}"${opacity === undefined ? '' : ` stop-opacity="${opacity}"`}/>`)
    .join('');
  return `<linearGradient id="${id}" x1="0" y1="0" x2="0" y2="1">${body}</linearGradient>`;
}

/** A radial glow that fades to transparent. */
export function glowGradient(id: string, colour: string, opacity = 1): string {
  return `<radialGradient id="${id}"><stop offset="0" stop-color="${colour}" stop-opacity="${opacity}"/><stop offset="1" stop-color="${colour}" stop-opacity="0"/></radialGradient>`;
}

/**
 * An open smooth curve through `points` (Catmull-Rom converted to cubic
 * Béziers), so ridges and waves look organic without many points.
 */
export function smoothLine(points: [number, number][]): string {
  const first = points[0];
  if (!first) return '';
  let d = `M${n(first[0])} ${n(first[1])}`;
  for (let i = 0; i < points.length - 1; i++) {
    const p0 = points[Math.max(0, i - 1)]!;
    const p1 = points[i]!;
    const p2 = points[i + 1]!;
    const p3 = points[Math.min(points.length - 1, i + 2)]!;
    const c1x = p1[0] + (p2[0] - p0[0]) / 6;
    const c1y = p1[1] + (p2[1] - p0[1]) / 6;
    const c2x = p2[0] - (p3[0] - p1[0]) / 6;
    const c2y = p2[1] - (p3[1] - p1[1]) / 6;
    d += `C${n(c1x)} ${n(c1y)} ${n(c2x)} ${n(c2y)} ${n(p2[0])} ${n(p2[1])}`;
  }
  return d;
}

/** The area under a smooth curve through `points`, closed down to `bottom`. */
export function smoothArea(points: [number, number][], bottom: number): string {
  const first = points[0];
  const last = points[points.length - 1];
  if (!first || !last) return '';
  return `M${n(first[0])} ${n(bottom)}L${smoothLine(points).slice(1)}L${n(last[0])} ${n(bottom)}Z`;
}

/** Points across the canvas at roughly `step` spacing, heights from `height(x)`. */
export function ridgePoints(from: number, to: number, step: number, height: (x: number) => number): [number, number][] {
  const points: [number, number][] = [];
  for (let x = from; x <= to + step; x += step) points.push([x, height(x)]);
  return points;
}
