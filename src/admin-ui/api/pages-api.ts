import type { Http } from './http.js';
import type { DocNode, StaticPage, StaticPageSummary } from './types.js';

export type StaticPageInput = { title: string; slug?: string; body?: DocNode; position?: number; inFooter?: boolean };

const one = (id: string) => `/pages/${encodeURIComponent(id)}`;

/** Static pages (About, Contact, Editorial standards, Privacy): editors and admins write them. */
export function createPagesApi(http: Http) {
  return {
    list: () => http.get<StaticPageSummary[]>('/pages'),
    get: (id: string) => http.get<StaticPage>(one(id)),
    create: (input: StaticPageInput) => http.post<StaticPage>('/pages', input),
    update: (id: string, input: Partial<StaticPageInput>) => http.patch<StaticPage>(one(id), input),
    remove: (id: string) => http.del<void>(one(id)),
  };
}
