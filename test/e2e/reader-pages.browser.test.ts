import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import type { ConsoleMessage } from 'playwright-core';
import { loadConfig } from '../../src/config/index.js';
import { createApp, type DatelineApp } from '../../src/server/create-app.js';
import { chromiumAvailable, launchBrowser } from '../support/browser.js';
import { createRequire } from 'node:module';

// Injected through the debugging protocol (page.evaluate), which our Content-Security-Policy rightly
// does not let a <script> tag do.
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Runs axe-core in the page and returns the serious and critical WCAG A/AA violations. */
async function accessibilityViolations(page: import('playwright-core').Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

const screenshots = new URL('../../test-output/screenshots/', import.meta.url).pathname;
const enabled = chromiumAvailable();
let app: DatelineApp;
let base = '';

before(async () => {
  if (!enabled) return;
  mkdirSync(screenshots, { recursive: true });
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-e2e-'));
  const config = loadConfig({ DATA_DIR: dataDir, PORT: '0', DATELINE_DEMO: '1', LOG_LEVEL: 'silent' }, dataDir);
  app = await createApp(config, { log: pino({ level: 'silent' }), backgroundJobs: false });
  await app.finishDemoPictures();
  await app.services.cache.invalidate();
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
});

after(async () => {
  if (enabled) await app.close();
});

/** An agency-credited story from the demo set, with its path and stored views. */
async function agencyStory() {
  return app.database.db
    .selectFrom('articles')
    .innerJoin('sections', 'sections.id', 'articles.section_id')
    .innerJoin('media', 'media.id', 'articles.hero_media_id')
    .select(['articles.id', 'articles.slug', 'articles.views', 'sections.slug as section', 'media.credit'])
    .where('media.show_disclaimer', '=', 1)
    .where('articles.language', '=', 'en')
    .orderBy('articles.published_at', 'desc')
    .executeTakeFirstOrThrow();
}

for (const viewport of [
  // Two readers, not one: the same agent from the same address is one reader, and its second visit is not a new view.
  { name: 'phone', width: 390, height: 844, userAgent: 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Mobile Safari/537.36' },
  { name: 'desktop', width: 1280, height: 900, userAgent: undefined },
]) {
  test(`[${viewport.name}] the home page and an article show the full anatomy with no console errors`, { skip: !enabled && 'Chromium not installed' }, async () => {
    const context = await launchBrowser({ width: viewport.width, height: viewport.height }, { userAgent: viewport.userAgent });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on('console', (msg: ConsoleMessage) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));

      await page.goto(base + '/', { waitUntil: 'load' });
      assert.equal(await page.locator('header.site-header nav.sections a').first().isVisible(), true, 'section navigation is visible');
      assert.equal(await page.locator('.teaser--lead h2').isVisible(), true, 'a lead story is visible');
      assert.ok((await page.locator('.most-read li').count()) >= 3, 'most-read list is filled');
      await page.screenshot({ path: join(screenshots, `home-${viewport.name}.png`), fullPage: false });
      assert.deepEqual(await accessibilityViolations(page), [], 'the home page has no serious accessibility violations');

      const story = await agencyStory();
      // The number readers see now: stored plus counted and not yet written (an earlier test's visit).
      const before = (await (await fetch(`${base}/api/views/${story.id}`)).json()) as { views: number };
      await page.goto(`${base}/${encodeURIComponent(story.section)}/${encodeURIComponent(story.slug)}`, { waitUntil: 'load' });
      for (const selector of ['a.kicker', 'article.story h1', '.meta-dates time', '.meta-byline a[rel=author]', '.views', 'figure.hero img', 'nav.share', '.story-body p', 'p.image-disclaimer', '.topics .chip']) {
        assert.equal(await page.locator(selector).first().isVisible(), true, `${selector} is visible`);
      }
      assert.match(await page.locator('.meta-dates').innerText(), /^Published On \w{3}, \d{1,2} \w{3} \d{4}/);
      assert.equal(await page.locator('p.image-disclaimer').innerText(), `Disclaimer: This image is taken from ${story.credit}.`);
      // The beacon counts this visit and the counter shows the new total.
      await page.waitForFunction((expected) => document.querySelector('.views')?.textContent === expected, `${(before.views + 1).toLocaleString('en-US')} Views`);
      const heroLoaded = await page.locator('figure.hero img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0);
      assert.equal(heroLoaded, true, 'the hero picture loads');
      assert.equal(await page.locator('h1').count(), 1);
      await page.keyboard.press('Tab');
      assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content', 'the first Tab reaches the skip link');
      await page.screenshot({ path: join(screenshots, `article-${viewport.name}.png`), fullPage: false });
      await page.screenshot({ path: join(screenshots, `article-${viewport.name}-full.png`), fullPage: true });
      assert.deepEqual(await accessibilityViolations(page), [], 'the article page has no serious accessibility violations');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
}

/** The demo tag on the most published stories, given a description and other names as the desk would. */
async function busiestTopic(): Promise<string> {
  const { db } = app.database;
  const top = await db
    .selectFrom('article_tags')
    .innerJoin('articles', 'articles.id', 'article_tags.article_id')
    .innerJoin('tags', 'tags.id', 'article_tags.tag_id')
    .select(['tags.id', 'tags.slug', (eb) => eb.fn.countAll<number>().as('n')])
    .where('articles.status', '=', 'published')
    .groupBy(['tags.id', 'tags.slug'])
    .orderBy('n', 'desc')
    .orderBy('tags.slug')
    .executeTakeFirstOrThrow();
  await db.updateTable('tags').set({ description: 'Everything we have reported on this, newest first: <b>plain text</b> & "quotes".', aliases: JSON.stringify(['Another name', 'A third name']) }).where('id', '=', top.id).execute();
  await app.services.siteState.bumpContentGeneration();
  await app.services.cache.invalidate();
  return `/topic/${encodeURIComponent(top.slug)}`;
}

for (const viewport of [
  { name: 'phone', width: 390, height: 844 },
  { name: 'desktop', width: 1280, height: 900 },
]) {
  test(`[${viewport.name}] a topic page shows its description, timeline and related topics with no console errors`, { skip: !enabled && 'Chromium not installed' }, async () => {
    const context = await launchBrowser({ width: viewport.width, height: viewport.height });
    const errors: string[] = [];
    try {
      const page = await context.newPage();
      page.on('console', (msg: ConsoleMessage) => {
        if (msg.type() === 'error') errors.push(msg.text());
      });
      page.on('pageerror', (err) => errors.push(err.message));
      const response = await page.goto(base + (await busiestTopic()), { waitUntil: 'load' });
      assert.equal(response?.status(), 200);
      for (const selector of ['.listing-head h1', '.listing-head .standfirst', '.topic-aka', '.timeline-when', '.timeline-item .teaser-title a', '.topic-related .chip']) {
        assert.equal(await page.locator(selector).first().isVisible(), true, `${selector} is visible`);
      }
      assert.match(await page.locator('.listing-head .standfirst').innerText(), /<b>plain text<\/b> & "quotes"/, 'the description reads as the text it is');
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      assert.ok(overflow <= 0, `nothing is wider than the ${viewport.width} px screen (${overflow} px over)`);
      await page.screenshot({ path: join(screenshots, `topic-${viewport.name}.png`), fullPage: true });
      assert.deepEqual(await accessibilityViolations(page), [], 'the topic page has no serious accessibility violations');
      assert.deepEqual(errors, [], 'no console errors');
    } finally {
      await context.close();
    }
  });
}

/** The path of an author page and a topic page of published demo stories, and a section's. */
async function listingPaths(): Promise<string[]> {
  const { db } = app.database;
  const published = db.selectFrom('articles').select('articles.id').where('articles.status', '=', 'published');
  const author = await db.selectFrom('people').innerJoin('article_authors', 'article_authors.person_id', 'people.id').select('people.slug').where('article_authors.article_id', 'in', published).executeTakeFirstOrThrow();
  const tag = await db.selectFrom('tags').innerJoin('article_tags', 'article_tags.tag_id', 'tags.id').select('tags.slug').where('article_tags.article_id', 'in', published).executeTakeFirstOrThrow();
  const story = await agencyStory();
  return [`/${encodeURIComponent(story.section)}`, `/author/${encodeURIComponent(author.slug)}`, `/topic/${encodeURIComponent(tag.slug)}`];
}

test('section, author and topic pages keep their headings in order (axe heading-order)', { skip: !enabled && 'Chromium not installed' }, async () => {
  const context = await launchBrowser({ width: 1280, height: 900 });
  try {
    const page = await context.newPage();
    for (const path of ['/', ...(await listingPaths())]) {
      const response = await page.goto(base + path, { waitUntil: 'load' });
      assert.equal(response?.status(), 200, path);
      assert.equal(response?.headers()['content-encoding'], 'br', `${path} reaches the browser compressed`);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; nodes: { html: string }[] }[] }> } }).axe;
        return (await axe.run(document, { runOnly: { type: 'rule', values: ['heading-order', 'page-has-heading-one'] } })).violations;
      });
      assert.deepEqual(violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.html).join(' ')}`), [], `${path} heading order`);
    }
  } finally {
    await context.close();
  }
});

test('the native share button stays hidden without the Web Share API, and shares where it exists', { skip: !enabled && 'Chromium not installed' }, async () => {
  const context = await launchBrowser({ width: 390, height: 844 });
  try {
    const story = await agencyStory();
    const url = `${base}/${encodeURIComponent(story.section)}/${encodeURIComponent(story.slug)}`;
    const without = await context.newPage();
    await without.goto(url, { waitUntil: 'load' });
    assert.equal(await without.evaluate(() => typeof navigator.share), 'undefined', 'headless Chromium on Linux has no navigator.share');
    assert.equal(await without.locator('.share-copy').isVisible(), true, 'the share bar itself is shown');
    assert.equal(await without.locator('.share-native').isVisible(), false, 'no button that would do nothing');
    assert.equal(await without.locator('.share li:has(.share-native)').isVisible(), false, 'nor an empty slot for it');

    const withShare = await context.newPage();
    // A string, not a function: tsx compiles functions with a helper the page does not have.
    await withShare.addInitScript(`
      window.shareCalls = [];
      Object.defineProperty(Navigator.prototype, 'share', { configurable: true, value: function (data) { window.shareCalls.push(data); return Promise.resolve(); } });
    `);
    await withShare.goto(url, { waitUntil: 'load' });
    const button = withShare.locator('.share-native');
    await button.waitFor({ state: 'visible' });
    await button.click();
    const calls = await withShare.evaluate(() => (window as unknown as { shareCalls: { title: string; url: string }[] }).shareCalls);
    assert.equal(calls.length, 1, 'one click, one share sheet');
    assert.equal(calls[0]!.url, `${app.config.site.url}/${encodeURIComponent(story.section)}/${encodeURIComponent(story.slug)}`);
    assert.ok(calls[0]!.title.length > 0);
  } finally {
    await context.close();
  }
});
