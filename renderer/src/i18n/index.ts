import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';
import { storedLanguage } from '../ui/language';
import { frenchSpacingProcessor } from '../ui/typography';

export async function initI18n(): Promise<void> {
  await i18next
    .use(initReactI18next)
    .use(frenchSpacingProcessor)
    .init({
      resources: { en: { translation: en }, fr: { translation: fr } },
      postProcess: ['frenchSpacing'],
      lng: storedLanguage(),
      fallbackLng: 'en',
      supportedLngs: ['en', 'fr'],
      interpolation: { escapeValue: false },
      returnNull: false,
    });
  document.documentElement.lang = i18next.language;
}
