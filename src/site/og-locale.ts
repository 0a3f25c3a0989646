/**
 * Open Graph wants `language_TERRITORY` (`hi_IN`), while a story carries only its language
 * (`hi`) and the site a locale (`en-IN`). The territory comes from, in order: the story's own
 * tag (`pt-BR`); the site's region, when the locale data (CLDR, in Node's ICU) knows the
 * language in that region (a Hindi or Bengali story on an `en-IN` site is `hi_IN`, `bn_IN`);
 * else the language's most likely region (a Hindi story on an `en-US` site is `hi_IN`, not
 * `hi_US`, which no locale data and no social network knows).
 *
 * @example
 *   ogLocale('hi', 'en-IN') // 'hi_IN'
 *   ogLocale('en', 'en-GB') // 'en_GB'
 *   ogLocale('hi', 'en-US') // 'hi_IN'
 */
export function ogLocale(language: string | null | undefined, siteLocale: string): string {
  const key = `${language ?? ''}|${siteLocale}`;
  let found = memo.get(key);
  if (found === undefined) {
    // Building formatters costs more than the rest of a page's head; the pairs are few.
    if (memo.size > 500) memo.clear();
    memo.set(key, (found = resolve(language, siteLocale)));
  }
  return found;
}

const memo = new Map<string, string>();

function resolve(language: string | null | undefined, siteLocale: string): string {
  const site = parse(siteLocale) ?? parse('en-US')!;
  const story = parse(language ?? '') ?? site;
  if (story.region) return format(story.language, story.region);
  const siteRegion = site.region ?? likelyRegion(site.language);
  if (siteRegion && spokenIn(story.language, siteRegion)) return format(story.language, siteRegion);
  const region = likelyRegion(story.language) ?? siteRegion;
  return region ? format(story.language, region) : story.language;
}

function parse(tag: string): { language: string; region: string | undefined } | null {
  try {
    const locale = new Intl.Locale(tag.trim());
    return { language: locale.language, region: locale.region };
  } catch {
    return null;
  }
}

function likelyRegion(language: string): string | undefined {
  try {
    return new Intl.Locale(language).maximize().region;
  } catch {
    return undefined;
  }
}

/** Whether the locale data has this language in this region: it resolves `hi-IN` to itself, `hi-US` to `hi`. */
function spokenIn(language: string, region: string): boolean {
  try {
    return new Intl.Locale(new Intl.DateTimeFormat(`${language}-${region}`).resolvedOptions().locale).region === region;
  } catch {
    return false;
  }
}

function format(language: string, region: string): string {
  return `${language}_${region.toUpperCase()}`;
}
