import { trusted, type TrustedHtml } from '../../shared/html.js';

const UNSAFE = /[<>&\u2028\u2029]/g;
const ESCAPES: Record<string, string> = { '<': '\\u003c', '>': '\\u003e', '&': '\\u0026', '\u2028': '\\u2028', '\u2029': '\\u2029' };

/**
 * JSON-LD inside a <script> element: `<`, `>`, `&` and the line separators are
 * escaped as \u sequences, so no string in the data can close the element.
 */
export function jsonLdScript(data: unknown): TrustedHtml {
  // One pass over the text (a story's JSON-LD is a few kilobytes, on every cold render).
  const json = JSON.stringify(data).replace(UNSAFE, (c) => ESCAPES[c]!);
  return trusted(`<script type="application/ld+json">${json}</script>`);
}
