import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Ajv } from 'ajv';
import addFormats from 'ajv-formats';

/**
 * Independent checks of what src/feeds writes: xmllint (Debian's libxml2-utils) against the
 * published sitemap schemas, Python's feedparser (Debian's python3-feedparser) and a JSON
 * Schema of JSON Feed 1.1. Without a tool, its checks say so in one line and are skipped —
 * except under CI=true, where .ci/run installs them and a missing one is a failure.
 */
const XSD_DIR = fileURLToPath(new URL('../fixtures/xsd/', import.meta.url));
export const XSD = {
  /** A <sitemapindex>. */
  index: join(XSD_DIR, 'siteindex.xsd'),
  /** A <urlset> with the image and news extensions validated strictly. */
  urlset: join(XSD_DIR, 'urlset-with-extensions.xsd'),
};
const PYTHON = '/usr/bin/python3';

function available(name: string, works: () => boolean, install: string): boolean {
  if (works()) return true;
  if (process.env.CI === 'true') throw new Error(`${name} is required under CI but was not found (.ci/run installs ${install})`);
  console.log(`# ${name} not found: skipping its checks (install Debian's ${install} to run them)`);
  return false;
}

let xmllint: boolean | undefined;
export function xmllintAvailable(): boolean {
  xmllint ??= available('xmllint', () => spawnSync('xmllint', ['--version']).status === 0, 'libxml2-utils');
  return xmllint;
}

let feedparser: boolean | undefined;
export function feedparserAvailable(): boolean {
  feedparser ??= available('python3-feedparser', () => spawnSync(PYTHON, ['-c', 'import feedparser']).status === 0, 'python3-feedparser');
  return feedparser;
}

/** `xmllint --noout --nonet --schema XSD` on the document; the output names any error. */
export function validateXml(xml: string, xsd: string): { ok: boolean; output: string } {
  const file = join(mkdtempSync(join(tmpdir(), 'dateline-xml-')), 'doc.xml');
  writeFileSync(file, xml);
  const run = spawnSync('xmllint', ['--noout', '--nonet', '--schema', xsd, file], { encoding: 'utf8' });
  return { ok: run.status === 0, output: `${run.stdout}${run.stderr}` };
}

export interface ParsedByFeedparser {
  bozo: boolean;
  bozoException: string | null;
  version: string;
  title: string;
  entries: { id: string; title: string; link: string; authors: string[]; published: string | null; summary: string; content: string[]; media: string[]; tags: string[] }[];
}

const FEEDPARSER_SCRIPT = `
import sys, json, calendar, datetime, feedparser
d = feedparser.parse(sys.stdin.buffer.read())
def iso(t):
    return datetime.datetime.fromtimestamp(calendar.timegm(t), datetime.timezone.utc).strftime('%Y-%m-%dT%H:%M:%SZ') if t else None
print(json.dumps({
  'bozo': bool(d.bozo), 'bozoException': str(d.get('bozo_exception')) if d.bozo else None,
  'version': d.version, 'title': d.feed.get('title', ''),
  'entries': [{
    'id': e.get('id', ''), 'title': e.get('title', ''), 'link': e.get('link', ''),
    'authors': [a.get('name', '') for a in e.get('authors', [])],
    'published': iso(e.get('published_parsed')), 'summary': e.get('summary', ''),
    'content': [c.get('value', '') for c in e.get('content', [])],
    'media': [m.get('url', '') for m in e.get('media_content', [])],
    'tags': [t.get('term', '') for t in e.get('tags', [])],
  } for e in d.entries],
}))
`;

/** Parses an RSS or Atom document with Python's feedparser, a parser written apart from ours. */
export function parseWithFeedparser(xml: string): ParsedByFeedparser {
  const run = spawnSync(PYTHON, ['-c', FEEDPARSER_SCRIPT], { input: xml, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`feedparser failed: ${run.stderr}`);
  return JSON.parse(run.stdout) as ParsedByFeedparser;
}

let jsonFeedValidator: ((data: unknown) => boolean) & { errors?: unknown } | undefined;
/** Validates against the JSON Schema of JSON Feed 1.1 (test/fixtures/jsonfeed); returns the errors, or null. */
export function jsonFeedErrors(feed: unknown): string | null {
  if (!jsonFeedValidator) {
    const ajv = new Ajv({ allErrors: true, strict: false });
    addFormats.default(ajv);
    jsonFeedValidator = ajv.compile(JSON.parse(readFileSync(new URL('../fixtures/jsonfeed/schema-v1.1.json', import.meta.url), 'utf8')));
  }
  return jsonFeedValidator(feed) ? null : JSON.stringify(jsonFeedValidator.errors);
}
