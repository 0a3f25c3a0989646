import { setTimeout as sleep } from 'node:timers/promises';
import { coalescedTask } from '../shared/coalesced-task.js';

interface AssetChangeDeps {
  siteState: {
    assetBumpState(): Promise<{ generation: number; bumpedAt: number }>;
    bumpForAssets(expected: number, at: number): Promise<boolean>;
  };
  /** After a run's bump, or another process's that covered it: refresh this node's caches and tell the others. */
  afterBump(): Promise<void>;
  intervalMs: number;
}

/**
 * Announces what background work made (a picture's sizes, share cards, the demo's pictures): pages
 * change only in which image files they name. Each batch reports, and every bump of the content
 * generation retires every cached page in every process, so reports are coalesced across all
 * processes and nodes to about one bump per `intervalMs`:
 *
 * - in this process, `coalescedTask` joins reports into one run at most once per interval;
 * - a run bumps only if no process bumped since the reports read the generation (their change was
 *   committed before that read, so any later bump covers it), and waits first while another
 *   process's asset bump is younger than the interval (at most one interval: clocks of different
 *   nodes may disagree, and the wait only paces bumps; the compare-and-set keeps them correct).
 *
 * `changed()` settles once a bump covers the caller's change.
 */
export function createAssetChanges({ siteState, afterBump, intervalMs }: AssetChangeDeps) {
  /** The highest generation a report has read; a bump past it covers every report so far. */
  let reported = -1;

  const task = coalescedTask(
    async () => {
      const covers = reported;
      let state = await siteState.assetBumpState();
      const wait = state.bumpedAt + intervalMs - Date.now();
      if (state.generation <= covers && wait > 0) {
        await sleep(Math.min(wait, intervalMs));
        state = await siteState.assetBumpState();
      }
      // Compare-and-set: a lost race means another process bumped after our reports' read.
      while (state.generation <= covers && !(await siteState.bumpForAssets(state.generation, Date.now()))) {
        state = await siteState.assetBumpState();
      }
      // Also when another process's bump covered our change: this node's caches follow now,
      // not at the next poll, so a caller that awaited `changed()` sees its pictures.
      await afterBump();
    },
    { intervalMs },
  );

  return {
    async changed(): Promise<void> {
      const { generation } = await siteState.assetBumpState();
      reported = Math.max(reported, generation);
      return task.request();
    },
    flush: () => task.flush(),
  };
}
