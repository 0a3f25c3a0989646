import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { BrowserContext } from 'playwright-core';
import { loadConfig } from '../../src/config/index.js';
import { docFromParagraphs } from '../../src/doc/index.js';
import { createApp, type DatelineApp } from '../../src/server/create-app.js';
import { createManualClock } from '../../src/shared/clock.js';
import { chromiumAvailable, openPage, signInToDesk } from '../support/browser.js';

/** The story editor's "Suggested tags" panel: one suggestion accepted, another rejected. */
const enabled = chromiumAvailable();
const skip = !enabled && 'Chromium not installed';
const PASSWORD = 'a long desk password';
let app: DatelineApp;
let base = '';
let storyId = '';
const contexts: BrowserContext[] = [];

before(async () => {
  if (!enabled) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-entities-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', DATELINE_DEMO: '0', LOG_LEVEL: 'silent' }, dataDir), { log: pino({ level: 'silent' }), clock: createManualClock(new Date()), backgroundJobs: false });
  const section = await app.services.directory.createSection({ name: 'News' });
  await app.services.users.add({ email: 'ed@example.com', name: 'Ed Itor', role: 'editor', password: PASSWORD });
  const story = await app.services.articles.create({
    headline: 'Defence ministers meet in Qingdao',
    body: docFromParagraphs(['Defence Minister Rajnath Singh arrived in Qingdao on Wednesday for talks.', 'Singh said the meeting with Pakistan present had been difficult.']),
    sectionId: section.id,
  });
  storyId = story.id;
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  if (enabled) await app.close();
});

test('an editor accepts one suggested tag and rejects another; the accepted tag is on the story', { skip }, async () => {
  const { context, page, errors } = await openPage({ width: 1280, height: 900 });
  contexts.push(context);
  await signInToDesk(page, base, 'ed@example.com', PASSWORD);
  await page.goto(`${base}/admin/stories/${storyId}`);
  const panel = page.getByRole('region', { name: 'Suggested tags' });
  await panel.getByRole('button', { name: 'Accept Rajnath Singh as a person tag' }).waitFor({ timeout: 15_000 });

  // Keyboard: focus Reject for Pakistan and press Enter.
  await panel.getByRole('button', { name: 'Reject Pakistan' }).focus();
  await page.keyboard.press('Enter');
  await panel.getByRole('button', { name: 'Reject Pakistan' }).waitFor({ state: 'detached', timeout: 10_000 });

  await panel.getByRole('button', { name: 'Accept Rajnath Singh as a person tag' }).click();
  await panel.getByRole('button', { name: 'Accept Rajnath Singh as a person tag' }).waitFor({ state: 'detached', timeout: 10_000 });
  // The tags field shows the new tag.
  await page.locator('.tags-field').getByText('Rajnath Singh').waitFor({ timeout: 10_000 });

  const stored = await app.services.articles.get(storyId);
  const tags = await app.database.db.selectFrom('tags').select(['id', 'name', 'kind', 'aliases']).execute();
  const singh = tags.find((t) => t.name === 'Rajnath Singh');
  assert.ok(singh && stored?.tagIds.includes(singh.id), 'the tag is attached to the story');
  assert.equal(singh.kind, 'person');
  assert.deepEqual(JSON.parse(singh.aliases), ['Singh']);
  const states = await app.database.db.selectFrom('entity_suggestions').select(['name', 'state']).where('article_id', '=', storyId).execute();
  assert.equal(states.find((s) => s.name === 'Pakistan')?.state, 'rejected');
  assert.deepEqual(errors, []);
});
