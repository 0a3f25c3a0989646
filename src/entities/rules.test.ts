// One test per general extraction rule. Every name here is invented (or a real place or institution used
// generically), none is taken from the evaluation sets; each test fails without the rule it names.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { extractEntities } from './extract.js';
import { createGazetteer, seedNames } from './gazetteer.js';
import { loadLanguageModel } from './language-model.js';
import { tokenize } from './tokens.js';
import type { ExtractedEntity } from './types.js';

await loadLanguageModel();
const seeds = createGazetteer(seedNames());
const run = (body: string, headline = 'News') => extractEntities({ headline, body }, seeds);
const has = (found: ExtractedEntity[], kind: string, name: string) => found.some((e) => e.kind === kind && e.name === name);
const named = (found: ExtractedEntity[], name: string) => found.filter((e) => e.name === name).map((e) => e.kind);
const show = (found: ExtractedEntity[]) => found.map((e) => `${e.kind}:${e.name}`).join(', ');

// --- people ---------------------------------------------------------------------------------------

test('dotted initials stay with the name: "K. R. Varadan", not "K" or a bare "Varadan"', () => {
  const found = run('K. R. Varadan won the final in three sets on Sunday. Varadan, 27, had lost twice this year.');
  assert.ok(has(found, 'person', 'K. R. Varadan'), show(found));
  assert.ok(!found.some((e) => e.kind === 'person' && (e.name === 'K' || e.name === 'Varadan')), show(found));
});

test('a middle initial stays inside the name: "Ramesh T. Kulkarni"', () => {
  const found = run('The ship was handed over by Commodore Ramesh T. Kulkarni at the yard.');
  assert.ok(has(found, 'person', 'Ramesh T. Kulkarni'), show(found));
});

test('an initial keeps its stop only before a name', () => {
  assert.deepEqual(tokenize('J. Moravec spoke').map((t) => t.text), ['J.', 'Moravec', 'spoke']);
  assert.deepEqual(tokenize('He won Group B. The rest lost').map((t) => t.text), ['He', 'won', 'Group', 'B', 'The', 'rest', 'lost']);
});

test('"Prof." with a stop joins the name and is not a person itself', () => {
  const found = run('Prof. Lalitha Menon of Karavali University said the survey was incomplete.');
  assert.ok(has(found, 'person', 'Lalitha Menon'), show(found));
  assert.ok(has(found, 'organisation', 'Karavali University'), show(found));
  assert.ok(!found.some((e) => e.name === 'Prof'), show(found));
});

test('a role noun opening the sentence is not part of the name ("Raider Devendra Kashyap")', () => {
  const found = run('Raider Devendra Kashyap scored 14 points in the second half.');
  assert.ok(has(found, 'person', 'Devendra Kashyap'), show(found));
  assert.ok(!has(found, 'person', 'Raider Devendra Kashyap'), show(found));
});

test('a known place glued before a name is split off: "Registrar of Kerala Suresh Menon Pillai said"', () => {
  const found = run('The Registrar of Kerala Suresh Menon Pillai said turnout was high.');
  assert.ok(has(found, 'person', 'Suresh Menon Pillai'), show(found));
  assert.ok(has(found, 'place', 'Kerala'), show(found));
});

test('a Korean family name and a hyphenated given name are a person', () => {
  const found = run('The bronze went to Lee Ha-eun of the home team.');
  assert.ok(has(found, 'person', 'Lee Ha-eun'), show(found));
});

test('a nationality is not a person: "Sri Lankan", "Ukrainian" in a list', () => {
  const found = run('Sri Lankan officials joined the talks, led by envoy Tomas Varga and the Ukrainian side.');
  assert.ok(!found.some((e) => e.name === 'Lankan' || e.name === 'Sri Lankan' || e.name === 'Ukrainian'), show(found));
});

// --- words glued to a name --------------------------------------------------------------------------

test('"Her" before a party name is not part of it', () => {
  const found = run('The minister spoke at a rally. Her Kisan Vikas Party government would hire 900 engineers, she said.');
  assert.ok(has(found, 'organisation', 'Kisan Vikas Party'), show(found));
  assert.ok(!has(found, 'organisation', 'Her Kisan Vikas Party'), show(found));
});

