/**
 * Man-made motifs for the demo pictures: skyline, stadium, circuit, market,
 * grid. Same contract as the nature scenes: 1600×900 canvas, palette
 * [dark, middle, light], seeded PRNG, SVG markup out, no text.
 */
import type { Random } from './picture-kit.js';
import { darken, glowGradient, lighten, mix, n, verticalGradient } from './picture-kit.js';
import type { Scene } from './picture-scenes-nature.js';
import { H, W, sun } from './picture-scenes-nature.js';

/** One low-poly building outline as a closed subpath. */
function building(rnd: Random, x: number, w: number, top: number): string {
  const roof = rnd.int(0, 4);
  const peak = rnd.range(20, 60);
  const r = x + w;
  switch (roof) {
    case 1: return `M${n(x)} ${H}V${n(top + peak)}L${n(r)} ${n(top)}V${H}Z`;
    case 2: return `M${n(x)} ${H}V${n(top)}L${n(r)} ${n(top + peak)}V${H}Z`;
    case 3: return `M${n(x)} ${H}V${n(top + peak)}L${n(x + w / 2)} ${n(top)}L${n(r)} ${n(top + peak)}V${H}Z`;
    case 4: return `M${n(x)} ${H}V${n(top + peak)}H${n(x + w * 0.3)}V${n(top)}H${n(x + w * 0.7)}V${n(top + peak)}H${n(r)}V${H}Z`;
    default: return `M${n(x)} ${H}V${n(top)}H${n(r)}V${H}Z`;
  }
}

