import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';

/**
 * Leases on background work that runs in one process only (the wire poller, the search index's
 * catch-up). Taking one is one statement — an insert of the lease's row that, when the row is
 * there, updates it only if the lease is free, lapsed or already ours — so of several processes
 * sharing a database exactly one holds it; a process that dies simply lets it lapse. A new kind
 * of work needs no migration: its row is made by the first `take`. The same pattern as the media
 * module's claims on background work (media-repo.ts `claim`).
 */
export function createLeaseRepo(db: Kysely<Database>) {
  return {
    async take(name: string, holder: string, nowIso: string, untilIso: string): Promise<boolean> {
      const result = await db
        .insertInto('work_leases')
        .values({ name, holder, until: untilIso })
        .onConflict((oc) =>
          oc
            .column('name')
            .doUpdateSet({ holder, until: untilIso })
            .where((eb) => eb.or([eb('work_leases.holder', 'is', null), eb('work_leases.holder', '=', holder), eb('work_leases.until', '<', nowIso)])),
        )
        .executeTakeFirst();
      return Number(result.numInsertedOrUpdatedRows) === 1;
    },
    async release(name: string, holder: string): Promise<void> {
      await db.updateTable('work_leases').set({ holder: null, until: '' }).where('name', '=', name).where('holder', '=', holder).execute();
    },
    async holder(name: string): Promise<{ holder: string | null; until: string } | null> {
      return (await db.selectFrom('work_leases').select(['holder', 'until']).where('name', '=', name).executeTakeFirst()) ?? null;
    },
  };
}

export type LeaseRepo = ReturnType<typeof createLeaseRepo>;
