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
 * The details of an editor's day in the editor app: typographic quotes, links that end where
 * they end, a word count, a visible standfirst, the site's fonts, the site's time zone (the
 * browser here is in New York, the newsroom in Kolkata), alt text for the hero and for a
 * picture uploaded into the body, withdrawing a submission, and the editor on a phone.
 */
const screenshots = new URL('../../test-output/screenshots/', import.meta.url).pathname;
const enabled = chromiumAvailable();
const skip = !enabled && 'Chromium not installed';
const PASSWORD = 'a long desk password';
let app: DatelineApp;
let base = '';
let photoPath = '';
const contexts: BrowserContext[] = [];

before(async () => {
  if (!enabled) return;
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-editor-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', DATELINE_DEMO: '0', LOG_LEVEL: 'silent', SITE_TIMEZONE: 'Asia/Kolkata' }, dataDir), { log: pino({ level: 'silent' }), clock: createManualClock(new Date()), backgroundJobs: false });
  await app.services.directory.createSection({ name: 'News' });
  await app.services.users.add({ email: 'ed@example.com', name: 'Ed Itor', role: 'editor', password: PASSWORD });
  await app.services.users.add({ email: 'con@example.com', name: 'Rhea Writer', role: 'contributor', password: PASSWORD });
  photoPath = join(dataDir, 'market.jpg');
  writeFileSync(photoPath, await sharp({ create: { width: 1200, height: 800, channels: 3, background: { r: 150, g: 90, b: 40 } } }).jpeg().toBuffer());
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  if (enabled) await app.close();
});

async function desk(email: string, viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const { context, page, errors } = await openPage(viewport, { timezoneId: 'America/New_York' });
  contexts.push(context);
  await signInToDesk(page, base, email, PASSWORD);
  return { page, errors };
}

const waitSaved = (page: Page) => page.waitForFunction(() => [...document.querySelectorAll('[role=status]')].some((e) => /^Saved\b/.test(e.textContent ?? '')), null, { timeout: 15_000 });

async function newStory(page: Page, headline: string): Promise<string> {
  await page.getByRole('link', { name: 'Stories' }).first().click();
  await page.getByRole('button', { name: 'New story' }).click();
  await page.getByLabel('Headline').fill(headline);
  await page.getByLabel('Section').selectOption({ label: 'News' });
  await waitSaved(page);
  await page.waitForURL(/\/admin\/stories\/[0-9a-z]{26}$/);
  return page.url().split('/').pop()!;
}

async function focusBody(page: Page) {
  await page.locator('.ProseMirror').click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
}

test('typing gives typographic quotes, a link ends where it ends, and a word count follows the text', { skip }, async () => {
  const { page, errors } = await desk('ed@example.com');
  const id = await newStory(page, 'Quotes and links');
  // The standfirst is visible as a field before anyone types in it.
  const standfirst = page.getByLabel('Standfirst');
  assert.notEqual(await standfirst.evaluate((el) => getComputedStyle(el).borderTopColor), 'rgba(0, 0, 0, 0)', 'the empty standfirst has a visible border');
  assert.ok(await standfirst.getAttribute('placeholder'));
  await standfirst.fill('');
  await standfirst.pressSequentially(`The mayor's "plan" works`);
  assert.equal(await standfirst.inputValue(), 'The mayor’s “plan” works');

  await focusBody(page);
  await page.keyboard.type(`"It's ready," she said... Read the report`);
  assert.equal(await page.locator('.ProseMirror p').first().innerText(), '“It’s ready,” she said… Read the report');
  // Select "report" and link it, then type after it: the new words are not part of the link.
  for (let i = 0; i < 'report'.length; i++) await page.keyboard.press('Shift+ArrowLeft');
  await page.keyboard.press('Control+k');
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Link address').fill('https://example.com/report');
  await dialog.getByRole('button', { name: 'Apply link' }).click();
  await dialog.waitFor({ state: 'detached' });
  await page.keyboard.press('End');
  await page.keyboard.type(' online today');
  assert.equal(await page.locator('.ProseMirror a').innerText(), 'report');
  await page.getByText(/^9 words · 1 min read$/).waitFor();
  await waitSaved(page);
  const stored = JSON.stringify((await app.services.articles.get(id))?.body);
  assert.match(stored, /“It’s ready,” she said… Read the /);
  assert.match(stored, /"text":" online today"/);

  // Headings and captions in the editor use the site's faces.
  await page.locator('.ProseMirror').press('Enter');
  await page.getByRole('button', { name: 'H2 heading' }).click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
  await page.keyboard.type('What happens next');
  const editorFont = await page.locator('.ProseMirror h2').evaluate((el) => getComputedStyle(el).fontFamily);
  assert.match(editorFont, /^Georgia/, `the editor's sub-headings use the site's serif (${editorFont})`);
  assert.deepEqual(errors, []);
});

