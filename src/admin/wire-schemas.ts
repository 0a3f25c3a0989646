import { z } from 'zod';

/**
 * The wire desk's answers that several routes share (src/admin/routes/source-routes.ts and
 * incoming-routes.ts); response-schemas.ts names them as components of the OpenAPI document.
 */
const dateTime = z.string().meta({ format: 'date-time' });

export const WireSource = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(['rss', 'ninjs', 'folder']),
  url: z.string().nullable(),
  folder: z.string().nullable(),
  intervalMinutes: z.number().int(),
  sectionSlug: z.string().nullable(),
  credit: z.string().nullable(),
  autoPublish: z.boolean(),
  paused: z.boolean(),
  keepHours: z.number().int(),
  createdAt: dateTime,
  health: z.object({
    lastPolledAt: dateTime.nullable(),
    lastSuccessAt: dateTime.nullable(),
    lastErrorAt: dateTime.nullable(),
    lastError: z.string().nullable(),
    lastErrorReason: z.string().nullable().describe('A stable reason: forbidden_address, timeout, too_large, malformed_xml, dtd_refused, no_body, unknown_namespace, …'),
    itemsTaken: z.number().int().describe('Items taken into the Incoming queue from this source, all time'),
    itemsSkipped: z.number().int().describe('Items set aside for a reason other than being duplicates'),
    consecutiveFailures: z.number().int(),
    nextPollAt: dateTime,
  }),
});

export const IncomingItem = z.object({
  id: z.string(),
  sourceId: z.string(),
  sourceName: z.string(),
  link: z.string().nullable().describe("The original's address"),
  headline: z.string(),
  byline: z.string(),
  standfirst: z.string(),
  sectionSlug: z.string().nullable(),
  groupId: z.string().describe('Items that are rewrites of the same story share a group'),
  groupSize: z.number().int(),
  pictures: z.array(z.object({ href: z.string(), caption: z.string().nullable(), credit: z.string().nullable() })),
  receivedAt: dateTime,
  expiresAt: dateTime,
  state: z.enum(['queued', 'taken', 'dismissed', 'expired', 'withdrawn']),
  articleId: z.string().nullable(),
});

