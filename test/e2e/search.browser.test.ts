import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';
import { testDatabases } from '../support/databases.js';
import { createTestApp, paragraphs, publishStory, type TestApp } from '../support/test-app.js';
import { CHROMIUM_PATH, chromiumAvailable } from '../support/browser.js';

const screenshots = new URL('../../test-output/screenshots/', import.meta.url).pathname;
const enabled = chromiumAvailable();
let app: TestApp;
let base = '';
let context: BrowserContext;

before(async () => {
  if (!enabled) return;
  const [sqlite] = await testDatabases();
  app = await createTestApp(sqlite!);
  await publishStory(app, { headline: 'Monsoon reaches Kerala early', body: paragraphs('The monsoon arrived over Kerala on Friday.') });
  await publishStory(app, { headline: 'Monsoon session of parliament opens', section: 'Politics', body: paragraphs('The monsoon session began with a debate.') });
  await app.announceChange();
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
  const { chromium } = await import('playwright-core');
  // No JavaScript at all: the search must work as a plain GET form.
  context = await chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'dateline-chromium-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    javaScriptEnabled: false,
    viewport: { width: 1280, height: 900 },
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

after(async () => {
  if (!enabled) return;
  await context.close();
  await app.close();
});

test('a reader searches from the header and narrows by section, with JavaScript off', { skip: !enabled && 'no Chromium' }, async () => {
  const page = context.pages()[0] ?? (await context.newPage());
  await page.goto(`${base}/`);
  await page.getByLabel('Search the site').fill('monsoon');
  await page.getByLabel('Search the site').press('Enter');
  await page.waitForURL(/\/search\?q=monsoon$/);
  const results = page.locator('.search-hit h2');
  assert.equal(await results.count(), 2);
  assert.equal(await page.locator('.search-hit h2 mark').first().textContent(), 'Monsoon');
  // One rule between two results: the date once took the article page's bordered meta block, and
  // each result showed three lines.
  const rules = await page.locator('.search-hit').first().evaluate((hit) =>
    [hit, ...hit.querySelectorAll('*')].flatMap((el) => ['top', 'bottom'].filter((side) => getComputedStyle(el).getPropertyValue(`border-${side}-style`) !== 'none').map((side) => `${el.tagName.toLowerCase()}.${el.className} ${side}`)),
  );
  assert.deepEqual(rules, ['article.search-hit bottom']);
  assert.match(await page.locator('.search-hit .hit-date time').first().textContent() ?? '', /^\w{3}, \d{1,2} \w{3} \d{4}$/);

  await page.locator('select[name=section]').selectOption('politics');
  await page.getByRole('button', { name: 'Search', exact: true }).last().click();
  await page.waitForURL(/section=politics/);
  assert.deepEqual(await page.locator('.search-hit h2').allTextContents(), ['Monsoon session of parliament opens']);
  assert.equal(await page.getByLabel('Search for').inputValue(), 'monsoon', 'the query stays in the form');
  mkdirSync(screenshots, { recursive: true });
  await page.screenshot({ path: join(screenshots, 'search-no-js.png'), fullPage: true });
});
