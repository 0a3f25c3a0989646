import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import { decodeText } from './decode-text.js';
import { parseDocument } from './parse-document.js';
import type { ParsedItem, WireItem } from './wire-item.js';

const fixture = (name: string) => readFileSync(new URL(`../fixtures/feeds/${name}`, import.meta.url));

function parse(name: string) {
  const decoded = decodeText(fixture(name));
  assert.ok(decoded.ok);
  const result = parseDocument(decoded.text);
  assert.ok(result.ok, result.ok ? '' : result.message);
  return result;
}

const items = (list: ParsedItem[]): WireItem[] => list.filter((i): i is Extract<ParsedItem, { ok: true }> => i.ok).map((i) => i.item);

test('RSS 2.0 reads content:encoded, media:content, enclosures, dc:creator and the author in brackets', () => {
  const result = parse('rss2.xml');
  assert.equal(result.format, 'rss');
  const [first, second] = items(result.items);
  assert.equal(first!.wireId, 'nw-2025-0001');
  assert.equal(first!.link, 'https://wire.example.com/2025/coastal-shipping');
  assert.match(first!.bodyHtml!, /Lok Sabha passed/);
  assert.equal(first!.standfirst, 'The bill cuts paperwork for ports.');
  assert.deepEqual(first!.bylines, ['Asha Rao']);
  assert.equal(first!.picture?.href, 'https://img.example.com/port.jpg');
  assert.equal(first!.picture?.credit, 'Northern Wire');
  assert.equal(first!.picture?.caption, 'Containers at the port of Kochi.');
  assert.equal(first!.firstCreated?.toISOString(), '2025-06-26T04:45:00.000Z');
  assert.deepEqual(first!.keywords, ['Shipping']);
  assert.equal(first!.language, 'en-gb');
  // No guid: the link is the key; the description is the text.
  assert.equal(second!.wireId, 'https://wire.example.com/2025/monsoon');
  assert.deepEqual(second!.bylines, ['Ravi Menon']);
  assert.equal(second!.picture?.href, 'https://img.example.com/rain.jpg');
  assert.match(second!.bodyHtml!, /<p>The monsoon arrived/);
});

test('RSS 0.91 in ISO-8859-1 and RSS 1.0 (RDF) with Dublin Core are read', () => {
  const old = items(parse('rss091.xml').items);
  assert.equal(old[0]!.headline, 'Minister opens new terminal');
  assert.match(old[0]!.bodyHtml!, /café/);
  const rdf = parse('rss1-rdf.xml');
  assert.equal(rdf.format, 'rss');
  const [probe] = items(rdf.items);
  assert.equal(probe!.wireId, 'https://science.example.org/1');
  assert.deepEqual(probe!.bylines, ['Meera Iyer']);
  assert.equal(probe!.firstCreated?.toISOString(), '2025-06-25T12:00:00.000Z');
  assert.deepEqual(probe!.keywords, ['Space']);
});

test('Atom 1.0 reads html titles, xhtml content, enclosure links; an entry with no text is skipped with a reason', () => {
  const result = parse('atom.xml');
  assert.equal(result.format, 'atom');
  const [frigate] = items(result.items);
  assert.equal(frigate!.headline, 'Navy commissions new frigate');
  assert.match(frigate!.bodyHtml!, /<strong>Mumbai<\/strong>/);
  assert.equal(frigate!.standfirst, 'The frigate joins the Western Fleet.');
  assert.equal(frigate!.link, 'https://defence.example.com/frigate');
  assert.equal(frigate!.picture?.caption, 'The frigate at sea');
  assert.deepEqual(frigate!.bylines, ['Kabir Singh']);
  const skipped = result.items.find((i) => !i.ok);
  assert.ok(skipped && !skipped.ok);
  assert.equal(skipped.reason, 'no_body');
});

test('JSON Feed 1.1 and 1.0 fields are read', () => {
  const result = parse('jsonfeed.json');
  assert.equal(result.format, 'json-feed');
  const [rupee, plain] = items(result.items);
  assert.equal(rupee!.wireId, 'biz-42');
  assert.deepEqual(rupee!.bylines, ['Nina Kapoor']);
  assert.equal(rupee!.picture?.href, 'https://img.example.com/rupee.jpg');
  assert.deepEqual(rupee!.keywords, ['Markets', 'Rupee']);
  assert.equal(plain!.wireId, '43');
  assert.equal(plain!.bodyHtml, '<p>First paragraph.</p><p>Second paragraph.</p>');
  assert.deepEqual(plain!.bylines, ['Old Style Author']);
});

