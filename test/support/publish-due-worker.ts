/**
 * A second process for scheduler tests: opens the database given as JSON in argv[2],
 * sets its clock to argv[3], says "ready", waits for a line on stdin (so several
 * workers start together), runs publishDue once and prints { ids } or { error }.
 */
import { createInterface } from 'node:readline';
import { createDatabase, type DatabaseTarget } from '../../src/db/index.js';
import { createArticleService } from '../../src/content/index.js';
import { createManualClock } from '../../src/shared/clock.js';
import { createIdGenerator } from '../../src/shared/ids.js';

const target = JSON.parse(process.argv[2]!) as DatabaseTarget;
const clock = createManualClock(process.argv[3]!);
const handle = createDatabase(target);
const articles = createArticleService({ db: handle.db, clock, newId: createIdGenerator(() => clock.now().getTime()) });
// Warm the connection so the race starts at publishDue, not at connect.
await handle.db.selectFrom('articles').select('id').limit(1).execute();
process.stdout.write('ready\n');
const lines = createInterface({ input: process.stdin });
for await (const _line of lines) break;
try {
  process.stdout.write(`${JSON.stringify({ ids: await articles.publishDue() })}\n`);
} catch (err) {
  process.stdout.write(`${JSON.stringify({ error: String(err) })}\n`);
} finally {
  await handle.close();
}
