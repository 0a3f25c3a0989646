/**
 * Writing XML by hand, safely. Stories carry text from editors, wire agencies and pasted
 * documents; a single stray control character (a form feed from a word processor, a NUL from
 * a broken import) makes a whole feed or sitemap unreadable to a strict XML parser, and a
 * stray `]]>` ends a CDATA section early. So every value goes through one of these.
 */

/**
 * Code points XML 1.0 forbids (§2.2): C0 controls other than tab, line feed and carriage return,
 * lone surrogate halves, and U+FFFE/U+FFFF. With the `u` flag a lone surrogate is one code point
 * and matches here; a proper pair is an astral code point and does not.
 */
const NOT_XML_CHAR = /[^\t\n\r\x20-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const NEEDS_ESCAPE = /[&<>"']/;

/** Drops every character XML 1.0 cannot carry, even as a character reference. */
export function xmlSafeText(value: string): string {
  return value.replace(NOT_XML_CHAR, '');
}

/**
 * Escapes text for element content or a quoted attribute: the five predefined entities, after
 * dropping forbidden characters. `>` is escaped too, so `]]>` can never appear in the output.
 *
 * @example
 *   escapeXml('Tom & Jerry <3') // 'Tom &amp; Jerry &lt;3'
 */
export function escapeXml(value: string): string {
  const text = xmlSafeText(value);
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * A CDATA section holding `value` verbatim (for HTML in `content:encoded`, which readers expect
 * unescaped). A `]]>` inside would close the section, so it is split across two sections:
 * `]]` ends the first, `>` starts the second, and a parser joins them back into `]]>`.
 */
export function cdata(value: string): string {
  return `<![CDATA[${xmlSafeText(value).replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
}

/** `<name>escaped text</name>`, or nothing when the value is empty. */
export function element(name: string, value: string | null | undefined): string {
  return value ? `<${name}>${escapeXml(value)}</${name}>` : '';
}
