/**
 * zod schemas for the parts of an IPTC ninjs item that Dateline reads. Input is
 * hostile (another system's file), so every field we read is type- and
 * size-checked; fields we do not read pass through unchecked (`looseObject`).
 * `null` is accepted wherever a field is optional, because many producers emit
 * `null` for "absent".
 *
 * One schema covers ninjs 1.x (1.3–1.6, plus Superdesk's extensions
 * `service`, `keywords`, `source`, `authors`); its `headline_*`, `body_*` and
 * `description_*` properties are checked by hand in ninjs-text.ts. One covers 2.x
 * and 3.x together: 3.0 renamed properties to camelCase (`versionCreated`,
 * `pubStatus`, `copyrightHolder`, `infoSources`, `contentType`) and `embargoed` to
 * `embargoedUntil`, without changing their shapes, so both spellings are declared
 * and an error names the one the file used. Associations and renditions are object
 * maps in 1.x and arrays of `{ name, ... }` from 2.0; ninjs-associations.ts walks
 * those by hand so that an error names the exact path
 * (`associations.0.renditions.0.href`).
 */
import { z } from 'zod';

export const LIMITS = {
  short: 1_000,
  text: 20_000,
  body: 2_000_000,
  list: 1_000,
} as const;

const str = (max: number) => z.string().max(max).nullish();
const list = <T extends z.ZodType>(item: T, max: number = LIMITS.list) => z.array(item).max(max).nullish();

const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/**
 * Parses an ISO-8601 / RFC 3339 date or date-time into a Date, or null.
 * Built by hand rather than with `Date.parse` because V8 accepts non-ISO forms
 * ("May 5 2024") and rolls invalid days over ("2024-02-30" → 1 March). A
 * date-time without an offset is read as UTC, so results never depend on the
 * machine's time zone; Superdesk's "+0000" offsets (no colon) are accepted.
 */
export function parseIsoDate(value: string): Date | null {
  const m = ISO_DATE_TIME.exec(value.trim());
  if (!m) return null;
  const [year, month, day, hour, minute, second] = [m[1], m[2], m[3], m[4], m[5], m[6]].map((p) => Number(p ?? 0)) as [
    number, number, number, number, number, number,
  ];
  const millis = Number((m[7] ?? '').slice(0, 3).padEnd(3, '0'));
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 60) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  const offsetMinutes = parseOffset(m[8]);
  if (offsetMinutes === null) return null;
  const utc = Date.UTC(year, month - 1, day, hour, minute, Math.min(second, 59), millis);
  const date = new Date(utc - offsetMinutes * 60_000);
  // Date.UTC maps years 0–99 onto 1900–1999; refuse rather than silently shift.
  return year < 100 || Number.isNaN(date.getTime()) ? null : date;
}

function parseOffset(offset: string | undefined): number | null {
  if (!offset || offset.toUpperCase() === 'Z') return 0;
  const sign = offset.startsWith('-') ? -1 : 1;
  const digits = offset.slice(1).replace(':', '');
  const hours = Number(digits.slice(0, 2));
  const minutes = Number(digits.slice(2) || 0);
  if (hours > 23 || minutes > 59) return null;
  return sign * (hours * 60 + minutes);
}

const isoDate = z
  .string()
  .transform((value, ctx) => {
    // Length is checked here, not with .max(): a 200-character sentence in a date field
    // is a bad date, and should be reported as one.
    const date = value.length <= 64 ? parseIsoDate(value) : null;
    if (date) return date;
    ctx.addIssue({ code: 'custom', message: `not an ISO-8601 date-time: ${JSON.stringify(value.slice(0, 40))}` });
    return z.NEVER;
  })
  .nullish();

/** A rendition may only point at a local file or an http(s) resource. */
export function isMediaHref(value: string): boolean {
  try {
    const { protocol } = new URL(value);
    return protocol === 'file:' || protocol === 'http:' || protocol === 'https:';
  } catch {
    return false;
  }
}

const href = z
  .string()
  .max(4_096)
  .refine(isMediaHref, { message: 'must be a file://, http:// or https:// URL' })
  .nullish();

const dimension = z.number().positive().max(1_000_000).nullish();

/** 1.x uses `scheme`+`code`; 2.x uses `uri`+`literal`. Both are read. */
const concept = z.looseObject({
  name: str(LIMITS.short),
  code: str(LIMITS.short),
  literal: str(LIMITS.short),
  uri: str(4_096),
});

const party = z.looseObject({ name: str(LIMITS.short), rel: str(LIMITS.short), role: str(LIMITS.short) });

const textBlock = (max: number) =>
  z.looseObject({ role: str(200), contenttype: str(200), contentType: str(200), name: str(200), value: z.string().max(max) }).nullable();
/**
 * Drafts of 2.0 (still in IPTC's examples/2.0 history) sent `headline`, `body` and
 * `description` as arrays of `{ name, value }` blocks; a string there is not read.
 */
const draftBlocks = (max: number) => z.union([z.string().max(max), z.array(textBlock(max)).max(100)]).nullish();

