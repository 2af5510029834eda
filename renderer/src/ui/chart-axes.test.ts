import { describe, expect, it } from 'vitest';
import { EPOCH_STEPS, epochRange, epochTicks, percentTicks, valueRange } from './chart-axes';

// A no-break space (Intl writes U+202F or U+00A0 depending on its data) as "~": a plain space would let the sign wrap alone.
const nb = <T extends string | string[]>(s: T): T =>
  (Array.isArray(s) ? s.map((x) => x.replace(/[\u00a0\u202f]/g, '~')) : s.replace(/[\u00a0\u202f]/g, '~')) as T;

describe('training chart scales', () => {
  it('steps through whole epochs only', () => {
    expect(EPOCH_STEPS.every(Number.isInteger)).toBe(true);
    expect(EPOCH_STEPS[0]).toBe(1);
    expect(epochTicks([0, 0.5, 1, 1.5, 2], String)).toEqual(['0', '', '1', '', '2']);
  });

  it('spans the run on display: from 0 to the epoch under way, at least one epoch', () => {
    expect(epochRange([])).toEqual([0, 1]);
    expect(epochRange([0.05, 0.1, 0.5])).toEqual([0, 1]);
    expect(epochRange([0.5, 1, 1.5, 2, 2.25])).toEqual([0, 3]);
    expect(epochRange([1, 2, 3, 4, 5, 6, 7, 8, 9, 10])).toEqual([0, 10]);
  });

  it('sets the value range from the values shown, [0, 1] before any', () => {
    expect(valueRange([[], [null]])).toEqual([0, 1]);
    const [low, high] = valueRange([[2.3, 1.1, null], [0.9]]);
    expect(low).toBeGreaterThanOrEqual(0);
    expect(low).toBeLessThan(0.9);
    expect(high).toBeGreaterThan(2.3);
    expect(high).toBeLessThan(2.5);
    // A second run's smaller losses get a scale of their own, not the first run's.
    const [, secondHigh] = valueRange([[0.4, 0.3]]);
    expect(secondHigh).toBeLessThan(0.5);
    const [flatLow, flatHigh] = valueRange([[0.7, 0.7]]);
    expect(flatLow).toBeLessThan(0.7);
    expect(flatHigh).toBeGreaterThan(0.7);
  });

  it('writes an accuracy scale as percentages in the language', () => {
    expect(percentTicks([0, 0.2, 1], 'en')).toEqual(['0%', '20%', '100%']);
    expect(nb(percentTicks([0.4], 'fr'))).toEqual(['40~%']);
  });
});
