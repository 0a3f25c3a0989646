import { test } from 'node:test';
import assert from 'node:assert/strict';
import { activeFrontPage, type ArticleTeaser, type FrontPageArrangement, type Section } from '../content/index.js';
import { LATEST_COUNT, orderRails, planFrontPage, TOP_SLOTS } from './front-page-plan.js';

/** Story n, published n hours before the newest; odd ones have a picture unless told otherwise. */
function story(n: number, picture = n % 2 === 1): ArticleTeaser {
  return {
    id: `s${String(n).padStart(25, '0')}`,
    slug: `story-${n}`,
    headline: `Story ${n}`,
    standfirst: '',
    publishedAt: new Date(Date.UTC(2025, 5, 27, 12 - n)).toISOString(),
    language: 'en',
    views: 0,
    heroMediaId: picture ? `m${n}` : null,
    section: { id: 'news', slug: 'news', name: 'News' },
    authors: [],
  };
}
const newest = Array.from({ length: 20 }, (_, i) => story(i));
const withPicture = (excluded: string[] = []) => newest.find((t) => t.heroMediaId && !excluded.includes(t.id)) ?? null;
const sections: Section[] = ['news', 'world', 'sport'].map((slug, position) => ({ id: slug, slug, name: slug, description: '', position }));
const NOW = '2025-06-27T12:00:00.000Z';

function plan(saved: FrontPageArrangement | null, pinned: ArticleTeaser[] = []) {
  const active = activeFrontPage(saved, NOW);
  return planFrontPage({ active, pinned, leadFallback: withPicture(active.topIds), newest, sections });
}
const ids = (list: ArticleTeaser[]) => list.map((t) => t.headline);

test('with nothing saved, the newest story with a picture leads: a brief without one never does', () => {
  const result = plan(null);
  assert.equal(result.lead?.headline, 'Story 1', 'story 0 is newer but has no picture');
  assert.deepEqual(ids(result.top), ['Story 3', 'Story 5', 'Story 7', 'Story 9'], 'top story cards are filled with stories that have a picture');
  assert.deepEqual(ids(result.latest).slice(0, 3), ['Story 0', 'Story 2', 'Story 4'], 'briefs go to Latest, newest first');
  assert.equal(result.latest.length, LATEST_COUNT);
  assert.deepEqual(result.railSections.map((s) => s.slug), ['news', 'world', 'sport']);
  assert.equal(new Set(result.shownIds).size, 1 + TOP_SLOTS + LATEST_COUNT, 'no story twice');
});

test('a pinned lead and pinned top stories come first, in order; newest first fills the rest', () => {
  const saved: FrontPageArrangement = {
    lead: { articleId: story(9).id, expiresAt: null },
    top: [{ articleId: story(12).id, expiresAt: null }, { articleId: story(1).id, expiresAt: null }],
    breaking: { text: 'Polls close at six', url: '/news', expiresAt: null },
    rails: [],
  };
  const result = plan(saved, [story(9), story(12), story(1)]);
  assert.equal(result.lead?.headline, 'Story 9');
  assert.deepEqual(ids(result.top), ['Story 12', 'Story 1', 'Story 3', 'Story 5'], 'an editor may pin a story without a picture (12) as a top story');
  assert.ok(!result.latest.some((t) => ['Story 9', 'Story 12', 'Story 1'].includes(t.headline)), 'pinned stories are not repeated in Latest');
  assert.deepEqual(result.breaking, { text: 'Polls close at six', url: '/news' });
});

test('a pinned lead without a picture heads the top stories and the newest picture story leads', () => {
  const saved: FrontPageArrangement = { lead: { articleId: story(4).id, expiresAt: null }, top: [], breaking: null, rails: [] };
  const result = plan(saved, [story(4)]);
  assert.equal(result.lead?.headline, 'Story 1');
  assert.equal(result.top[0]?.headline, 'Story 4');
});

test('pins to unpublished or expired stories are skipped; more than four pins make six top slots', () => {
  const pins = [3, 5, 7, 9, 11].map((n) => ({ articleId: story(n).id, expiresAt: null }));
  const saved: FrontPageArrangement = { lead: null, top: [{ articleId: 'x'.repeat(26), expiresAt: null }, { articleId: story(15).id, expiresAt: '2025-06-27T11:00:00.000Z' }, ...pins], breaking: null, rails: [] };
  // 'xxx…' is not published, so the page builder finds no teaser for it.
  const result = plan(saved, [3, 5, 7, 9, 11, 15].map((n) => story(n)));
  assert.deepEqual(ids(result.top), ['Story 3', 'Story 5', 'Story 7', 'Story 9', 'Story 11', 'Story 13']);
  assert.equal(result.lead?.headline, 'Story 1', 'the lead comes from the newest picture stories that are not pinned');
  assert.ok(!ids(result.top).includes('Story 15'), 'an expired pin is no longer a top story');
});

test('rails follow the editors order, leave hidden ones out, and show sections made since', () => {
  const rails = [
    { sectionId: 'sport', visible: true },
    { sectionId: 'news', visible: false },
    { sectionId: 'gone', visible: true },
  ];
  assert.deepEqual(orderRails(sections, rails).map((s) => s.slug), ['sport', 'world']);
  assert.deepEqual(orderRails(sections, null).map((s) => s.slug), ['news', 'world', 'sport']);
});
