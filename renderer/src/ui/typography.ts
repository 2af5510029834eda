// French typography: a space before « : ; ! ? % » and inside « guillemets » must never break, or a
// narrow window leaves a "%" or a ":" alone at the start of a line. The texts are written with
// ordinary spaces; this makes those no-break spaces (narrow before ; ! ? % and inside guillemets,
// full before the colon, as the French printing rules have them), and so are the spaces that
// group the thousands of a number.

const NARROW = '\u202f';
const FULL = '\u00a0';

/** One French text with its no-break spaces. */
export function frenchSpacing(text: string): string {
  return (
    text
      .replace(/ :/g, `${FULL}:`)
      .replace(/ ([;!?%»])/g, `${NARROW}$1`)
      .replace(/« /g, `«${NARROW}`)
      // Thousands written with a plain space (42 358) stay on one line.
      .replace(/(\d) (?=\d{3}(?!\d))/g, `$1${NARROW}`)
  );
}

/**
 * An i18next post-processor that gives every French message its no-break spaces, once the values
 * are in (an error's text, a file name), so that none of them can leave a sign alone on a line.
 */
export const frenchSpacingProcessor = {
  type: 'postProcessor' as const,
  name: 'frenchSpacing',
  process(value: string, _key: string | string[], options: { lng?: string }, translator: { language?: string }): string {
    const language = options.lng ?? translator.language ?? '';
    return language.startsWith('fr') ? frenchSpacing(value) : value;
  },
};

function spaced<T>(value: T): T {
  if (typeof value === 'string') return frenchSpacing(value) as T;
  if (Array.isArray(value)) return value.map(spaced) as T;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, spaced(v)])) as T;
  return value;
}

/** A text the core gives in both languages ({ en, fr }: a block's documentation, a problem found in the graph), in the interface's language, French with its no-break spaces. */
export function inLanguage<T>(texts: { en: T; fr: T }, language: string): T {
  return language.startsWith('fr') ? spaced(texts.fr) : texts.en;
}
