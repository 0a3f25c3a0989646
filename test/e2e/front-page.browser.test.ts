import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import { pino } from 'pino';
import type { BrowserContext, Page } from 'playwright-core';
import { loadConfig } from '../../src/config/index.js';
import { createApp, type DatelineApp } from '../../src/server/create-app.js';
import { paragraphs } from '../support/test-app.js';
import { chromiumAvailable, launchBrowser } from '../support/browser.js';

/**
 * The front page in Chromium, on the demo site plus a two-paragraph brief with no picture
 * published last (the story that used to become the splash): the layout has no holes at
 * 1280 px, the phone page is a compact list, the lead picture is fetched at the slot's
 * width, a breaking banner passes axe, and an editor arranges the page by keyboard and by drag.
 */
const screenshots = new URL('../../test-output/screenshots/', import.meta.url).pathname;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const enabled = chromiumAvailable();
const skip = !enabled && 'Chromium not installed';
const PASSWORD = 'a long desk password';
const BRIEF = 'Water supply restored in the old city';
let app: DatelineApp;
let base = '';
const contexts: BrowserContext[] = [];

before(async () => {
  if (!enabled) return;
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-front-'));
  app = await createApp(loadConfig({ DATA_DIR: dataDir, PORT: '0', DATELINE_DEMO: '1', LOG_LEVEL: 'silent' }, dataDir), { log: pino({ level: 'silent' }), backgroundJobs: false });
  await app.finishDemoPictures();
  const news = await app.services.directory.ensureSection('News');
  const brief = await app.services.articles.create({ headline: BRIEF, body: paragraphs('Taps ran again on Friday.', 'The board said the main was repaired.'), sectionId: news.id, heroMediaId: null });
  await app.services.articles.publish(brief.id);
  await app.services.users.add({ email: 'ed@example.com', name: 'Ed Itor', role: 'editor', password: PASSWORD });
  await app.announceChange();
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
});

after(async () => {
  for (const context of contexts) await context.close().catch(() => {});
  if (enabled) await app.close();
});

/** A page at this viewport and device pixel ratio, failing the test on any console error. */
async function open(width: number, height: number, dpr = 1): Promise<{ page: Page; errors: string[] }> {
  const context = await launchBrowser({ width, height });
  contexts.push(context);
  const page = context.pages()[0] ?? (await context.newPage());
  if (dpr !== 1) await (await context.newCDPSession(page)).send('Emulation.setDeviceMetricsOverride', { width, height, deviceScaleFactor: dpr, mobile: false });
  const errors: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { page, errors };
}

/** Scrolls through the page so lazy pictures load before a full-page screenshot. */
async function loadLazyPictures(page: Page) {
  // Strings, not functions: tsx compiles functions with a helper the page does not have.
  await page.evaluate(`(async () => { for (let y = 0; y < document.body.scrollHeight; y += 500) { window.scrollTo(0, y); await new Promise((r) => setTimeout(r, 40)); } window.scrollTo(0, 0); })()`);
  // Pictures a phone never shows (display: none) are never fetched, lazy as they are.
  await page.waitForFunction(() => [...document.images].every((i) => i.complete || i.getBoundingClientRect().width === 0));
}

