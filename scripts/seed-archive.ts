// `npm run seed:archive -- 100000`: adds that many published stories with a year of views to the
// configured database (DATABASE_URL, else SQLite in DATA_DIR), then indexes them for search, so
// the site can be measured at an archive's size (issue 10, part 7). Run it on a database made for
// the purpose: it adds to what is there and cannot be undone except by deleting the database.
import { sql } from 'kysely';
import { loadConfig } from '../src/config/index.js';
import { createDatabase } from '../src/db/index.js';
import { createContentModule } from '../src/content/index.js';
import { createSearchModule } from '../src/search/index.js';
import { createTimeKeys } from '../src/audience/zoned-time.js';
import { systemClock } from '../src/shared/clock.js';
import { createIdGenerator } from '../src/shared/ids.js';
import { writeArchive } from '../src/server/seed-archive.js';

const raw = process.argv[2] ?? '100000';
if (!/^[0-9]{1,7}$/.test(raw) || Number(raw) < 1 || Number(raw) > 1_000_000) {
  process.stderr.write(`seed:archive: the number of stories must be a whole number from 1 to 1,000,000 (got ${JSON.stringify(raw)})\n`);
  process.exit(2);
}
const stories = Number(raw);
const config = loadConfig();
const database = createDatabase(config.database);
try {
  await database.migrate();
  const { directory } = createContentModule({ db: database.db, clock: systemClock, newId: createIdGenerator() });
  let started = performance.now();
  let shown = 0;
  const result = await writeArchive({
    db: database.db,
    directory,
    stories,
    now: Date.now(),
    timeKeys: createTimeKeys(() => config.site.timeZone),
    onProgress: (written) => {
      if (written - shown >= 10_000 || written === stories) {
        shown = written;
        process.stdout.write(`  ${written.toLocaleString('en')} stories written\n`);
      }
    },
  });
  process.stdout.write(`Wrote ${result.stories.toLocaleString('en')} stories with ${result.views.toLocaleString('en')} views in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
  started = performance.now();
  const indexed = await createSearchModule({ db: database.db, capabilities: database.capabilities }).catchUp();
  // Vacuum too: a table just written has no visibility map, and counts read every row (57 ms at 100,000 stories, 11 ms after).
  if (config.database.kind === 'postgres') await sql`vacuum (analyze)`.execute(database.db);
  else await database.refreshStatistics();
  process.stdout.write(`Indexed ${indexed.toLocaleString('en')} stories for search in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
} finally {
  await database.close();
}
