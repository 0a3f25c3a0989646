import { trusted, type TrustedHtml } from '../../shared/html.js';

/**
 * JSON-LD inside a <script> element: `<`, `>`, `&` and the line separators are
 * escaped as \u sequences, so no string in the data can close the element.
 */
export function jsonLdScript(data: unknown): TrustedHtml {
  const json = JSON.stringify(data)
    .replace(/</g, '\\u003c')
    .replace(/>/g, '\\u003e')
    .replace(/&/g, '\\u0026')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');
  return trusted(`<script type="application/ld+json">${json}</script>`);
}
