// The interface's ways of writing numbers and moments, as formats of its i18next: a sentence
// formats its own values (`{{samples, count}}`, `{{accuracy, percent}}`, `{{rate, figure}}`,
// `{{date, datetime}}`), and a value shown on its own (a chart's tick, a table cell) goes
// through the same functions (`formatValue`). Core's formats (`decimal`, `bytes`…) sit beside them.
import type { i18n } from 'i18next';

const locale = (language: string | undefined) => (language?.startsWith('fr') ? 'fr-FR' : 'en-US');

/** One format per locale and options: making one takes far longer than using it, and a canvas of 150 blocks formats hundreds of counts. */
const numberFormats = new Map<string, Intl.NumberFormat>();
function numberFormat(tag: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  const key = `${tag}|${JSON.stringify(options)}`;
  let format = numberFormats.get(key);
  if (!format) numberFormats.set(key, (format = new Intl.NumberFormat(tag, options)));
  return format;
}

const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** Whether a format's option says no (`percent(trailingZeros: false)` in a message gives `false`; a call may give `'false'`). */
const no = (option: unknown) => option === false || option === 'false';

/** What a format gets: the value, the language of the sentence and the options written after its name. */
type Format = (value: unknown, lng: string | undefined, options?: Record<string, unknown>) => string;

export const interfaceFormats = {
  /** A count with the language's grouping: 42358 → "42,358" in English, "42 358" in French. */
  count: (value, lng) => (typeof value === 'number' ? numberFormat(locale(lng)).format(value) : String(value)),

  /**
   * A share or a probability as the language writes percentages (Intl's 'percent' style, so French
   * gets its no-break space before the sign): 0.2334 → "23.3%" in English, "23,3 %" in French, "—"
   * when unknown. One decimal, so that 0.997 reads "99.7%": "100%" (or "0%") only when the value
   * rounds to 100.0 (0.0), never a certainty that is not there. `percent(trailingZeros: false)`
   * (a chart's scale): 0.2 → "20%", and still 0.997 → "99.7%".
   */
  percent: (value, lng, options) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return '—';
    const tenths = Math.round(value * 1000);
    const digits = tenths === 0 || tenths === 1000 ? 0 : 1;
    const least = no(options?.trailingZeros) ? 0 : digits;
    return numberFormat(locale(lng), { style: 'percent', minimumFractionDigits: least, maximumFractionDigits: digits }).format(
      tenths / 1000,
    );
  },

  /**
   * A setting or measured value as written in the language, keeping every significant digit: 0.001
   * → "0,001" in French; `figure(digits: 2)` writes exactly that many decimals (0.12345 → "0.12").
   */
  figure: (value, lng, options) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) return String(value);
    const digits = options?.digits === undefined ? undefined : Number(options.digits);
    const format: Intl.NumberFormatOptions =
      digits !== undefined
        ? { minimumFractionDigits: digits, maximumFractionDigits: digits }
        : Number.isInteger(value)
          ? {}
          : { maximumSignificantDigits: 6 };
    return numberFormat(locale(lng), format).format(value);
  },

  /**
   * A moment (a run's start, a project last opened), day and minute, in the one way each language
   * writes them, day before month in English too: "23/11/2026, 10:26", "23/11/2026 10:26".
   * A time as a number, a Date or an ISO text. (i18next's own `datetime` would write US dates.)
   */
  datetime: (value, lng) => {
    const tag = lng?.startsWith('fr') ? 'fr-FR' : 'en-GB';
    let format = dateFormats.get(tag);
    if (!format) dateFormats.set(tag, (format = new Intl.DateTimeFormat(tag, { dateStyle: 'short', timeStyle: 'short' })));
    return format.format(new Date(value as string | number | Date));
  },
} satisfies Record<string, Format>;

export type InterfaceFormat = keyof typeof interfaceFormats;

/** Adds the interface's formats to its i18next instance (after core's, once it is initialised); `percent` and `datetime` replace i18next's own. */
export function addInterfaceFormatters(instance: i18n): void {
  for (const [name, format] of Object.entries(interfaceFormats)) instance.services.formatter!.add(name, format);
}

/**
 * A value shown on its own, outside any sentence (a chart's tick, a table cell), written by the
 * interface's format of that name, the one its sentences use: `formatValue('percent', 0.5, 'fr')`.
 */
export function formatValue(format: InterfaceFormat, value: unknown, language: string, options?: Record<string, unknown>): string {
  return interfaceFormats[format](value, language, options);
}
