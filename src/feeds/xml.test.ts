import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cdata, escapeXml, xmlSafeText } from './xml.js';
import { rfc822Date, w3cDate } from './feed-dates.js';

test('escapeXml escapes the five special characters, so no value can open or close markup', () => {
  assert.equal(escapeXml(`Tom & Jerry <b>"hi"</b> it's`), 'Tom &amp; Jerry &lt;b&gt;&quot;hi&quot;&lt;/b&gt; it&apos;s');
  assert.equal(escapeXml('a ]]> b'), 'a ]]&gt; b');
  assert.equal(escapeXml('plain text'), 'plain text');
});

test('characters XML 1.0 cannot carry are dropped; tabs, newlines, Devanagari and emoji stay', () => {
  const text = 'a\u0000b\u0008c\u000bd\u000ce\u001ff\u007f\ttab\nline\r\u0938\u092e\u093e\u091a\u093e\u0930 📰 \ud800 \udc00 \ufffe\uffff end';
  assert.equal(xmlSafeText(text), 'abcdef\u007f\ttab\nline\r\u0938\u092e\u093e\u091a\u093e\u0930 📰    end');
  assert.equal(escapeXml('x\u0000<y'), 'x&lt;y');
});

test('cdata keeps HTML verbatim and survives a ]]> inside it', () => {
  assert.equal(cdata('<p>Hi</p>'), '<![CDATA[<p>Hi</p>]]>');
  assert.equal(cdata('a]]>b]]>c'), '<![CDATA[a]]]]><![CDATA[>b]]]]><![CDATA[>c]]>');
  assert.equal(cdata('nul\u0000here'), '<![CDATA[nulhere]]>');
});

test('dates come out as W3C Datetime and RFC 822, and a bad value gives none', () => {
  assert.equal(w3cDate('2025-06-27T04:30:00.000Z'), '2025-06-27T04:30:00Z');
  assert.equal(rfc822Date('2025-06-27T04:30:00.000Z'), 'Fri, 27 Jun 2025 04:30:00 GMT');
  assert.equal(w3cDate('not a date'), null);
  assert.equal(rfc822Date(null), null);
});
