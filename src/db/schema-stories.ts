import type { ColumnType, Generated } from 'kysely';

// Stories and what they are made of: sections, people, media and their variants, articles, bylines,
// tags, revisions, slug history, corrections and static pages.
// Part of the typed schema: `Database` in schema.ts names every table.

/** A simple page editors write (About, Contact, Editorial standards, Privacy). */
export interface StaticPageTable {
  id: string;
  slug: string;
  title: string;
  /** The body document as JSON text, like an article's. */
  body: string;
  position: number;
  /** 1 when the footer links to it. */
  in_footer: number;
  created_at: string;
  updated_at: string;
  updated_by: string | null;
}

export interface SectionTable {
  id: string;
  slug: string;
  name: string;
  description: string;
  position: number;
  created_at: string;
}

export interface PersonTable {
  id: string;
  slug: string;
  name: string;
  bio: string;
  photo_media_id: string | null;
  /** JSON object: network → URL. */
  links: string;
  created_at: string;
}

/**
 * 'awaiting': reserved, the original is still to be made (demo pictures at first start);
 * 'filling': a process has claimed it to make the original; 'pending': the AVIF variants are
 * still to be made; 'processing': a process has claimed that work; then 'ready' or 'failed'.
 */
export type VariantState = 'awaiting' | 'filling' | 'pending' | 'processing' | 'ready' | 'failed';

export interface MediaTable {
  id: string;
  kind: 'image';
  /** Path of the original, relative to the media root. Never derived from an uploaded file name. */
  original_path: string;
  mime: string;
  width: number;
  height: number;
  bytes: number;
  sha256: string;
  alt: string;
  caption: string;
  credit: string;
  source_url: string | null;
  licence: string;
  show_disclaimer: number;
  focal_x: number;
  focal_y: number;
  /** 'pending' until the background job has made the AVIF variants; 'awaiting' before the original exists. */
  variants_state: VariantState;
  created_at: string;
  uploaded_by: string | null;
  /** The claim token of the process working on this item ('filling'/'processing'), else null. */
  claimed_by: string | null;
  /** When that claim lapses and another process may take the work over (ISO-8601 UTC). */
  claimed_until: string | null;
}

export type VariantFormat = 'avif' | 'webp' | 'jpeg';

export interface MediaVariantTable {
  media_id: string;
  /** 'full' for responsive widths, 'thumb' for the fixed-ratio listing crop. */
  purpose: 'full' | 'thumb';
  format: VariantFormat;
  width: number;
  height: number;
  path: string;
  bytes: number;
}

export type ArticleStatus = 'draft' | 'submitted' | 'scheduled' | 'published' | 'unpublished';

export interface ArticleTable {
  id: string;
  slug: string;
  section_id: string;
  headline: string;
  standfirst: string;
  /** The body document as JSON text (see src/doc). */
  body: string;
  status: ArticleStatus;
  language: string;
  dateline_place: string | null;
  source: string | null;
  wire_id: string | null;
  /** The original's web address for a story taken from the Incoming queue (0011_wire_sources). */
  source_url: Generated<string | null>;
  hero_media_id: string | null;
  hero_caption: string | null;
  seo_title: string | null;
  seo_description: string | null;
  /** When the story first went public; never changes afterwards. */
  first_published_at: string | null;
  /** The publication time shown to readers ("Published On"). */
  published_at: string | null;
  /** Last public change after publication ("Updated On"); null when never updated. */
  updated_at: string | null;
  scheduled_at: string | null;
  embargo_until: string | null;
  created_at: string;
  /** Last save of any kind (drafts included). */
  modified_at: string;
  /** Optimistic-concurrency counter; bumped on every save. */
  version: number;
  /** Denormalised total of article_views_daily.views. */
  views: number;
  /** The user who created the story (ownership for contributors and authors). */
  created_by: string | null;
  /** The user who saved last (shown in conflict messages). */
  modified_by: string | null;
  /** Unpublished edits to a live (published or scheduled) story, as JSON of the editable fields; null when none. */
  working_copy: string | null;
  working_copy_at: string | null;
  working_copy_by: string | null;
}

export interface ArticleAuthorTable {
  article_id: string;
  person_id: string;
  position: number;
  /** The story's `published_at` while it is published, else null: kept by triggers (migration 0027), never written by us. */
  published_at: ColumnType<string | null, never, never>;
}

export type TagKind = 'topic' | 'person' | 'organisation' | 'place' | 'event' | 'thing';

export interface TagTable {
  id: string;
  slug: string;
  name: string;
  kind: TagKind;
  /** JSON array of alternative names. */
  aliases: string;
  /** Plain text shown on the topic page (0012_topics); '' for none. */
  description: Generated<string>;
  created_at: string;
}

export interface ArticleTagTable {
  article_id: string;
  tag_id: string;
  position: number;
  /** The story's `published_at` while it is published, else null: kept by triggers (migration 0026), never written by us. */
  published_at: ColumnType<string | null, never, never>;
}

export interface RevisionTable {
  id: string;
  article_id: string;
  version: number;
  /** JSON snapshot of the article as saved (with authors and tags). */
  snapshot: string;
  user_id: string | null;
  created_at: string;
  /** What made it: 'save', 'autosave' (one per editing session), 'update', 'restore', 'workflow', 'import'. */
  kind: Generated<RevisionKind>;
}

export type RevisionKind = 'save' | 'autosave' | 'update' | 'restore' | 'workflow' | 'import';

export interface SlugHistoryTable {
  old_slug: string;
  article_id: string;
  created_at: string;
}

export interface CorrectionTable {
  id: string;
  article_id: string;
  note: string;
  created_at: string;
}
