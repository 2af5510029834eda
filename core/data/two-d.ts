// Points in the plane like TensorFlow Playground's data sets, generated from a seed.
import { normal, seededRandom } from './random';
import type { Dataset, Samples } from './types';

export type TwoDName = 'spirals' | 'xor' | 'circles' | 'gaussians';

export interface TwoDOptions {
  /** Training points (the test split gets a quarter as many more). Default 500. */
  size?: number;
  /** 0 (clean) to 1. Default 0.1. */
  noise?: number;
  seed?: number;
}

type Point = [number, number, number];

const generators: Record<TwoDName, (n: number, noise: number, random: () => number) => Point[]> = {
  spirals(n, noise, random) {
    const points: Point[] = [];
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      const t = (Math.floor(i / 2) / Math.ceil(n / 2)) * 1.75 * 2 * Math.PI;
      const r = (t / (1.75 * 2 * Math.PI)) * 5;
      const angle = t + label * Math.PI;
      points.push([r * Math.sin(angle) + noise * 2 * (random() * 2 - 1), r * Math.cos(angle) + noise * 2 * (random() * 2 - 1), label]);
    }
    return points;
  },
  xor(n, noise, random) {
    const points: Point[] = [];
    for (let i = 0; i < n; i++) {
      const pad = 0.3;
      let x = random() * 10 - 5;
      let y = random() * 10 - 5;
      x += x > 0 ? pad : -pad;
      y += y > 0 ? pad : -pad;
      const label = x * y >= 0 ? 1 : 0;
      points.push([x + noise * 5 * (random() * 2 - 1), y + noise * 5 * (random() * 2 - 1), label]);
    }
    return points;
  },
  circles(n, noise, random) {
    const points: Point[] = [];
    const radius = 5;
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      const r = label === 1 ? random() * radius * 0.5 : radius * (0.7 + random() * 0.3);
      const angle = random() * 2 * Math.PI;
      points.push([
        r * Math.sin(angle) + noise * radius * (random() * 2 - 1),
        r * Math.cos(angle) + noise * radius * (random() * 2 - 1),
        label,
      ]);
    }
    return points;
  },
  gaussians(n, noise, random) {
    const points: Point[] = [];
    const spread = 0.5 + noise * 3.5;
    for (let i = 0; i < n; i++) {
      const label = i % 2;
      const centre = label === 1 ? 2 : -2;
      points.push([centre + normal(random) * spread, centre + normal(random) * spread, label]);
    }
    return points;
  },
};

function toSamples(points: Point[]): Samples {
  const x = new Float32Array(points.length * 2);
  const y = new Int32Array(points.length);
  points.forEach(([a, b, label], i) => {
    x[i * 2] = a;
    x[i * 2 + 1] = b;
    y[i] = label;
  });
  return { x, y, count: points.length };
}

/**
 * A 2-D set in TensorFlow Playground's coordinates (about −6 to 6); the test points are fresh
 * draws of the same generator.
 */
export function loadTwoD(name: TwoDName, options: TwoDOptions = {}): Dataset {
  const size = options.size ?? 500;
  const noise = options.noise ?? 0.1;
  // The data do not depend on the training seed unless asked: the same project shows the same points.
  const random = seededRandom(options.seed ?? 0x2d5e7);
  const testSize = Math.max(20, Math.round(size / 4));
  const train = toSamples(generators[name](size, noise, random));
  const test = toSamples(generators[name](testSize, noise, random));
  return { name, inputShape: [2], classNames: ['0', '1'], train, test, skipped: [] };
}
