import { describe, expect, it } from 'vitest';
import { dateTimeText, formatCount, formatNumber, formatPercent, percentText } from './format';

// Intl writes French group and percent spaces as narrow no-break spaces; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

describe('numbers in the interface language', () => {
  it('writes counts with the language’s grouping', () => {
    expect(formatCount(42358, 'en')).toBe('42,358');
    expect(plain(formatCount(42358, 'fr'))).toBe('42 358');
  });

  it('writes percentages with a decimal comma in French', () => {
    expect(formatPercent(0.2334, 'en')).toBe('23.3');
    expect(formatPercent(0.2334, 'fr')).toBe('23,3');
    expect(formatPercent(1, 'fr', 0)).toBe('100');
    expect(plain(percentText(0.95, 'fr'))).toBe('95,0 %');
    expect(percentText(undefined, 'fr')).toBe('—');
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
});
