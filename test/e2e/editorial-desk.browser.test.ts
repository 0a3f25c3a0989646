import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import sharp from 'sharp';
import type { BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/index.js';
import { createApp, type DatelineApp } from '../../src/server/create-app.js';
import { createManualClock } from '../../src/shared/clock.js';
import { chromiumAvailable, openPage, signInToDesk } from '../support/browser.js';

/**
 * The newsroom's day in a real browser: a contributor writes and submits a story
 * with an uploaded picture, an editor reviews, edits and schedules it, it goes
 * public when due (the server's clock is moved by the test), a second editor's
 * stale save is refused visibly, and a contributor cannot publish.
 */
const screenshots = new URL('../../test-output/screenshots/', import.meta.url).pathname;
const enabled = chromiumAvailable();
const PASSWORD = 'a long desk password';
const clock = createManualClock(new Date());
let app: DatelineApp;
let base = '';
let photoPath = '';
let storyId = '';
const contexts: BrowserContext[] = [];

before(async () => {
  if (!enabled) return;
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-desk-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', DATELINE_DEMO: '0', LOG_LEVEL: 'silent' }, dataDir), { log: pino({ level: 'silent' }), clock, backgroundJobs: false });
  await app.services.directory.createSection({ name: 'News' });
  for (const [email, name, role] of [
    ['con@example.com', 'Rhea Contributor', 'contributor'],
    ['ed@example.com', 'Ed Itor', 'editor'],
    ['ed2@example.com', 'Eda Second', 'editor'],
  ] as const) {
    await app.services.users.add({ email, name, role, password: PASSWORD });
  }
  photoPath = join(dataDir, 'harbour.jpg');
  writeFileSync(photoPath, await sharp({ create: { width: 1600, height: 900, channels: 3, background: { r: 40, g: 110, b: 150 } } }).jpeg().toBuffer());
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  if (enabled) await app.close();
});

/** A signed-in browser, collecting console errors other than the expected 401/409 answers. */
async function desk(email: string): Promise<{ page: Page; errors: string[] }> {
  // The stale save of the conflict test answers 409 on purpose.
  const { context, page, errors } = await openPage({ width: 1280, height: 900 }, { expected: /status of (401|409)/ });
  contexts.push(context);
  await signInToDesk(page, base, email, PASSWORD);
  return { page, errors };
}

/** "Saved", or "Saved, not public yet" on a live story. */
const waitSaved = (page: Page) => page.waitForFunction(() => [...document.querySelectorAll('[role=status]')].some((e) => /^Saved\b/.test(e.textContent ?? '')), null, { timeout: 15_000 });

test('a contributor writes a story with an uploaded picture and submits it, and cannot publish', { skip: !enabled && 'Chromium not installed' }, async () => {
  const { page, errors } = await desk('con@example.com');

  // Upload the picture in the media library: credit from an agency, disclaimer on.
  await page.getByRole('link', { name: 'Media library' }).click();
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: 'Upload' }).click()]);
  await chooser.setFiles(photoPath);
  await page.waitForURL(/\/admin\/media\/[0-9a-z]{26}$/, { timeout: 20_000 });
  const panel = page.getByRole('complementary', { name: 'Picture details' });
  await panel.getByLabel('Alt text').fill('Boats in the harbour at dawn');
  await panel.getByLabel('Credit').fill('MNA');
  await panel.getByLabel('Show image disclaimer').check();
  await panel.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Picture details saved').waitFor();

  // Write the story.
  await page.getByRole('link', { name: 'Stories' }).first().click();
  await page.getByRole('button', { name: 'New story' }).click();
  await page.getByLabel('Headline').fill('Harbour ferries add a night crossing');
  await page.getByLabel('Standfirst').fill('The late boat runs from Monday after a petition by shift workers.');
  await page.getByLabel('Section').selectOption({ label: 'News' });
  await waitSaved(page);
  await page.waitForURL(/\/admin\/stories\/[0-9a-z]{26}$/);
  storyId = page.url().split('/').pop()!;
  await page.locator('.ProseMirror').click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
  await page.keyboard.type('The ferry company said the 11 pm crossing will run on weekdays.');
  await page.getByRole('button', { name: 'Choose picture' }).click();
  const picker = page.getByRole('dialog', { name: 'Choose the hero picture' });
  await picker.getByRole('button', { name: 'Choose Boats in the harbour at dawn' }).click();
  await picker.waitFor({ state: 'detached' });
  await waitSaved(page);

  assert.equal(await page.getByRole('button', { name: /^(Publish|Schedule)/ }).count(), 0, 'a contributor sees no publish or schedule control');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByText('You can read this story but not change it.').waitFor();
  await page.screenshot({ path: join(screenshots, 'desk-contributor-submitted.png') });

  // Going around the app to the API is refused by the server too.
  const session = await (await page.request.get(`${base}/api/admin/session`)).json();
  const forced = await page.request.post(`${base}/api/admin/articles/${storyId}/publish`, { headers: { 'x-csrf-token': session.csrfToken }, data: {} });
  assert.equal(forced.status(), 403);
  assert.equal((await forced.json()).error.code, 'FORBIDDEN');
  const stored = await app.services.articles.get(storyId);
  assert.equal(stored?.status, 'submitted');
  assert.ok(stored?.heroMediaId, 'the hero picture was saved');
  assert.deepEqual(errors, []);
});

