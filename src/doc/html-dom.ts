/**
 * The slice of htmlparser2's DOM the importer reads, typed structurally so the
 * importer does not depend on domhandler's classes, plus the few traversals it
 * needs. The parse caps nesting depth, and traversals are iterative, so no
 * input can make the importer slow or overflow the stack.
 */
import { DomHandler, Parser } from 'htmlparser2';

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

const PARSER_OPTIONS = { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true };
/**
 * htmlparser2 does work proportional to the open-element depth on every tag,
 * so 5 MB of unclosed <b> would take many minutes. No article nests this deep.
 */
const MAX_HTML_DEPTH = 256;

class NestingTooDeep extends Error {}

class DepthLimitedHandler extends DomHandler {
  override onopentag(name: string, attribs: Record<string, string>): void {
    if (this.tagStack.length > MAX_HTML_DEPTH) throw new NestingTooDeep();
    super.onopentag(name, attribs);
  }
}

/**
 * Parses HTML into a DOM at most MAX_HTML_DEPTH elements deep: where markup
 * nests deeper, parsing restarts at the top level from that tag, so the rest
 * of the text is kept and only the runaway nesting is lost.
 */
export function parseHtml(html: string): HtmlNode {
  const children: HtmlNode[] = [];
  let offset = 0;
  while (offset < html.length) {
    const handler = new DepthLimitedHandler();
    const parser = new Parser(handler, PARSER_OPTIONS);
    let consumed = html.length - offset;
    try {
      parser.end(offset === 0 ? html : html.slice(offset));
    } catch (err) {
      if (!(err instanceof NestingTooDeep)) throw err;
      consumed = Math.max(1, parser.startIndex);
    }
    for (const child of handler.root.children) children.push(child);
    offset += consumed;
  }
  return { type: 'root', children };
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
