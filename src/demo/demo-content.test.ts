import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { BlockNode, DocNode } from '../doc/types.js';
import { wordCount as countWords } from '../doc/index.js';
import { DEMO_REFERENCE_TIME, benchmarkStorySlug, demoPeople, demoPictures, demoSections, demoStories, rebaseDemoBody } from './index.js';
import { inline } from './doc-builders.js';

function blocks(body: DocNode): BlockNode[] {
  const out: BlockNode[] = [];
  const walk = (node: BlockNode): void => {
    out.push(node);
    if (node.type === 'blockquote') node.content.forEach(walk);
    if (node.type === 'bulletList' || node.type === 'orderedList') node.content.forEach((item) => item.content.forEach(walk));
  };
  body.content.forEach(walk);
  return out;
}

const allBlocks = demoStories.flatMap((s) => blocks(s.body));

test('there are exactly 24 demo stories', () => {
  assert.equal(demoStories.length, 24);
});

test('every story points at an existing section, authors and picture', () => {
  const sections = new Set(demoSections.map((s) => s.slug));
  const people = new Set(demoPeople.map((p) => p.slug));
  const pictures = new Set(demoPictures.map((p) => p.key));
  for (const story of demoStories) {
    assert.ok(sections.has(story.section), `${story.headline}: section ${story.section}`);
    assert.ok(story.authors.length > 0, `${story.headline}: no author`);
    for (const author of story.authors) assert.ok(people.has(author), `${story.headline}: author ${author}`);
    assert.ok(pictures.has(story.picture), `${story.headline}: picture ${story.picture}`);
  }
});

test('slugs and keys are unique', () => {
  for (const list of [demoSections.map((s) => s.slug), demoPeople.map((p) => p.slug), demoPictures.map((p) => p.key)]) {
    assert.equal(new Set(list).size, list.length);
  }
});

test('the stories spread over at least 5 sections and 4 authors', () => {
  assert.ok(new Set(demoStories.map((s) => s.section)).size >= 5);
  assert.ok(new Set(demoStories.flatMap((s) => s.authors)).size >= 4);
});

test('every body has at least 3 blocks and 250 to 700 words, except the long read', () => {
  for (const story of demoStories) {
    assert.ok(story.body.content.length >= 3, story.headline);
    if (story.slug === benchmarkStorySlug) continue;
    const words = countWords(story.body);
    assert.ok(words >= 250 && words <= 700, `${story.headline}: ${words} words`);
  }
});

test('the benchmark story exists and has at least 1,100 words', () => {
  const story = demoStories.find((s) => s.slug === benchmarkStorySlug);
  assert.ok(story);
  assert.ok(countWords(story.body) >= 1100);
});

test('only the benchmark story carries an explicit slug', () => {
  assert.deepEqual(demoStories.filter((s) => s.slug !== undefined).map((s) => s.slug), [benchmarkStorySlug]);
});

test('the set has at least 8 attributed quotes, 3 social posts, lists, headings and links', () => {
  const quoted = demoStories.filter((s) => blocks(s.body).some((b) => b.type === 'blockquote' && b.attrs?.attribution));
  assert.ok(quoted.length >= 8);
  const posts = allBlocks.filter((b) => b.type === 'socialPost');
  assert.ok(posts.length >= 3);
  for (const post of posts) {
    if (post.type !== 'socialPost') continue;
    assert.ok(post.attrs.text.length > 0 && post.attrs.author.length > 0);
    assert.ok(post.attrs.postedAt && !Number.isNaN(Date.parse(post.attrs.postedAt)));
  }
  assert.ok(allBlocks.some((b) => b.type === 'bulletList'));
  assert.ok(allBlocks.some((b) => b.type === 'heading' && b.attrs.level === 2));
  const marks = allBlocks.flatMap((b) => (b.type === 'paragraph' ? (b.content ?? []) : [])).flatMap((i) => (i.type === 'text' ? (i.marks ?? []) : []));
  const links = marks.filter((m) => m.type === 'link');
  assert.ok(links.length > 0 && links.every((m) => m.type === 'link' && m.attrs.href.startsWith('https://')));
  assert.ok(marks.some((m) => m.type === 'bold') && marks.some((m) => m.type === 'italic'));
});

test('a social post is dated before the story that quotes it', () => {
  const now = new Date(DEMO_REFERENCE_TIME);
  for (const story of demoStories) {
    const published = now.getTime() - story.publishedHoursAgo * 3_600_000;
    for (const block of blocks(story.body)) {
      if (block.type === 'socialPost') assert.ok(Date.parse(block.attrs.postedAt ?? '') <= published, story.headline);
    }
  }
});

test('rebasing keeps a social post the same distance before publication', () => {
  const story = demoStories.find((s) => s.body.content.some((b) => b.type === 'socialPost'))!;
  const later = new Date(Date.parse(DEMO_REFERENCE_TIME) + 86_400_000);
  const before = story.body.content.find((b) => b.type === 'socialPost');
  const after = rebaseDemoBody(story.body, later).content.find((b) => b.type === 'socialPost');
  assert.ok(before?.type === 'socialPost' && after?.type === 'socialPost');
  assert.equal(Date.parse(after.attrs.postedAt!) - Date.parse(before.attrs.postedAt!), 86_400_000);
});

test('two stories are in Hindi, written in Devanagari', () => {
  const hindi = demoStories.filter((s) => s.language === 'hi');
  assert.equal(hindi.length, 2);
  for (const story of hindi) {
    assert.match(story.headline, /\p{Script=Devanagari}/u);
    assert.match(story.standfirst, /\p{Script=Devanagari}/u);
  }
});

test('times, views and sources cover the cases the site shows', () => {
  for (const story of demoStories) {
    assert.ok(story.publishedHoursAgo >= 1 && story.publishedHoursAgo <= 240, story.headline);
    if (story.updatedHoursAgo !== undefined) assert.ok(story.updatedHoursAgo < story.publishedHoursAgo, story.headline);
    assert.ok(story.views === 1 || (story.views >= 3 && story.views <= 5000), story.headline);
  }
  assert.equal(demoStories.filter((s) => s.views === 1).length, 1);
  assert.ok(demoStories.some((s) => s.updatedHoursAgo !== undefined));
  assert.ok(demoStories.filter((s) => s.source !== null).length >= 4);
});

test('at least 8 agency pictures, each with a credit; staff pictures are credited to Dateline', () => {
  const agency = demoPictures.filter((p) => p.agency);
  assert.ok(agency.length >= 8);
  for (const picture of agency) assert.ok(picture.credit.trim().length > 0, picture.key);
  for (const picture of demoPictures.filter((p) => !p.agency)) assert.match(picture.credit, /^Dateline staff \/ \S/);
  for (const picture of demoPictures) assert.ok(picture.alt && picture.caption && picture.licence, picture.key);
});

test('inline markup turns **bold**, _italic_ and [links](https://…) into marks', () => {
  assert.deepEqual(inline('a **b** _c_ [d](https://example.org/x) snake_case'), [
    { type: 'text', text: 'a ' },
    { type: 'text', text: 'b', marks: [{ type: 'bold' }] },
    { type: 'text', text: ' ' },
    { type: 'text', text: 'c', marks: [{ type: 'italic' }] },
    { type: 'text', text: ' ' },
    { type: 'text', text: 'd', marks: [{ type: 'link', attrs: { href: 'https://example.org/x' } }] },
    { type: 'text', text: ' snake_case' },
  ]);
});
