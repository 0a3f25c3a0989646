/**
 * IPTC NewsML-G2 `newsItem`s (alone, or in a `newsMessage`'s `itemSet`) → raw items.
 *
 * Text items (`ninat:text`) take their body from `contentSet/inlineXML` (XHTML) or
 * `inlineData` (plain text); picture items (`ninat:picture`) become an item whose hero is
 * the largest `remoteContent` rendition, with the description as caption and text.
 * `contentMeta` gives headline, `by`, `dateline`, `located`, `subject`s, `description`
 * (summary), `creditline` and `language`; `itemMeta` gives `pubStatus` and the dates;
 * `rightsInfo` gives the copyright holder and usage terms (the picture's credit and
 * licence). Elements in other namespaces (agencies' extensions) are ignored; an item
 * whose own elements are not in the NewsML-G2 namespace is skipped with a reason.
 */
import { child, childrenNamed, innerXml, textOf, type XmlElement } from './xml-tree.js';
import { normaliseItem, type ParsedItem, type RawItem } from './wire-item.js';

export const NAR = 'http://iptc.org/std/nar/2006-10-01/';

export function readNewsml(root: XmlElement): ParsedItem[] {
  if (root.ns !== NAR) return [unknownNamespace(root, '$')];
  const items = root.local === 'newsItem' ? [root] : childrenNamed(root, 'itemSet', NAR).flatMap((set) => set.children.filter((c) => c.local === 'newsItem'));
  return items.slice(0, 1000).map((item, i) => (item.ns !== NAR ? unknownNamespace(item, `newsItem.${i}`) : readItem(item, `newsItem.${i}`)));
}

function unknownNamespace(element: XmlElement, path: string): ParsedItem {
  return { ok: false, reason: 'unknown_namespace', message: `${path}: <${element.name}> is in the namespace "${element.ns || '(none)'}", not NewsML-G2's (${NAR}); the item was skipped` };
}

function readItem(item: XmlElement, path: string): ParsedItem {
  const meta = child(item, 'itemMeta', NAR);
  const content = child(item, 'contentMeta', NAR);
  const itemClass = child(meta ?? item, 'itemClass', NAR)?.attrs.qcode ?? 'ninat:text';
  if (!/(?:^|:)(?:text|picture|composite)$/.test(itemClass)) {
    return { ok: false, reason: 'not_a_story', message: `${path}: only text and picture items are taken; this is ${itemClass}`, key: item.attrs.guid };
  }
  const nar = (parent: XmlElement | undefined, local: string) => (parent ? child(parent, local, NAR) : undefined);
  const rights = nar(item, 'rightsInfo');
  const holder = textOf(nar(nar(rights, 'copyrightHolder'), 'name')) || null;
  const credit = textOf(nar(content, 'creditline')) || holder;
  const description = (content ? childrenNamed(content, 'description', NAR) : []).find((d) => !d.attrs.role || /summary|caption/.test(d.attrs.role));
  const picture = itemClass.endsWith('picture') ? largestRendition(item) : null;
  const caption = textOf(description) || null;
  const raw: RawItem = {
    key: item.attrs.guid ?? null,
    link: (content ? childrenNamed(content, 'link', NAR) : []).map((l) => l.attrs.href ?? '').find((h) => /^https?:/i.test(h)) ?? null,
    headline: textOf(nar(content, 'headline')),
    summaryHtml: picture ? null : caption,
    bodyHtml: picture ? (caption ? `<p>${escape(caption)}</p>` : null) : body(item),
    byline: textOf(nar(content, 'by')) || null,
    published: textOf(nar(meta, 'firstCreated')) || null,
    updated: textOf(nar(meta, 'versionCreated')) || null,
    located: textOf(nar(nar(content, 'located'), 'name')) || textOf(nar(content, 'dateline')).split(/[,(]/)[0] || null,
    keywords: content ? childrenNamed(content, 'keyword', NAR).map(textOf) : [],
    subjects: (content ? childrenNamed(content, 'subject', NAR) : []).map((s) => ({ name: textOf(nar(s, 'name')) || s.attrs.qcode || '', code: s.attrs.qcode ?? null })).filter((s) => s.name),
    pubStatus: pubStatus(nar(meta, 'pubStatus')?.attrs.qcode),
    pictures: picture ? [{ href: picture, mimetype: null, caption, alt: caption, credit, licence: textOf(nar(rights, 'usageTerms')) || textOf(nar(rights, 'copyrightNotice')) || null }] : [],
    language: nar(content, 'language')?.attrs.tag ?? item.attrs['xml:lang'] ?? null,
    rights: holder,
  };
  return normaliseItem(raw, path);
}

function body(item: XmlElement): string | null {
  const set = child(item, 'contentSet', NAR);
  if (!set) return null;
  const inline = child(set, 'inlineXML', NAR);
  if (inline) {
    const html = inline.children.find((c) => c.local === 'html');
    const htmlBody = html ? child(html, 'body') : undefined;
    return innerXml(htmlBody ?? inline).trim() || null;
  }
  const data = textOf(child(set, 'inlineData', NAR));
  return data ? data.split(/\n\s*\n|\r?\n/).filter((p) => p.trim()).map((p) => `<p>${escape(p.trim())}</p>`).join('') : null;
}

function largestRendition(item: XmlElement): string | null {
  const set = child(item, 'contentSet', NAR);
  const renditions = set ? childrenNamed(set, 'remoteContent', NAR).filter((r) => r.attrs.href) : [];
  renditions.sort((a, b) => Number(b.attrs.width ?? 0) - Number(a.attrs.width ?? 0));
  return renditions[0]?.attrs.href ?? null;
}

function pubStatus(qcode: string | undefined): RawItem['pubStatus'] {
  if (!qcode) return 'usable';
  if (/withheld$/.test(qcode)) return 'withheld';
  if (/cancell?ed$/.test(qcode)) return 'canceled';
  return 'usable';
}

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}
