/**
 * Landscape motifs for the demo pictures: waves, hills, sunrise, leaves, rain.
 * Each scene draws on a 1600×900 canvas from a palette [dark, middle, light]
 * and a seeded PRNG, and returns SVG markup (defs included). No text, ever.
 */
import type { Random } from './picture-kit.js';
import { darken, glowGradient, lighten, mix, n, ridgePoints, smoothArea, smoothLine, verticalGradient } from './picture-kit.js';

export type Palette = readonly [string, string, string];
export type Scene = (palette: Palette, rnd: Random) => string;

export const W = 1600;
export const H = 900;

/** A sun with a soft halo; shared by several scenes. */
export function sun(id: string, x: number, y: number, r: number, colour: string): string {
  return `<defs>${glowGradient(id, colour, 0.55)}</defs>`
    + `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r * 3.2)}" fill="url(#${id})"/>`
    + `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${lighten(colour, 0.55)}"/>`;
}

export const waves: Scene = ([a, b, c], rnd) => {
  const horizon = rnd.range(330, 430);
  const sunX = rnd.range(350, 1250);
  let svg = `<defs>${verticalGradient('sky', [[0, mix(a, b, 0.6)], [1, lighten(c, 0.35)]])}</defs>`;
  svg += `<rect width="${W}" height="${n(horizon + 2)}" fill="url(#sky)"/>`;
  svg += sun('sunGlow', sunX, horizon - rnd.range(60, 170), rnd.range(60, 100), c);
  svg += `<rect y="${n(horizon)}" width="${W}" height="${n(H - horizon)}" fill="${mix(a, b, 0.55)}"/>`;
  for (let i = 0; i < 12; i++) {
    const width = rnd.range(60, 260) * (1 - i / 16);
    svg += `<rect x="${n(sunX - width / 2)}" y="${n(horizon + 8 + i * 16)}" width="${n(width)}" height="5" rx="2.5" fill="${lighten(c, 0.4)}" fill-opacity="${n(0.6 - i * 0.04)}"/>`;
  }
  const layers = 7;
  for (let i = 0; i < layers; i++) {
    const base = horizon + ((i + 0.6) * (H - horizon)) / layers;
    const amplitude = 5 + i * 7;
    const wavelength = rnd.range(220, 380);
    let crest = rnd.chance(0.5);
    const points = ridgePoints(-rnd.range(0, wavelength), W + 40, wavelength / 2, () => {
      crest = !crest;
      return base + (crest ? -amplitude : amplitude) * rnd.range(0.6, 1.2);
    });
    const fill = mix(mix(b, c, 0.25), darken(a, 0.2), i / (layers - 1));
    svg += `<path d="${smoothArea(points, H)}" fill="${fill}" fill-opacity="0.94"/>`;
    svg += `<path d="${smoothLine(points)}" fill="none" stroke="${lighten(c, 0.3)}" stroke-width="${n(1 + i * 0.5)}" stroke-opacity="0.35"/>`;
  }
  return svg;
};

