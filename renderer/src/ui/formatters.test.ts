import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { formatValue } from './formatters';
import { setUpI18n } from '../i18n/index';

// The interface's i18next, as the app sets it up: its messages, core's formats and its own.
const instance = setUpI18n(i18next.createInstance(), 'en');
const en = instance.getFixedT('en');
const fr = instance.getFixedT('fr');
/** A value written by a format of the interface's i18next, as a sentence's `{{value, format}}` writes it. */
const format = (value: unknown, name: string, language: string) => instance.services.formatter!.format(value, name, language, {}) as string;

// Intl writes French group and percent spaces as narrow no-break spaces; compare with plain ones.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ');

// A no-break space (Intl writes U+202F or U+00A0 depending on its data) as "~": a plain space would let the sign wrap alone.
const nb = (s: string) => s.replace(/[\u00a0\u202f]/g, '~');

describe('numbers in the interface language', () => {
  it('writes counts with the language’s grouping', () => {
    expect(format(42358, 'count', 'en')).toBe('42,358');
    expect(plain(format(42358, 'count', 'fr'))).toBe('42 358');
  });

  it('writes percentages as each language does, with a no-break space before the French sign', () => {
    expect(format(0.2334, 'percent', 'en')).toBe('23.3%');
    expect(nb(format(0.2334, 'percent', 'fr'))).toBe('23,3~%');
    expect(plain(format(0.95, 'percent', 'fr'))).toBe('95,0 %');
    expect(format(Number.NaN, 'percent', 'en')).toBe('—');
    expect(formatValue('percent', undefined, 'fr')).toBe('—');
  });

  it('claims 100 % (or 0 %) only when the value rounds to 100.0 (0.0)', () => {
    expect(format(0.997, 'percent', 'en')).toBe('99.7%');
    expect(format(0.9994, 'percent', 'en')).toBe('99.9%');
    expect(format(0.99951, 'percent', 'en')).toBe('100%');
    expect(nb(format(1, 'percent', 'fr'))).toBe('100~%');
    expect(format(0.003, 'percent', 'en')).toBe('0.3%');
    expect(format(0.0004, 'percent', 'en')).toBe('0%');
    expect(format(0.5, 'percent', 'en')).toBe('50.0%');
  });

  it('writes a chart’s scale without trailing zeros, and still no false certainty', () => {
    expect(format(0.2, 'percent(trailingZeros: false)', 'en')).toBe('20%');
    expect(format(0.997, 'percent(trailingZeros: false)', 'en')).toBe('99.7%');
    expect(nb(format(0.4, 'percent(trailingZeros: false)', 'fr'))).toBe('40~%');
    expect(formatValue('percent', 0.2, 'en', { trailingZeros: false })).toBe('20%');
  });

  it('keeps the significant digits of a setting and every digit of a whole number', () => {
    expect(format(0.001, 'figure', 'fr')).toBe('0,001');
    expect(format(0.0001, 'figure', 'en')).toBe('0.0001');
    expect(format(0.1 + 0.2, 'figure', 'en')).toBe('0.3');
    expect(plain(format(12345678, 'figure', 'fr'))).toBe('12 345 678');
    expect(format(0.12345, 'figure(digits: 2)', 'fr')).toBe('0,12');
    expect(format(Number.NaN, 'figure', 'fr')).toBe('NaN');
  });

  it('gives a value shown on its own the same text as a sentence gives it', () => {
    for (const language of ['en', 'fr'])
      for (const [name, value] of [
        ['count', 1234567],
        ['percent', 0.4567],
        ['figure', 0.000123],
        ['datetime', Date.UTC(2026, 10, 23, 10, 26)],
      ] as const)
        expect(formatValue(name, value, language)).toBe(format(value, name, language));
  });
});

describe('dates in the interface language', () => {
  it('writes a run’s start as day and minute, day first in English too', () => {
    const start = new Date(2026, 10, 23, 10, 26);
    expect(format(start, 'datetime', 'fr')).toBe('23/11/2026 10:26');
    expect(format(start.toISOString(), 'datetime', 'en')).toBe('23/11/2026, 10:26');
  });

  it('writes every moment of one language the same way, whatever form it arrives in', () => {
    const start = new Date(2026, 0, 5, 9, 7);
    const forms = [start, start.getTime(), start.toISOString()];
    for (const language of ['en', 'fr']) expect(new Set(forms.map((f) => format(f, 'datetime', language))).size).toBe(1);
    expect(format(start, 'datetime', 'fr')).toBe('05/01/2026 09:07');
  });
});

describe('sentences that format their own numbers and moments', () => {
  it('says a test accuracy and a count in each language, the French sign kept on its line', () => {
    expect(en('ui-evaluate:accuracy', { accuracy: 0.997, samples: 10000 })).toBe(
      'Test accuracy: 99.7% on 10,000 samples the model never saw during training.',
    );
    expect(nb(fr('ui-evaluate:accuracy', { accuracy: 0.997, samples: 10000 }))).toBe(
      'Exactitude sur le test~: 99,7~% sur 10~000 exemples jamais vus pendant l’entraînement.',
    );
  });

  it('says a run’s start day first in both languages', () => {
    const start = new Date(2026, 10, 23, 10, 26).toISOString();
    expect(en('ui-try:runModel.option', { id: 3, date: start })).toBe('Run 3 · 23/11/2026, 10:26');
    expect(fr('ui-try:runModel.option', { id: 3, date: start })).toBe('Entraînement 3 · 23/11/2026 10:26');
  });

  it('says a learning rate with its significant digits, in the language', () => {
    expect(en('ui-train:guidance.lossRising', { rate: 0.001, lower: 0.001 / 10 })).toContain('(it is 0.001; try 0.0001)');
    expect(nb(fr('ui-train:guidance.lossRising', { rate: 0.001, lower: 0.001 / 10 }))).toContain('(il vaut 0,001~; essayez 0,0001)');
  });

  it('says a data set’s sizes with the language’s grouping', () => {
    expect(en('ui-train:sizes', { train: 48000, validation: 12000, test: 10000 })).toBe(
      '48,000 for training, 12,000 for validation, 10,000 for the test',
    );
    expect(plain(fr('ui-data:countValue', { train: 5923, test: 980 }))).toBe('5 923 entraîn. · 980 test');
  });
});
