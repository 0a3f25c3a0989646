import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import { ValidationError } from '../shared/errors.js';
import { FrontPageChanged } from './errors.js';
import { createFrontPageRepo, type FrontPageStory } from './front-page-repo.js';
import { EMPTY_ARRANGEMENT, MAX_TOP_PINS, storedFrontPageSchema, type FrontPageArrangement, type StoredFrontPage } from './front-page-schema.js';
import { activeFrontPage } from './front-page-active.js';

export interface FrontPageDeps {
  db: Kysely<Database>;
  clock: Clock;
}

/** Why a pin is not on the home page right now. */
export type InactiveReason = 'deleted' | 'not-published' | 'expired' | 'no-picture';

export interface InactivePin {
  /** `lead`, `top.2` or `breaking`: where the editor put it. */
  slot: string;
  articleId: string | null;
  reason: InactiveReason;
  message: string;
}

/** The arrangement as the front-page screen shows it. */
export interface FrontPageDetails extends FrontPageArrangement {
  /** 0 before the first save; a save must send the version it started from. */
  version: number;
  savedAt: string | null;
  savedBy: string | null;
  maxTop: number;
  /** Every story a pin refers to that still exists. */
  stories: FrontPageStory[];
  inactive: InactivePin[];
}

/**
 * The editors' front page: read, checked, saved. Rendering reads `current()` once per
 * content generation and applies the expiries itself (see front-page-active.ts), so a
 * lapsed pin drops off without anyone saving.
 */
export function createFrontPageService({ db, clock }: FrontPageDeps) {
  const repo = createFrontPageRepo(db);

  /** The stored text and what it says; a row that no longer parses counts as nothing saved. */
  async function load(): Promise<{ raw: string | null; stored: StoredFrontPage | null }> {
    const raw = await repo.read();
    if (raw === null) return { raw, stored: null };
    let parsed: unknown = null;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    const checked = storedFrontPageSchema.safeParse(parsed);
    return { raw, stored: checked.success ? checked.data : null };
  }

  /** Rails in the saved order, then any section made since (shown), without deleted ones. */
  async function completeRails(rails: FrontPageArrangement['rails']): Promise<FrontPageArrangement['rails']> {
    const ids = await repo.sectionIds();
    const known = new Set(ids);
    const listed = rails.filter((r) => known.has(r.sectionId));
    const seen = new Set(listed.map((r) => r.sectionId));
    return [...listed, ...ids.filter((id) => !seen.has(id)).map((sectionId) => ({ sectionId, visible: true }))];
  }

  async function details(stored: StoredFrontPage | null): Promise<FrontPageDetails> {
    const arrangement = stored?.arrangement ?? EMPTY_ARRANGEMENT;
    const pins = [...(arrangement.lead ? [arrangement.lead] : []), ...arrangement.top];
    const stories = await repo.stories(pins.map((p) => p.articleId));
    return {
      ...arrangement,
      rails: await completeRails(arrangement.rails),
      version: stored?.version ?? 0,
      savedAt: stored?.savedAt ?? null,
      savedBy: stored?.savedBy ?? null,
      maxTop: MAX_TOP_PINS,
      stories,
      inactive: inactivePins(arrangement, stories, clock.now().toISOString()),
    };
  }

  /** A pin must point at a story that exists, and a rail at a section that exists; the field is named. */
  async function checkReferences(arrangement: FrontPageArrangement): Promise<void> {
    const pins = [...(arrangement.lead ? [{ field: 'lead.articleId', id: arrangement.lead.articleId }] : []), ...arrangement.top.map((p, i) => ({ field: `top.${i}.articleId`, id: p.articleId }))];
    const found = new Set((await repo.stories(pins.map((p) => p.id))).map((s) => s.id));
    for (const pin of pins) if (!found.has(pin.id)) throw new ValidationError(pin.field, `${pin.field}: there is no story ${pin.id}`);
    const sections = new Set(await repo.sectionIds());
    arrangement.rails.forEach((rail, i) => {
      if (!sections.has(rail.sectionId)) throw new ValidationError(`rails.${i}.sectionId`, `rails.${i}.sectionId: there is no section ${rail.sectionId}`);
    });
  }

  return {
    /** What is saved now (null before the first save): the page builder's input. */
    current: async (): Promise<StoredFrontPage | null> => (await load()).stored,

    /** The arrangement with its stories and which pins are inactive and why. */
    details: async (): Promise<FrontPageDetails> => details((await load()).stored),

    /**
     * Saves an arrangement already shape-checked by the schema. `version` is the one the
     * editor loaded: if someone saved since, nothing is written and FRONT_PAGE_CHANGED says who.
     */
    async save(arrangement: FrontPageArrangement, options: { version: number; savedBy: string | null }): Promise<FrontPageDetails> {
      const { raw, stored } = await load();
      const currentVersion = stored?.version ?? 0;
      if (options.version !== currentVersion) throw new FrontPageChanged(stored?.savedBy ?? 'someone', stored?.savedAt ?? 'an unknown time');
      await checkReferences(arrangement);
      const next: StoredFrontPage = { version: currentVersion + 1, savedAt: clock.now().toISOString(), savedBy: options.savedBy, arrangement };
      // A row that no longer parsed is replaced by its exact text, so the compare-and-set still holds.
      if (!(await repo.replace(raw, JSON.stringify(next)))) {
        const now = (await load()).stored;
        throw new FrontPageChanged(now?.savedBy ?? 'someone', now?.savedAt ?? 'an unknown time');
      }
      return details(next);
    },

    /** Published stories to pin, newest first, narrowed by words of the headline. */
    candidates: (text: string | undefined, limit = 20): Promise<FrontPageStory[]> => repo.published(text, limit),
  };
}

export type FrontPageService = ReturnType<typeof createFrontPageService>;

function inactivePins(arrangement: FrontPageArrangement, stories: FrontPageStory[], now: string): InactivePin[] {
  const byId = new Map(stories.map((s) => [s.id, s]));
  const active = activeFrontPage(arrangement, now);
  const out: InactivePin[] = [];
  const check = (slot: string, pin: { articleId: string; expiresAt: string | null }, needsPicture: boolean) => {
    const story = byId.get(pin.articleId);
    const inactive = (reason: InactiveReason, message: string) => out.push({ slot, articleId: pin.articleId, reason, message });
    if (!story) return inactive('deleted', 'The story was deleted.');
    if (story.status !== 'published') return inactive('not-published', `The story is ${story.status}; it shows once it is published.`);
    if (pin.expiresAt !== null && pin.expiresAt <= now) return inactive('expired', `The pin expired at ${pin.expiresAt}.`);
    if (needsPicture && !story.hasPicture) return inactive('no-picture', 'The story has no picture, so it cannot be the lead; the newest story with a picture leads instead.');
  };
  if (arrangement.lead) check('lead', arrangement.lead, true);
  arrangement.top.forEach((pin, i) => check(`top.${i}`, pin, false));
  if (arrangement.breaking && !active.breaking) out.push({ slot: 'breaking', articleId: null, reason: 'expired', message: `The banner expired at ${arrangement.breaking.expiresAt}.` });
  return out;
}