test("times are the site's: the schedule dialog says Asia/Kolkata and 10:00 there is 04:30 UTC, whatever the browser's zone", { skip }, async () => {
  const { page, errors } = await desk('ed@example.com');
  const id = await newStory(page, 'Budget session');
  await page.getByRole('button', { name: 'Schedule' }).click();
  const dialog = page.getByRole('dialog', { name: 'Schedule publication' });
  assert.match(await dialog.innerText(), /site's time zone, Asia\/Kolkata/);
  await dialog.getByLabel('Publish at').fill('2030-01-15T10:00');
  await dialog.getByRole('button', { name: 'Schedule story' }).click();
  await dialog.waitFor({ state: 'detached' });
  assert.equal((await app.services.articles.get(id))?.scheduledAt, '2030-01-15T04:30:00.000Z');
  assert.match(await page.locator('.status-line').innerText(), /10:00\s?AM GMT\+5:30|10:00\s?AM IST/, 'shown in the site zone, with the zone named');
  assert.deepEqual(errors, []);
});

test('a picture uploaded into the body asks for alt text, caption and credit; the hero takes alt text; publishing warns without it', { skip }, async () => {
  const { page, errors } = await desk('ed@example.com');
  const id = await newStory(page, 'Market day');
  await focusBody(page);
  await page.keyboard.type('Stalls opened at dawn.');
  await page.getByRole('button', { name: 'Picture', exact: true }).click();
  const picker = page.getByRole('dialog');
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), picker.getByRole('button', { name: 'Upload' }).click()]);
  await chooser.setFiles(photoPath);
  await picker.getByLabel('Alt text').waitFor({ timeout: 20_000 });
  await picker.getByLabel('Alt text').fill('Crates of mangoes on a market stall');
  await picker.getByLabel('Caption').fill('The first mangoes of the season.');
  await picker.getByLabel('Credit').fill('Dateline staff');
  await page.screenshot({ path: join(screenshots, 'editor-upload-details.png') });
  await picker.getByRole('button', { name: 'Save and use picture' }).click();
  await picker.waitFor({ state: 'detached' });
  await waitSaved(page);
  const library = await app.database.db.selectFrom('media').select(['id', 'alt', 'caption', 'credit']).execute();
  assert.deepEqual(library.map((m) => [m.alt, m.caption, m.credit]), [['Crates of mangoes on a market stall', 'The first mangoes of the season.', 'Dateline staff']]);
  assert.match(JSON.stringify((await app.services.articles.get(id))?.body), /"alt":"Crates of mangoes on a market stall"/);

  // A hero uploaded in a hurry, without its details: publishing says what readers would miss.
  await page.getByRole('button', { name: 'Choose picture' }).click();
  const heroPicker = page.getByRole('dialog', { name: 'Choose the hero picture' });
  const [heroChooser] = await Promise.all([page.waitForEvent('filechooser'), heroPicker.getByRole('button', { name: 'Upload' }).click()]);
  await heroChooser.setFiles(photoPath);
  await heroPicker.getByRole('button', { name: 'Use without details' }).click({ timeout: 20_000 });
  await heroPicker.waitFor({ state: 'detached' });
  await waitSaved(page);
  await page.getByRole('button', { name: 'Publish' }).click();
  const publish = page.getByRole('dialog', { name: 'Publish this story?' });
  assert.match(await publish.innerText(), /The hero picture has no alt text/);
  await publish.getByRole('button', { name: 'Cancel' }).click();
  const hero = page.getByRole('region', { name: 'Hero picture' });
  await hero.getByLabel('Alt text').fill('Crates of mangoes under an awning');
  await hero.getByRole('button', { name: 'Update picture details' }).click();
  await page.getByText('Picture details updated').waitFor();
  const heroId = (await app.services.articles.get(id))?.heroMediaId;
  assert.equal((await app.database.db.selectFrom('media').select('alt').where('id', '=', heroId!).executeTakeFirstOrThrow()).alt, 'Crates of mangoes under an awning');
  await page.getByRole('button', { name: 'Publish' }).click();
  assert.doesNotMatch(await page.getByRole('dialog', { name: 'Publish this story?' }).innerText(), /no alt text/);
  assert.deepEqual(errors, []);
});

test('a contributor can withdraw a submitted story, and the editor works on a phone', { skip }, async () => {
  const { page, errors } = await desk('con@example.com', { width: 390, height: 844 });
  const id = await newStory(page, 'A story to take back');
  await page.getByRole('button', { name: 'Submit for review' }).click();
  await page.getByRole('button', { name: 'Withdraw submission' }).click();
  await page.getByText('Draft', { exact: true }).first().waitFor();
  assert.equal((await app.services.articles.get(id))?.status, 'draft');
  // On a 390 px phone nothing runs off the side, and the writing fields and toolbar are usable.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 1, `no sideways scrolling (${overflow} px too wide)`);
  for (const label of ['Headline', 'Standfirst']) {
    const box = await page.getByLabel(label).boundingBox();
    assert.ok(box && box.width > 250 && box.x >= 0 && box.x + box.width <= 390, `${label} fits the screen`);
  }
  const toolbar = await page.getByRole('toolbar', { name: 'Formatting' }).boundingBox();
  assert.ok(toolbar && toolbar.x + toolbar.width <= 390);
  await page.screenshot({ path: join(screenshots, 'editor-phone.png'), fullPage: true });
  assert.deepEqual(errors, []);
});
