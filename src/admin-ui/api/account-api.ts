import type { Http } from './http.js';
import type { Role, Session, SessionUser } from './types.js';

/** Whether a link also went out by mail: 'off' when the server has no SMTP_URL. */
export type MailOutcome = 'sent' | 'off' | 'failed';

export interface AccountLink {
  url: string;
  expiresAt: string;
}

export interface Invitation extends AccountLink {
  user: SessionUser;
  mail: MailOutcome;
}

export interface AccountTokenInfo {
  purpose: 'invite' | 'reset';
  email: string;
  name: string;
  expiresAt: string;
}

const user = (id: string, rest: string) => `/users/${encodeURIComponent(id)}${rest}`;

/**
 * Invitations, one-time links and passwords. The public calls (forgot password, using a link)
 * are made signed out, so a 401 there is an answer, not an ended session.
 */
export function createAccountApi(http: Http) {
  return {
    invite: (input: { email: string; name: string; role: Role }) => http.post<Invitation>('/invites', input),
    resendInvite: (id: string) => http.post<Invitation>(user(id, '/invite')),
    resetLink: (id: string) => http.post<AccountLink>(user(id, '/reset-link')),
    resetByMail: () => http.request<{ byMail: boolean }>('GET', '/password-reset', { quietUnauthorized: true }),
    requestReset: (email: string) => http.request<{ byMail: boolean }>('POST', '/password-reset', { body: { email }, quietUnauthorized: true }),
    checkLink: (token: string) => http.request<AccountTokenInfo>('GET', '/account-token', { query: { token }, quietUnauthorized: true }),
    /** Sets the password with a link and signs in as its account. */
    useLink: (token: string, password: string) => http.request<Session>('POST', '/account-token', { body: { token, password }, quietUnauthorized: true }),
    changePassword: (currentPassword: string, newPassword: string) => http.post<{ ended: number }>('/account/password', { currentPassword, newPassword }),
  };
}
