import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { testDatabases } from '../../test/support/databases.js';
import { filesUnder } from '../../test/support/files.js';
import { createTestApp, paragraphs, testPhoto } from '../../test/support/test-app.js';
import { signIn } from '../../test/support/admin-client.js';
import { assertUnchanged, fingerprint } from '../../test/support/db-fingerprint.js';
import { multipartBody, upload } from '../../test/support/multipart.js';
import { blankPng } from '../../test/support/png.js';

const NUL = '\u0000';

for (const target of await testDatabases()) {
  const name = (s: string) => `[${target.name}] ${s}`;

  test(name('a NUL byte in any text field is refused with 400 naming the field, on both databases, and changes nothing'), async () => {
    const app = await createTestApp(target);
    try {
      const editor = await signIn(app, 'editor');
      const admin = await signIn(app, 'admin');
      const section = await app.services.directory.ensureSection('News');
      const person = await app.services.directory.ensurePerson('Asha Rao');
      const story = await editor.request('POST', '/api/admin/articles', { headline: 'Clean headline', body: paragraphs('Clean text.'), sectionId: section.id });
      assert.equal(story.status, 201, story.body);
      const before = await fingerprint(app.database.db);
      const cases: [string, Promise<{ status: number; json: any }>, string][] = [
        ['headline on create', editor.request('POST', '/api/admin/articles', { headline: `Bad${NUL}headline`, body: paragraphs('x'), sectionId: section.id }), 'headline'],
        ['body text on save', editor.request('PATCH', `/api/admin/articles/${story.json.id}`, { body: paragraphs(`A${NUL}B`), version: 1 }), 'body.content.0.content.0.text'],
        ['tag name', editor.request('PATCH', `/api/admin/articles/${story.json.id}`, { tags: [{ name: `t${NUL}` }], version: 1 }), 'tags.0.name'],
        ['person bio', editor.request('PATCH', `/api/admin/people/${person.id}`, { bio: `Bio${NUL}` }), 'bio'],
        ['site name', admin.request('PATCH', '/api/admin/settings', { siteName: `Times${NUL}` }), 'siteName'],
        ['story search', editor.request('GET', `/api/admin/articles?q=${encodeURIComponent(`flood${NUL}`)}`), 'q'],
        ['media search', editor.request('GET', `/api/admin/media?q=${encodeURIComponent(NUL)}`), 'q'],
      ];
      for (const [what, pending, field] of cases) {
        const res = await pending;
        assert.equal(res.status, 400, `${what}: ${JSON.stringify(res.json)}`);
        assert.equal(res.json.error.code, 'VALIDATION_FAILED', what);
        assert.equal(res.json.error.field, field, what);
        assert.match(res.json.error.message, /NUL/, what);
      }
      const signInRes = await app.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email: `a${NUL}@example.com`, password: 'whatever password' } });
      assert.equal(signInRes.statusCode, 400, signInRes.body);
      assert.equal(signInRes.json().error.field, 'email');
      assertUnchanged(before, await fingerprint(app.database.db));
      await assert.rejects(app.services.users.add({ email: 'n@example.com', name: `Nul${NUL}Name`, role: 'author', password: 'a long password here' }), /NUL/, 'the CLI path refuses it too');
    } finally {
      await app.close();
    }
  });

  test(name('a truncated or malformed upload answers 400 and leaves no file and no row'), async () => {
    const app = await createTestApp(target);
    try {
      const writer = await signIn(app, 'contributor');
      const { payload, contentType } = multipartBody({ caption: 'Harbour' }, { bytes: await testPhoto(1200, 800) });
      const before = await fingerprint(app.database.db);
      for (const cut of [payload.length - 10, Math.floor(payload.length / 2), 60]) {
        const res = await app.app.inject({ method: 'POST', url: '/api/admin/media', headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrfToken, 'content-type': contentType }, payload: payload.subarray(0, cut) });
        assert.equal(res.statusCode, 400, `cut at ${cut}: ${res.body}`);
        assert.equal(res.json().error.field, 'file');
      }
      const garbage = await app.app.inject({ method: 'POST', url: '/api/admin/media', headers: { cookie: writer.cookie, 'x-csrf-token': writer.csrfToken, 'content-type': 'multipart/form-data; boundary=xyz' }, payload: 'no boundary here at all' });
      assert.equal(garbage.statusCode, 400, garbage.body);
      const nulField = await upload(app, writer, { bytes: await testPhoto(400, 300) }, { caption: `Cap${NUL}tion` });
      assert.equal(nulField.status, 400, nulField.body);
      assert.equal(nulField.json.error.field, 'caption');
      assertUnchanged(before, await fingerprint(app.database.db));
      assert.deepEqual(filesUnder(join(app.dataDir, 'media')), [], 'no file was left behind');
    } finally {
      await app.close();
    }
  });

  test(name('a decompression bomb (a 48 KB PNG of 10,000,000×5 pixels) is refused from its header, without decoding'), async () => {
    const app = await createTestApp(target);
    try {
      const writer = await signIn(app, 'contributor');
      const bomb = blankPng(10_000_000, 5);
      assert.ok(bomb.length < 100_000, `the bomb is small (${bomb.length} bytes)`);
      const rssBefore = process.memoryUsage().rss;
      const started = Date.now();
      const res = await upload(app, writer, { bytes: bomb, filename: 'bomb.png', type: 'image/png' });
      assert.equal(res.status, 413, res.body);
      assert.equal(res.json.error.code, 'IMAGE_TOO_LARGE');
      assert.match(res.json.error.message, /12000 pixels/);
      assert.ok(Date.now() - started < 2000, 'refused at once');
      assert.ok(process.memoryUsage().rss - rssBefore < 150 * 1024 * 1024, 'memory did not balloon');
      for (const [w, h, why] of [[12_001, 100, /each side/], [12_000, 1_100, /10 times/], [9_000, 7_000, /60 megapixels/]] as const) {
        const refused = await upload(app, writer, { bytes: blankPng(w, h), filename: 'big.png', type: 'image/png' });
        assert.equal(refused.status, 413, `${w}×${h}`);
        assert.match(refused.json.error.message, why, `${w}×${h}`);
      }
      assert.deepEqual(filesUnder(join(app.dataDir, 'media')), []);
    } finally {
      await app.close();
    }
  });
}