/** `usable` is the default; `cancelled` is a common misspelling of ninjs's `canceled`. */
const PUB_STATUSES = ['usable', 'withheld', 'canceled', 'cancelled'] as const;
const pubStatusValue = z
  .string()
  .transform((value, ctx) => {
    const status = value.trim().toLowerCase();
    if ((PUB_STATUSES as readonly string[]).includes(status)) return status === 'cancelled' ? 'canceled' : (status as PubStatus);
    ctx.addIssue({ code: 'custom', message: `must be usable, withheld or canceled, not ${JSON.stringify(value.slice(0, 40))}` });
    return z.NEVER;
  })
  .nullish();
export type PubStatus = 'usable' | 'withheld' | 'canceled';

const common = {
  type: str(50),
  uri: str(4_096),
  version: z.union([z.string().max(200), z.number()]).nullish(),
  language: str(50),
  located: str(LIMITS.short),
  source: str(LIMITS.short),
  keywords: list(z.string().max(LIMITS.short).nullable()),
};

/** The properties 3.0 renamed, in their 1.x/2.x spelling. */
const lowercaseNamed = {
  firstcreated: isoDate,
  versioncreated: isoDate,
  embargoed: isoDate,
  pubstatus: pubStatusValue,
  copyrightholder: str(LIMITS.short),
};

export const ninjs1Schema = z.looseObject({
  ...common,
  ...lowercaseNamed,
  headline: str(LIMITS.text),
  byline: str(LIMITS.short),
  authors: list(party.nullable(), 100),
  service: list(concept.nullable()),
  infosource: list(party.nullable()),
  subject: list(concept.nullable()),
});

/** 2.x and 3.x: the 3.x spellings of renamed properties are read first. */
export const ninjs2Schema = z.looseObject({
  ...common,
  ...lowercaseNamed,
  firstCreated: isoDate,
  versionCreated: isoDate,
  embargoedUntil: isoDate,
  pubStatus: pubStatusValue,
  copyrightHolder: str(LIMITS.short),
  infoSources: list(party.nullable()),
  headlines: list(textBlock(LIMITS.text), 100),
  descriptions: list(textBlock(LIMITS.text), 100),
  bodies: list(textBlock(LIMITS.body), 20),
  headline: draftBlocks(LIMITS.text),
  description: draftBlocks(LIMITS.text),
  body: draftBlocks(LIMITS.body),
  by: str(LIMITS.short),
  people: list(party.nullable()),
  services: list(concept.nullable()),
  service: list(concept.nullable()),
  infosources: list(party.nullable()),
  subjects: list(concept.nullable()),
});

/** An associated picture, in any generation (both spellings of renamed properties). */
export const pictureSchema = z.looseObject({
  type: str(50),
  uri: str(4_096),
  mimetype: str(200),
  description_text: str(LIMITS.text),
  description_main: str(LIMITS.text),
  descriptions: list(textBlock(LIMITS.text), 100),
  body_text: str(LIMITS.text),
  alt_text: str(LIMITS.text),
  creditline: str(LIMITS.short),
  copyrightholder: str(LIMITS.short),
  copyrightHolder: str(LIMITS.short),
  copyrightnotice: str(LIMITS.text),
  copyrightNotice: str(LIMITS.text),
  usageterms: str(LIMITS.text),
  usageTerms: str(LIMITS.text),
  byline: str(LIMITS.short),
  by: str(LIMITS.short),
});

export const renditionSchema = z.looseObject({
  href,
  width: dimension,
  height: dimension,
  mimetype: str(200),
  contenttype: str(200),
  contentType: str(200),
});

export type Ninjs1 = z.infer<typeof ninjs1Schema>;
export type Ninjs2 = z.infer<typeof ninjs2Schema>;
export type NinjsPicture = z.infer<typeof pictureSchema>;
export type NinjsRendition = z.infer<typeof renditionSchema>;
export type TextBlock = z.infer<ReturnType<typeof textBlock>>;
export type Concept = z.infer<typeof concept>;
export type Party = z.infer<typeof party>;

/** The failure half of `NinjsResult`; `field` is a dotted JSON path, `$` for the root. */
export interface Invalid {
  ok: false;
  reason: 'invalid_ninjs';
  field: string;
  message: string;
}

export type Checked<T> = { ok: true; value: T } | Invalid;

export function invalid(field: string, message: string): Invalid {
  return { ok: false, reason: 'invalid_ninjs', field: field === '' ? '$' : field, message };
}

export function joinPath(base: string, ...segments: readonly PropertyKey[]): string {
  return [base, ...segments.map(String)].filter((s) => s !== '').join('.');
}

/** Runs a schema and turns its first issue into an `Invalid` naming the full path. */
export function checkWith<S extends z.ZodType>(schema: S, value: unknown, base: string): Checked<z.output<S>> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return { ok: true, value: parsed.data };
  const issue = parsed.error.issues[0];
  return invalid(joinPath(base, ...(issue?.path ?? [])), issue?.message ?? 'invalid value');
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
