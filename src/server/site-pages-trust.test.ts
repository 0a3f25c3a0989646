import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import { escapeHtml } from '../shared/html.js';
import type { DocNode } from '../doc/index.js';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, publishStory } from '../../test/support/test-app.js';

// robots-parser is CommonJS whose types declare an ES default export; require gives the function both agree on.
const robotsParser = createRequire(import.meta.url)('robots-parser') as typeof import('robots-parser').default;

/** The levels of a page's headings in document order: [1, 2, 3, 2, …]. */
function headingLevels(html: string): number[] {
  return [...html.matchAll(/<h([1-6])[\s>]/g)].map((m) => Number(m[1]));
}

/** Fails on a page whose outline does not start at its one h1 or skips a level going down. */
function assertHeadingOrder(url: string, html: string): void {
  const levels = headingLevels(html);
  assert.equal(levels[0], 1, `${url}: the first heading is the h1 (${levels.join(' ')})`);
  assert.equal(levels.filter((l) => l === 1).length, 1, `${url}: one h1`);
  levels.forEach((level, i) => {
    if (i > 0) assert.ok(level <= levels[i - 1]! + 1, `${url}: h${levels[i - 1]} is followed by h${level} (${levels.join(' ')})`);
  });
}

const bodyWithHeadings: DocNode = {
  type: 'doc',
  content: [
    { type: 'paragraph', content: [{ type: 'text', text: 'The first paragraph of the story.' }] },
    { type: 'heading', attrs: { level: 2 }, content: [{ type: 'text', text: 'What happened' }] },
    { type: 'heading', attrs: { level: 3 }, content: [{ type: 'text', text: 'In the morning' }] },
    { type: 'paragraph', content: [{ type: 'text', text: 'More.' }] },
  ],
} as DocNode;

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('every page type goes h1 → h2 → h3 without skipping a level'), async () => {
    const app = await createTestApp(target);
    try {
      await publishStory(app, { headline: 'An earlier monsoon story', tags: ['Monsoon'] });
      const { article } = await publishStory(app, { headline: 'Outlined story', tags: ['Monsoon'], body: bodyWithHeadings });
      await app.services.articles.update(article.id, { standfirst: 'Corrected' }, { correction: 'An earlier version misspelt the ward.' });
      const withdrawn = await publishStory(app, { headline: 'Withdrawn outline story' });
      await app.services.articles.unpublish(withdrawn.article.id);
      await app.services.directory.ensureSection('Empty Desk');
      await app.services.cache.invalidate();
      const pages: [string, number][] = [
        ['/', 200],
        ['/news', 200],
        ['/empty-desk', 200],
        ['/author/asha-rao', 200],
        ['/topic/monsoon', 200],
        [`/news/${article.slug}`, 200],
        [`/news/${withdrawn.article.slug}`, 410],
        ['/no-such-section', 404],
        ['/news?page=abc', 400],
      ];
      for (const [url, status] of pages) {
        const res = await app.app.inject(url);
        assert.equal(res.statusCode, status, url);
        assertHeadingOrder(url, res.body);
      }
      const articleHtml = (await app.app.inject(`/news/${article.slug}`)).body;
      assert.ok(['Corrections', 'Topics', 'Related stories'].every((h) => articleHtml.includes(`>${h}</h2>`)), 'the article page outline was fully exercised');
    } finally {
      await app.close();
    }
  });

  test(name('a credit containing $\', $& or $` is shown in the disclaimer as typed'), async () => {
    const app = await createTestApp(target);
    try {
      for (const credit of ["Agence $' Presse", 'Photo $& Co', 'Wire $` Service', 'Dollar $$ and $1']) {
        const { article } = await publishStory(app, { headline: `Credit ${credit.replace(/[^a-z]/gi, ' ')} story`, credit });
        const html = (await app.app.inject(`/news/${article.slug}`)).body;
        assert.ok(html.includes(`<p class="image-disclaimer">Disclaimer: This image is taken from ${escapeHtml(credit)}.</p>`), `credit ${credit}`);
      }
    } finally {
      await app.close();
    }
  });

  test(name('topic and author pages answer 404 until a published story carries the tag or byline'), async () => {
    const app = await createTestApp(target);
    try {
      const { directory, articles, cache } = app.services;
      const section = await directory.ensureSection('News');
      const tag = await directory.ensureTag('Secret Merger');
      const person = await directory.ensurePerson('Ghost Writer');
      const draft = await articles.create({ headline: 'Merger talks', body: paragraphs('Not yet.'), sectionId: section.id, authorIds: [person.id], tagIds: [tag.id] });
      await cache.invalidate();
      for (const url of [`/topic/${tag.slug}`, `/author/${person.slug}`]) {
        const res = await app.app.inject(url);
        assert.equal(res.statusCode, 404, `${url} before publication`);
        assert.ok(!res.body.includes('Secret Merger') && !res.body.includes('Ghost Writer'), `${url} leaks nothing`);
      }
      assert.equal((await app.app.inject('/news')).statusCode, 200, 'a section with no stories keeps its page');
      await articles.publish(draft.id);
      await cache.invalidate();
      assert.ok((await app.app.inject(`/topic/${tag.slug}`)).body.includes('<h1>Secret Merger</h1>'));
      assert.ok((await app.app.inject(`/author/${person.slug}`)).body.includes('<h1>Ghost Writer</h1>'));
      await articles.unpublish(draft.id);
      await cache.invalidate();
      assert.equal((await app.app.inject(`/topic/${tag.slug}`)).statusCode, 404, 'withdrawn again: gone again');
      assert.equal((await app.app.inject(`/author/${person.slug}`)).statusCode, 404);
    } finally {
      await app.close();
    }
  });

  test(name('robots.txt keeps crawlers out of /admin and /api but not out of a section named administration'), async () => {
    const app = await createTestApp(target);
    try {
      const res = await app.app.inject('/robots.txt');
      assert.equal(res.statusCode, 200);
      assert.equal(res.headers['content-type'], 'text/plain; charset=utf-8');
      assert.ok(!/^host:/im.test(res.body), 'no non-standard Host line');
      const robots = robotsParser('https://news.example.com/robots.txt', res.body);
      for (const path of ['/admin', '/admin/', '/admin/stories/1', '/api/admin/session', '/api/views/x']) {
        assert.equal(robots.isDisallowed(`https://news.example.com${path}`, 'Googlebot'), true, `${path} is disallowed`);
      }
      for (const path of ['/', '/administration', '/administration/new-rules', '/admins', '/news/a-story', '/topic/admin']) {
        assert.equal(robots.isAllowed(`https://news.example.com${path}`, 'Googlebot'), true, `${path} is allowed`);
      }
      assert.equal(robots.getPreferredHost(), null);
    } finally {
      await app.close();
    }
  });
}
