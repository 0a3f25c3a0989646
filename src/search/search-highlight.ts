import { escapeHtml } from '../shared/html.js';

/**
 * Highlighted text as safe HTML: the database marks matches with U+0001 … U+0002 (characters
 * stripped from everything indexed), the whole text is escaped, and only then do the markers
 * become `<mark>` elements. An unclosed marker is closed at the end; a stray close is dropped.
 *
 * @example
 *   highlightHtml('<b>\u0001Monsoon\u0002</b> rains') // '&lt;b&gt;<mark>Monsoon</mark>&lt;/b&gt; rains'
 */
export function highlightHtml(marked: string): string {
  let open = false;
  let out = '';
  for (const part of escapeHtml(marked).split(/([\u0001\u0002])/)) {
    if (part === '\u0001') {
      if (!open) out += '<mark>';
      open = true;
    } else if (part === '\u0002') {
      if (open) out += '</mark>';
      open = false;
    } else out += part;
  }
  // Adjacent matches (PostgreSQL marks `S` and `-400` apart) read as one.
  return (open ? `${out}</mark>` : out).replaceAll('</mark><mark>', '');
}
