import type { Generated } from 'kysely';

// The wire and background work: sources, the Incoming queue, work leases and entity suggestions.
// Part of the typed schema: `Database` in schema.ts names every table.

export type WireSourceKind = 'rss' | 'ninjs' | 'folder';

/** A wire or press-release source (src/ingest): what to poll, how often, and how it went. */
export interface WireSourceTable {
  id: string;
  name: string;
  kind: WireSourceKind;
  url: string | null;
  /** For `folder` sources: a path under INGEST_FOLDER_ROOT. */
  folder: string | null;
  interval_minutes: Generated<number>;
  section_slug: string | null;
  /** The agency or issuing body, used as the story's source and the pictures' credit. */
  credit: string | null;
  auto_publish: Generated<number>;
  paused: Generated<number>;
  /** Hours a queued item stays before it expires. */
  keep_hours: Generated<number>;
  created_at: string;
  last_polled_at: string | null;
  last_success_at: string | null;
  last_error_at: string | null;
  last_error: string | null;
  last_error_reason: string | null;
  items_taken: Generated<number>;
  items_skipped: Generated<number>;
  consecutive_failures: Generated<number>;
  next_poll_at: string;
  etag: string | null;
  last_modified: string | null;
}

/** `withdrawn`: the agency withheld or cancelled the item (it left the queue; a story made from it was taken down). */
export type IncomingState = 'queued' | 'taken' | 'dismissed' | 'expired' | 'withdrawn';

/** One item in the Incoming queue; unique per source and item key (guid, uri or link). */
export interface IncomingItemTable {
  id: string;
  source_id: string;
  item_key: string;
  link: string | null;
  headline: string;
  byline: Generated<string>;
  standfirst: Generated<string>;
  /** The body document as JSON text, cleaned by htmlToDocument. */
  body: string;
  /** Lower-cased headline, byline and text, for the queue's text filter. */
  search_text: Generated<string>;
  /** JSON array of { href, caption, credit }. */
  pictures: Generated<string>;
  /** The normalised item (IncomingStory + link) as JSON, for Take. */
  payload: string;
  section_slug: string | null;
  /** Near-duplicates share a group id (the id of the group's first item). */
  group_id: string;
  /** MinHash signature of the content words (src/ingest/near-duplicates.ts); '' for rows from before it. */
  minhash: Generated<string>;
  /** The signature's first eight values (signed 32-bit), indexed: near-duplicate candidates share one. */
  band0: number;
  band1: number;
  band2: number;
  band3: number;
  band4: number;
  band5: number;
  band6: number;
  band7: number;
  received_at: string;
  expires_at: string;
  state: Generated<IncomingState>;
  article_id: string | null;
  handled_by: string | null;
  handled_at: string | null;
}

/** A lease on background work that runs in one process only, taken with a conditional UPDATE. */
export interface WorkLeaseTable {
  name: string;
  holder: string | null;
  until: Generated<string>;
}

/** A suggested tag for a story (src/entities): found by extraction, then accepted or rejected by an editor. */
export interface EntitySuggestionTable {
  id: string;
  article_id: string;
  kind: 'person' | 'organisation' | 'place' | 'event' | 'thing';
  name: string;
  /** The name folded for comparison (case, accents, stops): one row per story, kind and key. */
  name_key: string;
  /** JSON array of the forms the story used. */
  surfaces: Generated<string>;
  tag_id: string | null;
  state: Generated<'suggested' | 'accepted' | 'rejected'>;
  mentions: Generated<number>;
  created_at: string;
  updated_at: string;
}
