import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/index.js';
import { createApp, type DatelineApp } from '../../src/server/create-app.js';
import { chromiumAvailable, launchBrowser } from '../support/browser.js';

/**
 * What readers notice beyond the story itself: printing it, reading it in dark mode, the
 * footer's About/Contact/Standards/Privacy pages (and the desk screen that writes them),
 * addresses with a trailing slash, and the time of day beside "Published On".
 */
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const screenshots = new URL('../../test-output/screenshots/', import.meta.url).pathname;
const enabled = chromiumAvailable();
const PASSWORD = 'a long desk password';
let app: DatelineApp;
let base = '';
const contexts: BrowserContext[] = [];

before(async () => {
  if (!enabled) return;
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-details-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', DATELINE_DEMO: '1', LOG_LEVEL: 'silent' }, dataDir), { log: pino({ level: 'silent' }), backgroundJobs: false });
  await app.finishDemoPictures();
  await app.services.users.add({ email: 'ed@example.com', name: 'Ed Itor', role: 'editor', password: PASSWORD });
  await app.services.users.add({ email: 'admin@example.com', name: 'Ada Admin', role: 'admin', password: PASSWORD });
  await app.services.cache.invalidate();
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  if (enabled) await app.close();
});

/** A new page that records console errors. */
async function openPage(viewport = { width: 1280, height: 900 }): Promise<{ page: Page; errors: string[] }> {
  const context = await launchBrowser(viewport);
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  page.on('console', (m) => {
    // The desk asks for the session before signing in: that 401 is expected.
    if (m.type() === 'error' && !/status of 401/.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(`${e.message} ${e.stack ?? ''}`));
  return { page, errors };
}

/** Serious and critical WCAG A/AA violations (colour contrast among them). */
async function accessibilityViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

/** A published demo story with a picture and a link out of the site in its body, and its path. */
async function linkedStory(): Promise<{ id: string; path: string; heroId: string }> {
  const row = await app.database.db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .innerJoin('media', 'media.id', 'articles.hero_media_id')
    .select(['articles.id', 'articles.slug', 'sections.slug as section', 'media.id as heroId'])
    .where('articles.status', '=', 'published')
    .where('articles.language', '=', 'en')
    .where('articles.body', 'like', '%"href":"https://%')
    .orderBy('articles.published_at', 'desc')
    .executeTakeFirstOrThrow();
  return { id: row.id, heroId: row.heroId, path: `/${encodeURIComponent(row.section)}/${encodeURIComponent(row.slug)}` };
}

async function signIn(page: Page, email: string) {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
}

test('printing a story keeps the story, its picture, byline and date, and drops navigation, sharing and the footer', { skip: !enabled && 'Chromium not installed' }, async () => {
  const story = await linkedStory();
  // Everything a printed story can carry: a correction and an agency picture's disclaimer.
  await app.services.articles.update(story.id, {}, { correction: 'An earlier version gave the wrong date for the meeting.' });
  await app.database.db.updateTable('media').set({ show_disclaimer: 1 }).where('id', '=', story.heroId).execute();
  await app.announceChange();
  const { page, errors } = await openPage({ width: 900, height: 1200 });
  await page.goto(base + story.path, { waitUntil: 'load' });
  assert.equal(await page.locator('nav.share').isVisible(), true, 'on screen the share bar shows');
  await page.emulateMedia({ media: 'print' });
  for (const selector of ['.masthead .brand', 'article.story h1', '.standfirst', '.meta-dates time', '.meta-byline a[rel=author]', 'figure.hero img', 'figure.hero figcaption', '.story-body p', 'aside.corrections', 'p.image-disclaimer']) {
    assert.equal(await page.locator(selector).first().isVisible(), true, `${selector} is printed`);
  }
  for (const selector of ['nav.sections', 'nav.share', '.views', '.reading-time', '.topics', '.rail', 'footer.site-footer', '.skip']) {
    assert.equal(await page.locator(selector).first().isVisible(), false, `${selector} is not printed`);
  }
  const look = await page.evaluate(() => {
    const body = getComputedStyle(document.body);
    const link = document.querySelector<HTMLAnchorElement>('.story-body a[href^="https://"]')!;
    const hero = document.querySelector('figure.hero')!;
    return { color: body.color, background: body.backgroundColor, font: getComputedStyle(document.querySelector('.story-body')!).fontFamily, after: getComputedStyle(link, '::after').content, href: link.getAttribute('href'), breakInside: getComputedStyle(hero).breakInside };
  });
  assert.equal(look.color, 'rgb(0, 0, 0)', 'black text');
  assert.equal(look.background, 'rgb(255, 255, 255)', 'on white');
  assert.match(look.font, /Georgia|serif/, 'a serif body');
  assert.equal(look.after, `" (${look.href})"`, 'a link out of the site prints its address');
  assert.equal(look.breakInside, 'avoid', 'no page break inside a figure');
  await page.screenshot({ path: join(screenshots, 'reader-print-emulated.png'), fullPage: true });
  const pdf = join(screenshots, 'reader-print.pdf');
  await page.pdf({ path: pdf, format: 'A4', printBackground: true });
  assert.ok(statSync(pdf).size > 20_000, 'Chromium prints the story to a PDF');
  assert.deepEqual(errors, []);
});

test('in dark mode the colours change, pictures stay as they are, and axe finds no contrast problem', { skip: !enabled && 'Chromium not installed' }, async () => {
  const story = await linkedStory();
  const { page, errors } = await openPage();
  await page.goto(base + story.path, { waitUntil: 'load' });
  const colours = () =>
    page.evaluate(() => ({
      background: getComputedStyle(document.body).backgroundColor,
      text: getComputedStyle(document.querySelector('.story-body')!).color,
      heroFilter: getComputedStyle(document.querySelector('figure.hero img')!).filter,
    }));
  const light = await colours();
  await page.emulateMedia({ colorScheme: 'dark' });
  const dark = await colours();
  assert.equal(light.background, 'rgb(255, 255, 255)');
  assert.equal(dark.background, 'rgb(18, 19, 22)', 'a dark page');
  assert.notEqual(dark.text, light.text, 'light text on it');
  assert.equal(dark.heroFilter, 'none', 'pictures are not dimmed or inverted');
  await page.screenshot({ path: join(screenshots, 'reader-dark-article.png'), fullPage: false });
  assert.deepEqual(await accessibilityViolations(page), [], 'the article in dark mode');
  for (const path of ['/', '/news', '/about', '/standards']) {
    await page.goto(base + path, { waitUntil: 'load' });
    assert.deepEqual(await accessibilityViolations(page), [], `${path} in dark mode`);
  }
  await page.screenshot({ path: join(screenshots, 'reader-dark-static-page.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

test('the footer links About, Contact, Editorial standards and Privacy, and a trailing slash lands on the canonical address', { skip: !enabled && 'Chromium not installed' }, async () => {
  const story = await linkedStory();
  const { page, errors } = await openPage({ width: 390, height: 844 });
  const response = await page.goto(`${base}${story.path}/?from=share`, { waitUntil: 'load' });
  assert.equal(new URL(page.url()).pathname + new URL(page.url()).search, `${story.path}?from=share`, 'the trailing slash is gone, the query kept');
  assert.equal(response?.request().redirectedFrom()?.url(), `${base}${story.path}/?from=share`);
  const footer = page.getByRole('navigation', { name: 'About this site' });
  assert.deepEqual(await footer.getByRole('link').allInnerTexts(), ['About us', 'Contact', 'Editorial standards and corrections', 'Privacy']);
  await footer.getByRole('link', { name: 'Privacy' }).click();
  await page.waitForURL(`${base}/privacy`);
  assert.equal(await page.locator('h1').innerText(), 'Privacy');
  assert.match(await page.locator('.story-body').innerText(), /do not store your IP address/);
  await page.screenshot({ path: join(screenshots, 'reader-privacy-phone.png'), fullPage: true });
  assert.deepEqual(await accessibilityViolations(page), [], 'the privacy page');
  assert.deepEqual(errors, []);
});

test('an editor writes a new page in the Pages screen and it appears in the site footer', { skip: !enabled && 'Chromium not installed' }, async () => {
  const { page, errors } = await openPage();
  await signIn(page, 'ed@example.com');
  await page.getByRole('link', { name: 'Pages' }).click();
  await page.getByRole('heading', { name: 'Pages', level: 1 }).waitFor();
  assert.equal(await page.locator('tbody tr').count(), 4, 'the demo pages are listed');
  await page.screenshot({ path: join(screenshots, 'desk-pages-list.png') });

  await page.getByRole('link', { name: 'New page' }).click();
  await page.getByRole('heading', { name: 'New page', level: 1 }).waitFor();
  await page.getByLabel('Title').fill('Advertise with us');
  await page.getByLabel('Slug').fill('news');
  await page.locator('.ProseMirror').click();
  await page.waitForFunction(() => document.activeElement?.classList.contains('ProseMirror'));
  await page.keyboard.type('Our rate card is sent on request.');
  await page.getByRole('button', { name: 'Create page' }).click();
  await page.getByText("is a section's").waitFor();
  assert.match(page.url(), /\/admin\/pages\/new$/, 'refused: /news is a section');
  await page.getByLabel('Slug').fill('advertise');
  await page.getByRole('button', { name: 'Create page' }).click();
  await page.waitForURL(/\/admin\/pages\/[0-9a-z]{26}$/);
  await page.getByRole('status').filter({ hasText: 'Saved' }).waitFor();
  await page.screenshot({ path: join(screenshots, 'desk-page-editor.png') });

  await page.goto(`${base}/`, { waitUntil: 'load' });
  const footer = page.getByRole('navigation', { name: 'About this site' });
  assert.deepEqual(await footer.getByRole('link').allInnerTexts(), ['About us', 'Contact', 'Editorial standards and corrections', 'Privacy', 'Advertise with us']);
  await footer.getByRole('link', { name: 'Advertise with us' }).click();
  await page.waitForURL(`${base}/advertise`);
  assert.equal(await page.locator('.story-body p').innerText(), 'Our rate card is sent on request.');
  await page.locator('footer.site-footer').scrollIntoViewIfNeeded();
  await page.screenshot({ path: join(screenshots, 'reader-new-page-footer.png'), fullPage: true });
  assert.deepEqual(errors.filter((e) => !/status of 400/.test(e)), [], 'no console errors but the refused save');
});

test('an admin turns on the time beside "Published On" in Settings and stories show it', { skip: !enabled && 'Chromium not installed' }, async () => {
  const story = await linkedStory();
  const { page, errors } = await openPage();
  await page.goto(base + story.path, { waitUntil: 'load' });
  assert.match(await page.locator('.meta-dates time').first().innerText(), /^\w{3}, \d{1,2} \w{3} \d{4}$/, 'the date alone by default');
  await signIn(page, 'admin@example.com');
  await page.getByRole('link', { name: 'Settings' }).click();
  const box = page.getByLabel('Show the time with “Published On” and “Updated On”');
  await box.check();
  await page.getByRole('button', { name: 'Save' }).click();
  await page.getByText('Settings saved').waitFor();
  // Another address than before: the browser may keep the first answer for its max-age.
  await page.goto(`${base}${story.path}?after=settings`, { waitUntil: 'load' });
  const time = page.locator('.meta-dates time').first();
  assert.match(await time.innerText(), /^\w{3}, \d{1,2} \w{3} \d{4}, \d{2}:\d{2} \S+$/, 'the date and the time in the site zone');
  assert.match(String(await time.getAttribute('datetime')), /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
  await page.locator('.meta').screenshot({ path: join(screenshots, 'reader-published-time.png') });
  await app.services.settings.update({ showPublishedTime: false });
  await app.announceChange();
  assert.deepEqual(errors, []);
});
