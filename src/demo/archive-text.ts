import { storedDocJson } from '../doc/index.js';

/**
 * Invented news text for archives of any size (`npm run seed:archive`, `npm run bench:search`):
 * words drawn from a 20,000-word vocabulary with a Zipf-like long tail (stop words first, topical
 * words such as "government" in many stories and "monsoon" in fewer, made-up words after), names
 * from 400 bylines, and "The prime minister said" in 3% of sentences. Seeded, so the same seed
 * writes the same archive.
 */
export const FIRST_NAMES = ['Rajnath', 'Asha', 'Priya', 'Vikram', 'Meera', 'Arjun', 'Kavita', 'Rahul', 'Sunita', 'Anil', 'Deepa', 'Sanjay', 'Nisha', 'Amit', 'Lakshmi', 'Ravi', 'Pooja', 'Suresh', 'Anjali', 'Manoj'];
export const LAST_NAMES = ['Singh', 'Rao', 'Sharma', 'Iyer', 'Menon', 'Gupta', 'Patel', 'Reddy', 'Nair', 'Das', 'Kapoor', 'Joshi', 'Verma', 'Bose', 'Pillai', 'Chopra', 'Mehta', 'Kulkarni', 'Banerjee', 'Thomas'];
export const ARCHIVE_NAMES = FIRST_NAMES.flatMap((f) => LAST_NAMES.map((l) => `${f} ${l}`));
const STOP = `the of and to in a on for was with that is at by from he she it as has have were said after will be an their its this who which
but not are more than also had been over new into about two first last one all up out when would there they we our`.split(/\s+/);
export const TOPICAL = `government minister police court state city election budget party report council village farmers monsoon market
company shares bank prices tax workers hospital school students river bridge railway airport army defence border talks treaty
summit president cabinet opposition protest strike union energy coal solar climate flood drought crop harvest wheat rice sugar
exports imports trade inflation jobs scheme judge hearing trial verdict appeal cricket football wicket captain coach stadium
festival theatre museum rocket satellite vaccine doctors patients virus scientists university startup`.split(/\s+/);
const SYLLABLES = ['ka', 'ri', 'to', 'men', 'dar', 'lo', 'vi', 'shan', 'por', 'tel', 'ba', 'nu', 'gra', 'sel', 'mo', 'dhi'];
const VOCABULARY = Array.from({ length: 20_000 }, (_, i) => `${SYLLABLES[i % 16]}${SYLLABLES[Math.floor(i / 16) % 16]}${SYLLABLES[Math.floor(i / 256) % 16]}${i >= 4096 ? SYLLABLES[Math.floor(i / 4096)] : ''}`);
STOP.forEach((w, i) => (VOCABULARY[i] = w));
TOPICAL.forEach((w, i) => (VOCABULARY[200 + i * 60] = w));
/** A word in about 0.2% of stories. */
export const RARE_WORD = VOCABULARY[15_001]!;
const ZIPF_C = 2;

export function createArchiveText(seed = 42) {
  // mulberry32: 32-bit integer arithmetic throughout (a float LCG loses precision past 2^53).
  let state = seed;
  function random(): number {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  }
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const word = () => VOCABULARY[Math.min(VOCABULARY.length - 1, Math.floor(ZIPF_C * ((VOCABULARY.length + ZIPF_C) / ZIPF_C) ** random() - ZIPF_C))]!;
  const words = (n: number) => Array.from({ length: n }, word).join(' ');
  function sentence(names: string[]): string {
    const text = words(8 + Math.floor(random() * 14));
    const r = random();
    if (r < 0.25) return `${pick(names)} said ${text}.`;
    if (r < 0.28) return `The prime minister said ${text}.`;
    return `${text[0]!.toUpperCase()}${text.slice(1)}.`;
  }
  /** One story's text: a headline, a standfirst and six paragraphs (~300 words) about two people. */
  function story(): { headline: string; standfirst: string; body: string } {
    const mentioned = [pick(ARCHIVE_NAMES), pick(ARCHIVE_NAMES)];
    const paragraphs = Array.from({ length: 6 }, () => Array.from({ length: 3 }, () => sentence(mentioned)).join(' '));
    return {
      headline: `${mentioned[0]} on ${words(5)}`,
      standfirst: sentence(mentioned),
      body: storedDocJson({ type: 'doc', content: paragraphs.map((text) => ({ type: 'paragraph', content: [{ type: 'text', text }] })) }),
    };
  }
  return { random, pick, story };
}
