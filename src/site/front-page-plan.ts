import type { ActiveFrontPage, ArticleTeaser, Section } from '../content/index.js';

/**
 * Top stories under the lead fill a two-column grid, so there are always an even number:
 * four, or six when editors pin more than four.
 */
export const TOP_SLOTS = 4;
export const TOP_SLOTS_MAX = 6;
/**
 * Latest stories beside the lead column. Measured in Chromium at 1280 px on the demo
 * site (test/e2e/front-page.browser.test.ts): with this many the Latest column ends
 * level with the lead and its top stories instead of hundreds of pixels below.
 */
export const LATEST_COUNT = 7;
export const LATEST_COUNT_WITH_SIX_TOP = 10;
/** Enough newest stories to fill the lead, the top stories and Latest even when pins overlap them. */
export const NEWEST_NEEDED = 1 + TOP_SLOTS_MAX + LATEST_COUNT_WITH_SIX_TOP;

export interface FrontPagePlanInput {
  active: ActiveFrontPage;
  /** Published teasers of the pinned stories (lead and top), in any order; unpublished pins are simply absent. */
  pinned: ArticleTeaser[];
  /** The newest published story with a picture that is not a top pin: the lead when no pin holds. */
  leadFallback: ArticleTeaser | null;
  /** The newest published stories, newest first (NEWEST_NEEDED of them). */
  newest: ArticleTeaser[];
  /** Every section in navigation order. */
  sections: Section[];
}

export interface FrontPagePlan {
  breaking: { text: string; url: string } | null;
  lead: ArticleTeaser | null;
  top: ArticleTeaser[];
  latest: ArticleTeaser[];
  /** The sections to give a rail, in order. */
  railSections: Section[];
  /** Every story already on the page: rails leave them out. */
  shownIds: string[];
}

/**
 * Who goes where on the home page. The lead is the pinned lead when it is published and
 * has a picture, else the newest story with a picture: a picture slot never goes to a
 * story without one (a pinned lead without a picture heads the top stories instead).
 * Then the pinned top stories in order, then the newest with a picture; the Latest list
 * takes the rest newest first, briefs included. No story appears twice.
 */
export function planFrontPage(input: FrontPagePlanInput): FrontPagePlan {
  const { active } = input;
  const byId = new Map(input.pinned.map((t) => [t.id, t]));
  const pinnedLead = active.leadId ? byId.get(active.leadId) : undefined;
  const lead = pinnedLead?.heroMediaId ? pinnedLead : input.leadFallback;
  const used = new Set(lead ? [lead.id] : []);

  const pinnedTop = [...(pinnedLead && pinnedLead !== lead ? [pinnedLead] : []), ...active.topIds.map((id) => byId.get(id)).filter((t): t is ArticleTeaser => !!t)]
    .filter((t) => !used.has(t.id))
    .slice(0, TOP_SLOTS_MAX);
  for (const t of pinnedTop) used.add(t.id);
  const slots = pinnedTop.length > TOP_SLOTS ? TOP_SLOTS_MAX : TOP_SLOTS;
  // The top stories are cards with pictures: newest first fills them with stories that have one,
  // and a brief without a picture goes to the Latest list (an editor may still pin one there).
  const rest = input.newest.filter((t) => !used.has(t.id) && t.heroMediaId);
  const top = [...pinnedTop, ...rest.slice(0, slots - pinnedTop.length)];
  for (const t of top) used.add(t.id);

  const latest = input.newest.filter((t) => !used.has(t.id)).slice(0, slots > TOP_SLOTS ? LATEST_COUNT_WITH_SIX_TOP : LATEST_COUNT);
  for (const t of latest) used.add(t.id);

  return { breaking: active.breaking, lead, top, latest, railSections: orderRails(input.sections, active.rails), shownIds: [...used] };
}

/**
 * Sections in the editors' order with hidden ones left out; sections made after the
 * last save follow in navigation order, shown. With nothing saved, every section in order.
 */
export function orderRails(sections: Section[], rails: ActiveFrontPage['rails']): Section[] {
  if (!rails) return sections;
  const byId = new Map(sections.map((s) => [s.id, s]));
  const listed = new Set(rails.map((r) => r.sectionId));
  const ordered = rails.filter((r) => r.visible && byId.has(r.sectionId)).map((r) => byId.get(r.sectionId)!);
  return [...ordered, ...sections.filter((s) => !listed.has(s.id))];
}
