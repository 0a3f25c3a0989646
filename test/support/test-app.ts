import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { pino, type Logger } from 'pino';
import { loadConfig } from '../../src/config/index.js';
import { createApp, type DatelineApp } from '../../src/server/create-app.js';
import { createManualClock } from '../../src/shared/clock.js';
import type { DatabaseHandle } from '../../src/db/index.js';
import type { DocNode } from '../../src/doc/index.js';
import type { TestDatabase } from './databases.js';

export interface TestAppOptions {
  /**
   * An open test database to run on instead of a fresh one: a restart, or a second
   * process on the same database. The caller created it and closes it; the app leaves it open.
   */
  database?: DatabaseHandle;
  /** Where the app logs (silent by default): for a test that reads what was logged. */
  log?: Logger;
}

/**
 * A whole Dateline app on a fresh database (SQLite file or PostgreSQL schema)
 * and a temp data folder, with a clock the test moves. Demo content is off so
 * tests see only what they create.
 */
export async function createTestApp(target: TestDatabase, env: Record<string, string> = {}, options: TestAppOptions = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'dateline-app-'));
  const clock = createManualClock('2025-06-27T04:30:00Z');
  // The test database handle gives us a migrated schema; the app connects to the same place.
  const handle: DatabaseHandle = options.database ?? (await target.create());
  const config = loadConfig(
    { DATA_DIR: dataDir, DATELINE_DEMO: '0', SITE_URL: 'https://news.example.com', SITE_NAME: 'The Test Times', SITE_TIMEZONE: 'Asia/Kolkata', LOG_LEVEL: 'silent', ...env },
    dataDir,
  );
  const app: DatelineApp = await createApp({ ...config, database: handle.target }, { log: options.log ?? pino({ level: 'silent' }), clock, backgroundJobs: false });
  return {
    ...app,
    clock,
    dataDir,
    async close() {
      await app.close();
      if (!options.database) await handle.close();
    },
  };
}

export type TestApp = Awaited<ReturnType<typeof createTestApp>>;

export function paragraphs(...texts: string[]): DocNode {
  return { type: 'doc', content: texts.map((text) => ({ type: 'paragraph' as const, content: [{ type: 'text' as const, text }] })) };
}

export async function testPhoto(width = 1600, height = 900): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 30, g: 90, b: 160 } } }).jpeg().toBuffer();
}

/** Creates a section, an author, an agency picture and a published story; returns their ids. */
export async function publishStory(app: TestApp, input: { headline: string; section?: string; author?: string; tags?: string[]; credit?: string; body?: DocNode; standfirst?: string }) {
  const { directory, articles, media } = app.services;
  const section = await directory.ensureSection(input.section ?? 'News');
  const person = await directory.ensurePerson(input.author ?? 'Asha Rao');
  const tagIds = [];
  for (const t of input.tags ?? []) tagIds.push((await directory.ensureTag(t)).id);
  const picture = await media.prepare(await testPhoto(), { alt: 'Rain over the harbour', caption: 'Rain over the harbour on Friday.', credit: input.credit ?? 'MNA', showDisclaimer: input.credit !== 'Staff' });
  await app.database.db.transaction().execute((trx) => picture.commit(trx));
  const draft = await articles.create({
    headline: input.headline,
    standfirst: input.standfirst ?? 'A standfirst that sums the story up.',
    body: input.body ?? paragraphs('The first paragraph of the story.', 'The second paragraph of the story.'),
    sectionId: section.id,
    authorIds: [person.id],
    tagIds,
    heroMediaId: picture.id,
  });
  const published = await articles.publish(draft.id);
  // As the desk does after a public change: every page cache follows now, not at its next one-second check.
  await app.announceChange();
  return { article: published, section, person, mediaId: picture.id };
}
