import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs, publishStory } from '../../test/support/test-app.js';

for (const target of await testDatabases()) {
  test(`[${target.name}] /search finds published stories, escapes highlights and is never indexed`, async () => {
    const app = await createTestApp(target);
    try {
      await publishStory(app, { headline: '<script>alert(1)</script> Monsoon reaches Kerala', body: paragraphs('The monsoon arrived three days early.'), tags: ['Weather'] });
      await publishStory(app, { headline: 'Cricket final in Mumbai', section: 'Sport', author: 'Rajnath Singh' });
      const draft = await app.services.articles.create({ headline: 'Monsoon draft, unpublished', body: paragraphs('Secret.'), sectionId: (await app.services.directory.ensureSection('News')).id });
      assert.ok(draft.id);

      const page = await app.app.inject({ method: 'GET', url: '/search?q=monsoon' });
      assert.equal(page.statusCode, 200);
      assert.match(page.headers['content-type'] as string, /text\/html/);
      assert.equal(page.headers['x-robots-tag'], 'noindex');
      assert.match(page.body, /<meta name="robots" content="noindex">/);
      assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt; <mark>Monsoon<\/mark> reaches Kerala/);
      assert.doesNotMatch(page.body, /<script>alert/);
      assert.doesNotMatch(page.body, /Monsoon draft/, 'drafts are never found');
      assert.match(page.body, /<input type="search" name="q" value="monsoon"/, 'the query is kept in the form');
      assert.match(page.body, /action="\/search" method="get"/);

      const sport = await app.app.inject({ method: 'GET', url: '/search?q=mumbai&section=sport&sort=newest' });
      assert.match(sport.body, /Cricket final in <mark>Mumbai<\/mark>/);
      const none = await app.app.inject({ method: 'GET', url: '/search?q=mumbai&section=news' });
      assert.match(none.body, /No stories match/);

      const typo = await app.app.inject({ method: 'GET', url: '/search?q=rajnth' });
      assert.match(typo.body, /Did you mean <a href="\/search\?q=rajnath">rajnath<\/a>/);

      const empty = await app.app.inject({ method: 'GET', url: '/search' });
      assert.equal(empty.statusCode, 200);
      assert.match(empty.body, /class="search-form"/);
    } finally {
      await app.close();
    }
  });

  test(`[${target.name}] hostile /search queries answer 200 or a clear 400, never 500`, async () => {
    const app = await createTestApp(target);
    try {
      await publishStory(app, { headline: 'S-400 systems arrive' });
      const queries = ['x'.repeat(10_000), 'AND', '"', '"unbalanced', 'S-400', 'NEAR(', '*', '-', 'OR OR', '%00', '%3Cscript%3E', 'a&q=b', '(((('];
      for (const q of queries) {
        const res = await app.app.inject({ method: 'GET', url: `/search?q=${q.startsWith('%') ? q : encodeURIComponent(q)}` });
        assert.ok(res.statusCode === 200 || res.statusCode === 400, `${q.slice(0, 20)} → ${res.statusCode}`);
        if (res.statusCode === 400) assert.match(res.body, /Type some words to search for/);
      }
      const found = await app.app.inject({ method: 'GET', url: `/search?q=${encodeURIComponent('S-400')}` });
      assert.match(found.body, /<mark>S-400<\/mark>/);
      const operators = await app.app.inject({ method: 'GET', url: '/search?q=AND+OR+*' });
      assert.equal(operators.statusCode, 400);
      assert.equal((await app.app.inject({ method: 'GET', url: '/search?q=x&page=abc' })).statusCode, 400);
      assert.equal((await app.app.inject({ method: 'GET', url: '/search?q=x&from=2025-02-30' })).statusCode, 400);
      assert.equal((await app.app.inject({ method: 'GET', url: '/search?q=x&q=y' })).statusCode, 200);
    } finally {
      await app.close();
    }
  });
}
