import i18next, { type i18n, type InitOptions } from 'i18next';
import { initReactI18next, setI18n } from 'react-i18next';
import { addFormatters } from '../../../core/i18n/translate';
import { storedLanguage } from '../ui/language';
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

/** Sets up an i18next instance for the interface, at once: its resources, its post-processor and core's formats. */
function setUp(instance: i18n, language: string): i18n {
  void instance.use(frenchSpacingProcessor).init(options(language));
  addFormatters(instance);
  return instance;
}

/** The interface's i18next (the one React uses), ready before the first render: in the language chosen last time. */
export function initI18n(): void {
  if (!i18next.isInitialized) setUp(i18next.use(initReactI18next), storedLanguage());
  else {
    setI18n(i18next);
    void i18next.changeLanguage(storedLanguage());
  }
  document.documentElement.lang = i18next.language;
}

/** The interface's i18next, set up in English if nothing set it up yet (a sentence asked for outside the window's start). */
export function interfaceI18n(): i18n {
  if (!i18next.isInitialized) setUp(i18next, 'en');
  return i18next;
}

/** A separate instance set up as the interface's, in one language (tests, a text in another language). */
export function createInterfaceI18n(language: string): i18n {
  return setUp(i18next.createInstance(), language);
}
