/**
 * The figure-shaped blocks of the renderer: inline pictures and social posts.
 * Same rules as render-html.ts: every value escaped, every shape checked,
 * nothing thrown for bad data.
 */
import { escapeHtml } from '../shared/html.js';
import { isRecord, textAttr } from './node-guards.js';
import { safeWebUrl } from './safe-url.js';
import type { RenderContext, SocialNetwork } from './types.js';

const NETWORK_LABELS: Readonly<Record<SocialNetwork, string>> = {
  x: 'on X',
  facebook: 'on Facebook',
  instagram: 'on Instagram',
  threads: 'on Threads',
  bluesky: 'on Bluesky',
  mastodon: 'on Mastodon',
  youtube: 'on YouTube',
  linkedin: 'on LinkedIn',
  other: '',
};

// Only ISO-8601 dates get a <time>: its datetime attribute must be machine-readable.
const ISO_DATE_RE = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?)?$/;
// UTC so a date-only value shows the day it names, whatever the server's zone.
const DATE_FORMAT = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' });

/** A picture from the media library; nothing at all when it cannot be resolved. */
export function renderImage(attrs: unknown, ctx: RenderContext): string {
  if (!isRecord(attrs) || typeof ctx.resolveImage !== 'function') return '';
  const mediaId = attrs.mediaId;
  if (typeof mediaId !== 'string' || mediaId === '') return '';
  const image: unknown = ctx.resolveImage(mediaId);
  if (!isRecord(image) || typeof image.src !== 'string' || image.src === '') return '';
  // What the editor wrote on this use of the picture beats the library's defaults.
  const alt = textAttr(attrs.alt) || textAttr(image.alt);
  const caption = textAttr(attrs.caption) || textAttr(image.caption);
  const credit = textAttr(attrs.credit) || textAttr(image.credit);
  const sizes = typeof image.sizes === 'string' && image.sizes !== '' ? ' sizes="' + escapeHtml(image.sizes) + '"' : '';

  let html = '<figure class="inline-image"><picture>';
  if (Array.isArray(image.sources)) {
    for (const source of image.sources as unknown[]) {
      if (!isRecord(source) || typeof source.type !== 'string' || typeof source.srcset !== 'string') continue;
      html += '<source type="' + escapeHtml(source.type) + '" srcset="' + escapeHtml(source.srcset) + '"' + sizes + '>';
    }
  }
  html += '<img src="' + escapeHtml(image.src) + '"';
  if (typeof image.srcset === 'string' && image.srcset !== '') html += ' srcset="' + escapeHtml(image.srcset) + '"';
  html += sizes + dimension('width', image.width) + dimension('height', image.height);
  html += ' alt="' + escapeHtml(alt) + '" loading="lazy" decoding="async"></picture>';
  if (caption !== '' || credit !== '') {
    const creditHtml = credit === '' ? '' : '<span class="credit">' + escapeHtml(credit) + '</span>';
    html += '<figcaption>' + escapeHtml(caption) + (caption !== '' && credit !== '' ? ' ' : '') + creditHtml + '</figcaption>';
  }
  return html + '</figure>';
}

function dimension(name: string, value: unknown): string {
  return typeof value === 'number' && Number.isInteger(value) && value > 0 ? ' ' + name + '="' + value + '"' : '';
}

/**
 * A quoted social post as a static card. No embed script: loading the
 * network's widget would hand our readers to a third-party tracker.
 */
export function renderSocialPost(attrs: unknown): string {
  if (!isRecord(attrs)) return '';
  const network = networkOf(attrs.network);
  const text = typeof attrs.text === 'string' ? attrs.text : '';
  const author = textAttr(attrs.author);
  const handle = textAttr(attrs.handle).replace(/^@+/, '');
  const url = safeWebUrl(attrs.url);
  const body = postBody(text);
  if (body === '' && author === '' && url === null) return '';

  const who: string[] = [];
  if (author !== '') who.push('<span class="social-post__author">' + escapeHtml(author) + '</span>');
  if (handle !== '') who.push('<span class="social-post__handle">@' + escapeHtml(handle) + '</span>');
  if (NETWORK_LABELS[network] !== '') who.push('<span class="social-post__network">' + NETWORK_LABELS[network] + '</span>');
  // The separators keep the caption readable where our CSS is absent (feed readers).
  const parts: string[] = who.length > 0 ? [who.join(' ')] : [];
  const time = timeElement(attrs.postedAt);
  if (time !== '') parts.push(time);
  if (url !== null) parts.push('<a href="' + escapeHtml(url) + '" rel="noopener noreferrer">View original post</a>');

  let html = '<figure class="social-post social-post--' + network + '">';
  if (body !== '') html += '<blockquote>' + body + '</blockquote>';
  if (parts.length > 0) html += '<figcaption>' + parts.join(' · ') + '</figcaption>';
  return html + '</figure>';
}

function networkOf(value: unknown): SocialNetwork {
  return typeof value === 'string' && Object.hasOwn(NETWORK_LABELS, value) ? (value as SocialNetwork) : 'other';
}

/** Blank lines separate paragraphs; single line breaks stay line breaks. */
function postBody(text: string): string {
  let html = '';
  for (const paragraph of text.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n/)) {
    const lines = paragraph.trim();
    if (lines !== '') html += '<p>' + lines.split('\n').map(escapeHtml).join('<br>') + '</p>';
  }
  return html;
}

function timeElement(value: unknown): string {
  if (typeof value !== 'string') return '';
  const iso = value.trim();
  if (!ISO_DATE_RE.test(iso)) return '';
  const time = Date.parse(iso);
  if (Number.isNaN(time)) return '';
  return '<time datetime="' + escapeHtml(iso) + '">' + DATE_FORMAT.format(time) + '</time>';
}