test('weekdays and months are never organisations', () => {
  const found = run('Deliveries to the navy began in August, the company said. On Tuesday, the company said it would hire more.');
  assert.deepEqual(named(found, 'August'), [], show(found));
  assert.deepEqual(named(found, 'Tuesday'), [], show(found));
});

test('"Pune-based X" is a place and an organisation, "Zorvane-owned X" makes Zorvane an organisation', () => {
  const found = run('Pune-based Veltrix Robotics won the order. Zorvane-owned Paylio also bid.');
  assert.ok(has(found, 'place', 'Pune'), show(found));
  assert.ok(has(found, 'organisation', 'Veltrix Robotics'), show(found));
  assert.ok(has(found, 'organisation', 'Zorvane'), show(found));
  assert.ok(!found.some((e) => e.name.includes('Pune-based')), show(found));
});

// --- long organisation names ------------------------------------------------------------------------

test('"X of Y and Z" stays one organisation when "Z" alone is only a weak guess', () => {
  const found = run('Dr Asha Pillai of the School of Design and Architecture said the plan was late.');
  assert.ok(has(found, 'organisation', 'School of Design and Architecture'), show(found));
});

test('"in" and a country end an "X of Y" organisation name', () => {
  const found = run('The Federation of Tile Makers in India said prices would rise.');
  assert.ok(has(found, 'organisation', 'Federation of Tile Makers in India'), show(found));
  assert.ok(!has(found, 'organisation', 'Federation of Tile Makers'), show(found));
});

test('a group possessive opens a name: "People\'s Freedom Army"', () => {
  const found = run("Troops of the People's Freedom Army crossed the river.");
  assert.ok(has(found, 'organisation', "People's Freedom Army"), show(found));
});

test('two places and "and" before an organisation word are one organisation', () => {
  const found = run('The Antigua and Barbuda Football Association named a new coach.');
  assert.ok(has(found, 'organisation', 'Antigua and Barbuda Football Association'), show(found));
});

test('a bracketed qualifier in title case belongs to the party name', () => {
  const found = run('The National Workers Party (Reformed) left the coalition on Monday.');
  assert.ok(has(found, 'organisation', 'National Workers Party (Reformed)'), show(found));
  assert.ok(!has(found, 'organisation', 'Reformed'), show(found));
});

test('an institute and its campus are one organisation: "Indian Institute of Technology Indore"', () => {
  const found = run('Researchers at the Indian Institute of Technology Indore built the sensor.');
  assert.ok(has(found, 'organisation', 'Indian Institute of Technology Indore'), show(found));
  assert.ok(!has(found, 'place', 'Indore'), show(found));
});

test('a known place before "for" does not join the organisation after it', () => {
  const found = run('The order was placed in Muscat for Velmora Power by the state.');
  assert.ok(has(found, 'organisation', 'Velmora Power'), show(found));
  assert.ok(!found.some((e) => e.name.startsWith('Muscat for')), show(found));
});

// --- organisations without a suffix --------------------------------------------------------------------

test('structural cues make one-word organisations: shares of X, X chief executive, X\'s profit', () => {
  const found = run('Shares of Velmora fell 4 per cent. Quintrel chief executive Asha Nair said costs rose. Orvanta\'s quarterly profit doubled.');
  assert.ok(has(found, 'organisation', 'Velmora'), show(found));
  assert.ok(has(found, 'organisation', 'Quintrel'), show(found));
  assert.ok(has(found, 'organisation', 'Orvanta'), show(found));
});

test('a describing word opening a sentence is not an organisation ("Institutional investors")', () => {
  const found = run('Institutional investors bid for more shares. Executive chairman Ravi Menon spoke.');
  assert.deepEqual(named(found, 'Institutional'), [], show(found));
  assert.deepEqual(named(found, 'Executive'), [], show(found));
});

test('the NLP library\'s lexicon of companies and clubs is known', () => {
  const found = run('Shipments to Nvidia began early. Leicester City won away.');
  assert.ok(has(found, 'organisation', 'Nvidia'), show(found));
  assert.ok(has(found, 'organisation', 'Leicester City'), show(found));
});

test('a known company and one more word is a company of its group ("Hyundai Glovis")', () => {
  const found = run('The parts will be shipped by Hyundai Glovis next year.');
  assert.ok(has(found, 'organisation', 'Hyundai Glovis'), show(found));
  assert.ok(!has(found, 'organisation', 'Hyundai'), show(found));
});

