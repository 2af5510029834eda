import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';
import { frenchSpacingProcessor } from './typography';

export const languages = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
] as const;

const STORAGE_KEY = 'neuroblocks.language';

function storedLanguage(): string {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'fr') return saved;
  } catch {
    // Storage can be unavailable (private mode); the browser's language then decides.
  }
  return navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
}

export async function initI18n(): Promise<void> {
  await i18next.use(initReactI18next).use(frenchSpacingProcessor).init({
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

/** Switches the interface language and remembers the choice. */
export function setLanguage(code: string): void {
  void i18next.changeLanguage(code);
  document.documentElement.lang = code;
  try {
    localStorage.setItem(STORAGE_KEY, code);
  } catch {
    // Not remembered, but switched for this session.
  }
}
