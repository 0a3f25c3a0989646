/**
 * Bytes → text for feeds and wire files. The character set is taken, in order, from a
 * byte-order mark, the HTTP `Content-Type` charset, the XML declaration's `encoding`, or
 * an HTML `<meta charset>`; UTF-8 otherwise. A document that says (or is assumed to be)
 * UTF-8 but is not valid UTF-8 is almost always Windows-1252 mislabelled: it is decoded
 * as Windows-1252 instead of being garbled with replacement characters, and the result
 * says so (`repaired`), so the pipeline can log it.
 */
export interface DecodedText {
  text: string;
  charset: string;
  /** True when the declared UTF-8 was wrong and Windows-1252 was used instead. */
  repaired: boolean;
}

export type DecodeOutcome = ({ ok: true } & DecodedText) | { ok: false; reason: 'unknown_charset'; message: string };

const PROLOGUE_BYTES = 1024;

export function decodeText(bytes: Uint8Array, contentType: string | null = null): DecodeOutcome {
  const bom = bomCharset(bytes);
  const declared = bom ?? charsetParam(contentType) ?? declaredInDocument(bytes) ?? 'utf-8';
  const label = normaliseLabel(declared);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label, { fatal: label === 'utf-8' });
  } catch {
    return { ok: false, reason: 'unknown_charset', message: `the document's character set "${declared.slice(0, 40)}" is not one this server can read` };
  }
  if (label === 'windows-1252') return { ok: true, text: decodeWindows1252(bytes), charset: label, repaired: false };
  if (label !== 'utf-8') return { ok: true, text: decoder.decode(bytes), charset: label, repaired: false };
  try {
    return { ok: true, text: decoder.decode(bytes), charset: 'utf-8', repaired: false };
  } catch {
    return { ok: true, text: decodeWindows1252(bytes), charset: 'windows-1252', repaired: true };
  }
}

/** 0x80–0x9F in Windows-1252 (curly quotes, dashes, €); undefined bytes stay as their C1 code. */
const WINDOWS_1252_HIGH = '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

/**
 * Node 20's TextDecoder reads "windows-1252" as ISO-8859-1 (0x93 stays U+0093), so the
 * table is applied here: the rest of the range is Latin-1.
 */
function decodeWindows1252(bytes: Uint8Array): string {
  const latin1 = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
  return latin1.replace(/[\x80-\x9f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80]!);
}

function bomCharset(bytes: Uint8Array): string | null {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  return null;
}

function charsetParam(contentType: string | null): string | null {
  const match = contentType ? /;\s*charset\s*=\s*"?([\w.:-]+)"?/i.exec(contentType) : null;
  return match ? match[1]! : null;
}

/** The XML declaration or a `<meta charset>` in the first kilobyte, read as ASCII. */
function declaredInDocument(bytes: Uint8Array): string | null {
  const head = Buffer.from(bytes.subarray(0, PROLOGUE_BYTES)).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([\w.:-]+)["']/i.exec(head);
  if (xml) return xml[1]!;
  const meta = /<meta[^>]+charset\s*=\s*["']?([\w.:-]+)/i.exec(head);
  return meta ? meta[1]! : null;
}

/** ISO-8859-1 and US-ASCII are read as Windows-1252, as browsers do (the WHATWG Encoding standard). */
function normaliseLabel(label: string): string {
  const lower = label.trim().toLowerCase();
  if (lower === 'utf8' || lower === 'utf-8') return 'utf-8';
  if (['iso-8859-1', 'latin1', 'us-ascii', 'ascii', 'cp1252', 'windows-1252'].includes(lower)) return 'windows-1252';
  return lower;
}
