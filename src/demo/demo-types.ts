/**
 * Shapes of the demo content a newcomer sees on first start. The data is plain
 * and relative to "now" (hours ago) so a seeder can place it at any moment.
 */
import type { DocNode } from '../doc/types.js';

export interface DemoSection {
  slug: string;
  name: string;
  description: string;
  position: number;
}

export interface DemoPerson {
  slug: string;
  name: string;
  bio: string;
  /** e.g. { x: 'https://x.com/handle' } */
  links: Record<string, string>;
}

export type DemoMotif =
  | 'skyline'
  | 'waves'
  | 'hills'
  | 'stadium'
  | 'circuit'
  | 'market'
  | 'rain'
  | 'sunrise'
  | 'leaves'
  | 'grid';

export interface DemoPicture {
  key: string;
  /** drives the generator */
  motif: DemoMotif;
  /** three hex colours, darkest first: base, middle, light/accent */
  palette: [string, string, string];
  alt: string;
  caption: string;
  credit: string;
  /** true for agency pictures: the site then shows "Disclaimer: This image is taken from <credit>." */
  agency: boolean;
  licence: string;
}

export type DemoTagKind = 'topic' | 'person' | 'organisation' | 'place' | 'event' | 'thing';

export interface DemoStory {
  slug?: string;
  /** section slug */
  section: string;
  headline: string;
  standfirst: string;
  /** person slugs, in byline order */
  authors: string[];
  tags: { name: string; kind: DemoTagKind }[];
  /** place, e.g. 'Pune' */
  dateline: string | null;
  language: 'en' | 'hi';
  /** DemoPicture key */
  picture: string;
  /** agency name for wire copy */
  source: string | null;
  /** hours before "now" that the story was published; stories are spread over the last ~10 days */
  publishedHoursAgo: number;
  /** if set, the story was updated this many hours ago (after publication) */
  updatedHoursAgo?: number;
  body: DocNode;
  /** views to pre-seed so most-read has data */
  views: number;
}