test('an editor reviews, edits and schedules the story, and it appears with the full anatomy when due', { skip: !enabled && 'Chromium not installed' }, async () => {
  assert.ok(storyId, 'the previous test created the story');
  const { page, errors } = await desk('ed@example.com');
  await page.getByRole('link', { name: 'Review queue' }).click();
  await page.getByRole('link', { name: 'Harbour ferries add a night crossing' }).click();
  await page.getByLabel('Headline').fill('Harbour ferries add a late-night crossing');
  await waitSaved(page);

  await page.getByRole('button', { name: 'Schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule publication' });
  // One hour from now as a datetime-local value in the site's time zone (the desk's times are the site's).
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', { timeZone: 'Asia/Kolkata', hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
      .formatToParts(new Date(Date.now() + 3_600_000))
      .map((p) => [p.type, p.value]),
  );
  const inAnHour = `${parts.year}-${parts.month}-${parts.day}T${parts.hour}:${parts.minute}`;
  await dialog.getByLabel('Publish at').fill(inAnHour);
  await dialog.getByRole('button', { name: 'Schedule story' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await app.services.articles.get(storyId))?.status, 'scheduled');
  await page.screenshot({ path: join(screenshots, 'desk-editor-scheduled.png') });

  const stored = (await app.services.read.view(storyId))!;
  const publicUrl = `${base}/${stored.section.slug}/${stored.slug}`;
  assert.equal((await page.request.get(publicUrl)).status(), 404, 'not public before it is due');
  assert.deepEqual(await app.services.articles.publishDue(), [], 'nothing is due yet');

  clock.advance(2 * 3_600_000);
  assert.deepEqual(await app.services.articles.publishDue(), [storyId], 'published when due');
  await app.services.cache.invalidate();

  await page.goto(publicUrl);
  assert.equal(await page.locator('article.story h1').innerText(), 'Harbour ferries add a late-night crossing');
  assert.match(await page.locator('.meta-dates').innerText(), /^Published On \w{3}, \d{1,2} \w{3} \d{4}/);
  assert.equal(await page.locator('.meta-byline a[rel=author]').first().innerText(), 'Rhea Contributor');
  assert.equal(await page.locator('figure.hero img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0), true);
  assert.equal(await page.locator('p.image-disclaimer').innerText(), 'Disclaimer: This image is taken from MNA.');
  assert.ok(await page.locator('nav.share').isVisible());
  await page.screenshot({ path: join(screenshots, 'desk-published-story.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test("a second editor's stale save is refused with a visible message", { skip: !enabled && 'Chromium not installed' }, async () => {
  assert.ok(storyId, 'the first test created the story');
  const a = await desk('ed@example.com');
  const b = await desk('ed2@example.com');
  await a.page.goto(`${base}/admin/stories/${storyId}`);
  await a.page.getByLabel('Headline').waitFor();
  await b.page.goto(`${base}/admin/stories/${storyId}`);
  await b.page.getByLabel('Headline').waitFor();
  await b.page.getByText(/Also open by:.*Ed Itor/).waitFor({ timeout: 20_000 }).catch(async (err: unknown) => {
    await b.page.screenshot({ path: join(screenshots, 'desk-presence-failed.png') });
    throw err;
  });

  await b.page.getByLabel('Standfirst').fill('Second editor got there first.');
  await waitSaved(b.page);
  await a.page.getByLabel('Standfirst').fill('First editor, now out of date.');
  const alert = a.page.getByRole('alert').filter({ hasText: /Eda Second/ });
  await alert.waitFor({ timeout: 15_000 });
  await a.page.screenshot({ path: join(screenshots, 'desk-conflict.png') });
  assert.equal((await app.services.articles.get(storyId))?.workingCopy?.fields.standfirst, 'Second editor got there first.', 'the stale save changed nothing');
  assert.deepEqual([...a.errors, ...b.errors], []);
});

test('an edit to a live story waits in a working copy until Update, which publishes it with a correction', { skip: !enabled && 'Chromium not installed' }, async () => {
  assert.ok(storyId, 'the first test created the story');
  const { page, errors } = await desk('ed@example.com');
  await page.goto(`${base}/admin/stories/${storyId}`);
  await page.getByLabel('Headline').waitFor();
  const notice = page.locator('.live-notice');
  assert.match(await notice.innerText(), /This story is live\./);
  assert.match(await notice.innerText(), /Unpublished changes saved .* by Eda Second/, 'the other editor\'s saved changes are waiting');

  await page.getByLabel('Headline').fill('Harbour ferries add late crossings on weekdays');
  await page.getByText('Saved, not public yet').waitFor({ timeout: 15_000 });
  const stored = (await app.services.read.view(storyId))!;
  const publicUrl = `${base}/${stored.section.slug}/${stored.slug}`;
  await app.services.cache.invalidate();
  const before = await (await page.request.get(publicUrl)).text();
  assert.match(before, /Harbour ferries add a late-night crossing/, 'readers still see the published headline');
  assert.doesNotMatch(before, /late crossings on weekdays|Second editor got there first/);
  await page.screenshot({ path: join(screenshots, 'desk-live-story-pending.png'), fullPage: true });

  await page.getByRole('button', { name: 'Update', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Update the live story?' });
  await dialog.getByLabel('Correction note').fill('An earlier version said the boats ran at weekends.');
  await dialog.getByRole('button', { name: 'Update', exact: true }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.getByText('No unpublished changes.').waitFor();
  await page.screenshot({ path: join(screenshots, 'desk-live-story-updated.png') });

  await app.services.cache.invalidate();
  const after = await (await page.request.get(publicUrl)).text();
  assert.match(after, /Harbour ferries add late crossings on weekdays/);
  assert.match(after, /Second editor got there first\./, 'everything saved in the working copy went public together');
  assert.match(after, /Updated On/);
  assert.match(after, /An earlier version said the boats ran at weekends\./);
  assert.deepEqual(errors, []);
});
