import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { BrowserContext } from 'playwright-core';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Whether the browser suite can run. Without Chromium it says so in one line and the
 * rest of the suite runs — except under CI=true, where a missing browser is a failure.
 */
export function chromiumAvailable(): boolean {
  if (process.env.DATELINE_TEST_BROWSER === 'off') return false;
  if (existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI === 'true') throw new Error(`Chromium is required under CI but ${CHROMIUM_PATH} does not exist (.ci/run installs it)`);
  console.log(`# Chromium not found at ${CHROMIUM_PATH}: skipping the browser tests (install Debian's chromium to run them)`);
  return false;
}

/**
 * Debian's Chromium through playwright-core. `launch()` refuses --user-data-dir,
 * so a persistent context on a temp dir it is; the network flags stop Chromium
 * from calling home on a machine with no internet.
 */
export async function launchBrowser(viewport: { width: number; height: number }, options: { timezoneId?: string; userAgent?: string } = {}): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(mkdtempSync(join(tmpdir(), 'dateline-chromium-')), {
    executablePath: CHROMIUM_PATH,
    headless: true,
    viewport,
    ...(options.timezoneId ? { timezoneId: options.timezoneId } : {}),
    // Headless Chromium announces itself as HeadlessChrome, which the view counter rightly treats as a bot.
    userAgent: options.userAgent ?? 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0.0.0 Safari/537.36',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/**
 * A fresh browser page that collects console errors and uncaught page errors, except the
 * answers the test expects (by default the editor app's 401 while it checks for a session).
 */
export async function openPage(viewport: { width: number; height: number }, options: { timezoneId?: string; expected?: RegExp } = {}) {
  const context = await launchBrowser(viewport, options);
  const page = context.pages()[0] ?? (await context.newPage());
  const errors: string[] = [];
  const expected = options.expected ?? /status of 401/;
  page.on('console', (m) => {
    if (m.type() === 'error' && !expected.test(m.text())) errors.push(m.text());
  });
  page.on('pageerror', (e) => errors.push(e.message));
  return { context, page, errors };
}

/** Signs in through the editor app's own form and waits for the story list. */
export async function signInToDesk(page: import('playwright-core').Page, base: string, email: string, password: string): Promise<void> {
  await page.goto(`${base}/admin/`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('heading', { name: 'Stories', level: 1 }).waitFor();
}
