const locale = (language: string) => (language.startsWith('fr') ? 'fr-FR' : 'en-US');

/** 42358 → "42,358" in English, "42 358" in French. */
export function formatCount(n: number, language: string): string {
  return new Intl.NumberFormat(locale(language)).format(n);
}

/** A fraction as a percentage without its sign: 0.2334 → "23.3" in English, "23,3" in French. */
export function formatPercent(fraction: number, language: string, digits = 1): string {
  return new Intl.NumberFormat(locale(language), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(fraction * 100);
}

/** A fraction with its sign, "—" when unknown: 0.2334 → "23.3 %" in English, "23,3 %" in French. */
export function percentText(fraction: number | undefined, language: string, digits = 1): string {
  return fraction === undefined ? '—' : `${formatPercent(fraction, language, digits)} %`;
}

/** A setting or measured value as written in the language, keeping every significant digit: 0.001 → "0,001" in French. */
export function formatNumber(n: number, language: string, fractionDigits?: number): string {
  if (!Number.isFinite(n)) return String(n);
  const options: Intl.NumberFormatOptions =
    fractionDigits !== undefined
      ? { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }
      : Number.isInteger(n)
        ? {}
        : { maximumSignificantDigits: 6 };
  return new Intl.NumberFormat(locale(language), options).format(n);
}

/** When a run started, day and minute, as the language writes them: "23/11/2026 10:26". */
export function dateTimeText(time: string | number | Date, language: string): string {
  return new Intl.DateTimeFormat(language.startsWith('fr') ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(new Date(time));
}

export function docLanguage(language: string): 'en' | 'fr' {
  return language.startsWith('fr') ? 'fr' : 'en';
}
