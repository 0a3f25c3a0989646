/**
 * Parses one IPTC ninjs text item (1.x or 2.x) into an `IncomingStory`.
 *
 * Generation: a `standard.version` / `$standard.version` or a `ninjs-schema_N`
 * URL in `$schema` / `standard.schema` decides; without a hint, the presence of
 * `headlines` or `bodies` means 2.x, anything else is read as 1.x. (The item's
 * own `version` is the story's revision, not the ninjs version.)
 *
 * Field choices where ninjs is ambiguous:
 * - `source` (the agency): Superdesk's `source` string, else the first named
 *   `infosource` (1.x) / `infosources` (2.x) entry, else `copyrightholder` —
 *   wires such as dpa and TT put their own name there.
 * - `sectionName`: neither 1.x nor 2.x standardises a section; Superdesk sends
 *   `service[]`. 2.x items are read from `services[]` (2.x plural naming), then
 *   `service[]`. `genres` is a journalistic form, not a section, and is ignored.
 * - `bylines`: 1.x `byline`, else Superdesk `authors[].name`; 2.x `by`, else
 *   `people[]` whose `rel` is author/creator. A name equal to the source
 *   ("Asha Rao, Reuters") is dropped when another name remains.
 * - `standfirst`: 1.x `description_text`, else a `headline_*sub*` extra headline;
 *   2.x a description with role summary, default, abstract or no role, else a
 *   headline whose role contains "sub".
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
  type TextBlock,
} from './ninjs-schema.js';
import { describe, readFeaturePicture } from './ninjs-picture.js';
import { cleanText, plainTextToHtml, splitByline, uniqueNames } from './wire-text.js';

export { isAgencyCredit } from './agency-credit.js';

export interface IncomingPicture {
  href: string;
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
  wireId: string | null;
  version: string | null;
  language: string | null;
  headline: string;
  standfirst: string | null;
  bodyHtml: string | null;
  bylines: string[];
  firstCreated: Date | null;
  versionCreated: Date | null;
  embargoed: Date | null;
  located: string | null;
  sectionName: string | null;
  source: string | null;
  keywords: string[];
  subjects: { name: string; code: string | null }[];
  picture: IncomingPicture | null;
}

export type NinjsResult = { ok: true; item: IncomingStory } | Invalid;

const MAX_HEADLINE = 300;
const SUMMARY_ROLES = new Set(['', 'summary', 'default', 'abstract']);
const AUTHOR_REL = /(?:^|[/#:])(?:author|creator)$/i;
const HTML_TYPE = /^(?:text\/html|application\/xhtml\+xml)\b/i;

export function parseNinjs(input: unknown): NinjsResult {
  if (!isPlainObject(input)) return invalid('$', 'a ninjs item must be a JSON object');
  const type = input.type;
  if (type !== undefined && type !== null) {
    if (typeof type !== 'string') return invalid('type', 'expected a string');
    if (type !== 'text') return invalid('type', `only text items can be imported, not ${JSON.stringify(type.slice(0, 40))}`);
  }
  const story = ninjsGeneration(input) === 2 ? readNinjs2(input) : readNinjs1(input);
  return story.ok ? { ok: true, item: story.value } : story;
}

function ninjsGeneration(input: Record<string, unknown>): 1 | 2 {
  const hint = versionHint(input);
  if (hint !== null) return hint >= 2 ? 2 : 1;
  return input.headlines !== undefined || input.bodies !== undefined ? 2 : 1;
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
  const headline = requireHeadline(raw.headline, 'headline');
  if (!headline.ok) return headline;
  const picture = readFeaturePicture(input.associations);
  if (!picture.ok) return picture;
  const source = cleanText(raw.source) ?? firstName(raw.infosource) ?? cleanText(raw.copyrightholder);
  const bylines = raw.byline?.trim() ? splitByline(raw.byline) : uniqueNames((raw.authors ?? []).map((a) => a?.name));
  return {
    ok: true,
    value: {
      ...readShared(raw),
      headline: headline.value,
      standfirst: cleanText(raw.description_text) ?? subheadline1(input),
      bodyHtml: nonBlank(raw.body_html) ?? nonBlank(raw.body_xhtml) ?? (raw.body_text ? plainTextToHtml(raw.body_text) : null),
      bylines: withoutSource(bylines, source),
      sectionName: firstName(raw.service),
      source,
      subjects: readSubjects(raw.subject),
      picture: picture.value,
    },
  };
}

function readNinjs2(input: Record<string, unknown>): Checked<IncomingStory> {
  const checked = checkWith(ninjs2Schema, input, '');
  if (!checked.ok) return checked;
  const raw = checked.value;
  const headline = mainHeadline(raw.headlines);
  if (!headline.ok) return headline;
  const picture = readFeaturePicture(input.associations);
  if (!picture.ok) return picture;
  const source = cleanText(raw.source) ?? firstName(raw.infosources) ?? cleanText(raw.copyrightholder);
  const bylines = raw.by?.trim() ? splitByline(raw.by) : authorsAmong(raw.people);
  return {
    ok: true,
    value: {
      ...readShared(raw),
      headline: headline.value,
      standfirst: describe(raw.descriptions, (role) => SUMMARY_ROLES.has(role.toLowerCase())) ?? subheadline2(raw.headlines),
      bodyHtml: body2(raw.bodies),
      bylines: withoutSource(bylines, source),
      sectionName: firstName(raw.services) ?? firstName(raw.service),
      source,
      subjects: readSubjects(raw.subjects),
      picture: picture.value,
    },
  };
}

type Shared = Pick<
  IncomingStory,
  'wireId' | 'version' | 'language' | 'firstCreated' | 'versionCreated' | 'embargoed' | 'located' | 'keywords'
>;

function readShared(raw: Ninjs1 | Ninjs2): Shared {
  return {
    wireId: cleanText(raw.uri) ?? cleanText(raw.guid),
    version: raw.version === null || raw.version === undefined ? null : cleanText(String(raw.version)),
    language: cleanText(raw.language),
    firstCreated: raw.firstcreated ?? null,
    versionCreated: raw.versioncreated ?? null,
    embargoed: raw.embargoed ?? null,
    located: cleanText(raw.located),
    keywords: uniqueStrings(raw.keywords ?? []),
  };
}

function requireHeadline(value: string | null | undefined, field: string): Checked<string> {
  const headline = cleanText(value);
  if (!headline) return invalid(field, 'a headline is required');
  if (headline.length > MAX_HEADLINE) return invalid(field, `headline is longer than ${MAX_HEADLINE} characters`);
  return { ok: true, value: headline };
}

/** The headline with role "main", else the first non-empty one. */
function mainHeadline(blocks: readonly TextBlock[] | null | undefined): Checked<string> {
  const usable = (blocks ?? [])
    .map((block, i) => ({ block, i }))
    .filter((h): h is { block: NonNullable<TextBlock>; i: number } => cleanText(h.block?.value) !== null);
  const main = usable.find((h) => h.block.role === 'main') ?? usable[0];
  if (!main) return invalid('headlines', 'a headline is required (headlines[] with a non-empty value)');
  return requireHeadline(main.block.value, `headlines.${main.i}.value`);
}

