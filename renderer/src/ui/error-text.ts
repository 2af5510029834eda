import i18next from 'i18next';
import type { Problem } from '../../../core/i18n/catalogue';
import { problemText } from '../../../core/i18n/translate';
import { errorTexts } from '../../../core/model/localized';
import { docLanguage } from './format';
import { frenchSpacing } from './typography';

/**
 * What an error says in the interface's language: the sentence of its problem (a code of core's
 * catalogue) where it carries one, else its message (the words of a library, as they were said).
 */
export function errorText(error: unknown, language: string = i18next.language ?? 'en'): string {
  const problem = (error as { problem?: Problem } | null)?.problem;
  if (problem && typeof problem.code === 'string') return problemLine(problem, language);
  const lang = docLanguage(language);
  const text = errorTexts(error)[lang];
  return lang === 'fr' ? frenchSpacing(text) : text;
}

/**
 * The sentence of a problem core reported (a code of its catalogue and the particulars), in the
 * interface's language: said by the interface's i18next (set up by `i18n/`, with core's catalogue
 * and its formats beside the interface's namespaces), so that French gets its no-break spaces as
 * every other message does; by core's own translator where no interface is set up.
 */
export function problemLine(problem: Problem, language: string = i18next.language ?? 'en'): string {
  const lang = docLanguage(language);
  if (!i18next.isInitialized) return lang === 'fr' ? frenchSpacing(problemText(problem, lang)) : problemText(problem, lang);
  // A code is data from the host: typed as core's catalogue, not as the interface's keys.
  const t = i18next.t as (code: string, options: object) => string;
  return t(problem.code, { ...problem.params, lng: lang });
}
