/**
 * zod schemas for the parts of an IPTC ninjs item that Dateline reads. Input is
 * hostile (another system's file), so every field we read is type- and
 * size-checked; fields we do not read pass through unchecked (`looseObject`).
 * `null` is accepted wherever a field is optional, because many producers emit
 * `null` for "absent".
 *
 * One schema covers ninjs 1.x (1.3–1.5, plus Superdesk's extensions `guid`,
 * `service`, `keywords`, `source`, `authors`) and one covers 2.x (2.0/2.1:
 * `headlines`, `bodies`, `descriptions`, `by`, `people`, `subjects`,
 * `infosources`). Associations and renditions are object maps in 1.x and arrays
 * of `{ name, ... }` in 2.x; `ninjs.ts` walks those by hand so that an error can
 * name the exact path (`associations.featureimage.renditions.original.href`).
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
  .max(64)
  .transform((value, ctx) => {
    const date = parseIsoDate(value);
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
  z.looseObject({ role: str(200), contenttype: str(200), value: z.string().max(max) }).nullable();

const common = {
  type: str(50),
  uri: str(4_096),
  guid: str(4_096),
  version: z.union([z.string().max(200), z.number()]).nullish(),
  language: str(50),
  firstcreated: isoDate,
  versioncreated: isoDate,
  embargoed: isoDate,
  located: str(LIMITS.short),
  source: str(LIMITS.short),
  copyrightholder: str(LIMITS.short),
  keywords: list(z.string().max(LIMITS.short).nullable()),
};

export const ninjs1Schema = z.looseObject({
  ...common,
  headline: str(LIMITS.text),
  description_text: str(LIMITS.text),
  body_html: str(LIMITS.body),
  body_xhtml: str(LIMITS.body),
  body_text: str(LIMITS.body),
  byline: str(LIMITS.short),
  authors: list(party.nullable(), 100),
  service: list(concept.nullable()),
  infosource: list(party.nullable()),
  subject: list(concept.nullable()),
});

export const ninjs2Schema = z.looseObject({
  ...common,
  headlines: list(textBlock(LIMITS.text), 100),
  descriptions: list(textBlock(LIMITS.text), 100),
  bodies: list(textBlock(LIMITS.body), 20),
  by: str(LIMITS.short),
  people: list(party.nullable()),
  services: list(concept.nullable()),
  service: list(concept.nullable()),
  infosources: list(party.nullable()),
  subjects: list(concept.nullable()),
});

/** An associated picture, in either generation. */
export const pictureSchema = z.looseObject({
  type: str(50),
  uri: str(4_096),
  mimetype: str(200),
  headline: str(LIMITS.text),
  description_text: str(LIMITS.text),
  descriptions: list(textBlock(LIMITS.text), 100),
  body_text: str(LIMITS.text),
  alt_text: str(LIMITS.text),
  creditline: str(LIMITS.short),
  copyrightholder: str(LIMITS.short),
  copyrightnotice: str(LIMITS.text),
  usageterms: str(LIMITS.text),
  byline: str(LIMITS.short),
  by: str(LIMITS.short),
});

export const renditionSchema = z.looseObject({
  href,
  width: dimension,
  height: dimension,
  mimetype: str(200),
  contenttype: str(200),
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
