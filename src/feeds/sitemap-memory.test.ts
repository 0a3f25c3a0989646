import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { testDatabases } from '../../test/support/databases.js';
import { insertPictures, insertStories } from '../../test/support/bulk-stories.js';
import { createDirectoryService } from '../content/index.js';
import { createMediaRepo } from '../media/index.js';
import { createManualClock } from '../shared/clock.js';
import { createIdGenerator } from '../shared/ids.js';
import { createSitemapBuilder } from './sitemap-builder.js';
import { createSitemapRepo } from './sitemap-repo.js';

// A collector we can call between chunks, so what we measure is memory still in use, not garbage.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/**
 * Writes a sitemap into a sink that only counts bytes (as a socket would take them), collecting
 * garbage after every chunk; returns the bytes written and the most heap in use above the start.
 */
async function measure(chunks: AsyncIterable<string>): Promise<{ bytes: number; peakGrowth: number }> {
  gc();
  const base = process.memoryUsage().heapUsed;
  let peak = 0;
  let bytes = 0;
  for await (const chunk of chunks) {
    bytes += Buffer.byteLength(chunk);
    gc();
    peak = Math.max(peak, process.memoryUsage().heapUsed - base);
  }
  return { bytes, peakGrowth: peak };
}

// One dialect is enough: this checks the builder's shape (batches, nothing kept), which is the same on both.
const [sqlite] = (await testDatabases()).filter((d) => d.name === 'sqlite');

test('writing the sitemap of a 20,000-story month holds one batch in memory, not the month', async (t) => {
  const handle = await sqlite!.create();
  try {
    const { db } = handle;
    const directory = createDirectoryService({ db, clock: createManualClock('2025-06-01T00:00:00Z'), newId: createIdGenerator() });
    const section = await directory.ensureSection('News');
    const person = await directory.ensurePerson('Asha Rao');
    const pictures = await insertPictures(db, 20);
    const start = new Date('2025-06-01T00:00:00Z');
    const builder = createSitemapBuilder({ repo: createSitemapRepo(db), mediaViews: (ids) => createMediaRepo(db).views(ids), siteUrl: 'https://news.example.com', pageSize: 50_000, batchSize: 1000 });

    await insertStories(db, { count: 2_000, start, stepMs: 60_000, sectionIds: [section.id], personIds: [person.id], mediaIds: pictures, slugPrefix: 'small' });
    const small = await measure((await builder.month('2025-06', 1))!.chunks);
    await insertStories(db, { count: 18_000, start, stepMs: 60_000, sectionIds: [section.id], personIds: [person.id], mediaIds: pictures, slugPrefix: 'large' });
    const large = await measure((await builder.month('2025-06', 1))!.chunks);

    t.diagnostic(`2,000 stories: ${small.bytes} bytes, peak heap +${small.peakGrowth}; 20,000 stories: ${large.bytes} bytes, peak heap +${large.peakGrowth}`);
    assert.ok(large.bytes > 9 * small.bytes && large.bytes > 4_000_000, `the month grew tenfold: ${small.bytes} → ${large.bytes} bytes`);
    // Held at once: one batch of 1,000 rows and its text (~0.3 MB), whatever the month's size.
    assert.ok(large.peakGrowth < 2_500_000, `peak heap growth ${large.peakGrowth} bytes for a ${large.bytes}-byte sitemap`);
    assert.ok(large.peakGrowth < small.peakGrowth + 1_500_000, `memory does not grow with the archive: ${small.peakGrowth} → ${large.peakGrowth} bytes`);
  } finally {
    await handle.close();
  }
});
