import type { Http } from './http.js';
import type { Status } from './types.js';

/** A story as the front-page screen shows it (GET /front-page, GET /front-page/stories). */
export interface FrontPageStory {
  id: string;
  headline: string;
  status: Status;
  hasPicture: boolean;
  publishedAt: string | null;
  section: { id: string; slug: string; name: string };
}

export interface FrontPagePin {
  articleId: string;
  /** ISO instant, or null: pinned until an editor removes it. */
  expiresAt: string | null;
}

export interface BreakingBanner {
  text: string;
  url: string;
  expiresAt: string | null;
}

export interface FrontPageArrangement {
  lead: FrontPagePin | null;
  top: FrontPagePin[];
  breaking: BreakingBanner | null;
  rails: { sectionId: string; visible: boolean }[];
}

export interface FrontPage extends FrontPageArrangement {
  version: number;
  savedAt: string | null;
  savedBy: string | null;
  maxTop: number;
  stories: FrontPageStory[];
  inactive: { slot: string; articleId: string | null; reason: 'deleted' | 'not-published' | 'expired' | 'no-picture'; message: string }[];
}

export function createFrontPageApi(http: Http) {
  return {
    get: () => http.get<FrontPage>('/front-page'),
    save: (version: number, arrangement: FrontPageArrangement) => http.put<FrontPage>('/front-page', { version, ...arrangement }),
    /** Published stories, newest first, narrowed by words of the headline. */
    stories: async (q: string): Promise<FrontPageStory[]> => (await http.get<{ items: FrontPageStory[] }>('/front-page/stories', { q: q.trim() || undefined, limit: 12 })).items,
  };
}