async function axeViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } })`)) as { violations: { id: string; impact: string; nodes: { target: string[] }[] }[] };
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

interface Layout {
  height: number;
  leadBottom: number;
  sideBottom: number;
  latestBottom: number;
  /** Per grid: its stories and the columns it draws (a story may span the whole row). */
  grids: { stories: number; columns: number; spanning: number }[];
  lead: { headline: string; hasPicture: boolean; drawn: number; chosen: number; widths: number[] };
  railPicturesShown: number;
}

async function measure(page: Page): Promise<Layout> {
  return (await page.evaluate(`(() => {
    const bottom = (el) => el ? Math.round(el.getBoundingClientRect().bottom + scrollY) : 0;
    const img = document.querySelector('.teaser--lead img');
    const width = (url) => Number((/-(\\d+)-[0-9a-f]+\\.(?:avif|webp|jpe?g)$/.exec(url) || [])[1]);
    return {
      height: document.documentElement.scrollHeight,
      leadBottom: bottom(document.querySelector('.front-lead > :last-child')),
      sideBottom: bottom(document.querySelector('.front-side > :last-child')),
      latestBottom: bottom(document.querySelector('.front-latest > :last-child')),
      grids: [...document.querySelectorAll('.grid, .top-grid')].map((g) => ({
        stories: g.children.length,
        columns: getComputedStyle(g).gridTemplateColumns.split(' ').length,
        spanning: [...g.children].filter((c) => getComputedStyle(c).gridColumnStart === '1' && getComputedStyle(c).gridColumnEnd === '-1').length,
      })),
      lead: {
        headline: (document.querySelector('.teaser--lead .teaser-title') || { textContent: '' }).textContent,
        hasPicture: !!img,
        drawn: img ? img.getBoundingClientRect().width : 0,
        chosen: img ? width(img.currentSrc) : 0,
        widths: img ? img.srcset.split(',').map((c) => Number(c.trim().split(' ')[1].replace('w', ''))) : [],
      },
      railPicturesShown: [...document.querySelectorAll('.rail--compact .teaser-pic')].filter((p) => p.getBoundingClientRect().width > 0).length,
    };
  })()`)) as Layout;
}

/** The file Chromium should fetch: the smallest width that covers the slot at this pixel ratio (or the largest there is). */
function fitting(widths: number[], drawn: number, dpr: number): number {
  const sorted = [...widths].sort((a, b) => a - b);
  return sorted.find((w) => w >= Math.round(drawn * dpr)) ?? sorted[sorted.length - 1]!;
}

test('[1280] the home page has no holes: the lead column ends level with Latest and Most read, rows have no empty slots', { skip }, async () => {
  const { page, errors } = await open(1280, 900);
  await page.goto(base + '/', { waitUntil: 'load' });
  await loadLazyPictures(page);
  const layout = await measure(page);
  console.log(`# 1280 px: lead column bottom ${layout.leadBottom}, Latest ${layout.latestBottom}, Latest + Most read ${layout.sideBottom}; page ${layout.height} px`);
  assert.notEqual(layout.lead.headline, BRIEF, 'the picture-less brief does not lead');
  assert.equal(layout.lead.hasPicture, true);
  assert.ok(Math.abs(layout.leadBottom - layout.sideBottom) <= 150, `the columns end within 150 px of each other (${layout.leadBottom} vs ${layout.sideBottom}); before, the lead ended ~490 px above Latest`);
  assert.ok(layout.grids.length >= 6, `${layout.grids.length} grids: top stories and the section rails`);
  for (const grid of layout.grids) {
    // A story drawn across the whole row takes every column of it.
    const cells = grid.stories + grid.spanning * (grid.columns - 1);
    assert.equal(cells % grid.columns, 0, `${grid.stories} stories in ${grid.columns} columns leave no empty slot`);
  }
  await page.screenshot({ path: join(screenshots, 'front-home-1280.png'), fullPage: true });

  // "More from" and "Related stories" on an article page of every section: no row with empty slots either.
  const published = await app.database.db.selectFrom('articles').innerJoin('sections', 'sections.id', 'articles.section_id').select(['articles.slug', 'sections.slug as section']).where('articles.status', '=', 'published').execute();
  const onePerSection = [...new Map(published.map((a) => [a.section, a])).values()];
  for (const article of onePerSection) {
    await page.goto(`${base}/${encodeURIComponent(article.section)}/${encodeURIComponent(article.slug)}`, { waitUntil: 'load' });
    for (const grid of (await measure(page)).grids) assert.equal(grid.stories % grid.columns, 0, `/${article.section}/…: ${grid.stories} stories in ${grid.columns} columns`);
  }
  assert.deepEqual(errors, []);
});

test('[390] section rails become a compact list and the phone home page is far shorter', { skip }, async () => {
  const { page, errors } = await open(390, 844);
  await page.goto(base + '/', { waitUntil: 'load' });
  await loadLazyPictures(page);
  const layout = await measure(page);
  console.log(`# 390 px: home page ${layout.height} px (before: 8,636 px for the demo's 24 stories)`);
  assert.ok(layout.height < 5600, `the phone home page is ${layout.height} px`);
  const rails = await page.locator('.rail--compact').count();
  assert.ok(rails >= 5, `${rails} rails`);
  assert.ok(layout.railPicturesShown <= rails, 'at most one small picture per rail');
  assert.equal(await page.locator('.rail--compact .teaser-standfirst').first().isVisible(), false, 'headlines and times only');
  await page.screenshot({ path: join(screenshots, 'front-home-390.png'), fullPage: true });
  assert.deepEqual(errors, []);
});

for (const [width, dpr] of [
  [1280, 1],
  [1280, 2],
  [1024, 2],
  [390, 1],
  [390, 2],
  [390, 3],
] as const) {
  test(`[${width} px, ${dpr}×] the lead picture is fetched at the width its slot needs`, { skip }, async () => {
    const { page } = await open(width, 900, dpr);
    await page.goto(base + '/', { waitUntil: 'load' });
    await page.waitForFunction(() => (document.querySelector('.teaser--lead img') as HTMLImageElement).complete);
    const { lead } = await measure(page);
    console.log(`# ${width} px at ${dpr}×: the lead is drawn ${Math.round(lead.drawn)} px wide; Chromium fetched the ${lead.chosen} px file`);
    assert.equal(lead.chosen, fitting(lead.widths, lead.drawn, dpr), `drawn ${lead.drawn} px at ${dpr}× needs ${Math.round(lead.drawn * dpr)} px of ${lead.widths.join(', ')}`);
  });
}

