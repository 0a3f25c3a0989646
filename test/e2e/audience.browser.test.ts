import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { chromiumAvailable, openPage, signInToDesk } from '../support/browser.js';
import { testDatabases } from '../support/databases.js';
import { createTestApp, publishStory, type TestApp } from '../support/test-app.js';

/**
 * Views as readers and editors see them: the counter on a page served from the cache is put
 * right by the beacon's answer, and the desk draws its analytics and keeps the live view moving.
 */
const enabled = chromiumAvailable();
const skip = !enabled && 'Chromium not installed';
const screenshots = new URL('../../test-output/screenshots/', import.meta.url).pathname;
const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const PASSWORD = 'a long desk password';
const OTHER_READER = 'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.0 Mobile/15E148 Safari/604.1';
let app: TestApp;
let base = '';
let story: { id: string; path: string };

/** A reader somewhere else: a beacon sent straight to the server. */
async function otherReader(n: number, referrer = 'https://www.google.com/') {
  const res = await app.app.inject({ method: 'POST', url: `/api/views/${story.id}`, remoteAddress: `198.51.100.${n}`, headers: { 'user-agent': OTHER_READER, 'content-type': 'text/plain' }, payload: JSON.stringify({ referrer }) });
  assert.equal(res.json().counted, true);
}

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const result = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  });
  return result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')}`);
}

before(async () => {
  if (!enabled) return;
  mkdirSync(screenshots, { recursive: true });
  const [sqlite] = await testDatabases();
  app = await createTestApp(sqlite!, { PORT: '0', HOST: '127.0.0.1' });
  const { article, section } = await publishStory(app, { headline: 'Tide tables rewritten' });
  story = { id: article.id, path: `/${section.slug}/${article.slug}` };
  await app.services.users.add({ email: 'ed@example.com', name: 'Ed Itor', role: 'editor', password: PASSWORD });
  base = (await app.listen()).replace('[::1]', '127.0.0.1');
});

after(async () => {
  if (enabled) await app.close();
});

test('the counter on a page from the cache shows the right number once the beacon answers, and a reload does not add one', { skip }, async () => {
  // The page is cached while the story has no views…
  const cached = await fetch(base + story.path).then((r) => r.text());
  assert.match(cached, />0 Views</);
  // … then three readers elsewhere read it; their views are written, the cached page still says 0.
  for (const n of [1, 2, 3]) await otherReader(n);
  await app.services.views.flush();
  const { context, page, errors } = await openPage({ width: 390, height: 844 });
  try {
    const response = await page.goto(base + story.path, { waitUntil: 'load' });
    assert.match(await response!.text(), />0 Views</, 'the HTML came from the page cache');
    await page.waitForFunction(() => document.querySelector('.views')?.textContent === '4 Views');
    await page.reload({ waitUntil: 'load' });
    await page.waitForFunction(() => document.querySelector('.views')?.textContent === '4 Views');
    // Give a wrongly counted reload the time to show up.
    await page.waitForTimeout(300);
    assert.equal(await page.locator('.views').textContent(), '4 Views', 'the reload is the same reader on the same day');
    await app.services.views.flush();
    const row = await app.database.db.selectFrom('articles').select('views').where('id', '=', story.id).executeTakeFirstOrThrow();
    assert.equal(Number(row.views), 4, 'counted = stored');
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});

test('the analytics screen draws its charts with text alternatives, the live view updates itself, and the story editor shows its readers', { skip }, async () => {
  const { context, page, errors } = await openPage({ width: 1280, height: 1000 });
  try {
    await signInToDesk(page, base, 'ed@example.com', PASSWORD);
    await page.getByRole('link', { name: 'Analytics' }).click();
    await page.getByRole('heading', { name: 'Analytics', level: 1 }).waitFor();
    // Live, views over time, referrers and devices: four drawn charts.
    await page.waitForFunction(() => document.querySelectorAll('.chart-canvas canvas').length >= 4);
    assert.ok(await page.locator('figure.chart table.visually-hidden').count() >= 4, 'each chart has a table for screen readers');
    assert.match((await page.locator('figure.chart figcaption').first().textContent()) ?? '', /views/);
    const live = page.getByTestId('live-total');
    const before = Number((await live.textContent())!.replace(/,/g, ''));
    await otherReader(20);
    await otherReader(21, 'https://news.google.com/');
    // Written within a second, picked up by the next refresh (every 5 s).
    await page.waitForFunction((expected) => document.querySelector('[data-testid="live-total"]')?.textContent === String(expected), before + 2, { timeout: 15_000 });
    await page.getByRole('button', { name: 'Pause updates' }).click();
    assert.equal(await page.getByRole('button', { name: 'Resume updates' }).getAttribute('aria-pressed'), 'true');
    await page.screenshot({ path: `${screenshots}analytics-1280.png`, fullPage: true });
    assert.deepEqual(await seriousViolations(page), [], 'the analytics screen has no serious accessibility violations');

    // Another granularity redraws; a story's own chart from Top stories.
    await page.getByLabel('Chart by').selectOption('hour');
    await page.locator('[data-chart="Views per hour"] canvas').first().waitFor();
    await page.getByRole('button', { name: /Chart the views of/ }).first().click();
    await page.getByRole('heading', { name: /Views over time: Tide tables rewritten/ }).waitFor();

    await page.goto(`${base}/admin/stories/${story.id}`);
    await page.getByRole('heading', { name: 'Readers' }).waitFor();
    await page.waitForFunction(() => document.querySelectorAll('.readers-panel canvas').length >= 1);
    assert.equal(await page.getByTestId('readers-total').textContent(), '6');
    await page.locator('.readers-panel').screenshot({ path: `${screenshots}analytics-story-readers.png` });
    assert.deepEqual(errors, []);
  } finally {
    await context.close();
  }
});
