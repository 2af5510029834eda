/** 42358 → "42,358" in English, "42 358" in French. */
export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(language.startsWith('fr') ? 'fr-FR' : 'en-US').format(n);
}

export function docLanguage(language: string): 'en' | 'fr' {
  return language.startsWith('fr') ? 'fr' : 'en';
}
