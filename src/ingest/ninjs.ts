/**
 * Parses one IPTC ninjs item (1.x, 2.x or 3.x) into an `IncomingStory`.
 *
 * Every string is first stripped of control characters (wire-text.ts), so what
 * reaches the database is the same on SQLite and PostgreSQL.
 *
 * Kinds: `text` and `composite` items (and items with no `type`) are stories;
 * pictures, graphics, audio, video, events and the rest are refused with a reason
 * naming the type. `uri` is required, as in every ninjs schema: it is how a later
 * version of the item finds the story it updates.
 *
 * Generation: a `standard.version` / `$standard.version` or a `ninjs-schema_N`
 * URL in `$schema` / `standard.schema` decides; without a hint, 2.x/3.x block
 * arrays (`headlines`, `bodies`, `descriptions`, or a 2.0 draft's `headline` and
 * `body` arrays) or 3.x camelCase names mean the 2.x/3.x reader, anything else is
 * read as 1.x. (The item's own `version` is the story's revision, not the ninjs
 * version.)
 *
 * Field choices where ninjs is ambiguous:
 * - `source` (the agency): Superdesk's `source` string, else the first named
 *   `infosource` (1.x) / `infosources` / `infoSources` entry, else the copyright
 *   holder — wires such as dpa and TT put their own name there.
 * - `sectionName`: ninjs standardises no section; Superdesk sends `service[]`.
 *   2.x items are read from `services[]`, then `service[]`. `genres` is a
 *   journalistic form, not a section, and is ignored.
 * - `bylines`: 1.x `byline`, else Superdesk `authors[].name`; 2.x/3.x `by`, else
 *   `people[]` whose `rel` is author/creator. See `splitByline` for prefixes
 *   ("Von", "Par", …) and trailing agencies ("…, dpa").
 * - headline, standfirst and body: see ninjs-text.ts; pictures: ninjs-associations.ts.
 * - `pubstatus` / `pubStatus`: `usable` by default. A `withheld` or `canceled` item
 *   needs no headline or text: it only names the story to take down.
 * - Dates without an offset are read as UTC.
 *
 * Body HTML is passed through as sent: every import goes through the doc
 * converter's allow-list (see DESIGN.md), which is where markup is cleaned.
 *
 * @example
 *   const result = parseNinjs(JSON.parse(text));
 *   if (!result.ok) return { file, field: result.field, error: result.message };
 */
import {
  checkWith,
  invalid,
  isPlainObject,
  ninjs1Schema,
  ninjs2Schema,
  type Checked,
  type Concept,
  type Invalid,
  type Ninjs1,
  type Ninjs2,
  type Party,
  type PubStatus,
  type TextBlock,
} from './ninjs-schema.js';
import { readPictures, type StoryPictures } from './ninjs-associations.js';
import { readText1, readText2, type BlockList } from './ninjs-text.js';
import { cleanText, splitByline, stripControlChars, uniqueNames } from './wire-text.js';

export { isAgencyCredit } from './agency-credit.js';
export type { PubStatus } from './ninjs-schema.js';

export interface IncomingPicture {
  href: string;
  /** JSON path of `href`, for error messages (`associations.mainpic.renditions.main.href`). */
  hrefPath: string;
  width: number | null;
  height: number | null;
  mimetype: string | null;
  caption: string | null;
  alt: string | null;
  credit: string | null;
  /** copyright holder / usage terms, if any */
  licence: string | null;
  sourceUrl: string | null;
}

export interface IncomingStory {
  wireId: string;
  version: string | null;
  language: string | null;
  pubStatus: PubStatus;
  /** JSON path of the publication status (`pubstatus`, or 3.x `pubStatus`), for messages. */
  pubStatusPath: string;
  /** '' only for a withheld or cancelled item, which needs none. */
  headline: string;
  standfirst: string | null;
  bodyHtml: string | null;
  /** JSON path the body came from (`body_richtext`, `bodies.1.value`), for messages. */
  bodyPath: string | null;
  bylines: string[];
  firstCreated: Date | null;
  versionCreated: Date | null;
  embargoed: Date | null;
  located: string | null;
  sectionName: string | null;
  source: string | null;
  keywords: string[];
  subjects: { name: string; code: string | null }[];
  /** The hero. */
  picture: IncomingPicture | null;
  /** Pictures after the hero, for the media library (at most MAX_PICTURES - 1). */
  furtherPictures: IncomingPicture[];
}

