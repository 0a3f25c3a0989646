import assert from 'node:assert/strict';
import { test } from 'node:test';
import { safeHref, safeWebUrl } from './safe-url.js';

test('web, mail, phone, site-relative and fragment links pass', () => {
  assert.equal(safeHref('https://example.com/a?b=1#c'), 'https://example.com/a?b=1#c');
  assert.equal(safeHref('http://example.com'), 'http://example.com');
  assert.equal(safeHref('mailto:desk@example.com'), 'mailto:desk@example.com');
  assert.equal(safeHref('tel:+441234567890'), 'tel:+441234567890');
  assert.equal(safeHref('/news/2024/story'), '/news/2024/story');
  assert.equal(safeHref('#notes'), '#notes');
});

test('links come back cleaned the way a browser would read them', () => {
  assert.equal(safeHref('  HTTPS://example.com/a  '), 'https://example.com/a');
  assert.equal(safeHref('https://exam\nple.com/\ta'), 'https://example.com/a');
});

test('script, data and other schemes are refused however they are disguised', () => {
  const hostile = [
    'javascript:alert(1)', ' JaVaScRiPt:alert(1)', '\u0000javascript:alert(1)', '\u0001\u0020javascript:alert(1)', 'jav\tascript:alert(1)',
    'java\nscript:alert(1)', 'java\rscript:alert(1)', '&#106;avascript:alert(1)', 'jav&#x09;ascript:alert(1)', '%6Aavascript:alert(1)',
    'javascript\u0000:alert(1)', '\u00a0javascript:alert(1)', 'data:text/html;base64,PHNjcmlwdD4=', 'DATA:text/html,x', 'vbscript:msgbox(1)',
    'file:///etc/passwd', 'ftp://example.com', 'blob:https://example.com/x', 'about:blank',
  ];
  for (const url of hostile) assert.equal(safeHref(url), null, JSON.stringify(url));
});

test('protocol-relative, backslash and scheme-less links are refused', () => {
  for (const url of ['//evil.example', '/\\evil.example', 'http:evil.example', 'https:/evil.example', 'example.com/page', 'page.html', '', '   ', 'mailto:', 'tel:']) {
    assert.equal(safeHref(url), null, JSON.stringify(url));
  }
});

test('values that are not strings, or absurdly long, are refused', () => {
  for (const value of [null, undefined, 42, {}, ['https://example.com'], 'https://example.com/' + 'a'.repeat(5_000)]) assert.equal(safeHref(value), null);
});

test('only http and https count as web URLs', () => {
  assert.equal(safeWebUrl('HTTPS://example.com/a.jpg'), 'https://example.com/a.jpg');
  for (const url of ['/a.jpg', '#x', 'mailto:a@b.c', 'data:image/png;base64,AAAA']) assert.equal(safeWebUrl(url), null, url);
});
