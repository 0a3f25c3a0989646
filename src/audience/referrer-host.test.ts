import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DIRECT, referrerHost } from './referrer-host.js';

const SITE = 'news.example.com';

test('a referrer is recorded as its normalised host', () => {
  assert.equal(referrerHost('https://www.google.com/search?q=harbour', SITE), 'google.com');
  assert.equal(referrerHost('https://M.Facebook.com:443/story.php?id=1', SITE), 'facebook.com');
  assert.equal(referrerHost('http://l.facebook.com/l.php?u=x', SITE), 'facebook.com');
  assert.equal(referrerHost('https://t.co/abc', SITE), 't.co');
  assert.equal(referrerHost('https://news.google.com./articles/x', SITE), 'news.google.com');
  assert.equal(referrerHost('https://bücher.example/', SITE), 'xn--bcher-kva.example', 'international names in their ASCII form');
  assert.equal(referrerHost('android-app://com.google.android.gm/', SITE), 'com.google.android.gm');
  assert.equal(referrerHost('http://[2001:db8::1]:8080/x', SITE), '[2001:db8::1]');
});

test('no referrer is direct; links within the site are not referrers', () => {
  assert.equal(referrerHost(undefined, SITE), DIRECT);
  assert.equal(referrerHost('', SITE), DIRECT);
  assert.equal(referrerHost('https://news.example.com/sport', SITE), null);
  assert.equal(referrerHost('https://www.news.example.com/', SITE), null, 'the www name of the site is the site');
});

test('forged or mangled referrers are dropped, never stored as they came', () => {
  for (const forged of ['javascript:alert(1)', 'not a url', 'data:text/html,<script>', 'file:///etc/passwd', 'https://exa mple.com/', 'https://a_b.example/', `https://${'a'.repeat(300)}.com/`, 'https://<script>.com/', 'ftp://files.example/']) {
    assert.equal(referrerHost(forged, SITE), null, forged);
  }
});
