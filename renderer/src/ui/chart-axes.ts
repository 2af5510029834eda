// The scales of the training charts: epochs are whole numbers on the x axis, and each axis spans
// the run on display only (a new run starts from empty axes, never from the previous run's range).
import { percentText } from './format';

/** Tick steps uPlot may choose from for an epoch axis: whole epochs only, never 0.5. */
export const EPOCH_STEPS = [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000];

/** The x range for curves whose x is in epochs (2.5 = half-way through epoch 3): from 0 to the epoch under way, at least 1. */
export function epochRange(x: readonly number[]): [number, number] {
  const last = x.length ? Math.max(...x.filter(Number.isFinite)) : 0;
  return [0, Math.max(1, Math.ceil(last))];
}

/** The y range that holds every value shown, with a little room above and below; [0, 1] when there is none yet. */
export function valueRange(series: readonly (readonly (number | null | undefined)[])[]): [number, number] {
  let min = Infinity;
  let max = -Infinity;
  for (const values of series)
    for (const v of values)
      if (v !== null && v !== undefined && Number.isFinite(v)) {
        min = Math.min(min, v);
        max = Math.max(max, v);
      }
  if (min > max) return [0, 1];
  const pad = max > min ? (max - min) * 0.05 : Math.max(Math.abs(max) * 0.1, 0.1);
  return [min >= 0 && min - pad < 0 ? 0 : min - pad, max + pad];
}

/** An epoch tick as written: whole numbers only. */
export function epochTicks(splits: readonly number[], format: (n: number) => string): string[] {
  return splits.map((v) => (Number.isInteger(v) ? format(v) : ''));
}

/** An accuracy axis's ticks as percentages in the language: 0.2 → "20%" ("20 %" in French). */
export function percentTicks(splits: readonly number[], language: string): string[] {
  return splits.map((v) => percentText(v, language, { trailingZeros: false }));
}
