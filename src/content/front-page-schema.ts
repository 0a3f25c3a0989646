import { z } from 'zod';

/**
 * The front page as the editors arrange it: one JSON document in `site_state`
 * (key `front_page`). The same schema checks an editor's change at the API's edge and
 * the stored document on every read, so a row edited by hand cannot break the home page.
 */

/** How many top stories editors may pin below the lead, in order. */
export const MAX_TOP_PINS = 6;
export const BREAKING_TEXT_MAX = 200;

const articleId = z.string().regex(/^[0-9a-z]{26}$/, 'not a story id');
/** An instant with its offset; stored in UTC so expiries compare as strings and read the same everywhere. */
const expiresAt = z.iso
  .datetime({ offset: true })
  .transform((v) => new Date(v).toISOString())
  .nullable()
  .describe('When the pin lapses (ISO 8601 with offset); null keeps it until an editor removes it');

/**
 * The banner's link: http(s), or a path on this site. A path must not start with `//`
 * (another host) or contain a backslash (browsers read `/\host` as `//host`).
 */
const bannerUrl = z
  .string()
  .trim()
  .min(1)
  .max(500)
  .refine((value) => {
    if (value.startsWith('/')) return !value.startsWith('//') && !value.includes('\\') && !/\s/.test(value);
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !/\s/.test(value);
    } catch {
      return false;
    }
  }, 'must be an http(s) URL or a path on this site such as /news/a-story');

export const frontPagePinSchema = z.object({ articleId, expiresAt }).strict();

export const breakingBannerSchema = z
  .object({
    text: z
      .string()
      .trim()
      .min(1)
      .max(BREAKING_TEXT_MAX)
      .regex(/^[^\r\n]*$/, 'must be one line'),
    url: bannerUrl,
    expiresAt,
  })
  .strict();

export const railSchema = z.object({ sectionId: z.string().regex(/^[0-9a-z]{26}$/, 'not a section id'), visible: z.boolean() }).strict();

/** The arrangement's fields, for the stored document and for the API body (which adds `version`). */
export const frontPageArrangementShape = {
  lead: frontPagePinSchema.nullable().describe('The story in the big picture slot; it needs a hero picture'),
  top: z.array(frontPagePinSchema).max(MAX_TOP_PINS).describe(`Up to ${MAX_TOP_PINS} top stories in order, shown after the lead`),
  breaking: breakingBannerSchema.nullable().describe('A banner across the top of the home page'),
  rails: z.array(railSchema).max(200).describe('Section rails in order; a hidden one is left off the home page'),
};

/** A story twice on the page would be shown once anyway, and a section twice is a slip: refusing says so to the editor. */
export function refuseRepeats(value: { lead: { articleId: string } | null; top: { articleId: string }[]; rails: { sectionId: string }[] }, ctx: z.RefinementCtx): void {
  const seen = new Set<string>(value.lead ? [value.lead.articleId] : []);
  value.top.forEach((pin, i) => {
    if (seen.has(pin.articleId)) ctx.addIssue({ code: 'custom', path: ['top', i, 'articleId'], message: 'this story is already pinned above' });
    seen.add(pin.articleId);
  });
  const sections = new Set<string>();
  value.rails.forEach((rail, i) => {
    if (sections.has(rail.sectionId)) ctx.addIssue({ code: 'custom', path: ['rails', i, 'sectionId'], message: 'this section is listed twice' });
    sections.add(rail.sectionId);
  });
}

export const frontPageArrangementSchema = z.object(frontPageArrangementShape).strict().superRefine(refuseRepeats);

export type FrontPagePin = z.infer<typeof frontPagePinSchema>;
export type BreakingBanner = z.infer<typeof breakingBannerSchema>;
export type FrontPageArrangement = z.infer<typeof frontPageArrangementSchema>;

/** What is stored: the arrangement, who saved it when, and a version for compare-and-set. */
export const storedFrontPageSchema = z
  .object({
    version: z.number().int().min(1),
    savedAt: z.string(),
    savedBy: z.string().nullable(),
    arrangement: frontPageArrangementSchema,
  })
  .strict();

export type StoredFrontPage = z.infer<typeof storedFrontPageSchema>;

export const EMPTY_ARRANGEMENT: FrontPageArrangement = Object.freeze({ lead: null, top: [], breaking: null, rails: [] }) as FrontPageArrangement;
