/**
 * Reads the pictures of a story from ninjs `associations`.
 *
 * The hero is the association named `featureimage` or `featuremedia` (Superdesk's
 * names) when there is one, else the first association of type `picture` whatever
 * its name: IPTC's examples call it `mainpic`, `photo` or `a001`. Further pictures
 * follow in document order, up to `MAX_PICTURES` in all, and go to the media
 * library. An association is skipped when it is not a picture (graphics such as
 * logos, text, video), when the agency withheld or cancelled it, or when none of
 * its renditions has an href. 1.x sends associations and renditions as objects
 * keyed by name, 2.x and 3.x as arrays of `{ name, ... }`; both are accepted in any
 * generation, and an error names the path as the file spells it
 * (`associations.mainpic.renditions.main.href`, `associations.0.renditions.0.href`).
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
} from './ninjs-schema.js';
import { describe } from './ninjs-text.js';
import { cleanText } from './wire-text.js';
import type { IncomingPicture } from './ninjs.js';

/** Pictures fetched and stored per item, hero included: bounds the work one file can cause. */
export const MAX_PICTURES = 20;
const FEATURE_NAMES = new Set(['featureimage', 'featuremedia']);
const PICTURE_TYPES = new Set(['picture', 'image']);
/** A feature association is the hero even when it is a graphic, as before. */
const FEATURE_TYPES = new Set(['picture', 'image', 'graphic']);
const WITHDRAWN = new Set(['withheld', 'canceled', 'cancelled']);

interface Entry {
  name: string | null;
  value: unknown;
  path: string;
}

type PictureEntry = Entry & { value: Record<string, unknown> };

export interface StoryPictures {
  hero: IncomingPicture | null;
  further: IncomingPicture[];
}

/** Lists a name-keyed object (1.x) or an array of `{ name }` objects (2.x, 3.x). */
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

export function readPictures(associations: unknown): Checked<StoryPictures> {
  const candidates = pictureCandidates(associations);
  if (!candidates.ok) return candidates;
  const pictures: IncomingPicture[] = [];
  for (const entry of candidates.value) {
    if (pictures.length === MAX_PICTURES) break;
    const picture = readPicture(entry);
    if (!picture.ok) return picture;
    if (picture.value) pictures.push(picture.value);
  }
  return { ok: true, value: { hero: pictures[0] ?? null, further: pictures.slice(1) } };
}

/** Picture associations, a named feature picture first. */
function pictureCandidates(associations: unknown): Checked<PictureEntry[]> {
  const entries = listEntries(associations, 'associations');
  if (!entries.ok) return entries;
  const features: PictureEntry[] = [];
  const others: PictureEntry[] = [];
  for (const { name, value, path } of entries.value) {
    if (value === null) continue;
    if (!isPlainObject(value)) return invalid(path, 'expected an object');
    const { type } = value;
    if (type !== undefined && type !== null && typeof type !== 'string') return invalid(joinPath(path, 'type'), 'expected a string');
    if (typeof type !== 'string' || isWithdrawn(value)) continue;
    const feature = name !== null && FEATURE_NAMES.has(name);
    if (feature && FEATURE_TYPES.has(type)) features.push({ name, value, path });
    else if (PICTURE_TYPES.has(type)) others.push({ name, value, path });
  }
  return { ok: true, value: [...features, ...others] };
}

function isWithdrawn(association: Record<string, unknown>): boolean {
  const status = association.pubStatus ?? association.pubstatus;
  return typeof status === 'string' && WITHDRAWN.has(status.trim().toLowerCase());
}

function readPicture(entry: PictureEntry): Checked<IncomingPicture | null> {
  const picture = checkWith(pictureSchema, entry.value, entry.path);
  if (!picture.ok) return picture;
  const rendition = bestRendition(entry.value.renditions, joinPath(entry.path, 'renditions'));
  if (!rendition.ok) return rendition;
  return { ok: true, value: rendition.value ? toIncomingPicture(picture.value, rendition.value) : null };
}

type Rendition = NinjsRendition & { href: string; path: string };

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
    const candidate = { ...r, href: r.href, path: joinPath(entry.path, 'href') };
    if (entry.name === 'original' && !original) original = candidate;
    if (!widest || (candidate.width ?? -1) > (widest.width ?? -1)) widest = candidate;
  }
  return { ok: true, value: original ?? widest };
}

function toIncomingPicture(p: NinjsPicture, r: Rendition): IncomingPicture {
  const holder = cleanText(p.copyrightholder) ?? cleanText(p.copyrightHolder);
  const notice = cleanText(p.copyrightnotice) ?? cleanText(p.copyrightNotice);
  const licence = [notice ?? holder, cleanText(p.usageterms) ?? cleanText(p.usageTerms)].filter((part): part is string => part !== null);
  return {
    href: r.href,
    hrefPath: r.path,
    width: r.width ? Math.round(r.width) : null,
    height: r.height ? Math.round(r.height) : null,
    mimetype: cleanText(r.mimetype) ?? cleanText(r.contenttype) ?? cleanText(r.contentType) ?? cleanText(p.mimetype),
    caption:
      cleanText(p.description_text) ??
      cleanText(p.description_main) ??
      describe(p.descriptions, (role) => !/^(?:alt|ednote)/i.test(role)) ??
      cleanText(p.body_text),
    // Superdesk sends a picture's alt text as `body_text` (its ingest maps it back to `alt_text`).
    alt: cleanText(p.alt_text) ?? cleanText(p.body_text) ?? describe(p.descriptions, (role) => /^alt/i.test(role)),
    credit: cleanText(p.creditline) ?? holder ?? cleanText(p.byline) ?? cleanText(p.by),
    licence: licence.length ? licence.join(' — ') : null,
    sourceUrl: p.uri && /^https?:\/\//i.test(p.uri) ? p.uri : null,
  };
}
