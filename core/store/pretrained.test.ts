import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { ProjectStore } from './project-store';
import { denseWeights, smallProject } from './test-helpers';
import { tempDirPerTest } from './test-dir';

let dir: string;
tempDirPerTest((path) => (dir = path));

describe('pretrained weights of a project', () => {
  it('are kept in the file, reopened as written, and replaced by name', () => {
    const path = join(dir, 'p.nbproj');
    const store = ProjectStore.create(path, smallProject('Base'));
    expect(store.pretrained()).toEqual([]);
    store.setPretrained(denseWeights([2, 8, 2], 1), 'run 1 of Digits');
    store.close();

    const again = ProjectStore.open(path);
    expect(again.pretrained()).toEqual(denseWeights([2, 8, 2], 1));
    expect(again.listPretrained().map((w) => [w.name, w.source])).toEqual([
      ['dense_1/kernel', 'run 1 of Digits'],
      ['dense_1/bias', 'run 1 of Digits'],
      ['dense_2/kernel', 'run 1 of Digits'],
      ['dense_2/bias', 'run 1 of Digits'],
    ]);
    const replacement = denseWeights([2, 8, 2], 2).slice(0, 2);
    again.setPretrained(replacement, 'resnet18.onnx');
    const after = again.pretrained();
    expect(after.find((w) => w.name === 'dense_1/kernel')).toEqual(replacement[0]);
    expect(after.find((w) => w.name === 'dense_2/kernel')).toEqual(denseWeights([2, 8, 2], 1)[2]);
    again.close();
  });

  it('are forgotten per block, a block whose id is a prefix of another keeping its own', () => {
    const store = ProjectStore.create(join(dir, 'p.nbproj'), smallProject('Base'));
    store.setPretrained(
      [
        { name: 'conv/kernel', shape: [1], dtype: 'float32', data: new Float32Array([1]) },
        { name: 'conv_2/kernel', shape: [1], dtype: 'float32', data: new Float32Array([2]) },
        { name: 'base/conv/kernel', shape: [1], dtype: 'float32', data: new Float32Array([3]) },
      ],
      'test',
    );
    store.deletePretrained(['conv']);
    expect(store.pretrained().map((w) => w.name)).toEqual(['conv_2/kernel', 'base/conv/kernel']);
    store.deletePretrained(['base/conv']);
    expect(store.pretrained().map((w) => w.name)).toEqual(['conv_2/kernel']);
    store.deletePretrained();
    expect(store.pretrained()).toEqual([]);
    store.close();
  });

  it('refuse a weight that does not name its block, and leave the file as it was', () => {
    const store = ProjectStore.create(join(dir, 'p.nbproj'), smallProject('Base'));
    store.setPretrained(denseWeights([2, 2], 1), 'first');
    expect(() =>
      store.setPretrained(
        [...denseWeights([2, 2], 3), { name: 'kernel', shape: [1], dtype: 'float32', data: new Float32Array(1) }],
        'second',
      ),
    ).toThrow(/does not name its block/);
    expect(store.pretrained()).toEqual(denseWeights([2, 2], 1));
    store.close();
  });

  it('that were damaged on disk are refused, naming the weight', () => {
    const path = join(dir, 'p.nbproj');
    const store = ProjectStore.create(path, smallProject('Base'));
    store.setPretrained(denseWeights([2, 2], 1), 'first');
    store.close();
    const db = new Database(path);
    db.prepare("UPDATE pretrained SET weights = zeroblob(length(weights)) WHERE name = 'dense_1/bias'").run();
    db.close();
    const again = ProjectStore.open(path);
    expect(() => again.pretrained()).toThrow(/dense_1\/bias of this project is damaged/);
    again.close();
  });

  it('come with a version 2 file upgraded to version 3, which keeps its runs and starts with none', () => {
    const path = join(dir, 'v2.nbproj');
    copyFileSync(fileURLToPath(new URL('./fixtures/v2.nbproj', import.meta.url)), path);
    const store = ProjectStore.open(path);
    expect(store.pretrained()).toEqual([]);
    expect(store.listRuns()).toHaveLength(1);
    store.setPretrained(denseWeights([2, 2], 1), 'later');
    expect(store.pretrained()).toEqual(denseWeights([2, 2], 1));
    store.close();
  });
});
