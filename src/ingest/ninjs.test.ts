import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { isAgencyCredit, parseNinjs, type IncomingStory, type NinjsResult } from './ninjs.js';

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
  assert.equal(result.ok, false, 'expected the item to be rejected');
  assert.ok(!result.ok);
  assert.equal(result.reason, 'invalid_ninjs');
  assert.ok(result.message.length > 0);
  return result;
}

const minimal1 = { uri: 'urn:x:1', type: 'text', headline: 'Tide tables updated', body_text: 'High water moves ten minutes later.' };
const minimal2 = { uri: 'urn:x:2', type: 'text', headlines: [{ value: 'Tide tables updated' }], bodies: [{ value: 'High water moves ten minutes later.' }] };

test('a ninjs 1.x story yields its text fields', () => {
  const story = parsed(fixture('ninjs-1x-story.json'));
  assert.equal(story.wireId, 'urn:newsml:coastwire.example:20250627:harbour-cranes-4471');
  assert.equal(story.version, '3');
  assert.equal(story.language, 'en');
  assert.equal(story.headline, 'Harbour authority orders six electric cranes to cut diesel use');
  assert.match(story.standfirst ?? '', /^The port expects/);
  assert.match(story.bodyHtml ?? '', /^<p>The harbour authority on Friday/);
  assert.deepEqual(story.bylines, ['Asha Rao', 'Tom Field']);
  assert.equal(story.located, 'Kochi');
  assert.equal(story.sectionName, 'Business');
  assert.equal(story.source, 'CoastWire');
  assert.deepEqual(story.keywords, ['ports', 'shipping', 'electrification']);
  assert.deepEqual(story.subjects, [
    { name: 'transport', code: 'medtop:20000684' },
    { name: 'energy saving', code: 'medtop:20000254' },
  ]);
});

test('ninjs dates are read as instants, including Superdesk "+0000" offsets', () => {
  const story = parsed(fixture('ninjs-1x-story.json'));
  assert.equal(story.firstCreated?.toISOString(), '2025-06-27T04:12:00.000Z');
  assert.equal(story.versionCreated?.toISOString(), '2025-06-27T06:45:30.000Z');
  assert.equal(story.embargoed?.toISOString(), '2025-06-27T03:30:00.000Z');
});

test('a 1.x feature image uses the original rendition with its caption, credit and rights', () => {
  const { picture } = parsed(fixture('ninjs-1x-story.json'));
  assert.deepEqual(picture, {
    href: 'file:///srv/wire/photos/harbour-crane.jpg',
    hrefPath: 'associations.featureimage.renditions.original.href',
    width: 2400,
    height: 1600,
    mimetype: 'image/jpeg',
    caption: 'A diesel crane unloads containers at the terminal, which will switch to electric cranes.',
    alt: 'A yellow gantry crane above stacked shipping containers',
    credit: 'CoastWire/Meera Nair',
    licence: 'CoastWire Ltd — Editorial use only',
    sourceUrl: 'https://coastwire.example/photos/8812',
  });
});

test('a ninjs 2.x story takes the main headline, the summary and a plain body as escaped paragraphs', () => {
  const story = parsed(fixture('ninjs-2x-story.json'));
  assert.equal(story.wireId, 'http://northdesk.example/items/2025/06/glacier-survey');
  assert.equal(story.headline, 'Glacier lost a tenth of its thickness in a decade, survey finds');
  assert.equal(story.standfirst, 'Researchers flew 400 drone passes over the glacier last summer.');
  const paragraphs = story.bodyHtml?.split('\n') ?? [];
  assert.equal(paragraphs.length, 3);
  assert.equal(paragraphs[2], '<p>Melt &amp; runoff rose &lt;sharply&gt; after two warm winters, they said.</p>');
  assert.deepEqual(story.bylines, ['Lena Okafor', 'Tomás Ruiz', 'Priya Menon']);
  assert.equal(story.firstCreated?.toISOString(), '2025-06-26T13:00:00.000Z');
  assert.equal(story.language, 'en-GB');
});

test('a 2.x story reads source from infosources, section from services and codes from literal', () => {
  const story = parsed(fixture('ninjs-2x-story.json'));
  assert.equal(story.source, 'Northern Desk Agency');
  assert.equal(story.sectionName, 'Science');
  assert.equal(story.located, 'Leh');
  assert.deepEqual(story.subjects, [
    { name: 'climate change', code: 'medtop:20000419' },
    { name: 'glaciology', code: 'http://northdesk.example/topics/glaciology' },
  ]);
});

