/**
 * Cleans HTML pasted from Word, Google Docs, LibreOffice or web pages before
 * ProseMirror parses it: drops Office markup, styles, classes and anything
 * the body schema has no place for, keeps structure (paragraphs, headings,
 * lists, quotes, links) and the formatting that styles carried (bold and
 * italic in Google Docs live in `style`, not in tags). The editor's schema
 * then drops whatever is still unknown.
 */
import { safeHref } from '../../doc/safe-url.js';

const DROP = 'script, style, meta, link, title, xml, template, iframe, object, embed, svg, canvas, img, picture, video, audio, form, input, button, select, textarea, noscript';
const UNWRAP = new Set(['SPAN', 'FONT', 'O:P', 'ST1:PLACE', 'ST1:CITY', 'ST1:COUNTRY-REGION', 'DEL', 'INS', 'ABBR', 'SMALL', 'BIG', 'MARK', 'CENTER', 'LABEL']);
const KEEP_ATTRIBUTES: Record<string, string[]> = { A: ['href'], OL: ['start'] };
// Our own nodes, copied from one story and pasted into another.
const OWN_ATTRIBUTE = /^data-(media-id|social-post|network|author|handle|url|text|posted-at|attribution|alt|caption|credit|src)$/;

export function cleanPastedHtml(html: string): string {
  // ProseMirror's own clipboard (copy inside the editor) is already clean.
  if (html.includes('data-pm-slice')) return html;
  const doc = new DOMParser().parseFromString(html, 'text/html');
  const body = doc.body;
  removeComments(body);
  for (const el of Array.from(body.querySelectorAll(DROP))) el.remove();
  removeOfficeElements(body);
  convertWordLists(body);
  convertStyledFormatting(body);
  renameHeadings(body);
  cleanElements(body);
  removeEmptyParagraphs(body);
  return body.innerHTML;
}

function removeComments(root: Element) {
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_COMMENT);
  const comments: Node[] = [];
  while (walker.nextNode()) comments.push(walker.currentNode);
  for (const comment of comments) comment.parentNode?.removeChild(comment);
}

/** `<o:p>`, `<w:…>`, `<v:…>` and friends: namespaced Office tags. */
function removeOfficeElements(root: Element) {
  for (const el of Array.from(root.getElementsByTagName('*'))) {
    const name = el.tagName;
    if (/^(W|V|M|O):/.test(name) && name !== 'O:P') el.remove();
  }
}

const style = (el: Element) => (el.getAttribute('style') ?? '').toLowerCase().replace(/\s+/g, '');

/**
 * Word writes list items as paragraphs with `mso-list` in their style and the
 * bullet or number as text inside a span marked `mso-list:Ignore`.
 */
function convertWordLists(root: Element) {
  // Word numbers each list (mso-list:l0, l1…): adjacent items of different lists stay separate lists.
  const listId = (el: Element | null): string | null => {
    if (!el || el.tagName !== 'P') return null;
    const id = /mso-list:(l\d+)/.exec(style(el))?.[1];
    return id ?? (/MsoListParagraph/i.test(el.className) ? 'word-list' : null);
  };
  for (const first of Array.from(root.querySelectorAll('p'))) {
    const id = listId(first);
    if (!first.isConnected || !id || listId(first.previousElementSibling) === id) continue;
    const marker = first.querySelector('[style*="mso-list"]')?.textContent?.trim() ?? '';
    const list = root.ownerDocument.createElement(/^[(]?([0-9]+|[a-z]|[ivxlc]+)[.)]/i.test(marker) ? 'ol' : 'ul');
    first.before(list);
    let item: Element | null = first;
    while (item && listId(item) === id) {
      const next: Element | null = item.nextElementSibling;
      for (const ignore of Array.from(item.querySelectorAll('[style]'))) {
        if (/mso-list:ignore/.test(style(ignore))) ignore.remove();
      }
      const li = root.ownerDocument.createElement('li');
      li.append(...Array.from(item.childNodes));
      list.append(li);
      item.remove();
      item = next;
    }
  }
}

/** Google Docs marks bold/italic with styles, and wraps everything in a `<b style="font-weight:normal">`. */
function convertStyledFormatting(root: Element) {
  for (const el of Array.from(root.querySelectorAll('[style]'))) {
    const css = style(el);
    if ((el.tagName === 'B' || el.tagName === 'STRONG') && /font-weight:(normal|400)/.test(css)) {
      el.setAttribute('data-unwrap', '');
      continue;
    }
    if (el.tagName !== 'SPAN') continue;
    const wrappers: string[] = [];
    if (/font-weight:(bold|[6-9]00)/.test(css)) wrappers.push('strong');
    if (/font-style:italic/.test(css)) wrappers.push('em');
    if (/text-decoration[^;]*underline/.test(css)) wrappers.push('u');
    if (/text-decoration[^;]*line-through/.test(css)) wrappers.push('s');
    if (/vertical-align:super/.test(css)) wrappers.push('sup');
    if (/vertical-align:sub/.test(css)) wrappers.push('sub');
    for (const tag of wrappers) {
      const wrapper = root.ownerDocument.createElement(tag);
      wrapper.append(...Array.from(el.childNodes));
      el.append(wrapper);
    }
  }
}

/** h1 is the headline's; body headings are h2–h4. Word's Title style is a heading too. */
function renameHeadings(root: Element) {
  const map: Record<string, string> = { H1: 'h2', H5: 'h4', H6: 'h4' };
  for (const el of Array.from(root.querySelectorAll('h1, h5, h6, p.MsoTitle, p.MsoSubtitle'))) {
    const tag = el.tagName === 'P' ? (el.classList.contains('MsoTitle') ? 'h2' : 'h3') : map[el.tagName]!;
    rename(el, tag);
  }
}

function rename(el: Element, tag: string): Element {
  const replacement = el.ownerDocument.createElement(tag);
  replacement.append(...Array.from(el.childNodes));
  el.replaceWith(replacement);
  return replacement;
}

function cleanElements(root: Element) {
  // Deepest first, so unwrapping never skips a child.
  for (const el of Array.from(root.querySelectorAll('*')).reverse()) {
    if (UNWRAP.has(el.tagName) || el.hasAttribute('data-unwrap') || (el.tagName === 'A' && !safeHref(el.getAttribute('href')))) {
      el.replaceWith(...Array.from(el.childNodes));
      continue;
    }
    const keep = KEEP_ATTRIBUTES[el.tagName] ?? [];
    for (const attr of Array.from(el.attributes)) {
      if (!keep.includes(attr.name) && !OWN_ATTRIBUTE.test(attr.name)) el.removeAttribute(attr.name);
    }
    if (el.tagName === 'A') el.setAttribute('href', safeHref(el.getAttribute('href'))!);
  }
  // Word's runs of non-breaking spaces are layout, not content.
  const walker = root.ownerDocument.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  while (walker.nextNode()) {
    const text = walker.currentNode as Text;
    if (/^[\s\u00a0]+$/.test(text.data) && text.data.includes('\u00a0')) text.data = ' ';
  }
}

/** Word separates paragraphs with `<p>&nbsp;</p>`. */
function removeEmptyParagraphs(root: Element) {
  for (const p of Array.from(root.querySelectorAll('p, h2, h3, h4, li'))) {
    if ((p.textContent ?? '').trim() === '' && !p.querySelector('br, [data-media-id], [data-social-post]')) p.remove();
  }
}
