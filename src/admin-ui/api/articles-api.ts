import type { Http } from './http.js';
import { itemsOf } from './items.js';
import type {
  Article,
  ArticleInput,
  ArticleQuery,
  ArticleSummary,
  Page,
  PresenceEditor,
  Revision,
  RevisionComparison,
} from './types.js';

const path = (id: string, rest = '') => `/articles/${encodeURIComponent(id)}${rest}`;

export function createArticlesApi(http: Http) {
  return {
    list: (query: ArticleQuery) => http.get<Page<ArticleSummary>>('/articles', { ...query }),
    get: (id: string) => http.get<Article>(path(id)),
    create: (input: ArticleInput) => http.post<Article>('/articles', input),
    update: (id: string, input: ArticleInput) => http.patch<Article>(path(id), input),
    remove: (id: string) => http.del<void>(path(id)),

    submit: (id: string, version: number) => http.post<Article>(path(id, '/submit'), { version }),
    withdraw: (id: string, version: number) => http.post<Article>(path(id, '/withdraw'), { version }),
    /** "Update": a live story's saved changes go public, with an optional public correction note. */
    applyChanges: (id: string, version: number, note?: string) => http.post<Article>(path(id, '/update'), { version, ...(note ? { note } : {}) }),
    discardChanges: (id: string, version: number) => http.post<Article>(path(id, '/discard'), { version }),
    returnToDraft: (id: string, version: number, note?: string) => http.post<Article>(path(id, '/return'), { version, note }),
    publish: (id: string, version: number) => http.post<Article>(path(id, '/publish'), { version }),
    schedule: (id: string, version: number, at: string) => http.post<Article>(path(id, '/schedule'), { version, at }),
    unpublish: (id: string, version: number) => http.post<Article>(path(id, '/unpublish'), { version }),

    revisions: async (id: string): Promise<Revision[]> => itemsOf(await http.get<Revision[] | { items: Revision[] }>(path(id, '/revisions'))),
    compare: (id: string, from: number, to: number) => http.get<RevisionComparison>(path(id, '/revisions/compare'), { from, to }),
    restore: (id: string, revisionVersion: number, version: number) =>
      http.post<Article & { restoredWithout?: { field: string; id: string }[] }>(path(id, `/revisions/${revisionVersion}/restore`), { version }),

    heartbeat: (id: string) => http.put<{ editors: PresenceEditor[] }>(path(id, '/presence')),
    leave: (id: string) => http.request<void>('DELETE', path(id, '/presence'), { keepalive: true }),
  };
}
