/**
 * Decides whether a picture credit names an agency or wire service, which turns
 * on the article's image disclaimer ("Disclaimer: This image is taken from ANI.").
 *
 * The rule, in order:
 * 1. No credit → false.
 * 2. The credit, or any part of it split on "/", ",", ";", "|" or " via ", equals
 *    the item's `source` (case-, punctuation- and "©"/"Photo:"-insensitive) → true.
 *    So "Karl Melander/TT" with source "TT" is an agency credit.
 * 3. The credit contains a well-known agency abbreviation as a whole word, matched
 *    case-sensitively so that first names such as "Ani" or "Uni" do not count
 *    (AP, AFP, PTI, ANI, IANS, UNI, EFE, ANSA, AAP, EPA, UPI, TT, NTB, dpa/DPA) → true.
 * 4. The credit contains a well-known agency name, any case (Reuters, Associated
 *    Press, Agence France-Presse, Xinhua, Kyodo, Getty Images, Yonhap, Anadolu,
 *    Bernama, TASS, Shutterstock, Alamy) → true.
 * 5. The credit contains a word that marks an organisation distributing pictures:
 *    agency, agence, agencia, agenzia, press, presse, wire, newswire, news service,
 *    handout → true.
 * 6. Otherwise false: "Staff photo", "Photo: Jane Doe", "Jane Doe/Dateline".
 *
 * It is a heuristic; editors can still switch the disclaimer per media item.
 */
const AGENCY_ABBREVIATIONS = /(?<![\p{L}\p{N}])(?:AP|AFP|PTI|ANI|IANS|UNI|EFE|ANSA|AAP|EPA|UPI|TT|NTB|dpa|DPA)(?![\p{L}\p{N}])/u;
const AGENCY_NAMES =
  /\b(?:reuters|associated press|agence france[- ]presse|xinhua|kyodo|getty images|yonhap|anadolu|bernama|tass|shutterstock|alamy)\b/i;
const AGENCY_WORDS = /\b(?:agency|agencies|agence|agencia|agenzia|press|presse|wire|newswire|news services?|handout)\b/i;

export function isAgencyCredit(credit: string | null, source: string | null): boolean {
  if (!credit || credit.trim() === '') return false;
  if (matchesSource(credit, source)) return true;
  return AGENCY_ABBREVIATIONS.test(credit) || AGENCY_NAMES.test(credit) || AGENCY_WORDS.test(credit);
}

/**
 * Whether a whole byline part names an agency rather than a person: it is the item's
 * source, a well-known agency abbreviation or name, or an organisation word other
 * than "press" ("Northern Desk Agency"). Stricter than `isAgencyCredit`: "press" and
 * "handout" are left out, because a byline part is a name ("Jane Press") far more
 * often than a credit line is.
 */
export function isAgencyName(part: string, source: string | null): boolean {
  const text = part.trim();
  if (text === '') return false;
  const wanted = source ? normalizeCredit(source) : '';
  if (wanted !== '' && normalizeCredit(text) === wanted) return true;
  return WHOLE_ABBREVIATION.test(text) || AGENCY_NAMES.test(text) || BYLINE_AGENCY_WORDS.test(text);
}

const WHOLE_ABBREVIATION = new RegExp(`^(?:${AGENCY_ABBREVIATIONS.source})$`, 'u');
const BYLINE_AGENCY_WORDS = /\b(?:agency|agencies|agence|agencia|agenzia|newswire|news services?)\b/i;

function matchesSource(credit: string, source: string | null): boolean {
  const wanted = source ? normalizeCredit(source) : '';
  if (wanted === '') return false;
  if (normalizeCredit(credit) === wanted) return true;
  return credit.split(/[/,;|]|\s+via\s+/i).some((part) => normalizeCredit(part) === wanted);
}

function normalizeCredit(value: string): string {
  return value
    .toLowerCase()
    .replace(/©|\(c\)|\bcopyright\b/g, ' ')
    .replace(/^\s*(?:photo|image|picture|credit)s?\s*(?:by|:)?\s*/, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}
