import { describe, expect, it } from 'vitest';
import { dateTimeText, formatCount, formatNumber, percentText } from './format';

// Intl writes French group and percent spaces as narrow no-break spaces; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

// A no-break space (Intl writes U+202F or U+00A0 depending on its data) as "~": a plain space would let the sign wrap alone.
const nb = <T extends string | string[]>(s: T): T =>
  (Array.isArray(s) ? s.map((x) => x.replace(/[\u00a0\u202f]/g, '~')) : s.replace(/[\u00a0\u202f]/g, '~')) as T;

describe('numbers in the interface language', () => {
  it('writes counts with the language’s grouping', () => {
    expect(formatCount(42358, 'en')).toBe('42,358');
    expect(plain(formatCount(42358, 'fr'))).toBe('42 358');
  });

  it('writes percentages as each language does, with a no-break space before the French sign', () => {
    expect(percentText(0.2334, 'en')).toBe('23.3%');
    expect(nb(percentText(0.2334, 'fr'))).toBe('23,3~%');
    expect(plain(percentText(0.95, 'fr'))).toBe('95,0 %');
    expect(percentText(undefined, 'fr')).toBe('—');
    expect(percentText(Number.NaN, 'en')).toBe('—');
  });

  it('claims 100 % (or 0 %) only when the value rounds to 100.0 (0.0)', () => {
    expect(percentText(0.997, 'en')).toBe('99.7%');
    expect(percentText(0.9994, 'en')).toBe('99.9%');
    expect(percentText(0.99951, 'en')).toBe('100%');
    expect(nb(percentText(1, 'fr'))).toBe('100~%');
    expect(percentText(0.003, 'en')).toBe('0.3%');
    expect(percentText(0.0004, 'en')).toBe('0%');
    expect(percentText(0.5, 'en')).toBe('50.0%');
  });

  it('writes a chart’s scale without trailing zeros, and still no false certainty', () => {
    expect(percentText(0.2, 'en', { trailingZeros: false })).toBe('20%');
    expect(percentText(0.997, 'en', { trailingZeros: false })).toBe('99.7%');
    expect(nb(percentText(0.4, 'fr', { trailingZeros: false }))).toBe('40~%');
  });

  it('keeps the significant digits of a setting and every digit of a whole number', () => {
    expect(formatNumber(0.001, 'fr')).toBe('0,001');
    expect(formatNumber(0.0001, 'en')).toBe('0.0001');
    expect(formatNumber(0.1 + 0.2, 'en')).toBe('0.3');
    expect(plain(formatNumber(12345678, 'fr'))).toBe('12 345 678');
    expect(formatNumber(0.12345, 'fr', 2)).toBe('0,12');
    expect(formatNumber(Number.NaN, 'fr')).toBe('NaN');
  });
});

describe('dates in the interface language', () => {
  it('writes a run’s start as day and minute', () => {
    const start = new Date(2026, 10, 23, 10, 26);
    expect(dateTimeText(start, 'fr')).toBe('23/11/2026 10:26');
    expect(dateTimeText(start.toISOString(), 'en')).toBe('23/11/2026, 10:26');
  });

  it('writes every moment of one language the same way, whatever form it arrives in', () => {
    const start = new Date(2026, 0, 5, 9, 7);
    const forms = [start, start.getTime(), start.toISOString()];
    for (const language of ['en', 'fr']) expect(new Set(forms.map((f) => dateTimeText(f, language))).size).toBe(1);
    expect(dateTimeText(start, 'fr')).toBe('05/01/2026 09:07');
  });
});
