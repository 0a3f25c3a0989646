import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { sql } from 'kysely';
import { testDatabases } from '../../test/support/databases.js';
import { createTestApp } from '../../test/support/test-app.js';
import { createTimeKeys } from '../audience/zoned-time.js';
import { writeArchive } from './seed-archive.js';

const run = promisify(execFile);
const root = new URL('../..', import.meta.url).pathname;

for (const target of await testDatabases()) {
  test(`[${target.name}] an archive of a year: every story published with bylines, topics and views that add up; most read and the home page see it`, async () => {
    const app = await createTestApp(target);
    try {
      const now = app.clock.now().getTime();
      const db = app.database.db;
      const result = await writeArchive({ db, directory: app.services.directory, stories: 1200, now, timeKeys: createTimeKeys(() => 'Asia/Kolkata') });
      assert.equal(result.stories, 1200);
      const stories = await db.selectFrom('articles').select(['id', 'status', 'published_at', 'views']).execute();
      assert.equal(stories.length, 1200);
      assert.ok(stories.every((s) => s.status === 'published' && s.published_at! <= new Date(now).toISOString()));
      const oldest = stories.map((s) => s.published_at!).sort()[0]!;
      assert.ok(now - Date.parse(oldest) > 360 * 86_400_000, `a year back (oldest ${oldest})`);
      const orphans = await sql<{ n: number | string }>`select count(*) as n from articles a where not exists (select 1 from article_authors aa where aa.article_id = a.id) or not exists (select 1 from article_tags t where t.article_id = a.id)`.execute(db);
      assert.equal(Number(orphans.rows[0]!.n), 0, 'every story has a byline and a topic');
      const mismatched = await sql<{ n: number | string }>`select count(*) as n from articles a where a.views <> coalesce((select sum(d.views) from article_views_daily d where d.article_id = a.id), 0)`.execute(db);
      assert.equal(Number(mismatched.rows[0]!.n), 0, 'each total is the sum of its days');
      assert.equal(stories.reduce((sum, s) => sum + Number(s.views), 0), result.views);

      await app.announceChange();
      const home = await app.app.inject('/');
      assert.equal(home.statusCode, 200);
      const ranked = await app.services.analytics.mostRead(24, 5);
      assert.equal(ranked.length, 5, 'most read of the last day comes from the archive');
      const newest = await db.selectFrom('articles').select('headline').orderBy('published_at', 'desc').executeTakeFirstOrThrow();
      assert.ok(home.body.includes(newest.headline.replace(/&/g, '&amp;').slice(0, 40)), 'the home page leads with the newest story');
    } finally {
      await app.close();
    }
  });
}

test('npm run seed:archive refuses a count that is not a whole number from 1 to 1,000,000', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-archive-'));
  for (const bad of ['0', 'lots', '2000000']) {
    const failed = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/seed-archive.ts'), bad], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } }).catch((err: { code: number; stderr: string }) => err);
    assert.equal((failed as { code: number }).code, 2, bad);
    assert.match((failed as { stderr: string }).stderr, /must be a whole number from 1 to 1,000,000/);
  }
  const made = await run(process.execPath, ['--import', 'tsx', join(root, 'scripts/seed-archive.ts'), '40'], { env: { ...process.env, DATA_DIR: dataDir, DATABASE_URL: '' } });
  assert.match(made.stdout, /Wrote 40 stories with [\d,]+ views in [\d.]+ s\nIndexed 40 stories for search/);
});
