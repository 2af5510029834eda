import i18next from 'i18next';
import { errorTexts } from '../../../core/model/localized';
import { docLanguage } from './format';
import { frenchSpacing } from './typography';

/** What an error says in the interface's language: the host's French text where it gave one, else its message. */
export function errorText(error: unknown, language: string = i18next.language ?? 'en'): string {
  const lang = docLanguage(language);
  const text = errorTexts(error)[lang];
  return lang === 'fr' ? frenchSpacing(text) : text;
}
