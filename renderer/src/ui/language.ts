import i18next from 'i18next';

// The interface's language: the user's choice, remembered in the browser, else the browser's own.

export const languages = [
  { code: 'en', name: 'English' },
  { code: 'fr', name: 'Français' },
] as const;

const STORAGE_KEY = 'neuroblocks.language';

/** The language chosen last time, or the browser's when none was. */
export function storedLanguage(): string {
  try {
    const saved = localStorage.getItem(STORAGE_KEY);
    if (saved === 'en' || saved === 'fr') return saved;
  } catch {
    // Storage can be unavailable (private mode); the browser's language then decides.
  }
  return navigator.language?.toLowerCase().startsWith('fr') ? 'fr' : 'en';
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
