import i18next, { type i18n, type InitOptions } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { addFormatters } from '../../../core/i18n/translate';
import { storedLanguage } from '../ui/language';
import { addInterfaceFormatters } from '../ui/formatters';
import { frenchSpacingProcessor } from '../ui/typography';
import { namespaces, resources } from './resources';
import './types';

/** How the interface's i18next is set up: every namespace at once (nothing to load), French with its no-break spaces. */
function options(language: string): InitOptions {
  return {
    initAsync: false,
    resources,
    ns: namespaces,
    // Keys are written with their namespace (`ui-train:start`); a bare key looks in every namespace, the interface's first.
    defaultNS: namespaces,
    postProcess: ['frenchSpacing'],
    lng: language,
    fallbackLng: 'en',
    supportedLngs: ['en', 'fr'],
    interpolation: { escapeValue: false },
    returnNull: false,
  };
}

/** Sets up an i18next instance for the interface, at once: its resources, its post-processor, core's formats and its own (counts, percentages, figures, moments). */
export function setUpI18n(instance: i18n, language: string): i18n {
  void instance.use(frenchSpacingProcessor).init(options(language));
  addFormatters(instance);
  addInterfaceFormatters(instance);
  return instance;
}

/** The interface's i18next (the one React uses and `problemLine` says core's problems with), ready before the first render: in the language chosen last time. */
export function initI18n(): void {
  setUpI18n(i18next.use(initReactI18next), storedLanguage());
  document.documentElement.lang = i18next.language;
}
