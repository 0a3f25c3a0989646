import type { Http } from './http.js';
import { itemsOf } from './items.js';
import type { Page, Person, Section, Tag, TagKind } from './types.js';

export type SectionInput = { name: string; slug?: string; description?: string; position?: number };
export type PersonInput = { name: string; slug?: string; bio?: string; links?: Record<string, string> };
export type TagInput = { name: string; kind?: TagKind; aliases?: string[]; description?: string };
type ListQuery = { page?: number; pageSize?: number; q?: string };

const one = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

export function createDirectoryApi(http: Http) {
  return {
    sections: {
      /** Every section in navigation order (the server sends them all at once). */
      list: async (): Promise<Section[]> => itemsOf(await http.get<Section[] | Page<Section>>('/sections')),
      create: (input: SectionInput) => http.post<Section>('/sections', input),
      update: (id: string, input: Partial<SectionInput>) => http.patch<Section>(one('/sections', id), input),
      remove: (id: string) => http.del<void>(one('/sections', id)),
    },
    people: {
      list: (query: ListQuery = {}) => http.get<Page<Person>>('/people', { pageSize: 100, ...query }),
      create: (input: PersonInput) => http.post<Person>('/people', input),
      update: (id: string, input: Partial<PersonInput>) => http.patch<Person>(one('/people', id), input),
    },
    tags: {
      list: (query: ListQuery = {}) => http.get<Page<Tag>>('/tags', { pageSize: 100, ...query }),
      create: (input: TagInput) => http.post<Tag>('/tags', input),
      update: (id: string, input: Partial<TagInput>) => http.patch<Tag>(one('/tags', id), input),
      remove: (id: string) => http.del<void>(one('/tags', id)),
    },
  };
}
