import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { BrowserContext } from 'playwright-core';
import { loadConfig } from '../../src/config/index.js';
import { createApp, type DatelineApp } from '../../src/server/create-app.js';
import { createManualClock } from '../../src/shared/clock.js';
import { chromiumAvailable, openPage, signInToDesk } from '../support/browser.js';

/** The wire desk in the browser: an editor takes an item from the Incoming queue and lands in the editor with its source. */
const enabled = chromiumAvailable();
const skip = !enabled && 'Chromium not installed';
const PASSWORD = 'a long desk password';
let app: DatelineApp;
let base = '';
const contexts: BrowserContext[] = [];

before(async () => {
  if (!enabled) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-incoming-'));
  const folder = join(dataDir, 'incoming', 'science');
  mkdirSync(folder, { recursive: true });
  copyFileSync(new URL('../../src/ingest/fixtures/feeds/rss1-rdf.xml', import.meta.url), join(folder, 'science.rdf'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', DATELINE_DEMO: '0', LOG_LEVEL: 'silent' }, dataDir), { log: pino({ level: 'silent' }), clock: createManualClock(new Date()), backgroundJobs: false });
  await app.services.users.add({ email: 'ed@example.com', name: 'Ed Itor', role: 'editor', password: PASSWORD });
  await app.ingest.sources.create({ name: 'Science drop', kind: 'folder', folder: 'science', credit: 'Science Desk Agency', sectionSlug: 'science' });
  assert.equal(await app.ingest.poller.pollDue(), 1);
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  if (enabled) await app.close();
});

test('an editor takes an item from Incoming and lands in the editor with the credit and the original link shown', { skip }, async () => {
  const { context, page, errors } = await openPage({ width: 1280, height: 900 });
  contexts.push(context);
  await signInToDesk(page, base, 'ed@example.com', PASSWORD);
  await page.getByRole('link', { name: 'Incoming' }).click();
  await page.getByRole('heading', { name: 'Incoming', level: 1 }).waitFor();
  await page.getByRole('button', { name: 'Probe reaches lunar orbit' }).click();
  const preview = page.getByRole('complementary', { name: 'Probe reaches lunar orbit' });
  await preview.getByText('The probe entered lunar orbit after a 40-day journey.').waitFor();
  await preview.getByRole('button', { name: 'Take' }).click();

  await page.waitForURL(/\/admin\/stories\/[0-9a-z]{26}$/, { timeout: 15_000 });
  const origin = page.getByTestId('story-origin');
  await origin.waitFor({ timeout: 15_000 });
  assert.equal(await page.getByTestId('origin-source').textContent(), 'Science Desk Agency');
  assert.equal(await page.getByTestId('origin-link').getAttribute('href'), 'https://science.example.org/1');
  assert.equal(await page.getByLabel('Headline').inputValue(), 'Probe reaches lunar orbit');

  const articleId = page.url().split('/').pop()!;
  const stored = await app.services.articles.get(articleId);
  assert.equal(stored?.status, 'draft');
  assert.equal(stored?.source, 'Science Desk Agency');
  assert.deepEqual(errors, []);
});
