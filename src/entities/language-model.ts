/**
 * The NLP library (compromise): its people and place guesses and its word list. Loading it
 * takes about 0.3 s and every serving process used to pay that at start, though only saving a
 * story (and the tools that evaluate extraction) ever uses it. It is loaded on first need:
 * `loadLanguageModel` before extracting, then the synchronous helpers read it.
 */
type Nlp = typeof import('compromise').default;
export type Lexicon = Record<string, string | string[]>;

let nlp: Nlp | null = null;
let words: Lexicon | null = null;

export async function loadLanguageModel(): Promise<void> {
  nlp ??= (await import('compromise')).default;
}

export function languageModel(): Nlp {
  if (!nlp) throw new Error('The language model is not loaded: await loadLanguageModel() before extracting entities');
  return nlp;
}

/** The library's word list: lower-case word → tag or tags. */
export function lexicon(): Lexicon {
  words ??= (languageModel() as unknown as { model(): { one: { lexicon: Lexicon } } }).model().one.lexicon;
  return words;
}
