import type { Http } from './http.js';
import type { Media, MediaInput, Page } from './types.js';

const path = (id: string) => `/media/${encodeURIComponent(id)}`;

export function createMediaApi(http: Http) {
  return {
    list: (query: { q?: string; page?: number; pageSize?: number }) => http.get<Page<Media>>('/media', { ...query }),
    get: (id: string) => http.get<Media>(path(id)),
    update: (id: string, input: MediaInput) => http.patch<Media>(path(id), input),
    remove: (id: string) => http.del<void>(path(id)),
  };
}