test('a 2.x feature image takes the widest rendition and credits the copyright holder before the photographer', () => {
  const story = parsed(fixture('ninjs-2x-story.json'));
  assert.deepEqual(story.picture, {
    href: 'https://cdn.northdesk.example/77120-1600.jpg',
    hrefPath: 'associations.1.renditions.1.href',
    width: 1600,
    height: 1067,
    mimetype: 'image/jpeg',
    caption: 'Survey drones being readied at the base camp.',
    alt: 'Two people kneel beside a drone on a rocky slope',
    credit: 'Northern Desk Agency',
    licence: 'Northern Desk Agency',
    sourceUrl: 'http://northdesk.example/media/77120',
  });
  assert.equal(isAgencyCredit(story.picture?.credit ?? null, story.source), true);
});

test('an item without a headline is rejected naming the headline field', () => {
  assert.equal(failure(fixture('ninjs-no-headline.json')).field, 'headline');
  assert.equal(failure({ ...minimal1, headline: '   ' }).field, 'headline');
  assert.equal(failure({ ...minimal1, headline: null }).field, 'headline');
});

test('a 2.x item without a usable headline is rejected naming headlines', () => {
  assert.equal(failure({ ...minimal2, headlines: [] }).field, 'headlines');
  assert.equal(failure({ ...minimal2, headlines: [{ role: 'main', value: ' ' }] }).field, 'headlines');
  assert.equal(failure({ ...minimal2, headlines: [{ role: 'main' }] }).field, 'headlines.0.value');
});

test('a headline over 300 characters is rejected', () => {
  assert.equal(failure({ ...minimal1, headline: 'x'.repeat(301) }).field, 'headline');
  assert.equal(parsed({ ...minimal1, headline: 'x'.repeat(300) }).headline.length, 300);
  assert.equal(failure({ ...minimal2, headlines: [{ value: 'y'.repeat(400) }] }).field, 'headlines.0.value');
});

test('a date that is not ISO-8601 is rejected naming its field', () => {
  const result = failure(fixture('ninjs-bad-date.json'));
  assert.equal(result.field, 'versioncreated');
  assert.match(result.message, /ISO-8601/);
  assert.equal(failure({ ...minimal1, firstcreated: '2024-02-30T10:00:00Z' }).field, 'firstcreated');
  assert.equal(failure({ ...minimal1, embargoed: 1719500000 }).field, 'embargoed');
  assert.equal(failure({ ...minimal1, versioncreated: 'June 27, 2025' }).field, 'versioncreated');
});

test('a long non-date in a date field is reported as a bad date, not as too long', () => {
  const result = failure({ ...minimal1, firstcreated: 'sometime last week, according to the desk '.repeat(5) });
  assert.equal(result.field, 'firstcreated');
  assert.match(result.message, /not an ISO-8601 date-time/);
  assert.match(failure({ ...minimal2, versionCreated: 'x'.repeat(200) }).message, /not an ISO-8601 date-time/);
});

test('a date-time without an offset is read as UTC', () => {
  const story = parsed({ ...minimal1, versioncreated: '2025-06-27T08:00:00', firstcreated: '2025-06-27' });
  assert.equal(story.versionCreated?.toISOString(), '2025-06-27T08:00:00.000Z');
  assert.equal(story.firstCreated?.toISOString(), '2025-06-27T00:00:00.000Z');
});

test('a rendition href that is not file or http(s) is rejected naming its path', () => {
  const result = failure(fixture('ninjs-javascript-href.json'));
  assert.equal(result.field, 'associations.featureimage.renditions.original.href');
  const item = fixture('ninjs-2x-story.json');
  const associations = item.associations as { renditions?: { href: string }[] }[];
  associations[1]!.renditions![1]!.href = 'data:image/png;base64,AAAA';
  assert.equal(failure(item).field, 'associations.1.renditions.1.href');
});

test('picture, audio, video and event items are refused with a reason naming the type', () => {
  const result = failure(fixture('ninjs-picture-item.json'));
  assert.equal(result.field, 'type');
  assert.match(result.message, /only text and composite items can be imported; this is a "picture" item/);
  for (const type of ['audio', 'video', 'graphic', 'event', 'component']) assert.match(failure({ ...minimal2, type }).message, new RegExp(`"${type}" item`));
  assert.equal(failure({ ...minimal1, type: ['text'] }).field, 'type');
  assert.equal(failure({ uri: 'urn:x', title: 'Match day', eventDetails: { dates: {} } }).field, 'eventDetails');
  assert.equal(parsed({ ...minimal1, type: undefined }).headline, 'Tide tables updated');
});

test('a composite item that carries text imports as a story, and one without text is refused', () => {
  assert.equal(parsed({ ...minimal2, type: 'composite' }).headline, 'Tide tables updated');
  const empty = failure({ uri: 'urn:x:c', type: 'composite', headlines: [{ value: 'Gallery: the regatta' }], associations: [] });
  assert.equal(empty.field, 'bodies');
  assert.match(empty.message, /no text/);
});