/** 1.x extra headlines are `headline_<purpose>` properties (added in 1.3). */
function subheadline1(input: Record<string, unknown>): string | null {
  for (const [key, value] of Object.entries(input)) {
    if (/^headline_.*sub/i.test(key) && typeof value === 'string' && value.length <= 2_000) {
      const text = cleanText(value);
      if (text) return text;
    }
  }
  return null;
}

function subheadline2(blocks: readonly TextBlock[] | null | undefined): string | null {
  return describe(blocks, (role) => /sub/i.test(role));
}

/** The first HTML body, else the first plain-text one turned into paragraphs. */
function body2(bodies: readonly TextBlock[] | null | undefined): string | null {
  const usable = (bodies ?? []).filter((b): b is NonNullable<TextBlock> => b !== null && b.value.trim() !== '');
  const html = usable.find((b) => HTML_TYPE.test(b.contenttype ?? ''));
  if (html) return html.value;
  const plain = usable.find((b) => !b.contenttype || /^text\/plain\b/i.test(b.contenttype));
  return plain ? plainTextToHtml(plain.value) : null;
}

function authorsAmong(people: readonly (Party | null)[] | null | undefined): string[] {
  return uniqueNames((people ?? []).filter((p) => p && AUTHOR_REL.test(p.rel ?? '')).map((p) => p?.name));
}

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

function nonBlank(value: string | null | undefined): string | null {
  return value && value.trim() !== '' ? value : null;
}