test('ninjs items are read by the ninjs parser; an item with no body is skipped with a reason', () => {
  const result = parse('ninjs-items.json');
  assert.equal(result.format, 'ninjs');
  assert.equal(items(result.items)[0]!.headline, 'Cabinet approves rail plan');
  const noBody = result.items[1]!;
  assert.ok(!noBody.ok);
  assert.equal(noBody.reason, 'no_body');
  assert.equal(noBody.key, 'urn:example:ninjs:2');
});

test('NewsML-G2 text items give headline, by, dateline place, subjects, summary, XHTML body and rights; extensions are ignored', () => {
  const result = parse('newsml-text.xml');
  assert.equal(result.format, 'newsml-g2');
  const [deal] = items(result.items);
  assert.equal(deal!.wireId, 'urn:newsml:agency.example.com:20250626:text-1');
  assert.equal(deal!.headline, 'India and France sign jet engine deal');
  assert.deepEqual(deal!.bylines, ['Priya Sharma']);
  assert.equal(deal!.located, 'New Delhi');
  assert.deepEqual(deal!.subjects, [{ name: 'politics', code: 'medtop:11000000' }]);
  assert.equal(deal!.standfirst, 'The two countries will build the engine together.');
  assert.match(deal!.bodyHtml!, /<p>India and France signed the deal on Thursday.<\/p>/);
  assert.equal(deal!.pubStatus, 'usable');
  assert.equal(deal!.firstCreated?.toISOString(), '2025-06-26T10:00:00.000Z');
});

test('NewsML-G2 picture items take the largest rendition with the agency credit', () => {
  const [picture] = items(parse('newsml-picture.xml').items);
  assert.equal(picture!.picture?.href, 'https://img.example.com/mumbai-high.jpg');
  assert.equal(picture!.picture?.credit, 'Example Agency');
  assert.equal(picture!.picture?.caption, 'Clouds gather over Marine Drive in Mumbai.');
});

test('a NewsML-G2 item in an unknown namespace is skipped with a reason', () => {
  const result = parse('newsml-unknown-ns.xml');
  assert.equal(result.items.length, 1);
  const [only] = result.items;
  assert.ok(only && !only.ok);
  assert.equal(only.reason, 'unknown_namespace');
});

test('a billion-laughs document and an external entity are refused, never expanded', () => {
  for (const name of ['billion-laughs.xml', 'external-entity.xml']) {
    const result = parseDocument(fixture(name).toString('utf8'));
    assert.ok(!result.ok);
    assert.equal(result.reason, 'dtd_refused');
  }
});

test('malformed XML and JSON get a clear reason', () => {
  const xml = parseDocument(fixture('malformed.xml').toString('utf8'));
  assert.ok(!xml.ok);
  assert.equal(xml.reason, 'malformed_xml');
  assert.match(xml.message, /never closed/);
  const json = parseDocument('{"items": [');
  assert.ok(!json.ok);
  assert.equal(json.reason, 'malformed_json');
  const other = parseDocument('hello');
  assert.ok(!other.ok);
  assert.equal(other.reason, 'unknown_format');
});

test('a Windows-1252 feed that claims UTF-8 is repaired, not garbled', () => {
  const head = Buffer.from('<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><item><guid>q</guid><title>');
  // “Café” – with curly quotes and an en dash, as Windows-1252 bytes.
  const title = Buffer.from([0x93, 0x43, 0x61, 0x66, 0xe9, 0x94, 0x20, 0x96, 0x20, 0x6f, 0x6b]);
  const tail = Buffer.from('</title><description>Text</description></item></channel></rss>');
  const decoded = decodeText(Buffer.concat([head, title, tail]), 'application/rss+xml; charset=utf-8');
  assert.ok(decoded.ok);
  assert.equal(decoded.repaired, true);
  const result = parseDocument(decoded.text);
  assert.ok(result.ok);
  assert.equal(items(result.items)[0]!.headline, '\u201cCafé\u201d \u2013 ok');
});

test('the HTTP charset wins over the XML declaration, and valid UTF-8 is left alone', () => {
  const bytes = Buffer.from('<?xml version="1.0" encoding="windows-1252"?><a>é</a>', 'latin1');
  const fromHeader = decodeText(bytes, 'text/xml; charset=ISO-8859-1');
  assert.ok(fromHeader.ok && fromHeader.text.endsWith('<a>é</a>'));
  const utf8 = decodeText(Buffer.from('<a>नमस्ते</a>'), null);
  assert.ok(utf8.ok && utf8.text === '<a>नमस्ते</a>' && !utf8.repaired);
  const unknown = decodeText(Buffer.from('<a/>'), 'text/xml; charset=x-klingon');
  assert.ok(!unknown.ok);
});
