import { test } from 'node:test';
import assert from 'node:assert/strict';
import { escapeHtml, html, trusted } from './html.js';

test('every character that can break out of text or an attribute is escaped', () => {
  assert.equal(escapeHtml(`<a href="x" title='y'>&amp;</a>`), '&lt;a href=&quot;x&quot; title=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;');
  assert.equal(escapeHtml('plain text stays as it is'), 'plain text stays as it is');
});

test('the html template escapes interpolations unless they are trusted', () => {
  const headline = '<script>alert(1)</script>';
  const out = html`<h1>${headline}</h1>${trusted('<b>ok</b>')}${['<i>', trusted('<br>')]}${null}${false}${3}`.value;
  assert.equal(out, '<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1><b>ok</b>&lt;i&gt;<br>3');
});
