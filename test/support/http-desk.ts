/**
 * The editorial desk over real HTTP, for tests and scripts that drive a `dateline serve` process:
 * takes the first-run setup link, signs in, and sends JSON or multipart requests with the session
 * cookie and CSRF token (sessions are rows, so they outlive a restart of the server).
 */
export interface HttpDesk {
  request(method: string, path: string, body?: unknown, form?: FormData): Promise<{ status: number; json: any }>;
}

export async function setUpDeskOverHttp(base: string, setupPath: string, account = { email: 'desk@example.com', name: 'Desk Chief', password: 'a long enough password' }): Promise<HttpDesk> {
  const token = new URL(setupPath, base).searchParams.get('token');
  const setup = await fetch(`${base}/api/admin/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, ...account }) });
  if (setup.status !== 201) throw new Error(`setup answered ${setup.status}: ${await setup.text()}`);
  const login = await fetch(`${base}/api/admin/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password: account.password }) });
  if (login.status !== 200) throw new Error(`sign-in answered ${login.status}`);
  const cookie = login.headers.getSetCookie().map((c) => c.split(';')[0]).join('; ');
  const csrf = ((await login.json()) as { csrfToken: string }).csrfToken;
  return {
    async request(method, path, body, form) {
      const headers: Record<string, string> = { cookie, 'x-csrf-token': csrf };
      if (!form) headers['content-type'] = 'application/json';
      const res = await fetch(`${base}${path}`, { method, headers, body: form ?? (body === undefined ? undefined : JSON.stringify(body)) });
      const text = await res.text();
      let json: any = null;
      try {
        json = text ? JSON.parse(text) : null;
      } catch {
        json = { text };
      }
      return { status: res.status, json };
    },
  };
}
