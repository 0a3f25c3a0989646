/**
 * The slice of htmlparser2's DOM the importer reads, typed structurally so the
 * importer does not depend on domhandler's classes, plus the few traversals it
 * needs. Traversals are iterative: a 5 MB input can nest tens of thousands of
 * elements deep, which would overflow a recursive walk.
 */
import { parseDocument } from 'htmlparser2';

export interface HtmlNode {
  readonly type: string;
  readonly name?: string;
  readonly data?: string;
  readonly attribs?: Record<string, string>;
  readonly children?: HtmlNode[];
}

export interface HtmlElement extends HtmlNode {
  readonly name: string;
  readonly attribs: Record<string, string>;
  readonly children: HtmlNode[];
}

/**
 * Elements dropped with everything inside them: active content, metadata,
 * forms, and foreign markup (SVG, MathML) whose text is never article prose.
 */
export const DROPPED_ELEMENTS: ReadonlySet<string> = new Set([
  'script', 'style', 'iframe', 'frame', 'frameset', 'object', 'embed', 'applet', 'param', 'noscript', 'noembed',
  'noframes', 'template', 'svg', 'math', 'form', 'input', 'button', 'select', 'option', 'textarea', 'head', 'title',
  'meta', 'link', 'base', 'video', 'audio', 'source', 'track', 'canvas', 'map', 'dialog', 'slot', 'portal',
]);

export function parseHtml(html: string): HtmlNode {
  return parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
}

export function isElement(node: HtmlNode): node is HtmlElement {
  return typeof node.name === 'string' && node.attribs !== undefined && Array.isArray(node.children);
}

export function attr(element: HtmlElement, name: string): string | undefined {
  return Object.hasOwn(element.attribs, name) ? element.attribs[name] : undefined;
}

export function hasClass(element: HtmlElement, className: string): boolean {
  const classes = attr(element, 'class');
  return classes !== undefined && classes.split(/\s+/).includes(className);
}

/**
 * Text content in document order: `<br>` reads as a newline, dropped elements
 * and anything `skip` names contribute nothing.
 */
export function textOf(root: HtmlNode, skip?: (element: HtmlElement) => boolean): string {
  let text = '';
  const stack: HtmlNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (node.type === 'text') {
      text += node.data ?? '';
    } else if (isElement(node)) {
      if (DROPPED_ELEMENTS.has(node.name) || (node !== root && skip?.(node))) continue;
      if (node.name === 'br') text += '\n';
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    } else if (node.type === 'root' && node.children) {
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  }
  return text;
}

/** Descendant elements matching `test`, in document order, outside dropped elements. */
export function findElements(root: HtmlElement, test: (element: HtmlElement) => boolean): HtmlElement[] {
  const found: HtmlElement[] = [];
  const stack: HtmlNode[] = [...root.children].reverse();
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (!isElement(node) || DROPPED_ELEMENTS.has(node.name)) continue;
    if (test(node)) found.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return found;
}

/** Collapses whitespace runs the way a browser lays out text, and trims. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\t\n\f\r ]+/g, ' ').trim();
}