test('uri is required, so that a later version can find the story it updates', () => {
  for (const uri of [undefined, null, '', '   ']) {
    const result = failure({ ...minimal1, uri, guid: 'tag:example,2025:1' });
    assert.equal(result.field, 'uri');
    assert.match(result.message, /uri is required/);
  }
  assert.equal(failure({ ...minimal1, uri: 42 }).field, 'uri');
  assert.equal(parsed({ ...minimal1, guid: 'tag:other' }).wireId, 'urn:x:1');
});

test('pubstatus is usable by default; withheld and canceled (or cancelled) are read in every generation', () => {
  assert.equal(parsed(minimal1).pubStatus, 'usable');
  assert.equal(parsed({ ...minimal1, pubstatus: 'withheld' }).pubStatus, 'withheld');
  assert.equal(parsed({ ...minimal2, pubstatus: 'canceled' }).pubStatus, 'canceled');
  assert.equal(parsed({ ...minimal2, pubStatus: 'Cancelled' }).pubStatus, 'canceled');
  const bad = failure({ ...minimal1, pubstatus: 'killed' });
  assert.equal(bad.field, 'pubstatus');
  assert.match(bad.message, /usable, withheld or canceled/);
  // A kill names the story to take down; it needs no headline or text of its own.
  const kill = parsed({ uri: 'urn:x:1', type: 'text', pubStatus: 'withheld', versionCreated: '2025-07-04T07:30:00Z' });
  assert.deepEqual([kill.pubStatus, kill.pubStatusPath, kill.headline, kill.bodyHtml], ['withheld', 'pubStatus', '', null]);
});

test('NUL and other control characters are stripped from every string before anything else', () => {
  const story = parsed({
    ...minimal1,
    headline: 'Tide\u0000 tables\u0007 updated',
    body_text: 'Line one\u0000\nLine\ttwo\u001b',
    byline: 'Asha\u0000 Rao',
    keywords: ['tides\u0000'],
  });
  assert.equal(story.headline, 'Tide tables updated');
  assert.equal(story.bodyHtml, '<p>Line one</p>\n<p>Line two</p>');
  assert.deepEqual(story.bylines, ['Asha Rao']);
  assert.deepEqual(story.keywords, ['tides']);
  assert.equal(JSON.stringify(story).includes('\\u0000'), false);
});

test('hostile shapes are rejected with the path of the first problem', () => {
  for (const input of [null, 'text', 42, [minimal1]]) assert.equal(failure(input).field, '$');
  assert.equal(failure({ ...minimal1, headline: 7 }).field, 'headline');
  assert.equal(failure({ ...minimal1, body_html: 'x'.repeat(2_000_001) }).field, 'body_html');
  assert.equal(failure({ ...minimal1, subject: { name: 'not a list' } }).field, 'subject');
  assert.equal(failure({ ...minimal1, keywords: ['ok', { no: 1 }] }).field, 'keywords.1');
  assert.equal(failure({ ...minimal1, associations: 'featureimage' }).field, 'associations');
  assert.equal(failure({ ...minimal1, associations: { featureimage: [1, 2] } }).field, 'associations.featureimage');
  const badWidth = { featureimage: { type: 'picture', renditions: { original: { href: 'https://a.example/x.jpg', width: '1200' } } } };
  assert.equal(failure({ ...minimal1, associations: badWidth }).field, 'associations.featureimage.renditions.original.width');
  assert.equal(failure({ ...minimal2, bodies: { value: 'x' } }).field, 'bodies');
});

test('the ninjs generation comes from the standard hint before the shape', () => {
  const hinted = { uri: 'urn:x', headline: 'Old-style headline', standard: { version: '2.0' } };
  assert.equal(failure(hinted).field, 'headlines');
  const schemaHint = { uri: 'urn:x', headline: 'Old-style headline', $schema: 'https://www.iptc.org/std/ninjs/ninjs-schema_2.1.json' };
  assert.equal(failure(schemaHint).field, 'headlines');
  assert.equal(parsed({ uri: 'urn:x', headlines: [{ value: 'Shape says 2.x' }], bodies: [{ value: 'x' }] }).headline, 'Shape says 2.x');
  assert.equal(failure({ uri: 'urn:x', bodies: [{ value: 'text' }] }).field, 'headlines');
  const v3 = { uri: 'urn:x', headline: 'Old-style headline', body_text: 'x', standard: { schema: 'https://www.iptc.org/std/ninjs/ninjs-schema_3.1.json' } };
  assert.equal(failure(v3).field, 'headlines');
});

