import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { MAX_PICTURES } from './ninjs-associations.js';
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

const text = { uri: 'urn:x:1', type: 'composite', headline: 'Regatta day', body_text: 'Boats raced.' };
const picture = (href: string, extra: Record<string, unknown> = {}) => ({ type: 'picture', renditions: { main: { href, width: 1200 } }, ...extra });

test('the hero is the first picture association whatever its name (1.x objects)', () => {
  const story = parsed(fixture('ninjs-1x-composite.json'));
  assert.equal(story.picture?.href, 'https://rivagewire.example/photos/5521-main.jpg', 'the logo is a graphic, not the hero');
  assert.equal(story.picture?.hrefPath, 'associations.mainpic.renditions.main.href');
  assert.equal(story.picture?.credit, 'RivageWire/Lucie Marchand');
  assert.equal(story.picture?.caption, 'Volunteers plant marram grass on the north dune at low tide.');
  assert.deepEqual(story.furtherPictures.map((p) => [p.href, p.credit, p.caption]), [
    ['https://rivagewire.example/photos/5522-main.jpg', 'AFP', "Elodie Garnier, the trust's warden, marks out the next strip to plant."],
  ]);
  for (const name of ['photo', 'a001', 'image_1']) {
    assert.equal(parsed({ ...text, associations: { [name]: picture(`https://a.example/${name}.jpg`) } }).picture?.href, `https://a.example/${name}.jpg`);
  }
});

test('the hero is the first picture in a 2.x or 3.x array, with the widest rendition and the real path', () => {
  const v2 = parsed(fixture('ninjs-2x-composite.json'));
  assert.equal(v2.picture?.href, 'https://harbourline.example/media/40017-2000.jpg');
  assert.equal(v2.picture?.hrefPath, 'associations.1.renditions.1.href');
  assert.deepEqual(v2.furtherPictures.map((p) => p.hrefPath), ['associations.2.renditions.0.href']);
  const v3 = parsed(fixture('ninjs-3x-story.json'));
  assert.equal(v3.picture?.href, 'https://media.nordvik.example/k7Qe2_hires.jpg');
  assert.deepEqual([v3.picture?.credit, v3.picture?.caption, v3.picture?.mimetype], ['Jonas Ek/NVN', 'The bridge seen from the eastern shore.', 'image/jpeg']);
});

test('a picture named featureimage or featuremedia is still the hero when listed after another', () => {
  const associations = { editor_0: picture('https://a.example/inline.jpg'), featuremedia: picture('https://a.example/feature.jpg') };
  const story = parsed({ ...text, associations });
  assert.equal(story.picture?.href, 'https://a.example/feature.jpg');
  assert.deepEqual(story.furtherPictures.map((p) => p.href), ['https://a.example/inline.jpg']);
  assert.deepEqual(parsed(fixture('ninjs-1x-story.json')).furtherPictures.map((p) => p.href), ['https://coastwire.example/photos/8813.jpg']);
});

test('graphics, video, withdrawn pictures and pictures without an href are passed over', () => {
  const associations = [
    { name: 'logo', type: 'graphic', renditions: [{ name: 'x', href: 'https://a.example/logo.png' }] },
    { name: 'clip', type: 'video', renditions: [{ name: 'x', href: 'https://a.example/clip.mp4' }] },
    { name: 'pulled', type: 'picture', pubstatus: 'withheld', renditions: [{ name: 'x', href: 'https://a.example/pulled.jpg' }] },
    { name: 'empty', type: 'picture', renditions: [{ name: 'thumbnail' }, { name: 'hughres' }] },
    { name: 'photo', type: 'picture', renditions: [{ name: 'x', href: 'https://a.example/photo.jpg' }] },
  ];
  const story = parsed({ ...text, associations });
  assert.equal(story.picture?.href, 'https://a.example/photo.jpg');
  assert.deepEqual(story.furtherPictures, []);
  assert.equal(parsed({ ...text, associations: associations.slice(0, 4) }).picture, null);
});

test(`at most ${MAX_PICTURES} pictures are taken from one item`, () => {
  const associations = Array.from({ length: MAX_PICTURES + 5 }, (_, i) => ({ name: `p${i}`, ...picture(`https://a.example/${i}.jpg`) }));
  const story = parsed({ ...text, associations });
  assert.equal(story.picture?.href, 'https://a.example/0.jpg');
  assert.equal(story.furtherPictures.length, MAX_PICTURES - 1);
});

test('a bad href in any picture refuses the item, naming its real path', () => {
  const v2 = fixture('ninjs-2x-composite.json');
  const associations = v2.associations as { renditions: { href: string }[] }[];
  associations[2]!.renditions[0]!.href = 'javascript:alert(1)';
  assert.equal(failure(v2).field, 'associations.2.renditions.0.href');
  const v1 = { ...text, associations: { mainpic: picture('https://a.example/a.jpg'), portrait: { type: 'picture', renditions: { main: { href: 'ftp://a.example/b.jpg' } } } } };
  assert.equal(failure(v1).field, 'associations.portrait.renditions.main.href');
  assert.equal(failure({ ...text, associations: [{ name: 'x', type: 7 }] }).field, 'associations.0.type');
});

test('a withheld item reads no pictures, since none will be fetched', () => {
  const item = { ...fixture('ninjs-3x-story.json'), pubStatus: 'withheld' };
  const story = parsed(item);
  assert.deepEqual([story.picture, story.furtherPictures], [null, []]);
});
