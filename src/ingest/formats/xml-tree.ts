/**
 * A small, safe XML reader for feeds and NewsML-G2: htmlparser2 in xmlMode builds a tree of
 * elements with their namespace URIs resolved.
 *
 * Safety: entities are never expanded beyond the five XML ones and numeric references —
 * htmlparser2 knows nothing of DTDs. A document that declares entities in a DOCTYPE (the
 * "billion laughs" and external-entity attacks) is refused outright with a reason, so
 * nothing is expanded and nothing is fetched, and the log says why.
 *
 * Well-formedness: htmlparser2 is forgiving; this reader is not. An element closed by
 * implication (a missing end tag), a stray end tag, or no root element is `malformed_xml`.
 */
import { Parser } from 'htmlparser2';

export interface XmlElement {
  /** The name as written, prefix included (`media:content`). */
  name: string;
  /** The local part (`content`). */
  local: string;
  /** The resolved namespace URI, '' for none. */
  ns: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Text and CDATA directly inside this element, in order. */
  text: string;
  /** Namespaces declared in scope, prefix → URI ('' for the default). */
  scope: Record<string, string>;
}

export type XmlOutcome = { ok: true; root: XmlElement } | { ok: false; reason: 'malformed_xml' | 'dtd_refused'; message: string };

const MAX_DEPTH = 64;

export function parseXml(text: string): XmlOutcome {
  if (/<!DOCTYPE[^>[]*\[[\s\S]*?<!ENTITY/i.test(text.slice(0, 65_536)) || /<!ENTITY/i.test(text.slice(0, 65_536))) {
    return { ok: false, reason: 'dtd_refused', message: 'the document declares entities in a DTD; entities are never expanded, so it is refused' };
  }
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  let problem: string | null = null;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        if (problem) return;
        if (stack.length === 0 && root) problem = `a second root element <${name}> after </${root.name}>`;
        if (stack.length >= MAX_DEPTH) problem = `elements nested deeper than ${MAX_DEPTH}`;
        const parentScope = stack.at(-1)?.scope ?? { xml: 'http://www.w3.org/XML/1998/namespace' };
        const scope = { ...parentScope };
        for (const [key, value] of Object.entries(attrs)) {
          if (key === 'xmlns') scope[''] = value;
          else if (key.startsWith('xmlns:')) scope[key.slice(6)] = value;
        }
        const colon = name.indexOf(':');
        const prefix = colon > 0 ? name.slice(0, colon) : '';
        const element: XmlElement = { name, local: colon > 0 ? name.slice(colon + 1) : name, ns: scope[prefix] ?? '', attrs, children: [], text: '', scope };
        if (prefix && scope[prefix] === undefined) element.ns = `urn:undeclared:${prefix}`;
        stack.at(-1)?.children.push(element);
        if (stack.length === 0) root = element;
        stack.push(element);
      },
      ontext(data) {
        const top = stack.at(-1);
        if (top) top.text += data;
        else if (data.trim() !== '' && !problem) problem = 'text outside the root element';
      },
      onclosetag(name, isImplied) {
        if (problem) return;
        // htmlparser2 reports `<x/>` as an implied close too; only a real missing end tag counts.
        if (isImplied && !watch.selfClosing) problem = `<${name}> is never closed`;
        watch.selfClosing = false;
        stack.pop();
      },
    },
    { xmlMode: true, decodeEntities: true, recognizeCDATA: true },
  );
  const watch = watchTokenizer(parser);
  parser.write(text);
  parser.end();
  if (watch.strayEnd) problem ??= `an end tag </${watch.strayEnd}> with no matching start tag`;
  if (problem) return { ok: false, reason: 'malformed_xml', message: `the XML is malformed: ${problem}` };
  if (!root) return { ok: false, reason: 'malformed_xml', message: 'the XML has no root element' };
  return { ok: true, root };
}

/**
 * htmlparser2 drops an end tag that closes nothing (the callback never fires), and reports a
 * self-closing tag as an implied close. Its tokenizer calls the parser's own
 * `onclosetag(start, end)` and `onselfclosingtag(end)`, so that is where both are told apart.
 */
function watchTokenizer(parser: Parser): { strayEnd: string | null; selfClosing: boolean } {
  const state = { strayEnd: null as string | null, selfClosing: false };
  const internals = parser as unknown as {
    stack: string[];
    onclosetag: (start: number, end: number) => void;
    onselfclosingtag: (end: number) => void;
    readTagName?: (s: number, e: number) => string;
  };
  const closeTag = internals.onclosetag.bind(parser);
  const selfClosingTag = internals.onselfclosingtag.bind(parser);
  if (!internals.readTagName || !Array.isArray(internals.stack)) throw new Error('htmlparser2 changed: the XML reader needs its tokenizer callbacks');
  internals.onclosetag = function watchEndTag(start: number, end: number) {
    const name = internals.readTagName!.call(parser, start, end);
    if (!internals.stack.includes(name) && !state.strayEnd) state.strayEnd = name;
    closeTag(start, end);
  };
  internals.onselfclosingtag = function watchSelfClosingTag(end: number) {
    state.selfClosing = true;
    selfClosingTag(end);
    state.selfClosing = false;
  };
  return state;
}

/** Children with this local name (any namespace, or the one given). */
export function childrenNamed(element: XmlElement, local: string, ns?: string): XmlElement[] {
  return element.children.filter((c) => c.local === local && (ns === undefined || c.ns === ns));
}

export function child(element: XmlElement, local: string, ns?: string): XmlElement | undefined {
  return element.children.find((c) => c.local === local && (ns === undefined || c.ns === ns));
}

/** All text inside an element, descendants included, trimmed. */
export function textOf(element: XmlElement | undefined): string {
  if (!element) return '';
  return collect(element).trim();
}

function collect(element: XmlElement): string {
  if (element.children.length === 0) return element.text;
  // Text and children interleave; order is lost, but feeds keep markup escaped or in CDATA.
  return element.text + element.children.map(collect).join('');
}

/** The markup inside an element (for XHTML content), re-serialised. */
export function innerXml(element: XmlElement): string {
  return element.text + element.children.map(outerXml).join('');
}

function outerXml(element: XmlElement): string {
  const attrs = Object.entries(element.attrs)
    .filter(([key]) => key !== 'xmlns' && !key.startsWith('xmlns:'))
    .map(([key, value]) => ` ${key}="${value.replace(/&/g, '&amp;').replace(/"/g, '&quot;')}"`)
    .join('');
  return `<${element.local}${attrs}>${innerXml(element)}</${element.local}>`;
}
