import { html, type TrustedHtml } from '../../shared/html.js';
import type { ArticleTeaser, RelatedTopic, Topic } from '../../content/index.js';
import type { MediaView } from '../../media/index.js';
import type { FeedLink } from '../../feeds/index.js';
import { articlePath, sectionPath, topicPath, type SiteInfo } from '../site-info.js';
import { listingPage } from './listing-page.js';
import { pictureHtml } from './picture.js';
import type { TopicAbout } from './seo-listing.js';

export interface TopicPageInput {
  site: SiteInfo;
  topic: Topic;
  /** This page of the topic's published stories, newest first. */
  stories: ArticleTeaser[];
  media: Map<string, MediaView>;
  page: number;
  pageCount: number;
  /** Topics that share published stories with this one, most shared first. */
  related: RelatedTopic[];
  feeds: readonly FeedLink[];
}

const KIND_LABELS: Record<Topic['kind'], string> = { topic: 'Topic', person: 'Person', organisation: 'Organisation', place: 'Place', event: 'Event', thing: 'Thing' };

/** The schema.org type a topic page is `about`, for the kinds schema.org has one for. */
const ABOUT_TYPES: Partial<Record<Topic['kind'], TopicAbout['type']>> = { person: 'Person', place: 'Place', organisation: 'Organization' };

function akaHtml(aliases: string[]): TrustedHtml {
  if (!aliases.length) return html``;
  return html`<p class="topic-aka"><span class="topic-aka-label">Also known as</span> ${aliases.map((alias, i) => html`${i ? ', ' : ''}<span>${alias}</span>`)}</p>`;
}

/**
 * The stories grouped by calendar month in the site's time zone, newest first (the order the
 * listing query gives). Each story shows its day in the margin; headlines sit under the
 * month's h2, so they are h3.
 */
function timelineHtml(site: SiteInfo, stories: ArticleTeaser[], media: Map<string, MediaView>): TrustedHtml {
  const groups: { key: string; label: string; stories: ArticleTeaser[] }[] = [];
  for (const story of stories) {
    const date = new Date(story.publishedAt);
    const key = site.dates.dayKey(date).slice(0, 7);
    const last = groups[groups.length - 1];
    if (last?.key === key) last.stories.push(story);
    else groups.push({ key, label: site.dates.month(story.publishedAt), stories: [story] });
  }
  return html`<div class="timeline">${groups.map(
    (group) =>
      html`<section class="timeline-month" aria-labelledby="month-${group.key}"><h2 class="timeline-when" id="month-${group.key}"><time datetime="${group.key}">${group.label}</time></h2><ol class="timeline-list">${group.stories.map((story) =>
        timelineItem(story, media, site.dates.dayMonth(story.publishedAt)),
      )}</ol></section>`,
  )}</div>`;
}

function timelineItem(story: ArticleTeaser, media: Map<string, MediaView>, day: string): TrustedHtml {
  const href = articlePath(story.section.slug, story.slug);
  const picture = story.heroMediaId ? media.get(story.heroMediaId) : undefined;
  return html`<li class="timeline-item"><time class="timeline-day" datetime="${story.publishedAt}">${day}</time><article class="timeline-story" lang="${story.language}"><div class="timeline-text"><a class="kicker kicker--small" href="${sectionPath(story.section.slug)}">${story.section.name}</a><h3 class="teaser-title"><a href="${href}">${story.headline}</a></h3>${
    story.standfirst ? html`<p class="teaser-standfirst">${story.standfirst}</p>` : ''
  }${story.authors.length ? html`<p class="teaser-meta">By ${story.authors.map((a) => a.name).join(', ')}</p>` : ''}</div>${
    picture ? html`<a class="timeline-pic" href="${href}" tabindex="-1" aria-hidden="true">${pictureHtml(picture, { purpose: 'thumb', sizes: '(min-width: 700px) 160px, 96px', alt: picture.alt })}</a>` : ''
  }</article></li>`;
}

function relatedTopicsHtml(related: RelatedTopic[]): TrustedHtml {
  if (!related.length) return html``;
  return html`<section class="rail topic-related" aria-labelledby="related-topics-h"><h2 id="related-topics-h" class="rail-title">Related topics</h2><ul class="chips">${related.map(
    (t) => html`<li><a class="chip chip--${t.kind}" href="${topicPath(t.slug)}">${t.name} <span class="chip-count">${t.stories}<span class="visually-hidden"> ${t.stories === 1 ? 'story' : 'stories'} in common</span></span></a></li>`,
  )}</ul></section>`;
}

/**
 * A topic page: its kind, name, description and other names, its stories as a timeline,
 * and the topics that appear with it. Structured data says what the page is about when
 * schema.org has a type for the kind (a person, a place, an organisation).
 */
export function topicPage(input: TopicPageInput): string {
  const { site, topic } = input;
  const aboutType = ABOUT_TYPES[topic.kind];
  return listingPage({
    site,
    basePath: topicPath(topic.slug),
    kicker: KIND_LABELS[topic.kind] ?? 'Topic',
    title: topic.name,
    description: topic.description,
    stories: input.stories,
    media: input.media,
    page: input.page,
    pageCount: input.pageCount,
    extra: akaHtml(topic.aliases),
    storiesHtml: timelineHtml(site, input.stories, input.media),
    aside: relatedTopicsHtml(input.related),
    feeds: input.feeds,
    seo: { kind: 'topic', ...(aboutType ? { about: { type: aboutType, name: topic.name, alternateName: topic.aliases, description: topic.description } } : {}) },
  });
}
