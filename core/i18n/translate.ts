// Problems into sentences: one i18next instance per language over core's catalogue, with the
// formats the sentences use (numbers by locale, shapes, lists of ids). Browser-safe.
import i18next, { type i18n } from 'i18next';
import { formatShape, type Shape } from '../model/graph';
import { catalogue, languages, namespaces, type Language, type Problem } from './catalogue';

export type { Language };

/** How many block ids a list names before it says how many more there are. */
const LISTED_IDS = 8;

/** A new i18next instance that speaks `language` from core's catalogue, ready at once (no loading). */
export function createTranslator(language: Language): i18n {
  const instance = i18next.createInstance();
  void instance.init({
    initAsync: false,
    lng: language,
    fallbackLng: 'en',
    supportedLngs: languages,
    ns: namespaces,
    resources: catalogue,
    keySeparator: false,
    interpolation: { escapeValue: false },
    returnNull: false,
  });
  const t = (key: string, options: Record<string, unknown>) => instance.t(key, options) as string;
  const and = (items: string[]) => items.reduce((first, second) => t('format:and', { first, second }));
  const list = (value: unknown) => (Array.isArray(value) ? value.map(String) : [String(value)]);
  const formatter = instance.services.formatter!;
  // Numbers as the language writes them (0.001, 0,001), without grouping: sizes and ids read as typed.
  // `decimal(minimumFractionDigits: 1)` keeps one decimal even on a whole number (12.0 s).
  formatter.add('decimal', (value, lng, options: { minimumFractionDigits?: string | number }) => {
    if (typeof value !== 'number') return String(value);
    const minimumFractionDigits = Number(options?.minimumFractionDigits ?? 0);
    return new Intl.NumberFormat(lng, {
      useGrouping: false,
      minimumFractionDigits,
      maximumFractionDigits: Math.max(20, minimumFractionDigits),
    }).format(value);
  });
  formatter.add('join', (value) => list(value).join(', '));
  formatter.add('quoted', (value) =>
    list(value)
      .map((v) => `"${v}"`)
      .join(', '),
  );
  formatter.add('guillemets', (value) =>
    list(value)
      .map((v) => `« ${v} »`)
      .join(', '),
  );
  // Problems that make one sentence together (the cells of a row), each in this language, one after another.
  formatter.add('causes', (value, lng) =>
    (value as Problem[]).map((p) => t(p.code, p.params as Record<string, unknown>)).join(languageOf(lng) === 'fr' ? ' ; ' : '; '),
  );
  formatter.add('shape', (value) => formatShape(value as Shape | undefined));
  formatter.add('shapes', (value) => and((value as Shape[]).map((s) => formatShape(s))));
  const ids = (separator: string) => (value: unknown) => {
    const { shown, more } = Array.isArray(value) ? listedIds(value.map(String)) : (value as ListedIds);
    return more === 0 ? shown.join(separator) : t('format:more', { shown: shown.join(separator), count: more });
  };
  formatter.add('ids', ids(', '));
  // Problems inside a problem (the errors that stop a build), one per line, each in this language.
  formatter.add('problem', (value) => t((value as Problem).code, (value as Problem).params as Record<string, unknown>));
  // The problems of blocks, one per line, each after the id of its block: `  - [conv] …`.
  formatter.add('blockProblems', (value) =>
    (value as { nodeId?: string; problem: Problem }[])
      .map((e) => `  - ${e.nodeId ? `[${e.nodeId}] ` : ''}${t(e.problem.code, e.problem.params as Record<string, unknown>)}`)
      .join('\n'),
  );
  // The cause of a failure: a problem of the catalogue, an error's own English and French, or the words of a library.
  formatter.add('cause', (value, lng) => {
    const cause = value as Problem | { en: string; fr: string } | string;
    if (typeof cause === 'string') return cause;
    if ('code' in cause) return t(cause.code, cause.params as Record<string, unknown>);
    return cause[languageOf(lng)] ?? cause.en;
  });
  formatter.add('problems', (value) => (value as Problem[]).map((p) => `- ${t(p.code, p.params as Record<string, unknown>)}`).join('\n'));
  formatter.add('bytes', (value, lng) => memoryText(Number(value), languageOf(lng)));
  formatter.add('path', ids(' → '));
  return instance;
}

const memoryUnits = [
  [1e12, 'terabyte'],
  [1e9, 'gigabyte'],
  [1e6, 'megabyte'],
  [1e3, 'kilobyte'],
] as const;

/** 1.5 GB, 320 MB, 1,5 Go: decimal units as file managers show them, a decimal below 100. */
export function memoryText(bytes: number, language: Language): string {
  for (const [size, unit] of memoryUnits)
    if (bytes >= size) {
      const value = bytes / size;
      const digits = value >= 100 ? 0 : 1;
      return new Intl.NumberFormat(language, { style: 'unit', unit, maximumFractionDigits: digits, useGrouping: false })
        .format(value)
        .replace(/[\u00a0\u202f]/g, ' ');
    }
  return problemText({ code: 'format:bytes', params: { count: Math.round(bytes) } } as Problem, language);
}

/** Block ids for a message: the first few, and how many more (the message must not grow with the graph, nor its parameters). */
export interface ListedIds {
  shown: string[];
  more: number;
}

/** The first ids of a list and the count of the rest, for the `ids` and `path` formats. */
export function listedIds(ids: readonly string[]): ListedIds {
  return { shown: ids.slice(0, LISTED_IDS), more: Math.max(0, ids.length - LISTED_IDS) };
}

const translators = new Map<Language, i18n>();

/** `fr`, `fr-CA`, `fr_FR.UTF-8` → fr; anything else → en. */
export function languageOf(tag: string | undefined): Language {
  return tag?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

/** The sentence of a problem in a language (an i18next language tag such as `fr-FR` will do). */
export function problemText(problem: Problem, language: string = 'en'): string {
  const lang = languageOf(language);
  let translator = translators.get(lang);
  if (!translator) translators.set(lang, (translator = createTranslator(lang)));
  return translator.t(problem.code, problem.params as Record<string, unknown>) as string;
}

/** The sentence of a problem in every language. */
export function problemTexts(problem: Problem): { en: string; fr: string } {
  return { en: problemText(problem, 'en'), fr: problemText(problem, 'fr') };
}
