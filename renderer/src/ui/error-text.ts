import i18next from 'i18next';
import type { Problem } from '../../../core/i18n/catalogue';
import { errorTexts } from '../../../core/model/localized';
import { docLanguage } from './format';
import { interfaceI18n } from '../i18n/index';
import { frenchSpacing } from './typography';

/**
 * What an error says in the interface's language: the sentence of its problem (a code of core's
 * catalogue) where it carries one, else the host's French text where it gave one, else its message.
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
 * interface's language: said by the interface's i18next, which holds core's catalogue with its
 * formats, so that French gets its no-break spaces as every other message does.
 */
export function problemLine(problem: Problem, language: string = i18next.language ?? 'en'): string {
  // A code is data from the host: typed as core's catalogue, not as the interface's keys.
  const t = interfaceI18n().t as (code: string, options: object) => string;
  return t(problem.code, { ...problem.params, lng: docLanguage(language) });
}
