/**
 * The one place that talks HTTP to /api/admin. It keeps the CSRF token in
 * memory (never in storage), adds it to every state-changing request, turns
 * error bodies into ApiError, and reports 401s so the app can return to sign-in.
 */

export const API_BASE = '/api/admin';

/** A refusal from the API: `{ error: { code, message, field } }` plus any extra fields. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field: string | undefined;
  /** The whole `error` object, for extras such as `current` (409) or `usedBy`. */
  readonly details: Record<string, unknown>;
  readonly retryAfter: number | null;

  constructor(status: number, body: unknown, retryAfter: number | null = null) {
    const error = readErrorObject(body);
    super(typeof error.message === 'string' && error.message ? error.message : fallbackMessage(status));
    this.name = 'ApiError';
    this.status = status;
    this.code = typeof error.code === 'string' ? error.code : `HTTP_${status}`;
    this.field = typeof error.field === 'string' ? error.field : undefined;
    this.details = error;
    this.retryAfter = retryAfter;
  }
}

function readErrorObject(body: unknown): Record<string, unknown> {
  if (body && typeof body === 'object' && 'error' in body) {
    const error = (body as { error: unknown }).error;
    if (error && typeof error === 'object') return error as Record<string, unknown>;
  }
  return {};
}

function fallbackMessage(status: number): string {
  if (status === 0) return 'The server could not be reached. Check your connection and try again.';
  if (status === 413) return 'The file is too large.';
  if (status === 415) return 'That file type is not supported.';
  if (status === 429) return 'Too many requests. Wait a moment and try again.';
  if (status >= 500) return 'The server had a problem. Try again in a moment.';
  return `The request failed (HTTP ${status}).`;
}

/** Human wording for an error of any kind, for display. */
export function errorMessage(err: unknown): string {
  if (err instanceof ApiError) return err.field && !err.message.includes(err.field) ? `${err.message} (${err.field})` : err.message;
  if (err instanceof Error) return err.message;
  return String(err);
}

type Query = Record<string, string | number | boolean | null | undefined>;

export interface RequestOptions {
  query?: Query;
  body?: unknown;
  /** For requests where a 401 is an expected answer (sign-in, session probe). */
  quietUnauthorized?: boolean;
  keepalive?: boolean;
}

export interface Http {
  request<T>(method: string, path: string, options?: RequestOptions): Promise<T>;
  get<T>(path: string, query?: Query): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  patch<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  del<T>(path: string, body?: unknown): Promise<T>;
  setCsrfToken(token: string | null): void;
  csrfToken(): string | null;
  /** For transports outside fetch (upload XHR) that meet a 401. */
  reportUnauthorized(): void;
}

export interface HttpOptions {
  onUnauthorized: () => void;
}

const SAFE_METHODS = new Set(['GET', 'HEAD']);

export function buildUrl(path: string, query?: Query): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const search = params.toString();
  return `${API_BASE}${path}${search ? `?${search}` : ''}`;
}

export function createHttp({ onUnauthorized }: HttpOptions): Http {
  let csrf: string | null = null;

  async function request<T>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json' };
    if (!SAFE_METHODS.has(method) && csrf) headers['X-CSRF-Token'] = csrf;
    const init: RequestInit = { method, headers, credentials: 'same-origin', keepalive: options.keepalive ?? false };
    if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(buildUrl(path, options.query), init);
    } catch {
      throw new ApiError(0, null);
    }
    const data = await readJson(response);
    if (!response.ok) {
      const retryAfter = Number(response.headers.get('Retry-After')) || null;
      const error = new ApiError(response.status, data, retryAfter);
      if (response.status === 401 && !options.quietUnauthorized) onUnauthorized();
      throw error;
    }
    return data as T;
  }

  return {
    request,
    get: (path, query) => request('GET', path, { query }),
    post: (path, body) => request('POST', path, { body }),
    patch: (path, body) => request('PATCH', path, { body }),
    put: (path, body) => request('PUT', path, { body }),
    del: (path, body) => request('DELETE', path, { body }),
    setCsrfToken(token) {
      csrf = token;
    },
    csrfToken: () => csrf,
    reportUnauthorized: onUnauthorized,
  };
}

async function readJson(response: Response): Promise<unknown> {
  if (response.status === 204) return null;
  const text = await response.text();
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}
