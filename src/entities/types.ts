/** What an entity is; the same names as a tag's `kind` (src/db/schema.ts TagKind), minus `topic`. */
export type EntityKind = 'person' | 'organisation' | 'place' | 'event' | 'thing';

export const ENTITY_KINDS: readonly EntityKind[] = ['person', 'organisation', 'place', 'event', 'thing'];

/** One thing a story names, with every way the story wrote it. */
export interface ExtractedEntity {
  kind: EntityKind;
  /** The canonical name: a known tag's name, an acronym's expansion, a person's full name. */
  name: string;
  /** The forms the text used ("SCO", "Shanghai Cooperation Organisation"), first seen first. */
  surfaces: string[];
  /** The existing tag this resolved to through the gazetteer, if any. */
  tagId: string | null;
  /** How many times it was mentioned (all surfaces). */
  mentions: number;
}

/** A known name (from tags or seed lists) the extractor resolves spans against. */
export interface GazetteerEntry {
  kind: EntityKind;
  name: string;
  tagId: string | null;
}

/** Looks names up case-insensitively; built from tags plus seed lists. */
export interface Gazetteer {
  lookup(surface: string): GazetteerEntry | null;
}

/** The parts of a story extraction reads. */
export interface StoryText {
  headline: string;
  standfirst?: string;
  body: string;
}
