import { describe, expect, it } from 'vitest';
import { parseProject } from '../model/project-io';
import { describeDataset } from '../store/dataset-ref';
import { loadDataset } from './load';
import { loadMnist } from './mnist';
import { previewDataset } from './preview';
import { DataError } from './types';

const counts = (y: Int32Array, classes: number) => Array.from({ length: classes }, (_, c) => y.filter((v) => v === c).length);

describe('the class filter of a built-in set', () => {
  it('keeps the chosen digits only, renumbered in its order, with their names, in training and in the test', async () => {
    const whole = loadMnist();
    const high = await loadDataset({ kind: 'builtin', name: 'mnist', classes: [5, 6, 7, 8, 9] });
    expect(high.classNames).toEqual(['5', '6', '7', '8', '9']);
    const wholeCounts = counts(whole.train.y, 10);
    expect(counts(high.train.y, 5)).toEqual(wholeCounts.slice(5));
    expect(high.train.count).toBe(wholeCounts.slice(5).reduce((a, b) => a + b, 0));
    expect(counts(high.test.y, 5)).toEqual(counts(whole.test.y, 10).slice(5));
    expect(Math.min(...high.train.y)).toBe(0);
    expect(Math.max(...high.train.y)).toBe(4);
    // The first test digit kept is the official test split's first 5–9 digit (a 7: class 2 here), with its pixels.
    const first = Array.from(whole.test.y).findIndex((d) => d >= 5);
    expect(high.test.y[0]).toBe(whole.test.y[first] - 5);
    expect(Array.from(high.test.x.subarray(0, 784))).toEqual(Array.from(whole.test.x.subarray(first * 784, (first + 1) * 784)));
    // Another order numbers the classes in that order.
    const reversed = loadMnist(undefined, { classes: [9, 0] });
    expect(reversed.classNames).toEqual(['9', '0']);
    expect(counts(reversed.train.y, 2)).toEqual([wholeCounts[9], wholeCounts[0]]);
  });

  it('takes at most perClass training images of each class, and the test split stays whole', () => {
    const few = loadMnist(undefined, { classes: [5, 6, 7, 8, 9], perClass: 50 });
    expect(few.train.count).toBe(250);
    expect(counts(few.train.y, 5)).toEqual([50, 50, 50, 50, 50]);
    expect(few.test.count).toBe(
      counts(loadMnist(10).test.y, 10)
        .slice(5)
        .reduce((a, b) => a + b, 0),
    );
    const low = loadMnist(1000, { classes: [0, 1, 2, 3, 4] });
    expect(low.train.count).toBe(1000);
    // The size takes a prefix of the kept digits in which every class has its share.
    for (const n of counts(low.train.y, 5)) expect(Math.abs(n - 200)).toBeLessThanOrEqual(30);
  });

  it('refuses what cannot be filtered, naming the parameter and the fix, in English and French', async () => {
    expect(() => loadMnist(undefined, { classes: [3, 12] })).toThrow(/classes 0 to 9.*names 12/);
    const tooMany = (() => {
      try {
        loadMnist(5000, { classes: [0, 1], perClass: 100 });
      } catch (e) {
        return e as DataError;
      }
    })();
    expect(tooMany).toBeInstanceOf(DataError);
    expect(tooMany!.message).toMatch(/200 training images of the classes and counts it keeps.*at most 200/);
    expect(tooMany!.fr).toMatch(/au plus/);
    await expect(loadDataset({ kind: 'builtin', name: 'spirals', classes: [0, 1] })).rejects.toThrow(
      /"classes" applies to MNIST and Fashion-MNIST only/,
    );
    expect(() =>
      parseProject({
        format: 'neuroblocks.project',
        version: 1,
        graph: { nodes: [], edges: [] },
        dataset: { kind: 'builtin', name: 'mnist', classes: [1, 1] },
      }),
    ).toThrow(/classes.*each class once/);
  });

  it('is part of what the preview shows and of what identifies a run’s data', async () => {
    const preview = await previewDataset({ kind: 'builtin', name: 'mnist', classes: [5, 6, 7, 8, 9], perClass: 50 });
    expect(preview.classes.map((c) => c.name)).toEqual(['5', '6', '7', '8', '9']);
    expect(preview.classes.map((c) => c.count)).toEqual([50, 50, 50, 50, 50]);
    const hash = async (ref: Parameters<typeof describeDataset>[0]) => (await describeDataset(ref, { seed: 1 })).contentHash;
    expect(await hash({ kind: 'builtin', name: 'mnist', classes: [5, 6, 7, 8, 9] })).not.toBe(
      await hash({ kind: 'builtin', name: 'mnist' }),
    );
    expect(await hash({ kind: 'builtin', name: 'mnist', classes: [5, 6], perClass: 50 })).not.toBe(
      await hash({ kind: 'builtin', name: 'mnist', classes: [5, 6] }),
    );
  });
});
