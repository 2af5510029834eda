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
  addFormatters(instance);
  return instance;
}

/**
 * Adds the formats core's sentences use to an i18next instance that holds core's catalogue (this
 * module's own translators, or the editor's, which says the same problems with its own namespaces
 * beside them): `decimal`, `join`, `quoted`, `shape`, `shapes`, `ids`, `path`, `problem`,
 * `problems`, `blockProblems`, `bytes`. Call it once the instance is initialised.
 */
export function addFormatters(instance: i18n): void {
  // Keys are data here (a problem's code): an instance typed by its resources must still take them.
  // Each sentence inside a sentence is said in the language of the one around it (`lng`).
  const t = (lng: string | undefined, key: string, options: Record<string, unknown>) =>
    (instance.t as (key: string, options: object) => string)(key, { ...options, lng });
  const and = (lng: string | undefined, items: string[]) => items.reduce((first, second) => t(lng, 'format:and', { first, second }));
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
  formatter.add('shape', (value) => formatShape(value as Shape | undefined));
  formatter.add('shapes', (value, lng) =>
    and(
      lng,
      (value as Shape[]).map((s) => formatShape(s)),
    ),
  );
  const ids = (separator: string) => (value: unknown, lng: string | undefined) => {
    const { shown, more } = Array.isArray(value) ? listedIds(value.map(String)) : (value as ListedIds);
    return more === 0 ? shown.join(separator) : t(lng, 'format:more', { shown: shown.join(separator), count: more });
  };
  formatter.add('ids', ids(', '));
  // Problems inside a problem (the errors that stop a build), one per line, each in this language.
  formatter.add('problem', (value, lng) => t(lng, (value as Problem).code, (value as Problem).params as Record<string, unknown>));
  // The problems of blocks, one per line, each after the id of its block: `  - [conv] …`.
  formatter.add('blockProblems', (value, lng) =>
    (value as { nodeId?: string; problem: Problem }[])
      .map((e) => `  - ${e.nodeId ? `[${e.nodeId}] ` : ''}${t(lng, e.problem.code, e.problem.params as Record<string, unknown>)}`)
      .join('\n'),
  );
  formatter.add('problems', (value, lng) =>
    (value as Problem[]).map((p) => `- ${t(lng, p.code, p.params as Record<string, unknown>)}`).join('\n'),
  );
  // Problems at places of a project's JSON (`{ path, problem }`): one after a lead, or one per line.
  const atPath = (lng: string | undefined, p: { path: string; problem: Problem }) =>
    p.path
      ? t(lng, 'project:at', { path: p.path, problem: p.problem })
      : t(lng, p.problem.code, p.problem.params as Record<string, unknown>);
  formatter.add('pathProblem', (value, lng) => atPath(lng, (value as { path: string; problem: Problem }[])[0]));
  formatter.add('pathProblems', (value, lng) =>
    (value as { path: string; problem: Problem }[]).map((p) => `  - ${atPath(lng, p)}`).join('\n'),
  );
  // Choices joined by "or".
  formatter.add('alternatives', (value, lng) => {
    const items = list(value);
    return items.length < 2
      ? items.join('')
      : t(lng, 'project:or', { first: items.slice(0, -1).join(', '), second: items[items.length - 1] });
  });
  // The cause of a failure: a problem of the catalogue, or the words of a library, of Python or of the
  // system as they were said (English).
  formatter.add('cause', (value, lng) => {
    const cause = value as Problem | string;
    return typeof cause === 'string' ? cause : t(lng, cause.code, cause.params as Record<string, unknown>);
  });
  formatter.add('bytes', (value, lng) => memoryText(Number(value), languageOf(lng)));
  // Names each in the quotes of the language: "a", "b" or « a », « b ».
  formatter.add('names', (value, lng) =>
    list(value)
      .map((v) => (languageOf(lng) === 'fr' ? `« ${v} »` : `"${v}"`))
      .join(', '),
  );
  // Problems said one after the other on a line (a list, or the first ones and how many more, then "…"): `a (why); b (why); …`.
  formatter.add('inline', (value, lng) => {
    const { shown, more } = Array.isArray(value) ? { shown: value as Problem[], more: 0 } : (value as { shown: Problem[]; more: number });
    const texts = shown.map((p) => t(lng, p.code, p.params as Record<string, unknown>));
    return (more > 0 ? [...texts, '…'] : texts).reduce((first, second) => t(lng, 'format:semicolon', { first, second }));
  });
  // Files or rows of a table left out of a data set, each with where and why: `a.png (why); line 4, column "x" (why); …`.
  formatter.add('skipped', (value, lng) => {
    const { shown, more } = value as { shown: { file: string; line?: number; column?: string; reason: Problem }[]; more: number };
    const texts = shown.map((s) => {
      const place =
        s.line === undefined ? s.file : t(lng, s.column === undefined ? 'data:atLine' : 'data:atCell', { line: s.line, column: s.column });
      return `${place} (${t(lng, s.reason.code, s.reason.params as Record<string, unknown>)})`;
    });
    return (more > 0 ? [...texts, '…'] : texts).reduce((first, second) => t(lng, 'format:semicolon', { first, second }));
  });
  formatter.add('path', ids(' → '));
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
  return (translator.t as (key: string, options: object) => string)(problem.code, problem.params);
}

/** The sentence of a problem in every language. */
export function problemTexts(problem: Problem): { en: string; fr: string } {
  return { en: problemText(problem, 'en'), fr: problemText(problem, 'fr') };
}