test('bylines are split on commas, ampersands and "and", dropping the agency when a person remains', () => {
  assert.deepEqual(parsed({ ...minimal1, byline: 'A. Iyer, B. Khan & C. Das' }).bylines, ['A. Iyer', 'B. Khan', 'C. Das']);
  assert.deepEqual(parsed({ ...minimal1, byline: 'by Ravi Kumar, and Anna Lee' }).bylines, ['Ravi Kumar', 'Anna Lee']);
  assert.deepEqual(parsed({ ...minimal1, byline: 'Asha Rao, Reuters', source: 'Reuters' }).bylines, ['Asha Rao']);
  assert.deepEqual(parsed({ ...minimal1, byline: 'Reuters', source: 'Reuters' }).bylines, ['Reuters']);
  assert.deepEqual(parsed(minimal1).bylines, []);
});

test('foreign byline prefixes and trailing agencies stay out of the names (2.x and 3.x "by")', () => {
  const dpaLike = { uri: 'urn:x:3', copyrightHolder: 'dpa', headlines: [{ value: 'Derby penalty disputed' }], bodies: [{ value: 'x' }] };
  assert.deepEqual(parsed({ ...dpaLike, by: 'Von Greta Vogel, dpa' }).bylines, ['Greta Vogel']);
  assert.deepEqual(parsed({ ...minimal2, by: 'Av Karin Sjöberg/TT' }).bylines, ['Karin Sjöberg']);
  assert.deepEqual(parsed({ ...minimal2, copyrightholder: 'Nordvik', by: 'Door Pieter de Graaf en Lotte Smit, Nordvik' }).bylines, ['Pieter de Graaf', 'Lotte Smit']);
});

test('bylines fall back to Superdesk authors (1.x) and author people (2.x)', () => {
  const authors = [{ name: 'Mira Shah', role: 'writer' }, null, { name: 'Mira Shah' }];
  assert.deepEqual(parsed({ ...minimal1, authors }).bylines, ['Mira Shah']);
  const people = [
    { name: 'Quoted Person', rel: 'mentioned' },
    { name: 'Omar Haddad', rel: 'author' },
    { name: 'Li Wen', rel: 'http://cv.example/rel/creator' },
  ];
  assert.deepEqual(parsed({ ...minimal2, people }).bylines, ['Omar Haddad', 'Li Wen']);
});

test('a 1.x plain-text body becomes escaped paragraphs and blank lines separate them', () => {
  const story = parsed({ ...minimal1, body_text: 'First line\nwraps here.\n\nSecond <b>para</b>.' });
  assert.equal(story.bodyHtml, '<p>First line wraps here.</p>\n<p>Second &lt;b&gt;para&lt;/b&gt;.</p>');
});

test('a 2.x HTML body is preferred over a plain one and a subheadline stands in for a missing summary', () => {
  const story = parsed({
    ...minimal2,
    headlines: [{ value: 'Main' }, { role: 'subheadline', value: 'The sub' }],
    bodies: [{ contenttype: 'text/plain', value: 'plain' }, { contenttype: 'text/html', value: '<p>rich</p>' }],
  });
  assert.equal(story.bodyHtml, '<p>rich</p>');
  assert.equal(story.standfirst, 'The sub');
  assert.equal(parsed({ ...minimal1, headline_subheadline: 'A 1.x sub' }).standfirst, 'A 1.x sub');
});

test('the feature image may be called featuremedia, and a non-picture association is not a picture', () => {
  const media = { featuremedia: { type: 'picture', renditions: { viewImage: { href: 'https://a.example/v.jpg', width: 640 } } } };
  assert.equal(parsed({ ...minimal1, associations: media }).picture?.href, 'https://a.example/v.jpg');
  const video = { featureimage: { type: 'video', renditions: { original: { href: 'https://a.example/v.mp4' } } } };
  assert.equal(parsed({ ...minimal1, associations: video }).picture, null);
  const noHref = { featureimage: { type: 'picture', renditions: { original: { width: 100 } } } };
  assert.equal(parsed({ ...minimal1, associations: noHref }).picture, null);
});

test('agency credits are recognised and staff or photographer credits are not', () => {
  for (const credit of ['ANI', 'Photo: AFP', 'Reuters/Jane Doe', 'Getty Images', 'Press Trust of India', 'Karl Melander/TT', 'dpa', 'Xinhua News Agency', 'Handout']) {
    assert.equal(isAgencyCredit(credit, null), true, credit);
  }
  for (const credit of ['Staff photo', 'Photo: Jane Doe', 'Ani Sharma', 'Jane Doe/Dateline', 'Apu Das', '']) {
    assert.equal(isAgencyCredit(credit, null), false, credit);
  }
  assert.equal(isAgencyCredit(null, 'ANI'), false);
  assert.equal(isAgencyCredit('© CoastWire', 'CoastWire'), true);
  assert.equal(isAgencyCredit('Meera Nair/CoastWire', 'coastwire'), true);
  assert.equal(isAgencyCredit('Meera Nair', 'CoastWire'), false);
});
