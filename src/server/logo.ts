import { createCardRenderer, type CardRenderer } from '../audience/index.js';

// One renderer for every logo: each has its own layout thread.
let renderer: CardRenderer | undefined;

/**
 * The publisher logo structured data points at: the site name set in type, 600×60 PNG.
 * Drawn with the share-card renderer, whose fonts ship with the package: a fresh machine
 * has no system fonts, and an SVG with `font-family="Georgia"` would come out blank there.
 */
export async function renderLogoPng(siteName: string): Promise<Buffer> {
  return (renderer ??= createCardRenderer()).logo(siteName);
}
