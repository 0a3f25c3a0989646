/**
 * Errors with stable codes. Each domain declares its errors with `defineError`;
 * the HTTP layer maps `status` and renders `{ error: { code, message, field } }`.
 *
 * @example
 *   export const ArticleNotFound = defineError('ARTICLE_NOT_FOUND', 'Article %s not found', 404);
 *   throw new ArticleNotFound('my-slug');
 */
export class DatelineError extends Error {
  readonly code: string;
  readonly status: number;
  readonly field: string | undefined;
  constructor(code: string, message: string, status: number, field?: string) {
    super(message);
    this.name = 'DatelineError';
    this.code = code;
    this.status = status;
    this.field = field;
  }
}

export interface DatelineErrorClass {
  new (...args: string[]): DatelineError;
  readonly code: string;
  readonly status: number;
}

/** Every defined code, so a test can check each is documented. */
export const errorCodes = new Map<string, { template: string; status: number }>();

export function defineError(code: string, template: string, status = 500): DatelineErrorClass {
  errorCodes.set(code, { template, status });
  const cls = class extends DatelineError {
    static readonly code = code;
    static readonly status = status;
    constructor(...args: string[]) {
      let i = 0;
      super(code, template.replace(/%s/g, () => args[i++] ?? ''), status);
    }
  };
  Object.defineProperty(cls, 'name', { value: code });
  return cls;
}

/** A validation failure that names the offending field. */
export class ValidationError extends DatelineError {
  constructor(field: string, message: string) {
    super('VALIDATION_FAILED', message, 400, field);
    this.name = 'ValidationError';
  }
}
errorCodes.set('VALIDATION_FAILED', { template: '%s', status: 400 });

/** An outcome that is expected (not a bug): callers switch on `ok`. */
export type Result<T, R extends string = string> =
  | { ok: true; value: T }
  | { ok: false; reason: R; field?: string; message: string };
