import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isAllowedHost, isForbiddenAddress } from './address-policy.js';

test('non-public addresses are forbidden', () => {
  const forbidden = [
    '127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254',
    '100.64.0.1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '::1', '::', 'fe80::1', 'fd00::1',
    'fc00::1', 'ff02::1', '::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:a9fe:a9fe', 'not-an-ip',
  ];
  for (const ip of forbidden) assert.equal(isForbiddenAddress(ip), true, ip);
});

test('public addresses are allowed', () => {
  for (const ip of ['93.184.216.34', '8.8.8.8', '172.32.0.1', '100.128.0.1', '2606:4700::1111', '::ffff:8.8.8.8']) {
    assert.equal(isForbiddenAddress(ip), false, ip);
  }
});

test('an allow-listed host matches by hostname or by hostname and port', () => {
  assert.equal(isAllowedHost(new URL('http://127.0.0.1:8080/a'), ['127.0.0.1:8080']), true);
  assert.equal(isAllowedHost(new URL('http://127.0.0.1:8081/a'), ['127.0.0.1:8080']), false);
  assert.equal(isAllowedHost(new URL('http://127.0.0.1:8081/a'), ['127.0.0.1']), true);
  assert.equal(isAllowedHost(new URL('https://Media.Example/a'), ['media.example:443']), true);
  assert.equal(isAllowedHost(new URL('http://[::1]:9000/a'), ['::1']), true);
  assert.equal(isAllowedHost(new URL('http://[::1]:9000/a'), ['[::1]:9000']), true);
  assert.equal(isAllowedHost(new URL('http://localhost/a'), []), false);
});
