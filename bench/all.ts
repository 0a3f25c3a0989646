// `npm run bench`: every benchmark of the public side, one after another, each in its own
// process (so one's heap and caches do not colour the next), each with its node:http reference
// measured in the same run:
//
//   article-page.ts    the article page, served and with the page cache off
//   view-beacons.ts    view beacons one process takes a second, with counted = stored
//   content-api.ts     the Content API's /posts/?include=authors,tags
//   feeds-sitemaps.ts  sitemap index, one month's sitemap and the site RSS over 100,000 stories
//   search.ts          reader search over 100,000 stories, p50/p95 per query, SQLite and PostgreSQL
//   entities.ts        entity extraction per 1,000-word story, and its first-call cost
//   ingest.ts          wire ingest items per second (decode → parse → normalise → dedupe → queue), RSS and ninjs
//
// Each can be run alone (`npm run bench:page`, `bench:views`, `bench:content-api`, `bench:feeds`).
// The run stops at the first that fails (a benchmark fails when what it checks does not hold,
// such as counted ≠ stored).
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';

const BENCHES = ['article-page.ts', 'view-beacons.ts', 'content-api.ts', 'feeds-sitemaps.ts', 'search.ts', 'entities.ts', 'ingest.ts'];
const here = new URL('.', import.meta.url).pathname;

for (const script of BENCHES) {
  console.log(`\n===== ${script} =====`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(here, script)], { stdio: 'inherit' });
  if (run.status !== 0) {
    console.error(`bench: ${script} failed (exit ${run.status ?? run.signal})`);
    process.exit(run.status ?? 1);
  }
}
