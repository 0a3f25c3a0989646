/**
 * HTML escaping for templates. Everything is escaped by default; only values
 * wrapped in `TrustedHtml` (produced by the body renderer or by `html` itself)
 * pass through unchanged.
 *
 * @example
 *   html`<h1>${headline}</h1>${trusted(renderedBody)}`.value
 */
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};
const ESCAPE_RE = /[&<>"']/g;

/** Escapes text for use in element content or a double- or single-quoted attribute. */
export function escapeHtml(value: string): string {
  return ESCAPE_RE.test(value) ? value.replace(ESCAPE_RE, (ch) => ESCAPES[ch]!) : value;
}

/** A string that is already safe HTML. Create only from renderer output or `html`. */
export class TrustedHtml {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export function trusted(value: string): TrustedHtml {
  return new TrustedHtml(value);
}

type Interpolation = TrustedHtml | string | number | boolean | null | undefined | readonly Interpolation[];

function renderValue(value: Interpolation): string {
  if (value === null || value === undefined || value === false || value === true) return '';
  if (value instanceof TrustedHtml) return value.value;
  if (Array.isArray(value)) return value.map(renderValue).join('');
  return escapeHtml(String(value));
}

/** Tagged template that escapes every interpolation unless it is TrustedHtml. */
export function html(strings: TemplateStringsArray, ...values: Interpolation[]): TrustedHtml {
  let out = strings[0]!;
  for (let i = 0; i < values.length; i++) {
    out += renderValue(values[i]!) + strings[i + 1]!;
  }
  return new TrustedHtml(out);
}
