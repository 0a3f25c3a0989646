import { createCardRenderer } from '../audience/index.js';

/**
 * The publisher logo structured data points at: the site name set in type, 600×60 PNG.
 * Drawn with the share-card renderer, whose fonts ship with the package: a fresh machine
 * has no system fonts, and an SVG with `font-family="Georgia"` would come out blank there.
 */
export async function renderLogoPng(siteName: string): Promise<Buffer> {
  return createCardRenderer().logo(siteName);
}
