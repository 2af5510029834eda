const locale = (language: string) => (language.startsWith('fr') ? 'fr-FR' : 'en-US');

/** 42358 → "42,358" in English, "42 358" in French. */
export function formatCount(n: number, language: string): string {
  return countFormat(locale(language)).format(n);
}

/** One number format per locale: making one takes far longer than using it, and a canvas of 150 blocks formats hundreds of counts. */
const countFormats = new Map<string, Intl.NumberFormat>();
function countFormat(tag: string): Intl.NumberFormat {
  let format = countFormats.get(tag);
  if (!format) countFormats.set(tag, (format = new Intl.NumberFormat(tag)));
  return format;
}

/**
 * A share or a probability as the language writes percentages (Intl's 'percent' style, so French
 * gets its no-break space before the sign): 0.2334 → "23.3%" in English, "23,3 %" in French, "—"
 * when unknown. One decimal, so that 0.997 reads "99.7%": "100%" (or "0%") only when the value
 * rounds to 100.0 (0.0), never a certainty that is not there.
 */
export function percentText(fraction: number | undefined, language: string, options: { trailingZeros?: boolean } = {}): string {
  if (fraction === undefined || !Number.isFinite(fraction)) return '—';
  const tenths = Math.round(fraction * 1000);
  const digits = tenths === 0 || tenths === 1000 ? 0 : 1;
  // Without trailing zeros (a chart's scale): 0.2 → "20%", and still 0.997 → "99.7%".
  const least = options.trailingZeros === false ? 0 : digits;
  return new Intl.NumberFormat(locale(language), { style: 'percent', minimumFractionDigits: least, maximumFractionDigits: digits }).format(
    tenths / 1000,
  );
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

/** A moment (a run's start, a project last opened), day and minute, in the one way each language writes them: "23/11/2026 10:26". */
export function dateTimeText(time: string | number | Date, language: string): string {
  return new Intl.DateTimeFormat(language.startsWith('fr') ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'short' }).format(
    new Date(time),
  );
}

export function docLanguage(language: string): 'en' | 'fr' {
  return language.startsWith('fr') ? 'fr' : 'en';
}
