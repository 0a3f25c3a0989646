import type { TestApp } from './test-app.js';
import type { Role } from '../../src/db/index.js';

export interface AdminClient {
  userId: string;
  personId: string | null;
  csrfToken: string;
  cookie: string;
  request(method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, body?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any; headers: Record<string, unknown>; body: string }>;
}

let counter = 0;

/** Creates a user with `role`, signs in through the API and returns a client that sends the cookie and CSRF token. */
export async function signIn(app: TestApp, role: Role, name = `${role} ${++counter}`): Promise<AdminClient> {
  const email = `${role}.${counter}.${Date.now()}@example.com`;
  const password = 'a long test password';
  const created = await app.services.users.add({ email, name, role, password });
  const res = await app.app.inject({ method: 'POST', url: '/api/admin/session', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in failed: ${res.statusCode} ${res.body}`);
  const cookie = String(res.headers['set-cookie']).split(';')[0]!;
  const { csrfToken, user } = res.json();
  return {
    userId: created.id,
    personId: user.personId,
    csrfToken,
    cookie,
    async request(method, url, body, headers = {}) {
      const r = await app.app.inject({
        method,
        url,
        headers: { cookie, 'x-csrf-token': csrfToken, ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
        ...(body !== undefined ? { payload: JSON.stringify(body) } : {}),
      });
      let json: unknown = null;
      try {
        json = r.body ? JSON.parse(r.body) : null;
      } catch {
        json = null;
      }
      return { status: r.statusCode, json, headers: r.headers, body: r.body };
    },
  };
}
