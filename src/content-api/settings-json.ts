import type { AnswerContext } from './answer-context.js';

/**
 * Ghost's settings object from Dateline's settings: the sections are the navigation and the
 * footer's pages the secondary navigation, as on the site. Members, newsletters and paid
 * tiers do not exist in Dateline, so their switches say off.
 */
export function settingsJson(ctx: AnswerContext) {
  const { site, paths } = ctx;
  const description = `The latest news from ${site.name}.`;
  return {
    title: site.name,
    description,
    logo: `${site.url}/logo.png`,
    icon: `${site.url}/favicon.svg`,
    accent_color: '#a3122a',
    cover_image: null,
    facebook: null,
    twitter: null,
    lang: site.locale,
    locale: site.locale,
    timezone: site.timeZone,
    codeinjection_head: null,
    codeinjection_foot: null,
    navigation: site.sections.map((s) => ({ label: s.name, url: site.url + paths.section(s.slug) })),
    secondary_navigation: site.footerPages.map((p) => ({ label: p.title, url: site.url + paths.page(p.slug) })),
    meta_title: null,
    meta_description: null,
    og_image: null,
    og_title: null,
    og_description: null,
    twitter_image: null,
    twitter_title: null,
    twitter_description: null,
    members_support_address: null,
    members_enabled: false,
    members_invite_only: false,
    members_signup_access: 'none',
    paid_members_enabled: false,
    allow_self_signup: false,
    recommendations_enabled: false,
    comments_enabled: 'off',
    url: `${site.url}/`,
  };
}
