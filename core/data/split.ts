import { seededRandom, shuffleInPlace } from './random';
import { type Samples, takeSamples } from './types';

/** Fixed seed of the held-out test split of imported data: the split never depends on the run's seed. */
const TEST_SPLIT_SEED = 0x7e57;

/**
 * Splits samples into training and test parts, stratified per class (each class keeps its share),
 * always the same way for the same data.
 */
export function stratifiedSplit(samples: Samples, size: number, testFraction: number): { train: Samples; test: Samples } {
  const random = seededRandom(TEST_SPLIT_SEED);
  const byClass = new Map<number, number[]>();
  for (let i = 0; i < samples.count; i++) {
    const list = byClass.get(samples.y[i]) ?? [];
    list.push(i);
    byClass.set(samples.y[i], list);
  }
  const train: number[] = [];
  const test: number[] = [];
  for (const key of [...byClass.keys()].sort((a, b) => a - b)) {
    const list = byClass.get(key)!;
    shuffleInPlace(list, random);
    // A class with a single sample stays in training: a model cannot learn a class it never saw.
    const testCount = list.length > 1 ? Math.round(list.length * testFraction) : 0;
    test.push(...list.slice(0, testCount));
    train.push(...list.slice(testCount));
  }
  train.sort((a, b) => a - b);
  test.sort((a, b) => a - b);
  return { train: takeSamples(samples, train, size), test: takeSamples(samples, test, size) };
}
