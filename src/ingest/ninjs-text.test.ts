import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { parseNinjs, type IncomingStory, type NinjsResult } from './ninjs.js';

function fixture(name: string): Record<string, unknown> {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Record<string, unknown>;
}

function parsed(input: unknown): IncomingStory {
  const result = parseNinjs(input);
  assert.ok(result.ok, `expected ok, got ${JSON.stringify(result)}`);
  return result.item;
}

function failure(input: unknown): Extract<NinjsResult, { ok: false }> {
  const result = parseNinjs(input);
  assert.ok(!result.ok, 'expected the item to be rejected');
  return result;
}

test('a 1.x composite reads headline_main, prefers body_richtext to body_main, and keeps the description as standfirst', () => {
  const story = parsed(fixture('ninjs-1x-composite.json'));
  assert.equal(story.headline, 'Volunteers replant marram grass to hold back eroding dunes');
  assert.equal(story.bodyPath, 'body_richtext');
  assert.match(story.bodyHtml ?? '', /^<p>Around two hundred volunteers/);
  assert.equal(story.standfirst, 'A coastal trust wants four kilometres of dune replanted before the autumn storms arrive.');
  assert.deepEqual(story.bylines, ['Camille Roche', 'Idris Bello']);
  assert.equal(story.source, 'RivageWire');
});

test('a 1.x body_main alone is plain text, and other headline_* and body_* properties are read', () => {
  const simple = parsed({ uri: 'urn:x:1', type: 'text', headline_main: 'Pier reopens', body_main: 'The pier reopened.\nAnglers came back at dawn.' });
  assert.equal(simple.headline, 'Pier reopens');
  assert.equal(simple.bodyHtml, '<p>The pier reopened.</p>\n<p>Anglers came back at dawn.</p>');
  const named = parsed({ uri: 'urn:x:2', type: 'composite', headline_simple: 'Workstations get smaller', body_nitf: '<p>Marked up</p>' });
  assert.equal(named.headline, 'Workstations get smaller');
  assert.equal(named.bodyHtml, '<p>Marked up</p>');
  // headline wins over headline_main; a sub-headline is the standfirst when there is no description.
  const both = parsed({ uri: 'urn:x:3', headline: 'Main', headline_main: 'Other', headline_subtitle: 'The sub', body_text: 'x' });
  assert.deepEqual([both.headline, both.standfirst], ['Main', 'The sub']);
});

test('1.x headline_*, body_* and description_* properties are checked, and errors name them', () => {
  assert.equal(failure({ uri: 'urn:x', headline_main: 7, body_text: 'x' }).field, 'headline_main');
  assert.equal(failure({ uri: 'urn:x', headline: 'H', body_richtext: ['<p>x</p>'] }).field, 'body_richtext');
  assert.equal(failure({ uri: 'urn:x', headline: 'H', body_main: 'x'.repeat(2_000_001) }).field, 'body_main');
  assert.equal(failure({ uri: 'urn:x', headline_main: 'y'.repeat(301), body_text: 'x' }).field, 'headline_main');
});

test('an item with no text at all is refused, never imported empty', () => {
  for (const item of [
    { uri: 'urn:x', type: 'text', headline: 'Only a headline' },
    { uri: 'urn:x', type: 'text', headline: 'Blank body', body_html: '  ', body_text: '' },
    { uri: 'urn:x', type: 'text', headlines: [{ value: 'Only a headline' }], bodies: [{ value: ' ' }] },
    { uri: 'urn:x', type: 'text', headlines: [{ value: 'Editor only' }], descriptions: [{ role: 'ednote', value: 'Hold for legal.' }] },
  ]) {
    const result = failure(item);
    assert.match(result.field, /^(?:body_html|bodies)$/);
    assert.match(result.message, /no text/);
  }
});

test('a 2.x description with role text becomes the body when there is none; an editor note never shows', () => {
  const story = parsed(fixture('ninjs-2x-description-text.json'));
  assert.equal(story.bodyHtml, '<p>A coastal ferry company has ordered two battery-powered boats for its shortest crossings.</p>');
  assert.equal(story.bodyPath, 'descriptions.1.value');
  assert.equal(story.standfirst, null);
  // 1.x: a description alone is the body too.
  assert.equal(parsed({ uri: 'urn:x', headline: 'H', description_text: 'Just this.' }).bodyHtml, '<p>Just this.</p>');
});

