import type { Logger } from 'pino';
import type { ArticleService } from '../content/index.js';

/**
 * The scheduler's one job: publish stories whose time has come. Each story is
 * claimed by a conditional update, so several processes running this job on one
 * database still publish it exactly once. Because the schedule lives in the
 * database, a restart misses nothing: the first tick publishes what fell due.
 */
export function createPublishScheduledJob(deps: { articles: ArticleService; log: Logger; afterPublish: (ids: string[]) => Promise<void> }) {
  return async function publishScheduled(): Promise<number> {
    const published = await deps.articles.publishDue();
    if (published.length) {
      deps.log.info({ ids: published }, 'scheduled stories published');
      await deps.afterPublish(published);
    }
    // Anything published: look again at once, since a batch holds at most 50 and a site back from
    // a stop may have more waiting (in the chaos test, more than one batch took two ticks 5 s apart,
    // and on a loaded machine the second came after its deadline). Zero: wait for the next tick.
    return published.length;
  };
}
