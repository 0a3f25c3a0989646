import { test } from 'node:test';
import assert from 'node:assert/strict';
import { addressKey, visitorIds } from './visitor-id.js';

const salt = 'AQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQEBAQE';
const other = 'AgICAgICAgICAgICAgICAgICAgICAgICAgICAgICAgI';
const UA = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/156.0 Safari/537.36';

test('the same reader, story and salt always hash alike; any change gives another hash', () => {
  const a = visitorIds(salt, '203.0.113.7', UA, 'story-one');
  assert.deepEqual(visitorIds(salt, '203.0.113.7', UA, 'story-one'), a, 'a reload hashes the same');
  assert.notEqual(visitorIds(salt, '203.0.113.7', UA, 'story-two').reading, a.reading, 'another story is another reading');
  assert.equal(visitorIds(salt, '203.0.113.7', UA, 'story-two').visitor, a.visitor, 'but the same reader');
  assert.notEqual(visitorIds(salt, '203.0.113.8', UA, 'story-one').reading, a.reading, 'another address');
  assert.notEqual(visitorIds(salt, '203.0.113.7', UA + ' x', 'story-one').reading, a.reading, 'another browser');
  const rotated = visitorIds(other, '203.0.113.7', UA, 'story-one');
  assert.notEqual(rotated.reading, a.reading, 'a new day (salt) makes every reader new');
  assert.notEqual(rotated.visitor, a.visitor);
});

test('a hash carries nothing of the address or the agent', () => {
  const { reading, visitor } = visitorIds(salt, '203.0.113.7', UA, 'story-one');
  assert.match(visitor, /^[A-Za-z0-9_-]{16}$/);
  assert.equal(reading, `${visitor}.story-one`, 'a reading is the reader and the (public) story');
  for (const id of [reading, visitor]) assert.ok(!id.includes('203') && !id.includes('Mozilla'));
  // The separator keeps fields apart: "a"+"bc" is not "ab"+"c".
  assert.notEqual(visitorIds(salt, 'a', 'bc', 's').reading, visitorIds(salt, 'ab', 'c', 's').reading);
});

test('IPv6 readers are limited per /64, IPv4 per address', () => {
  assert.equal(addressKey('203.0.113.7'), '203.0.113.7');
  assert.equal(addressKey('::ffff:203.0.113.7'), '203.0.113.7');
  assert.equal(addressKey('2001:db8:1:2:3:4:5:6'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:db8:1:2::9'), '2001:db8:1:2::/64');
  assert.equal(addressKey('2001:DB8:0001:0002:ffff::1'), '2001:db8:1:2::/64');
  assert.equal(addressKey('::1'), '0:0:0:0::/64');
});