export const hills: Scene = ([a, b, c], rnd) => {
  let svg = `<defs>${verticalGradient('sky', [[0, mix(b, c, 0.45)], [1, lighten(c, 0.45)]])}`
    + `${verticalGradient('mist', [[0, lighten(c, 0.5), 0], [1, lighten(c, 0.5), 0.35]])}</defs>`;
  svg += `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  svg += sun('sunGlow', rnd.range(250, 1350), rnd.range(150, 280), rnd.range(55, 85), c);
  const layers = 5;
  for (let i = 0; i < layers; i++) {
    const base = 400 + i * 105;
    const lift = 150 - i * 18;
    const points = ridgePoints(-100, W + 100, rnd.range(150, 260), () => base - rnd.range(0, lift));
    svg += `<path d="${smoothArea(points, H)}" fill="${mix(mix(b, c, 0.55), darken(a, 0.15), i / (layers - 1))}"/>`;
    if (i < layers - 1) svg += `<rect y="${n(base - 40)}" width="${W}" height="140" fill="url(#mist)"/>`;
  }
  for (let i = rnd.int(3, 6); i > 0; i--) {
    const x = rnd.range(300, 1300);
    const y = rnd.range(120, 330);
    const s = rnd.range(8, 16);
    svg += `<path d="M${n(x - s)} ${n(y - s * 0.4)}Q${n(x - s / 2)} ${n(y - s * 0.6)} ${n(x)} ${n(y)}Q${n(x + s / 2)} ${n(y - s * 0.6)} ${n(x + s)} ${n(y - s * 0.4)}" fill="none" stroke="${darken(a, 0.2)}" stroke-width="3" stroke-linecap="round" stroke-opacity="0.7"/>`;
  }
  return svg;
};

export const sunrise: Scene = ([a, b, c], rnd) => {
  const horizon = rnd.range(560, 640);
  const sunX = rnd.range(450, 1150);
  const r = rnd.range(90, 130);
  let svg = `<defs>${verticalGradient('sky', [[0, darken(a, 0.15)], [0.45, mix(a, b, 0.7)], [0.8, b], [1, mix(b, c, 0.7)]])}</defs>`;
  svg += `<rect width="${W}" height="${n(horizon + 4)}" fill="url(#sky)"/>`;
  for (let i = 0; i < 16; i++) {
    const angle = Math.PI + (i + 0.5) * (Math.PI / 16) + rnd.range(-0.05, 0.05);
    const spread = rnd.range(0.025, 0.05);
    const far = 1800;
    svg += `<path d="M${n(sunX)} ${n(horizon)}L${n(sunX + Math.cos(angle - spread) * far)} ${n(horizon + Math.sin(angle - spread) * far)}L${n(sunX + Math.cos(angle + spread) * far)} ${n(horizon + Math.sin(angle + spread) * far)}Z" fill="${lighten(c, 0.4)}" fill-opacity="${n(rnd.range(0.05, 0.11))}"/>`;
  }
  for (const [scale, opacity] of [[2.4, 0.1], [1.8, 0.15], [1.4, 0.25]] as const) {
    svg += `<circle cx="${n(sunX)}" cy="${n(horizon)}" r="${n(r * scale)}" fill="${c}" fill-opacity="${opacity}"/>`;
  }
  svg += `<circle cx="${n(sunX)}" cy="${n(horizon)}" r="${n(r)}" fill="${lighten(c, 0.6)}"/>`;
  for (let i = rnd.int(3, 6); i > 0; i--) {
    const w = rnd.range(180, 420);
    const h = rnd.range(18, 34);
    svg += `<rect x="${n(rnd.range(-100, W - 100))}" y="${n(rnd.range(80, horizon - 140))}" width="${n(w)}" height="${n(h)}" rx="${n(h / 2)}" fill="${lighten(c, 0.3)}" fill-opacity="${n(rnd.range(0.3, 0.6))}"/>`;
  }
  for (let i = 0; i < 3; i++) {
    const base = horizon + 10 + i * 90;
    const points = ridgePoints(-100, W + 100, rnd.range(180, 320), () => base - rnd.range(0, 45 - i * 8));
    svg += `<path d="${smoothArea(points, H)}" fill="${mix(mix(a, b, 0.35), darken(a, 0.35), i / 2)}"/>`;
  }
  return svg;
};

function leaf(x: number, y: number, angle: number, scale: number, fill: string, rib: string, opacity: number): string {
  return `<g transform="translate(${n(x)} ${n(y)}) rotate(${n(angle)}) scale(${Math.round(scale * 100) / 100})">`
    + `<path d="M0 0Q80 -46 160 0Q80 46 0 0Z" fill="${fill}" fill-opacity="${n(opacity)}"/>`
    + `<path d="M-18 0L150 0" stroke="${rib}" stroke-width="3" stroke-opacity="${n(opacity)}" fill="none"/></g>`;
}

export const leaves: Scene = ([a, b, c], rnd) => {
  let svg = `<defs>${verticalGradient('bg', [[0, a], [1, mix(a, b, 0.4)]])}${glowGradient('light', lighten(c, 0.3), 0.35)}</defs>`;
  svg += `<rect width="${W}" height="${H}" fill="url(#bg)"/>`;
  svg += `<circle cx="${n(rnd.range(1000, 1500))}" cy="${n(rnd.range(0, 250))}" r="700" fill="url(#light)"/>`;
  const layers: [count: number, scale: number, fill: string, opacity: number][] = [
    [22, 0.7, mix(a, b, 0.45), 0.7],
    [26, 1, b, 0.9],
    [16, 1.4, mix(b, lighten(b, 0.35), 0.6), 1],
  ];
  layers.forEach(([count, scale, fill, opacity], depth) => {
    for (let i = 0; i < count; i++) {
      const tone = mix(fill, lighten(fill, 0.25), rnd.next());
      svg += leaf(rnd.range(-80, W), rnd.range(-60, H), rnd.range(0, 360), scale * rnd.range(0.8, 1.25), tone, darken(tone, 0.25), opacity);
    }
    if (depth === 1) {
      for (let i = rnd.int(6, 10); i > 0; i--) {
        const x = rnd.range(100, W - 100);
        const y = rnd.range(100, H - 100);
        const r = rnd.range(16, 34);
        svg += `<circle cx="${n(x)}" cy="${n(y)}" r="${n(r)}" fill="${c}"/><circle cx="${n(x - r / 3)}" cy="${n(y - r / 3)}" r="${n(r / 4)}" fill="${lighten(c, 0.6)}" fill-opacity="0.7"/>`;
      }
    }
  });
  return svg;
};

export const rain: Scene = ([a, b, c], rnd) => {
  const street = rnd.range(590, 650);
  let svg = `<defs>${verticalGradient('sky', [[0, darken(a, 0.1)], [1, mix(a, b, 0.6)]])}`
    + `${verticalGradient('wet', [[0, mix(a, b, 0.35)], [1, darken(a, 0.2)]])}${glowGradient('lamp', lighten(c, 0.2), 0.6)}`
    + `${verticalGradient('reflect', [[0, lighten(c, 0.2), 0.22], [1, lighten(c, 0.2), 0]])}</defs>`;
  svg += `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  let towers = '';
  for (let x = -20; x < W; x += rnd.range(70, 150)) {
    const h = rnd.range(90, 300);
    towers += `M${n(x)} ${n(street)}V${n(street - h)}h${n(rnd.range(60, 140))}V${n(street)}Z`;
  }
  svg += `<path d="${towers}" fill="${mix(a, b, 0.4)}" fill-opacity="0.85"/>`;
  svg += `<rect y="${n(street)}" width="${W}" height="${n(H - street)}" fill="url(#wet)"/>`;
  for (let i = 0; i < 4; i++) {
    const x = 200 + i * 400 + rnd.range(-60, 60);
    const top = street - rnd.range(150, 220);
    svg += `<rect x="${n(x - 3)}" y="${n(top)}" width="6" height="${n(street - top)}" fill="${darken(a, 0.3)}"/>`;
    svg += `<circle cx="${n(x)}" cy="${n(top)}" r="110" fill="url(#lamp)"/>`;
    svg += `<rect x="${n(x - 30)}" y="${n(street + 6)}" width="60" height="${n(H - street)}" fill="url(#reflect)"/>`;
  }
  for (let i = 0; i < 26; i++) {
    const rx = rnd.range(12, 60);
    svg += `<ellipse cx="${n(rnd.range(0, W))}" cy="${n(rnd.range(street + 30, H - 10))}" rx="${n(rx)}" ry="${n(rx * 0.22)}" fill="none" stroke="${lighten(c, 0.2)}" stroke-width="1.5" stroke-opacity="${n(rnd.range(0.2, 0.5))}"/>`;
  }
  // Streaks are batched into a few paths (one per weight) so the SVG stays cheap to rasterise.
  const weights: [width: number, opacity: number][] = [[1.2, 0.18], [1.8, 0.28], [2.6, 0.42]];
  for (const [width, opacity] of weights) {
    let d = '';
    for (let i = 0; i < 140; i++) {
      const x = rnd.range(-100, W);
      const y = rnd.range(-100, H);
      const len = rnd.range(40, 120) * (width / 1.8);
      d += `M${n(x)} ${n(y)}l${n(len * 0.22)} ${n(len)}`;
    }
    svg += `<path d="${d}" stroke="${lighten(c, 0.35)}" stroke-width="${width}" stroke-linecap="round" stroke-opacity="${opacity}" fill="none"/>`;
  }
  return svg;
};
