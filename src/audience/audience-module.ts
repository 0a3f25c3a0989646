import type { Kysely } from 'kysely';
import type { Database } from '../db/index.js';
import type { Clock } from '../shared/clock.js';
import { createViewCounter } from './view-counter.js';

export interface AudienceDeps {
  db: Kysely<Database>;
  clock: Clock;
  /** The calendar day of an instant in the site's time zone (views are counted per day). */
  dayKey: (date: Date) => string;
}

/** What readers read: the view counter. */
export function createAudienceModule({ db, clock, dayKey }: AudienceDeps) {
  return { views: createViewCounter({ db, clock, dayKey }) };
}

export type AudienceModule = ReturnType<typeof createAudienceModule>;