test('2.x descriptions in other roles are the standfirst; role text beside a body is not repeated', () => {
  const base = { uri: 'urn:x', headlines: [{ value: 'H' }], bodies: [{ value: 'Body.' }] };
  assert.equal(parsed({ ...base, descriptions: [{ role: 'lead', value: 'The lead.' }] }).standfirst, 'The lead.');
  assert.equal(parsed({ ...base, descriptions: [{ role: 'teaser', contenttype: 'text/html', value: '<p>A <b>teaser</b></p>' }] }).standfirst, 'A teaser');
  assert.equal(parsed({ ...base, descriptions: [{ role: 'text', value: 'Body excerpt…' }] }).standfirst, null);
  assert.equal(parsed({ ...base, descriptions: [{ role: 'caption', value: 'x' }, { role: 'summary', value: 'The summary.' }] }).standfirst, 'The summary.');
  // With no body and no text role, the summary is the body rather than nothing.
  const summaryOnly = parsed({ uri: 'urn:x', headlines: [{ value: 'H' }], descriptions: [{ role: 'summary', value: 'All we have.' }] });
  assert.deepEqual([summaryOnly.bodyHtml, summaryOnly.standfirst], ['<p>All we have.</p>', null]);
});

test('a 2.x composite prefers the xhtml body, and a body in another format (NITF) is not read as text', () => {
  const story = parsed(fixture('ninjs-2x-composite.json'));
  assert.equal(story.bodyPath, 'bodies.1.value');
  assert.match(story.bodyHtml ?? '', /^<p>The ferry company/);
  const nitfOnly = { uri: 'urn:x', headlines: [{ value: 'H' }], bodies: [{ contenttype: 'application/nitf+xml', value: '<nitf/>' }] };
  assert.equal(failure(nitfOnly).field, 'bodies');
  const unlabelled = parsed({ uri: 'urn:x', headlines: [{ value: 'H' }], bodies: [{ value: '<p>Looks like <em>markup</em></p>' }] });
  assert.equal(unlabelled.bodyHtml, '<p>Looks like <em>markup</em></p>');
});

test('a ninjs 3.x item is read with its camelCase names', () => {
  const story = parsed(fixture('ninjs-3x-story.json'));
  assert.equal(story.headline, 'Fjord bridge to close for six weeks of repairs');
  assert.equal(story.bodyPath, 'bodies.1.value');
  assert.equal(story.bodyHtml?.split('</p>').length, 4);
  assert.equal(story.firstCreated?.toISOString(), '2025-07-04T03:10:00.000Z');
  assert.equal(story.versionCreated?.toISOString(), '2025-07-04T04:02:00.000Z');
  assert.equal(story.embargoed?.toISOString(), '2025-07-04T04:00:00.000Z');
  assert.equal(story.source, 'NVN');
  assert.deepEqual(story.bylines, ['Astrid Holm']);
  assert.equal(story.standfirst, null, 'the text description is an excerpt of the body');
  assert.deepEqual(story.subjects, [{ name: 'road transport', code: 'medtop:20000684' }]);
  assert.equal(parsed({ ...fixture('ninjs-3x-story.json'), copyrightHolder: undefined, infoSources: [{ name: 'Nordvik News' }] }).source, 'Nordvik News');
});

test('3.x errors name the camelCase property as the file spells it', () => {
  const item = fixture('ninjs-3x-story.json');
  assert.equal(failure({ ...item, versionCreated: 'yesterday' }).field, 'versionCreated');
  assert.equal(failure({ ...item, embargoedUntil: '2025-13-01T00:00:00Z' }).field, 'embargoedUntil');
  assert.equal(failure({ ...item, pubStatus: 'hold' }).field, 'pubStatus');
  assert.equal(failure({ ...item, bodies: [{ contentType: 7, value: 'x' }] }).field, 'bodies.0.contentType');
});

test('a 2.0 draft with headline and body arrays of { name, value } is read', () => {
  const story = parsed({
    uri: 'urn:x:draft',
    type: 'text',
    headline: [{ name: 'main', value: 'Draft-shaped headline' }],
    body: [{ name: 'text', value: 'Plain words.' }, { name: 'xhtml', value: '<p>Marked-up words.</p>' }],
  });
  assert.deepEqual([story.headline, story.bodyHtml], ['Draft-shaped headline', '<p>Marked-up words.</p>']);
  assert.equal(failure({ uri: 'urn:x', headline: [{ name: 'main', value: ' ' }], body: [{ value: 'x' }] }).field, 'headline');
});
