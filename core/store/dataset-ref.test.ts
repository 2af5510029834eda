import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeDataset, EMBED_CSV_BYTES } from './dataset-ref';
import { tempDirPerTest } from './test-dir';

let dir: string;
tempDirPerTest((path) => (dir = path));

describe('data set references', () => {
  it('hash a CSV file by its bytes and embed it when small', async () => {
    writeFileSync(join(dir, 'iris.csv'), 'a,b,label\n1,2,x\n');
    const ref = await describeDataset({ kind: 'csv', path: 'iris.csv', labelColumn: 'label' }, { baseDir: dir, seed: 1 });
    expect(ref).toMatchObject({ kind: 'csv', path: 'iris.csv', summary: { labelColumn: 'label', bytes: 16 } });
    expect(ref.contentHash).toMatch(/^sha256:[0-9a-f]{64}$/);
    expect(Buffer.from(ref.embedded!).toString()).toBe('a,b,label\n1,2,x\n');
    writeFileSync(join(dir, 'iris.csv'), 'a,b,label\n1,2,y\n');
    expect(
      (await describeDataset({ kind: 'csv', path: 'iris.csv', labelColumn: 'label' }, { baseDir: dir, seed: 1 })).contentHash,
    ).not.toBe(ref.contentHash);
    writeFileSync(join(dir, 'big.csv'), 'x'.repeat(EMBED_CSV_BYTES + 1));
    expect((await describeDataset({ kind: 'csv', path: 'big.csv', labelColumn: 'x' }, { baseDir: dir, seed: 1 })).embedded).toBeUndefined();
  });

  it('hash an image folder by its files and their paths', async () => {
    mkdirSync(join(dir, 'images', 'cat'), { recursive: true });
    mkdirSync(join(dir, 'images', 'dog'));
    writeFileSync(join(dir, 'images', 'cat', '1.png'), 'cat');
    writeFileSync(join(dir, 'images', 'dog', '1.png'), 'dog');
    const first = await describeDataset({ kind: 'imageFolder', path: join(dir, 'images') }, { seed: 1 });
    expect(first.summary).toEqual({ files: 2, bytes: 6 });
    // Same bytes under swapped class names is different data.
    writeFileSync(join(dir, 'images', 'cat', '1.png'), 'dog');
    writeFileSync(join(dir, 'images', 'dog', '1.png'), 'cat');
    expect((await describeDataset({ kind: 'imageFolder', path: join(dir, 'images') }, { seed: 1 })).contentHash).not.toBe(
      first.contentHash,
    );
  });

  it('hash a CIFAR archive by its bytes and a folder of IDX files by its files', async () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    writeFileSync(join(dir, 'cifar-10-binary.tar.gz'), 'archive bytes');
    const cifar = await describeDataset({ kind: 'cifar', path: 'cifar-10-binary.tar.gz' }, { baseDir: dir, seed: 1 });
    expect(cifar).toMatchObject({
      kind: 'cifar',
      path: 'cifar-10-binary.tar.gz',
      contentHash: `sha256:${sha256('archive bytes')}`,
      summary: { bytes: 13 },
    });
    mkdirSync(join(dir, 'kmnist'));
    writeFileSync(join(dir, 'kmnist', 'train-images-idx3-ubyte'), 'images');
    writeFileSync(join(dir, 'kmnist', 'train-labels-idx1-ubyte'), 'labels');
    const idx = await describeDataset({ kind: 'idx', path: 'kmnist' }, { baseDir: dir, seed: 1 });
    expect(idx).toMatchObject({ kind: 'idx', path: 'kmnist', summary: { files: 2, bytes: 12 } });
    writeFileSync(join(dir, 'kmnist', 'train-labels-idx1-ubyte'), 'labelz');
    expect((await describeDataset({ kind: 'idx', path: 'kmnist' }, { baseDir: dir, seed: 1 })).contentHash).not.toBe(idx.contentHash);
  });

  it('identify a built-in set by what generates it', async () => {
    const a = await describeDataset({ kind: 'builtin', name: 'spirals', size: 200 }, { seed: 1 });
    const b = await describeDataset({ kind: 'builtin', name: 'spirals', size: 200 }, { seed: 2 });
    const mnist1 = await describeDataset({ kind: 'builtin', name: 'mnist', size: 200 }, { seed: 1 });
    const mnist2 = await describeDataset({ kind: 'builtin', name: 'mnist', size: 200 }, { seed: 2 });
    expect(a.contentHash).not.toBe(b.contentHash);
    expect(mnist1.contentHash).toBe(mnist2.contentHash);
  });
});
