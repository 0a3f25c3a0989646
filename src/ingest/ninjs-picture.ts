/**
 * Reads the story's feature picture from ninjs `associations`.
 *
 * The association is looked up by name: `featureimage`, else `featuremedia`
 * (Superdesk's name for the same thing). Other associations (inline images,
 * related stories) are not the hero and are ignored. 1.x sends associations and
 * renditions as objects keyed by name, 2.x as arrays of `{ name, ... }`; both are
 * accepted in either generation.
 */
import {
  checkWith,
  invalid,
  isPlainObject,
  joinPath,
  pictureSchema,
  renditionSchema,
  type Checked,
  type NinjsPicture,
  type NinjsRendition,
  type TextBlock,
} from './ninjs-schema.js';
import { cleanText, htmlToPlainText } from './wire-text.js';
import type { IncomingPicture } from './ninjs.js';

const FEATURE_NAMES = ['featureimage', 'featuremedia'] as const;
const PICTURE_TYPES = new Set(['picture', 'image', 'graphic']);

interface Entry {
  name: string | null;
  value: unknown;
  path: string;
}

/** Lists a name-keyed object (1.x) or an array of `{ name }` objects (2.x). */
function listEntries(value: unknown, path: string): Checked<Entry[]> {
  if (value === undefined || value === null) return { ok: true, value: [] };
  if (Array.isArray(value)) {
    const entries = value.map((item: unknown, i) => ({
      name: isPlainObject(item) && typeof item.name === 'string' ? item.name : null,
      value: item,
      path: joinPath(path, i),
    }));
    return { ok: true, value: entries };
  }
  if (isPlainObject(value)) {
    const entries = Object.entries(value).map(([name, item]) => ({ name, value: item, path: joinPath(path, name) }));
    return { ok: true, value: entries };
  }
  return invalid(path, 'expected an object keyed by name or an array of named objects');
}

export function readFeaturePicture(associations: unknown): Checked<IncomingPicture | null> {
  const entries = listEntries(associations, 'associations');
  if (!entries.ok) return entries;
  const chosen = FEATURE_NAMES.map((name) => entries.value.find((e) => e.name === name)).find((e) => e !== undefined);
  if (!chosen || chosen.value === null) return { ok: true, value: null };
  if (!isPlainObject(chosen.value)) return invalid(chosen.path, 'expected an object');

  const type = chosen.value.type;
  if (type !== undefined && type !== null && typeof type !== 'string') {
    return invalid(joinPath(chosen.path, 'type'), 'expected a string');
  }
  if (typeof type !== 'string' || !PICTURE_TYPES.has(type)) return { ok: true, value: null };

  const picture = checkWith(pictureSchema, chosen.value, chosen.path);
  if (!picture.ok) return picture;
  const rendition = bestRendition(chosen.value.renditions, joinPath(chosen.path, 'renditions'));
  if (!rendition.ok) return rendition;
  if (!rendition.value) return { ok: true, value: null };
  return { ok: true, value: toIncomingPicture(picture.value, rendition.value) };
}

type Rendition = NinjsRendition & { href: string };

/** 'original' when it has an href, else the widest rendition with an href. */
function bestRendition(renditions: unknown, path: string): Checked<Rendition | null> {
  const entries = listEntries(renditions, path);
  if (!entries.ok) return entries;
  let original: Rendition | null = null;
  let widest: Rendition | null = null;
  for (const entry of entries.value) {
    if (entry.value === null) continue;
    const checked = checkWith(renditionSchema, entry.value, entry.path);
    if (!checked.ok) return checked;
    const r = checked.value;
    if (!r.href) continue;
    const candidate = { ...r, href: r.href };
    if (entry.name === 'original' && !original) original = candidate;
    if (!widest || (candidate.width ?? -1) > (widest.width ?? -1)) widest = candidate;
  }
  return { ok: true, value: original ?? widest };
}

function toIncomingPicture(p: NinjsPicture, r: Rendition): IncomingPicture {
  const licence = [cleanText(p.copyrightnotice) ?? cleanText(p.copyrightholder), cleanText(p.usageterms)].filter(
    (part): part is string => part !== null,
  );
  return {
    href: r.href,
    width: r.width ? Math.round(r.width) : null,
    height: r.height ? Math.round(r.height) : null,
    mimetype: cleanText(r.mimetype) ?? cleanText(r.contenttype) ?? cleanText(p.mimetype),
    caption: cleanText(p.description_text) ?? describe(p.descriptions, (role) => !/^alt/i.test(role)) ?? cleanText(p.body_text),
    // Superdesk sends a picture's alt text as `body_text` (its ingest maps it back to `alt_text`).
    alt: cleanText(p.alt_text) ?? cleanText(p.body_text) ?? describe(p.descriptions, (role) => /^alt/i.test(role)),
    credit: cleanText(p.creditline) ?? cleanText(p.copyrightholder) ?? cleanText(p.byline) ?? cleanText(p.by),
    licence: licence.length ? licence.join(' — ') : null,
    sourceUrl: p.uri && /^https?:\/\//i.test(p.uri) ? p.uri : null,
  };
}

/** Text of the first description whose role passes `wantRole` (a missing role counts as ''). */
export function describe(blocks: readonly TextBlock[] | null | undefined, wantRole: (role: string) => boolean): string | null {
  for (const block of blocks ?? []) {
    if (!block || !wantRole(block.role ?? '')) continue;
    const text = /html/i.test(block.contenttype ?? '') ? htmlToPlainText(block.value) : cleanText(block.value);
    if (text) return text;
  }
  return null;
}
