import { z } from 'zod';
import { docSchema } from '../doc/index.js';
import { isValidSlug } from '../shared/slug.js';

/** Shared zod pieces for the admin API. `.strict()` objects refuse unknown keys by name (a forged `role` or `status`). */
export const idSchema = z.string().regex(/^[0-9a-z]{26}$/, 'not an id');
export const idParams = z.object({ id: idSchema }).strict();
export const isoDate = z.iso.datetime({ offset: true }).transform((v) => new Date(v).toISOString());
export const pageQuery = {
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(25),
};
export const tagKind = z.enum(['topic', 'person', 'organisation', 'place', 'event', 'thing']);
export const versionField = z.number().int().min(1);

export const articleInputSchema = z
  .object({
    headline: z.string().trim().min(1).max(300),
    standfirst: z.string().max(600).optional(),
    body: docSchema.optional(),
    sectionId: idSchema,
    authorIds: z.array(idSchema).max(10).optional(),
    tags: z.array(z.object({ name: z.string().trim().min(1).max(80), kind: tagKind.optional() }).strict()).max(30).optional(),
    heroMediaId: idSchema.nullable().optional(),
    heroCaption: z.string().max(500).nullable().optional(),
    datelinePlace: z.string().trim().max(100).nullable().optional(),
    language: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/).optional(),
    seoTitle: z.string().max(120).nullable().optional(),
    seoDescription: z.string().max(300).nullable().optional(),
    embargoUntil: isoDate.nullable().optional(),
    slug: z.string().max(96).refine(isValidSlug, 'letters, digits and single hyphens only').optional(),
    correction: z.string().trim().max(1000).optional(),
    version: versionField.optional(),
    /** An automatic save while typing: autosaves of one editing session make one revision. */
    autosave: z.boolean().optional(),
  })
  .strict();

export const articlePatchSchema = articleInputSchema.partial().strict();
export const versionBody = z.object({ version: versionField.optional() }).strict();