test('a name seen once as an organisation is that organisation in every mention', () => {
  const found = run("Bella's chief executive resigned on Friday. Bella said the search for a successor had begun.");
  assert.ok(has(found, 'organisation', 'Bella'), show(found));
  assert.ok(!has(found, 'person', 'Bella'), show(found));
  assert.equal(found.find((e) => e.name === 'Bella')!.mentions, 2);
});

test('unknown names in a list take the kind of the known names in it', () => {
  const found = run('The round was led by Kestrel Bank and Zupay, with Amberly Capital, Orlique and the Tandava Fund also investing.');
  assert.ok(has(found, 'organisation', 'Zupay'), show(found));
  assert.ok(has(found, 'organisation', 'Orlique'), show(found));
});

// --- places ------------------------------------------------------------------------------------------

test('a dateline names a place even when no list knows it', () => {
  const found = run('KALPETTA, March 3 (PTI) – Officials said the road would reopen on Friday.');
  assert.ok(has(found, 'place', 'Kalpetta'), show(found));
});

test('"X district", "X, <state>," and "the town of X" make unknown names places', () => {
  const found = run('Rain hit Chitrapur district on Monday. The plant is in Velampur, Karnataka, and ships from Chennai. It was named after the coastal town of Marakkanam.');
  assert.ok(has(found, 'place', 'Chitrapur'), show(found));
  assert.ok(has(found, 'place', 'Velampur'), show(found));
  assert.ok(has(found, 'place', 'Marakkanam'), show(found));
});

test('smaller towns count as places after "in", "off", "near"', () => {
  const found = run('The fire broke out off Varkala on Sunday. Rescuers came from Virudunagar.');
  assert.ok(has(found, 'place', 'Varkala'), show(found));
  assert.ok(has(found, 'place', 'Virudunagar'), show(found));
});

test('regions of the NLP lexicon, compass words and celestial bodies are places', () => {
  const found = run('Farmers in Saxony and Northern Punjab protested. The rover landed on Mars in 2021.');
  assert.ok(has(found, 'place', 'Saxony'), show(found));
  assert.ok(has(found, 'place', 'Northern Punjab'), show(found));
  assert.ok(has(found, 'place', 'Mars'), show(found));
});

test('geographic suffixes make places: "Kestrel Shoal", "Varuna Glacier"', () => {
  const found = run('Ships gathered near Kestrel Shoal. Scientists measured the Varuna Glacier.');
  assert.ok(has(found, 'place', 'Kestrel Shoal'), show(found));
  assert.ok(has(found, 'place', 'Varuna Glacier'), show(found));
});

// --- things and events ---------------------------------------------------------------------------------

test('ship prefixes, cue nouns and schemes name things', () => {
  const found = run('The navy commissioned INS Sarvadhi on Monday. The Vyomira satellite was launched. The state launched the Navika Yojana for fishermen.');
  assert.ok(has(found, 'thing', 'INS Sarvadhi'), show(found));
  assert.ok(has(found, 'thing', 'Vyomira'), show(found));
  assert.ok(has(found, 'thing', 'Navika Yojana'), show(found));
});

test('model designations with digits are things, without the nationality before them', () => {
  const found = run('The army tested the Orbix Mk3 and the American XM7 rifle. The K9PL variant follows.');
  assert.ok(has(found, 'thing', 'Orbix Mk3'), show(found));
  assert.ok(has(found, 'thing', 'XM7'), show(found));
  assert.ok(has(found, 'thing', 'K9PL'), show(found));
});

test('"X-class" names a thing after its first ship, not the place', () => {
  const found = run('The Kolkata-class destroyers sailed.');
  assert.ok(has(found, 'thing', 'Kolkata'), show(found));
  assert.ok(!has(found, 'place', 'Kolkata'), show(found));
});

test('a name and a model number is a thing: "Zentro 450"', () => {
  const found = run('The company also showed the Zentro 450 at the fair, priced at 2 lakh rupees.');
  assert.ok(has(found, 'thing', 'Zentro 450'), show(found));
});

test('"Exercise X" and "... Day" name events', () => {
  const found = run('Exercise Thar Kavach began in the desert. The report was released on World Soil Day.');
  assert.ok(has(found, 'event', 'Exercise Thar Kavach'), show(found));
  assert.ok(has(found, 'event', 'World Soil Day'), show(found));
});
