// Numbers and moments shown on their own (a table cell, a label beside a control), written by the
// interface's i18next formats (see ./formatters.ts), the ones its sentences use.
import { languageOf } from '../../../core/i18n/translate';
import { formatValue } from './formatters';

/** 42358 → "42,358" in English, "42 358" in French: the `count` format. */
export const formatCount = (n: number, language: string): string => formatValue('count', n, language);

/** 0.997 → "99.7%", "—" when unknown: the `percent` format. */
export const percentText = (fraction: number | undefined, language: string, options: { trailingZeros?: boolean } = {}): string =>
  formatValue('percent', fraction, language, options);

/** 0.001 → "0,001" in French, `fractionDigits` decimals when given: the `figure` format. */
export const formatNumber = (n: number, language: string, fractionDigits?: number): string =>
  formatValue('figure', n, language, fractionDigits === undefined ? {} : { digits: fractionDigits });

/** A moment, day and minute: "23/11/2026 10:26": the `datetime` format. */
export const dateTimeText = (time: string | number | Date, language: string): string => formatValue('datetime', time, language);

/** The language of a block's documentation and of core's sentences: `fr` or `en`. */
export const docLanguage = languageOf;
