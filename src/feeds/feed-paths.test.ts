import { test } from 'node:test';
import assert from 'node:assert/strict';
import { articlePath as siteArticlePath, authorPath, sectionPath, topicPath } from '../site/index.js';
import { articlePath, feedLinks, feedPath, monthSitemapPath, ownerPath, sitemapUrls } from './feed-paths.js';

test('feeds point at the same page addresses the site serves', () => {
  for (const slug of ['news', 'समाचार', 'a-b']) {
    assert.equal(articlePath(slug, `${slug}-story`), siteArticlePath(slug, `${slug}-story`));
    assert.equal(ownerPath({ kind: 'section', slug }), sectionPath(slug));
    assert.equal(ownerPath({ kind: 'author', slug }), authorPath(slug));
    assert.equal(ownerPath({ kind: 'topic', slug }), topicPath(slug));
  }
});

test('feed and sitemap paths follow the documented scheme', () => {
  assert.equal(feedPath({ kind: 'site' }, 'rss'), '/rss');
  assert.equal(feedPath({ kind: 'site' }, 'atom'), '/atom.xml');
  assert.equal(feedPath({ kind: 'site' }, 'json'), '/feed.json');
  assert.equal(feedPath({ kind: 'section', slug: 'sport' }, 'rss'), '/sport/rss');
  assert.equal(feedPath({ kind: 'author', slug: 'asha-rao' }, 'atom'), '/author/asha-rao/atom.xml');
  assert.equal(feedPath({ kind: 'topic', slug: 'monsoon' }, 'json'), '/topic/monsoon/feed.json');
  assert.equal(monthSitemapPath('2025-06'), '/sitemaps/articles-2025-06.xml');
  assert.equal(monthSitemapPath('2025-06', 2), '/sitemaps/articles-2025-06.xml?page=2');
  assert.deepEqual(sitemapUrls('https://n.example'), ['https://n.example/sitemap.xml', 'https://n.example/news-sitemap.xml']);
  assert.deepEqual(feedLinks('https://n.example', 'The Times', { kind: 'section', slug: 'sport' }, 'Sport')[0], {
    type: 'application/rss+xml',
    title: 'The Times: Sport (RSS)',
    href: 'https://n.example/sport/rss',
  });
});
