import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp, paragraphs } from '../../test/support/test-app.js';
import { seedNewsroom } from '../../test/support/content-api-newsroom.js';
import { signIn } from '../../test/support/admin-client.js';

const [sqlite] = await testDatabases();

/**
 * Content API answers are public for 60 s, so a CDN keeps them; before they carried a surrogate
 * key, an unpublished story stayed in a CDN's copies of the lists until they expired (and, served
 * stale while revalidating, once more after). Now every answer names `content-api`, and every
 * change to a story purges that key with the story's pages.
 */
test('a Content API answer carries the surrogate key a change to any story purges at the CDN', async () => {
  const purges: string[] = [];
  const cdn = createServer((req, res) => {
    if (req.method === 'PURGE') purges.push(String(req.headers['xkey-purge']));
    res.writeHead(200).end('Purged');
  });
  await new Promise<void>((resolve) => cdn.listen(0, '127.0.0.1', resolve));
  const app = await createTestApp(sqlite!, { CDN_PURGE: `varnish:http://127.0.0.1:${(cdn.address() as AddressInfo).port}` });
  try {
    const room = await seedNewsroom(app);
    const answer = await app.app.inject(`/ghost/api/content/posts/?key=${room.key}`);
    assert.equal(answer.statusCode, 200);
    assert.equal(answer.headers['cache-control'], 'public, max-age=60');
    assert.deepEqual(String(answer.headers['surrogate-key']).split(' '), ['site', 'content-api']);
    const refused = await app.app.inject('/ghost/api/content/posts/?key=0123456789abcdef0123456789');
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.headers['cache-control'], 'no-store');
    assert.equal(refused.headers['surrogate-key'], undefined, 'an error is not kept, so it needs no key');

    // A story published, then unpublished, through the desk: each purges the Content API's answers.
    const editor = await signIn(app, 'editor');
    const section = await app.services.directory.ensureSection('News');
    const story = await editor.request('POST', '/api/admin/articles', { headline: 'Ferry timetable changes on Monday', body: paragraphs('New times.'), sectionId: section.id });
    const published = await editor.request('POST', `/api/admin/articles/${story.json.id}/publish`, { version: story.json.version });
    assert.equal(published.status, 200, published.body);
    const unpublished = await editor.request('POST', `/api/admin/articles/${story.json.id}/unpublish`, { version: published.json.version });
    assert.equal(unpublished.status, 200, unpublished.body);
    // The purge is sent after the answer, not awaited by it (cdn-purge.ts).
    const ofStory = () => purges.filter((keys) => keys.split(' ').includes(`article-${story.json.id}`));
    for (let waited = 0; ofStory().length < 2 && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.equal(ofStory().length, 2, `one purge per change: ${JSON.stringify(purges)}`);
    for (const keys of ofStory()) assert.ok(keys.split(' ').includes('content-api'), keys);

    // A revoked key: the CDN's copies of what it was answered go too (by `site`, which every answer names).
    const before = purges.length;
    assert.equal((await room.admin.request('DELETE', `/api/admin/api-keys/${room.keyId}`)).status, 204);
    for (let waited = 0; purges.length === before && waited < 5000; waited += 20) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.deepEqual(purges.slice(before), ['site']);
    assert.equal((await app.app.inject(`/ghost/api/content/posts/?key=${room.key}`)).statusCode, 401);
  } finally {
    await app.close();
    await new Promise<void>((resolve) => cdn.close(() => resolve()));
  }
});
