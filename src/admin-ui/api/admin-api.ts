import type { Http } from './http.js';
import { itemsOf } from './items.js';
import type { ApiKey, ApiKeyScope, Page, Role, Settings, User } from './types.js';

export type NewUser = { email: string; name: string; role: Role; password: string };
export type UserChange = { name?: string; role?: Role; disabled?: boolean; password?: string };

const one = (base: string, id: string) => `${base}/${encodeURIComponent(id)}`;

/** Admin-only resources: users, API keys, site settings (settings are readable by editors). */
export function createAdminApi(http: Http) {
  return {
    users: {
      list: async (): Promise<User[]> => itemsOf(await http.get<User[] | Page<User>>('/users')),
      create: (input: NewUser) => http.post<User>('/users', input),
      update: (id: string, change: UserChange) => http.patch<User>(one('/users', id), change),
    },
    apiKeys: {
      list: async (): Promise<ApiKey[]> => itemsOf(await http.get<ApiKey[] | Page<ApiKey>>('/api-keys')),
      create: (input: { name: string; scope: ApiKeyScope }) => http.post<{ apiKey: ApiKey; key: string }>('/api-keys', input),
      revoke: (id: string) => http.del<void>(one('/api-keys', id)),
    },
    settings: {
      get: () => http.get<Settings>('/settings'),
      update: (change: Partial<Settings>) => http.patch<Settings>('/settings', change),
    },
  };
}
