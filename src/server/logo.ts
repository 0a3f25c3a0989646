import sharp from 'sharp';
import { escapeHtml } from '../shared/html.js';

/** The publisher logo structured data points at: the site name set in type, made once at start. */
export async function renderLogoPng(siteName: string): Promise<Buffer> {
  const name = escapeHtml(siteName);
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="60" viewBox="0 0 600 60"><rect width="600" height="60" fill="#fff"/><text x="300" y="42" font-family="Georgia, serif" font-size="34" font-weight="700" fill="#16181d" text-anchor="middle">${name}</text></svg>`;
  return sharp(Buffer.from(svg)).png().toBuffer();
}
