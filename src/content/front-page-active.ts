import type { FrontPageArrangement } from './front-page-schema.js';

/** What of the editors' arrangement holds at one instant. */
export interface ActiveFrontPage {
  leadId: string | null;
  topIds: string[];
  breaking: { text: string; url: string } | null;
  /** Rails in the editors' order; null when nothing was saved (every section, in section order). */
  rails: { sectionId: string; visible: boolean }[] | null;
  /**
   * The next instant a pin or the banner lapses. The home page's cache key carries it,
   * so the page is built again then without anyone saving or any job running.
   */
  nextChangeAt: string | null;
}

const live = (expiresAt: string | null, now: string) => expiresAt === null || expiresAt > now;

/**
 * Drops lapsed pins and an expired banner. Expiries are ISO instants in UTC (the schema
 * stores them so), so they compare as strings. Whether a pinned story is published is
 * the page builder's business: it reads published stories only.
 */
export function activeFrontPage(arrangement: FrontPageArrangement | null, now: string): ActiveFrontPage {
  if (!arrangement) return { leadId: null, topIds: [], breaking: null, rails: null, nextChangeAt: null };
  const expiries = [arrangement.lead?.expiresAt, ...arrangement.top.map((p) => p.expiresAt), arrangement.breaking?.expiresAt].filter((e): e is string => !!e && e > now).sort();
  const lead = arrangement.lead && live(arrangement.lead.expiresAt, now) ? arrangement.lead.articleId : null;
  const banner = arrangement.breaking && live(arrangement.breaking.expiresAt, now) ? { text: arrangement.breaking.text, url: arrangement.breaking.url } : null;
  return {
    leadId: lead,
    topIds: arrangement.top.filter((p) => live(p.expiresAt, now)).map((p) => p.articleId),
    breaking: banner,
    rails: arrangement.rails,
    nextChangeAt: expiries[0] ?? null,
  };
}