test('a breaking banner shows at the top while it lasts, and the home page has no serious axe violations', { skip }, async () => {
  const saved = await app.services.frontPage.details();
  await app.services.frontPage.save({ lead: null, top: [], rails: saved.rails, breaking: { text: 'Polls close at 6 pm: follow the count live', url: '/news', expiresAt: null } }, { version: saved.version, savedBy: 'Test' });
  await app.announceChange();
  for (const [width, height] of [
    [390, 844],
    [1280, 900],
  ] as const) {
    const { page, errors } = await open(width, height);
    await page.goto(base + '/', { waitUntil: 'load' });
    const banner = page.getByRole('region', { name: 'Breaking news' });
    assert.equal(await banner.getByRole('link', { name: 'Polls close at 6 pm: follow the count live' }).getAttribute('href'), '/news');
    const box = await banner.boundingBox();
    assert.ok(box && box.y < 200, 'the banner is at the top of the page');
    assert.deepEqual(await axeViolations(page), [], `no serious violations at ${width} px`);
    await page.screenshot({ path: join(screenshots, `front-home-breaking-${width}.png`) });
    assert.deepEqual(errors, []);
  }
});

/** Three published demo stories with pictures, oldest first: far from the top today, so any change shows. */
async function oldStories(): Promise<string[]> {
  const rows = await app.database.db.selectFrom('articles').select('headline').where('status', '=', 'published').where('hero_media_id', 'is not', null).where('language', '=', 'en').orderBy('published_at', 'asc').limit(4).execute();
  return rows.map((r) => r.headline);
}

/** Types into the story search and waits until the list shows only stories matching `headline`. */
async function find(page: Page, headline: string) {
  const search = page.getByLabel('Find a story by headline');
  await search.fill('');
  await search.focus();
  await page.keyboard.type(headline.split(' ').slice(0, 4).join(' '));
  await page.waitForFunction((h) => {
    const items = [...document.querySelectorAll('.front-result .pin-headline')];
    return items.length === 1 && items[0]!.textContent === h;
  }, headline);
}

test('an editor pins a lead by keyboard, orders top stories by keyboard and by drag, saves, and the home page follows', { skip }, async () => {
  const [lead, first, second, third] = await oldStories();
  const { page, errors } = await open(1280, 900);
  // The editor's browser is in New York; the site's clock is Kolkata's.
  await (await page.context().newCDPSession(page)).send('Emulation.setTimezoneOverride', { timezoneId: 'America/New_York' });
  page.on('console', (m) => {
    // The session probe before signing in answers 401 by design.
    if (m.type() === 'error' && /status of 401/.test(m.text())) errors.splice(errors.indexOf(m.text()), 1);
  });
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Email').fill('ed@example.com');
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('link', { name: 'Front page' }).click();
  await page.getByRole('heading', { name: 'Front page', level: 1 }).waitFor();

  // The lead, by keyboard alone: type, Tab to the result's "Lead" button, Enter.
  await find(page, lead!);
  await page.keyboard.press('Tab');
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Make “${lead}” the lead`);
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: `${lead} is the lead` }).waitFor();
  const leadBlock = page.getByRole('region', { name: 'Lead' });
  assert.equal(await leadBlock.locator('.pin-headline').innerText(), lead);
  // An expiry is typed in the site's time zone (Asia/Kolkata here), whatever the browser's is.
  await leadBlock.getByLabel('Unpin the lead at').fill('2030-01-01T18:00');

  for (const headline of [first!, second!, third!]) {
    await find(page, headline);
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
  }
  const order = () => page.getByRole('list', { name: 'Top stories in order' }).locator('.pin-headline').allInnerTexts();
  assert.deepEqual(await order(), [first, second, third]);

  // Move the third up by keyboard: announced, and focus stays on the button for another press.
  await page.getByRole('button', { name: `Move ${third} up (now 3 of 3)` }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: `${third} moved to position 2 of 3` }).waitFor();
  assert.deepEqual(await order(), [first, third, second]);
  assert.equal(await page.evaluate(() => document.activeElement?.getAttribute('aria-label')), `Move ${third} up (now 2 of 3)`);

  // Drag the last row's handle onto the first row (both in view: a drag that has to scroll the page is a different test).
  await page.setViewportSize({ width: 1280, height: 1600 });
  const rows = page.getByRole('list', { name: 'Top stories in order' }).locator(':scope > li');
  await page.evaluate('window.scrollTo(0, 0)');
  await rows.nth(2).locator('.drag-handle').dragTo(rows.nth(0));
  assert.deepEqual(await order(), [second, first, third]);

  await page.screenshot({ path: join(screenshots, 'front-page-screen-1280.png'), fullPage: true });
  assert.deepEqual(await axeViolations(page), [], 'the front-page screen has no serious violations');
  await page.getByRole('button', { name: 'Save front page' }).focus();
  await page.keyboard.press('Enter');
  await page.getByRole('status').filter({ hasText: 'Front page saved' }).waitFor();
  const stored = await app.services.frontPage.current();
  assert.equal(stored?.arrangement.lead?.expiresAt, '2030-01-01T12:30:00.000Z', '18:00 in Kolkata');

  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: join(screenshots, 'front-page-screen-390.png'), fullPage: true });

  await page.goto(base + '/', { waitUntil: 'load' });
  assert.equal(await page.locator('.teaser--lead .teaser-title').innerText(), lead);
  assert.deepEqual((await page.locator('.front-top .teaser-title').allInnerTexts()).slice(0, 3), [second, first, third]);
  assert.deepEqual(errors, []);
});
