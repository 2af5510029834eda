import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { seededRandom as dataRandom } from '../data/random';
import { augmentationLayerClass } from './blocks/augmentation-layers';
import { seededRandom } from './random';

const core = fileURLToPath(new URL('..', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const files: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await sourceFiles(full)));
    else if (/\.(ts|tsx|py)$/.test(entry.name) && !entry.name.includes('.test.')) files.push(full);
  }
  return files;
}

describe('the seeded random generator', () => {
  it('is written once, in core/model/random.ts, and is the one core/data hands out', async () => {
    const writers: string[] = [];
    for (const file of await sourceFiles(core))
      if (/0x6d2b79f5/i.test(await readFile(file, 'utf8'))) writers.push(path.relative(core, file));
    expect(writers).toEqual([path.join('model', 'random.ts')]);
    expect(dataRandom).toBe(seededRandom);
  });

  it('gives the same numbers for the same seed, in [0, 1)', () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const draws = Array.from({ length: 1000 }, () => a());
    expect(draws).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThan(1);
    expect(seededRandom(43)()).not.toBe(draws[0]);
  });

  it('draws the augmentation layers’ transforms: a layer with seed s sees seededRandom(s)', async () => {
    await tf.setBackend('cpu');
    const seen: number[] = [];
    const Layer = augmentationLayerClass(tf, {
      type: 'RandomDrawProbe',
      augment: (_tf, images, _options, random) => {
        seen.push(random(), random());
        return images;
      },
    });
    const layer = new Layer({ seed: 7 });
    const images = tf.zeros([1, 2, 2, 1]);
    layer.apply(images, { training: true });
    const expected = seededRandom(7);
    expect(seen).toEqual([expected(), expected()]);
    images.dispose();
  });
});