export type NinjsResult = { ok: true; item: IncomingStory } | Invalid;

const STORY_TYPES = new Set(['text', 'composite']);
const AUTHOR_REL = /(?:^|[/#:])(?:author|creator)$/i;
const CAMEL_CASE_NAMES = ['versionCreated', 'firstCreated', 'pubStatus', 'embargoedUntil', 'copyrightHolder', 'infoSources'];

export function parseNinjs(raw: unknown): NinjsResult {
  const input = stripControlChars(raw);
  if (!isPlainObject(input)) return invalid('$', 'a ninjs item must be a JSON object');
  // ninjs 2.2/3.x event descriptions sometimes leave out `type`; they are still not stories.
  const eventKey = ['eventDetails', 'eventdetails'].find((key) => input[key] !== undefined && input[key] !== null);
  const [type, typePath] = input.type === undefined && eventKey ? ['event', eventKey] : [input.type, 'type'];
  if (type !== undefined && type !== null) {
    if (typeof type !== 'string') return invalid('type', 'expected a string');
    if (!STORY_TYPES.has(type)) {
      return invalid(typePath, `only text and composite items can be imported; this is ${article(type)} ${JSON.stringify(type.slice(0, 40))} item`);
    }
  }
  if (input.uri !== undefined && input.uri !== null && typeof input.uri !== 'string') return invalid('uri', 'expected a string');
  if (!cleanText(input.uri as string | undefined)) {
    return invalid('uri', 'a uri is required: it identifies the item, so that a later version updates the story instead of duplicating it');
  }
  const story = ninjsGeneration(input) === 1 ? readNinjs1(input) : readNinjs2(input);
  return story.ok ? { ok: true, item: story.value } : story;
}

function article(word: string): string {
  return /^[aeiou]/i.test(word) ? 'an' : 'a';
}

function ninjsGeneration(input: Record<string, unknown>): 1 | 2 {
  const hint = versionHint(input);
  if (hint !== null) return hint >= 2 ? 2 : 1;
  const blocks = input.headlines !== undefined || input.bodies !== undefined || input.descriptions !== undefined;
  const draft = Array.isArray(input.headline) || Array.isArray(input.body);
  return blocks || draft || CAMEL_CASE_NAMES.some((name) => input[name] !== undefined) ? 2 : 1;
}

function versionHint(input: Record<string, unknown>): number | null {
  for (const standard of [input.standard, input.$standard]) {
    if (!isPlainObject(standard)) continue;
    const major = typeof standard.version === 'string' ? parseInt(standard.version, 10) : NaN;
    if (major > 0) return major;
    const fromSchema = schemaMajor(standard.schema);
    if (fromSchema !== null) return fromSchema;
  }
  return schemaMajor(input.$schema);
}

function schemaMajor(url: unknown): number | null {
  const match = typeof url === 'string' ? /ninjs-schema_(\d+)/i.exec(url) : null;
  return match ? Number(match[1]) : null;
}

function readNinjs1(input: Record<string, unknown>): Checked<IncomingStory> {
  const checked = checkWith(ninjs1Schema, input, '');
  if (!checked.ok) return checked;
  const raw = checked.value;
  const pubStatus = raw.pubstatus ?? 'usable';
  const text = readText1(input, pubStatus === 'usable');
  if (!text.ok) return text;
  const pictures = readStoryPictures(input.associations, pubStatus);
  if (!pictures.ok) return pictures;
  const source = cleanText(raw.source) ?? firstName(raw.infosource) ?? cleanText(raw.copyrightholder);
  const bylines = raw.byline?.trim() ? splitByline(raw.byline, source) : withoutSource(uniqueNames((raw.authors ?? []).map((a) => a?.name)), source);
  return {
    ok: true,
    value: {
      ...readShared(raw),
      ...text.value,
      pubStatus,
      pubStatusPath: 'pubstatus',
      firstCreated: raw.firstcreated ?? null,
      versionCreated: raw.versioncreated ?? null,
      embargoed: raw.embargoed ?? null,
      bylines,
      sectionName: firstName(raw.service),
      source,
      subjects: readSubjects(raw.subject),
      picture: pictures.value.hero,
      furtherPictures: pictures.value.further,
    },
  };
}

/** 2.x and 3.x; 3.0 renamed some properties to camelCase, read first. */
function readNinjs2(input: Record<string, unknown>): Checked<IncomingStory> {
  const checked = checkWith(ninjs2Schema, input, '');
  if (!checked.ok) return checked;
  const raw = checked.value;
  const pubStatus = raw.pubStatus ?? raw.pubstatus ?? 'usable';
  const text = readText2(
    {
      headlines: blockList(raw.headlines, 'headlines', raw.headline, 'headline'),
      bodies: blockList(raw.bodies, 'bodies', raw.body, 'body'),
      descriptions: blockList(raw.descriptions, 'descriptions', raw.description, 'description'),
    },
    pubStatus === 'usable',
  );
  if (!text.ok) return text;
  const pictures = readStoryPictures(input.associations, pubStatus);
  if (!pictures.ok) return pictures;
  const source = cleanText(raw.source) ?? firstName(raw.infoSources ?? raw.infosources) ?? cleanText(raw.copyrightHolder ?? raw.copyrightholder);
  const bylines = raw.by?.trim() ? splitByline(raw.by, source) : withoutSource(authorsAmong(raw.people), source);
  return {
    ok: true,
    value: {
      ...readShared(raw),
      ...text.value,
      pubStatus,
      pubStatusPath: raw.pubStatus ? 'pubStatus' : 'pubstatus',
      firstCreated: raw.firstCreated ?? raw.firstcreated ?? null,
      versionCreated: raw.versionCreated ?? raw.versioncreated ?? null,
      embargoed: raw.embargoedUntil ?? raw.embargoed ?? null,
      bylines,
      sectionName: firstName(raw.services) ?? firstName(raw.service),
      source,
      subjects: readSubjects(raw.subjects),
      picture: pictures.value.hero,
      furtherPictures: pictures.value.further,
    },
  };
}

/** The released name's array, else a 2.0 draft's array under the singular name. */
function blockList(released: readonly TextBlock[] | null | undefined, name: string, draft: unknown, draftName: string): BlockList {
  return !released && Array.isArray(draft) ? { path: draftName, blocks: draft as TextBlock[] } : { path: name, blocks: released };
}

/** A withdrawn item's pictures are never fetched, so they are not read either. */
function readStoryPictures(associations: unknown, pubStatus: PubStatus): Checked<StoryPictures> {
  return pubStatus === 'usable' ? readPictures(associations) : { ok: true, value: { hero: null, further: [] } };
}

type Shared = Pick<IncomingStory, 'wireId' | 'version' | 'language' | 'located' | 'keywords'>;

function readShared(raw: Ninjs1 | Ninjs2): Shared {
  return {
    // parseNinjs has checked that the uri is there.
    wireId: cleanText(raw.uri) ?? '',
    version: raw.version === null || raw.version === undefined ? null : cleanText(String(raw.version)),
    language: cleanText(raw.language),
    located: cleanText(raw.located),
    keywords: uniqueStrings(raw.keywords ?? []),
  };
}

function authorsAmong(people: readonly (Party | null)[] | null | undefined): string[] {
  return uniqueNames((people ?? []).filter((p) => p && AUTHOR_REL.test(p.rel ?? '')).map((p) => p?.name));
}

/** A structured author list may name the agency itself; drop it when a person remains. */
function withoutSource(names: string[], source: string | null): string[] {
  if (!source) return names;
  const rest = names.filter((name) => name.toLowerCase() !== source.toLowerCase());
  return rest.length ? rest : names;
}

function firstName(items: readonly (Concept | Party | null)[] | null | undefined): string | null {
  for (const item of items ?? []) {
    const name = cleanText(item?.name);
    if (name) return name;
  }
  return null;
}

function readSubjects(items: readonly (Concept | null)[] | null | undefined): IncomingStory['subjects'] {
  const seen = new Set<string>();
  const out: IncomingStory['subjects'] = [];
  for (const item of items ?? []) {
    const name = cleanText(item?.name);
    if (!item || !name) continue;
    const code = cleanText(item.code) ?? cleanText(item.literal) ?? cleanText(item.uri);
    const key = `${name}\u0000${code ?? ''}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ name, code });
  }
  return out;
}

function uniqueStrings(values: readonly (string | null)[]): string[] {
  const out = new Set<string>();
  for (const value of values) {
    const text = cleanText(value);
    if (text) out.add(text);
  }
  return [...out];
}
