import type { Kysely } from 'kysely';
import { z } from 'zod';
import type { Config } from '../config/index.js';
import type { Database } from '../db/index.js';
import { createSectionRepo } from '../content/index.js';
import { ValidationError } from '../shared/errors.js';

/**
 * Site settings editors change at run time. Stored as `setting:<name>` rows in
 * site_state; the configuration (environment) gives the defaults.
 */
export const settingsSchema = z
  .object({
    siteName: z.string().trim().min(1).max(100),
    timeZone: z.string().refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'not an IANA time zone'),
    locale: z.string().refine((l) => {
      try {
        return Intl.DateTimeFormat.supportedLocalesOf([l]).length > 0;
      } catch {
        return false;
      }
    }, 'not a supported locale'),
    // A regex, not `.includes()`: that one becomes `"format": "includes"` in JSON Schema, which no
    // validator knows; a pattern says the same thing in standard terms.
    disclaimerTemplate: z.string().max(300).regex(/\{credit\}/, { message: 'must contain {credit}' }),
    defaultSection: z.string().trim().regex(/^[\p{L}\p{M}\p{N}-]{1,96}$/u, 'must be a section slug such as "news"'),
    /** "Published On" and "Updated On" show the time of day too (in the site's time zone), not only the date. */
    showPublishedTime: z.boolean(),
    /** Feeds (RSS, Atom, JSON Feed) carry each story's full text, not only its summary. */
    feedFullText: z.boolean(),
    /** The site's X account, named in every page's `twitter:site`; empty for none. */
    twitterHandle: z
      .string()
      .trim()
      .regex(/^(?:@[A-Za-z0-9_]{1,15})?$/, 'must be an X handle such as "@harbourherald" (an @ and up to 15 letters, digits or _), or empty'),
  })
  .strict();

export type Settings = z.infer<typeof settingsSchema>;

/** The settings before any editor changed one: the configuration's values. */
export function configuredSettings(site: Config['site']): Settings {
  return { siteName: site.name, timeZone: site.timeZone, locale: site.locale, disclaimerTemplate: site.disclaimerTemplate, defaultSection: site.defaultSection, showPublishedTime: false, feedFullText: false, twitterHandle: '' };
}

export function createSettingsService(db: Kysely<Database>, defaults: Settings) {
  return {
    async get(): Promise<Settings> {
      const rows = await db.selectFrom('site_state').select(['key', 'value']).where('key', 'like', 'setting:%').execute();
      const stored = Object.fromEntries(rows.map((r) => [r.key.slice('setting:'.length), r.value]));
      const merged = { ...defaults };
      for (const key of Object.keys(defaults) as (keyof Settings)[]) {
        const value = stored[key];
        if (typeof value !== 'string') continue;
        // Every setting is stored as text; a switch as "true" or "false".
        (merged as Record<string, unknown>)[key] = typeof defaults[key] === 'boolean' ? value === 'true' : value;
      }
      return merged;
    },
    /**
     * Saves the given settings (already shape-checked). A new default section must be one that
     * exists: wire items without a section of their own are filed there. (The unchanged value
     * is let through, so a form that sends every field can still save the others.)
     */
    async update(patch: Partial<Settings>): Promise<Settings> {
      const changesSection = patch.defaultSection !== undefined && patch.defaultSection !== (await this.get()).defaultSection;
      if (changesSection && !(await createSectionRepo(db).findBySlug(patch.defaultSection!))) {
        const slugs = (await createSectionRepo(db).list()).map((s) => s.slug);
        throw new ValidationError('defaultSection', `There is no section "${patch.defaultSection}"; use one of: ${slugs.join(', ') || '(no sections yet)'}`);
      }
      await db.transaction().execute(async (trx) => {
        for (const [key, value] of Object.entries(patch)) {
          if (value === undefined) continue;
          await trx
            .insertInto('site_state')
            .values({ key: `setting:${key}`, value: String(value) })
            .onConflict((oc) => oc.column('key').doUpdateSet({ value: String(value) }))
            .execute();
        }
      });
      return this.get();
    },
  };
}

export type SettingsService = ReturnType<typeof createSettingsService>;