export const skyline: Scene = ([a, b, c], rnd) => {
  let svg = `<defs>${verticalGradient('sky', [[0, mix(a, b, 0.5)], [0.65, mix(b, c, 0.6)], [1, lighten(c, 0.3)]])}</defs>`;
  svg += `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  svg += sun('sunGlow', rnd.range(300, 1300), rnd.range(250, 360), rnd.range(100, 140), c);
  const layers: [top: [number, number], width: [number, number], fill: string][] = [
    [[250, 520], [70, 150], mix(b, c, 0.45)],
    [[380, 620], [60, 130], mix(a, b, 0.55)],
    [[560, 760], [90, 170], darken(a, 0.1)],
  ];
  layers.forEach(([[minTop, maxTop], [minW, maxW], fill], depth) => {
    let d = '';
    let windows = '';
    for (let x = -30; x < W; ) {
      const w = rnd.range(minW, maxW);
      const top = rnd.range(minTop, maxTop);
      d += building(rnd, x, w, top);
      if (depth === 2) {
        // Lit windows only on the nearest row, where they read as windows rather than noise.
        for (let wy = top + 70; wy < H - 30; wy += 34) {
          for (let wx = x + 14; wx < x + w - 24; wx += 26) {
            if (rnd.chance(0.3)) windows += `M${n(wx)} ${n(wy)}h12v18h-12Z`;
          }
        }
      }
      x += w + rnd.range(-10, 14);
    }
    svg += `<path d="${d}" fill="${fill}"/>`;
    if (windows) svg += `<path d="${windows}" fill="${lighten(c, 0.25)}" fill-opacity="0.75"/>`;
  });
  return svg;
};

export const stadium: Scene = ([a, b, c], rnd) => {
  const cx = W / 2;
  const cy = 640;
  let svg = `<defs>${verticalGradient('sky', [[0, darken(a, 0.25)], [1, mix(a, b, 0.25)]])}${glowGradient('lamp', lighten(c, 0.2), 0.7)}`
    + `<clipPath id="pitch"><ellipse cx="${cx}" cy="${cy + 40}" rx="640" ry="190"/></clipPath></defs>`;
  svg += `<rect width="${W}" height="${H}" fill="url(#sky)"/>`;
  for (let i = 0; i < 70; i++) {
    svg += `<circle cx="${n(rnd.range(0, W))}" cy="${n(rnd.range(0, 280))}" r="${n(rnd.range(0.8, 2.2))}" fill="${lighten(c, 0.5)}" fill-opacity="${n(rnd.range(0.3, 0.9))}"/>`;
  }
  svg += `<ellipse cx="${cx}" cy="${cy}" rx="920" ry="340" fill="${mix(a, b, 0.12)}"/>`;
  const crowd = [c, b, lighten(b, 0.3), mix(c, a, 0.5), lighten(c, 0.2)];
  for (let i = 0; i < 650; i++) {
    const t = rnd.range(0, Math.PI * 2);
    const f = rnd.range(0.74, 0.98);
    svg += `<circle cx="${n(cx + Math.cos(t) * 900 * f)}" cy="${n(cy + Math.sin(t) * 330 * f)}" r="${n(rnd.range(3, 5.5))}" fill="${rnd.pick(crowd)}" fill-opacity="${n(rnd.range(0.45, 0.9))}"/>`;
  }
  let stripes = '';
  for (let i = 0; i < 14; i++) {
    stripes += `<rect x="${160 + i * 92}" y="${cy - 160}" width="92" height="400" fill="${i % 2 ? b : darken(b, 0.15)}"/>`;
  }
  svg += `<g clip-path="url(#pitch)">${stripes}</g>`;
  const line = `fill="none" stroke="${lighten(c, 0.3)}" stroke-width="3" stroke-opacity="0.7"`;
  svg += `<ellipse cx="${cx}" cy="${cy + 40}" rx="600" ry="170" ${line}/><ellipse cx="${cx}" cy="${cy + 40}" rx="95" ry="30" ${line}/><path d="M${cx} ${cy - 130}V${cy + 210}" ${line}/>`;
  for (const [index, x] of [170, 560, 1040, 1430].entries()) {
    const top = rnd.range(120, 190);
    const beamId = `beam${index}`;
    svg += `<defs><linearGradient id="${beamId}" gradientUnits="userSpaceOnUse" x1="${x}" y1="${n(top)}" x2="${cx}" y2="${cy + 40}"><stop offset="0" stop-color="${lighten(c, 0.4)}" stop-opacity="0.35"/><stop offset="1" stop-color="${c}" stop-opacity="0"/></linearGradient></defs>`;
    svg += `<path d="M${x - 40} ${n(top + 10)}L${n(cx - 420 + index * 240)} ${cy + 140}L${n(cx - 220 + index * 240)} ${cy + 140}L${x + 40} ${n(top + 10)}Z" fill="url(#${beamId})"/>`;
    svg += `<rect x="${x - 5}" y="${n(top)}" width="10" height="${n(cy - 200 - top)}" fill="${darken(a, 0.3)}"/>`;
    svg += `<circle cx="${x}" cy="${n(top)}" r="130" fill="url(#lamp)"/>`;
    svg += `<rect x="${x - 48}" y="${n(top - 22)}" width="96" height="44" rx="4" fill="${darken(a, 0.4)}"/>`;
    for (let row = 0; row < 2; row++) {
      for (let col = 0; col < 5; col++) svg += `<circle cx="${x - 36 + col * 18}" cy="${n(top - 10 + row * 20)}" r="6" fill="${lighten(c, 0.7)}"/>`;
    }
  }
  return svg;
};

const DIRECTIONS: [number, number][] = [[1, 0], [1, 1], [0, 1], [-1, 1], [-1, 0], [-1, -1], [0, -1], [1, -1]];

export const circuit: Scene = ([a, b, c], rnd) => {
  const step = 40;
  const chip = { x: 620, y: 290, size: 320 };
  let svg = `<defs>${glowGradient('glow', b, 0.35)}${verticalGradient('die', [[0, mix(a, b, 0.35)], [1, darken(a, 0.3)]])}</defs>`;
  svg += `<rect width="${W}" height="${H}" fill="${a}"/><circle cx="${W / 2}" cy="${H / 2}" r="900" fill="url(#glow)"/>`;
  const traces = ['', ''];
  let pads = '';
  const route = (startX: number, startY: number, dir: number, style: number): void => {
    let x = startX;
    let y = startY;
    let d = `M${x} ${y}`;
    for (let seg = rnd.int(2, 5); seg > 0; seg--) {
      const [dx, dy] = DIRECTIONS[dir]!;
      const len = rnd.int(2, 6) * step;
      x += dx * len;
      y += dy * len;
      d += `L${x} ${y}`;
      dir = (dir + rnd.pick([-1, 0, 1]) + 8) % 8;
    }
    traces[style] += d;
    pads += `<circle cx="${x}" cy="${y}" r="9" fill="${a}" stroke="${style ? lighten(c, 0.2) : mix(b, c, 0.4)}" stroke-width="4"/>`;
  };
  for (let i = 0; i < 8; i++) {
    const offset = chip.x + 20 + i * 40;
    route(offset, chip.y, rnd.pick([5, 6, 7]), rnd.chance(0.3) ? 1 : 0);
    route(offset, chip.y + chip.size, rnd.pick([1, 2, 3]), rnd.chance(0.3) ? 1 : 0);
    route(chip.x, chip.y + 20 + i * 40, rnd.pick([3, 4, 5]), rnd.chance(0.3) ? 1 : 0);
    route(chip.x + chip.size, chip.y + 20 + i * 40, rnd.pick([7, 0, 1]), rnd.chance(0.3) ? 1 : 0);
  }
  for (let i = 0; i < 40; i++) {
    const x = rnd.int(0, W / step) * step;
    const y = rnd.int(0, H / step) * step;
    const inChip = x > chip.x - 80 && x < chip.x + chip.size + 80 && y > chip.y - 80 && y < chip.y + chip.size + 80;
    if (!inChip) route(x, y, rnd.int(0, 7), rnd.chance(0.2) ? 1 : 0);
  }
  svg += `<path d="${traces[0]}" fill="none" stroke="${mix(b, c, 0.15)}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round" stroke-opacity="0.8"/>`;
  svg += `<path d="${traces[1]}" fill="none" stroke="${lighten(c, 0.1)}" stroke-width="6" stroke-linecap="round" stroke-linejoin="round"/>`;
  svg += pads;
  svg += `<rect x="${chip.x - 10}" y="${chip.y - 10}" width="${chip.size + 20}" height="${chip.size + 20}" rx="18" fill="${darken(a, 0.4)}" stroke="${mix(b, a, 0.3)}" stroke-width="4"/>`;
  svg += `<rect x="${chip.x + 60}" y="${chip.y + 60}" width="${chip.size - 120}" height="${chip.size - 120}" rx="8" fill="url(#die)" stroke="${mix(b, c, 0.3)}" stroke-width="2"/>`;
  return svg;
};

export const market: Scene = ([a, b, c], rnd) => {
  let svg = `<defs>${verticalGradient('wall', [[0, darken(a, 0.15)], [1, mix(a, b, 0.4)]])}${glowGradient('bulb', lighten(c, 0.3), 0.5)}</defs>`;
  svg += `<rect width="${W}" height="${H}" fill="url(#wall)"/>`;
  for (let s = 0; s < 2; s++) {
    const y0 = 60 + s * 90 + rnd.range(0, 30);
    const sag = rnd.range(80, 140);
    svg += `<path d="M0 ${n(y0)}Q${W / 2} ${n(y0 + sag * 2)} ${W} ${n(y0)}" fill="none" stroke="${darken(a, 0.3)}" stroke-width="2"/>`;
    for (let t = 0.03; t < 1; t += 0.045) {
      const x = W * t;
      const y = y0 + 2 * t * (1 - t) * sag * 2;
      svg += `<circle cx="${n(x)}" cy="${n(y + 10)}" r="22" fill="url(#bulb)"/><circle cx="${n(x)}" cy="${n(y + 10)}" r="5" fill="${lighten(c, 0.5)}"/>`;
    }
  }
  const produce = [c, b, mix(b, c, 0.5), lighten(c, 0.25), darken(b, 0.2)];
  for (let x = -60; x < W; ) {
    const w = rnd.range(300, 380);
    const top = rnd.range(330, 390);
    const stripes = rnd.int(6, 8);
    const sw = w / stripes;
    for (let i = 0; i < stripes; i++) {
      const fill = i % 2 ? lighten(c, 0.2) : b;
      svg += `<path d="M${n(x + i * sw + sw * 0.15)} ${n(top)}H${n(x + (i + 1) * sw - sw * 0.15 + 0.5)}L${n(x + (i + 1) * sw)} ${n(top + 110)}H${n(x + i * sw)}Z" fill="${fill}"/>`;
      svg += `<circle cx="${n(x + (i + 0.5) * sw)}" cy="${n(top + 110)}" r="${n(sw / 2)}" fill="${fill}"/>`;
    }
    svg += `<rect x="${n(x + 6)}" y="${n(top + 100)}" width="10" height="${n(H - top)}" fill="${darken(a, 0.35)}"/><rect x="${n(x + w - 16)}" y="${n(top + 100)}" width="10" height="${n(H - top)}" fill="${darken(a, 0.35)}"/>`;
    svg += `<rect x="${n(x + 10)}" y="650" width="${n(w - 20)}" height="${H - 650}" fill="${darken(a, 0.25)}"/><rect x="${n(x + 10)}" y="650" width="${n(w - 20)}" height="8" fill="${mix(a, c, 0.35)}"/>`;
    for (let pile = 0; pile < 3; pile++) {
      const r = rnd.range(13, 19);
      const colour = rnd.pick(produce);
      const px = x + 40 + pile * ((w - 80) / 3);
      for (let row = 0; row < 4; row++) {
        for (let k = 0; k < 4 - row; k++) {
          const cxp = px + r + row * r + k * r * 2;
          const cyp = 650 - r - row * r * 1.7;
          svg += `<circle cx="${n(cxp)}" cy="${n(cyp)}" r="${n(r)}" fill="${colour}"/><circle cx="${n(cxp - r / 3)}" cy="${n(cyp - r / 3)}" r="${n(r / 4)}" fill="${lighten(colour, 0.5)}" fill-opacity="0.6"/>`;
        }
      }
    }
    svg += `<rect x="${n(x + w * 0.25)}" y="740" width="${n(w * 0.5)}" height="90" fill="${mix(a, c, 0.3)}"/><path d="M${n(x + w * 0.25)} 770h${n(w * 0.5)}M${n(x + w * 0.25)} 800h${n(w * 0.5)}" stroke="${darken(a, 0.2)}" stroke-width="3"/>`;
    x += w + rnd.range(10, 40);
  }
  return svg;
};

export const grid: Scene = ([a, b, c], rnd) => {
  const horizon = rnd.range(350, 420);
  const vx = W / 2 + rnd.range(-150, 150);
  const depth = H - horizon + 80;
  const sx = (u: number, z: number): number => vx + (u * 150) / z;
  const sy = (z: number): number => horizon + depth / z;
  const fog = lighten(c, 0.2);
  let svg = `<defs>${verticalGradient('sky', [[0, mix(a, b, 0.35)], [1, fog]])}${glowGradient('haze', lighten(c, 0.4), 0.8)}</defs>`;
  svg += `<rect width="${W}" height="${n(horizon + 2)}" fill="url(#sky)"/>`;
  svg += `<ellipse cx="${n(vx)}" cy="${n(horizon)}" rx="520" ry="200" fill="url(#haze)"/>`;
  svg += `<rect y="${n(horizon)}" width="${W}" height="${n(H - horizon)}" fill="${darken(a, 0.1)}"/>`;
  const rows = 16;
  const zAt = (k: number): number => 0.9 + k * 0.55;
  let lines = '';
  for (let k = 0; k < rows; k++) {
    const z0 = zAt(k);
    const z1 = zAt(k + 1);
    for (let u = -16; u < 16; u++) {
      if (!rnd.chance(0.75)) continue;
      const tone = mix(mix(b, c, rnd.range(0, 0.3)), fog, Math.min(0.8, k / rows));
      svg += `<path d="M${n(sx(u + 0.06, z0))} ${n(sy(z0))}L${n(sx(u + 0.94, z0))} ${n(sy(z0))}L${n(sx(u + 0.94, z1))} ${n(sy(z1))}L${n(sx(u + 0.06, z1))} ${n(sy(z1))}Z" fill="${tone}" fill-opacity="${n(rnd.range(0.7, 0.95))}"/>`;
    }
    lines += `M0 ${n(sy(z0))}H${W}`;
  }
  for (let u = -16; u <= 16; u++) lines += `M${n(sx(u, zAt(0)))} ${n(sy(zAt(0)))}L${n(vx)} ${n(horizon)}`;
  svg += `<path d="${lines}" stroke="${lighten(c, 0.3)}" stroke-width="2" stroke-opacity="0.3" fill="none"/>`;
  return svg;
};
