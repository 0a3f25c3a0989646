import type { Http } from './http.js';
import type { Session } from './types.js';

export function createSessionApi(http: Http) {
  return {
    /** The current session, or a 401 ApiError when signed out (not reported as an expiry). */
    current: () => http.request<Session>('GET', '/session', { quietUnauthorized: true }),
    /** The site's name, time zone and locale (public: needed before signing in too). */
    site: () => http.get<{ name: string; timeZone: string; locale: string }>('/site'),
    signIn: (email: string, password: string) =>
      http.request<Session>('POST', '/session', { body: { email, password }, quietUnauthorized: true }),
    signOut: () => http.del<void>('/session'),
    signOutEverywhere: () => http.del<void>('/sessions'),
    setupNeeded: (token: string) => http.request<{ needed: boolean }>('GET', '/setup', { query: { token }, quietUnauthorized: true }),
    /** Creates the first admin and signs them in. */
    setup: (input: { token: string; email: string; name: string; password: string }) =>
      http.request<Session>('POST', '/setup', { body: input, quietUnauthorized: true }),
  };
}
