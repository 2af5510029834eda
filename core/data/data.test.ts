import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { problem } from '../i18n/catalogue';
import { problemText, problemTexts } from '../i18n/translate';
import type { Graph } from '../model/graph';
import { LocalizedError } from '../model/localized';
import { csvDataset, loadCsv, parseCsv } from './csv';
import { decodeFailure, loadImageFolder } from './image-folder';
import { loadDataset } from './load';
import { loadMnist, MNIST_TEST_COUNT } from './mnist';
import { checkModelFitsData, normalizeDataset, summarizeDataset } from './summary';
import { loadTwoD } from './two-d';
import { DataError, fileSystemReason, type Dataset } from './types';

const tempDir = () => mkdtempSync(join(tmpdir(), 'nb-data-'));

describe('MNIST', () => {
  it('holds the official 60,000 training digits and the 10,000 test digits, as grey levels in [0, 1]', () => {
    const full = loadMnist();
    expect(full.inputShape).toEqual([28, 28, 1]);
    expect(full.train.count).toBe(60_000);
    expect(full.test.count).toBe(MNIST_TEST_COUNT);
    expect(MNIST_TEST_COUNT).toBe(10_000);
    expect(full.train.x.length).toBe(60_000 * 784);
    expect(Math.max(...full.train.x.subarray(0, 784))).toBeLessThanOrEqual(1);
    expect(full.train.x.subarray(0, 784).some((v) => v > 0.5)).toBe(true);
    // The official test split, in its own order: its first digits are 7, 2, 1, 0, 4.
    expect(Array.from(full.test.y.subarray(0, 5))).toEqual([7, 2, 1, 0, 4]);
    // A subset is a prefix of the training digits and never touches the test split.
    const small = loadMnist(300);
    expect(small.train.count).toBe(300);
    expect(Array.from(small.train.y)).toEqual(Array.from(full.train.y.subarray(0, 300)));
    expect(Buffer.from(small.train.x.buffer).equals(Buffer.from(full.train.x.buffer, 0, 300 * 784 * 4))).toBe(true);
    expect(Buffer.from(small.test.x.buffer).equals(Buffer.from(full.test.x.buffer))).toBe(true);
  });

  it('takes a class-balanced subset of the training digits', () => {
    const counts = (y: Int32Array) => Array.from({ length: 10 }, (_, d) => y.filter((v) => v === d).length);
    const full = counts(loadMnist().train.y);
    expect(full).toEqual([5923, 6742, 5958, 6131, 5842, 5421, 5918, 6265, 5851, 5949]);
    // Each digit keeps its share of the 60,000 within one sample, in any prefix.
    for (const size of [10, 500, 1234]) {
      counts(loadMnist(size).train.y).forEach((c, d) => expect(Math.abs(c - (full[d] / 60_000) * size)).toBeLessThanOrEqual(1));
    }
    for (const c of counts(loadMnist(10).test.y)) expect(c).toBeGreaterThanOrEqual(890);
  });

  it('refuses more training digits than it has, saying how many', () => {
    expect(() => loadMnist(60_001)).toThrow(/MNIST has 60,000 training images .* at most 60000/);
  });
});

describe('2-D sets', () => {
  it('are generated from a seed with the asked size, two balanced classes and fresh test points', () => {
    for (const name of ['spirals', 'xor', 'circles', 'gaussians'] as const) {
      const a = loadTwoD(name, { size: 200, noise: 0.2 });
      const b = loadTwoD(name, { size: 200, noise: 0.2 });
      expect(a.train.count).toBe(200);
      expect(a.test.count).toBe(50);
      expect(a.inputShape).toEqual([2]);
      expect(a.train.x).toEqual(b.train.x);
      const ones = a.train.y.filter((v) => v === 1).length;
      expect(ones).toBeGreaterThan(60);
      expect(ones).toBeLessThan(140);
      expect(a.train.x.every(Number.isFinite)).toBe(true);
    }
    expect(loadTwoD('xor', { seed: 1 }).train.x).not.toEqual(loadTwoD('xor', { seed: 2 }).train.x);
  });

  it('spread more with more noise', () => {
    const spread = (d: Dataset) => {
      let sum = 0;
      for (let i = 0; i < d.train.count; i++) sum += Math.abs(d.train.x[i * 2]);
      return sum / d.train.count;
    };
    const clean = loadTwoD('gaussians', { size: 400, noise: 0 });
    const noisy = loadTwoD('gaussians', { size: 400, noise: 1 });
    expect(spread(noisy)).toBeGreaterThan(spread(clean));
  });
});

describe('CSV', () => {
  it('parses quotes, maps class labels and standardises the features', async () => {
    expect(parseCsv('a,b\n"x, y","say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
    ]);
    const rows = ['height,weight,species'];
    for (let i = 0; i < 20; i++) rows.push(`${150 + i},${50 + (i % 7)},${i % 2 ? 'cat' : 'dog'}`);
    const file = join(tempDir(), 'animals.csv');
    writeFileSync(file, rows.join('\r\n') + '\r\n');
    const data = await loadCsv(file, 'species', 'animals.csv');
    expect(data.classNames).toEqual(['cat', 'dog']);
    expect(data.inputShape).toEqual([2]);
    expect(data.train.count + data.test.count).toBe(20);
    expect(data.test.count).toBe(4);
    const heights = Array.from({ length: data.train.count }, (_, i) => data.train.x[i * 2]);
    const mean = heights.reduce((a, b) => a + b, 0) / heights.length;
    const sd = Math.sqrt(heights.reduce((a, b) => a + (b - mean) ** 2, 0) / heights.length);
    expect(mean).toBeCloseTo(0, 5);
    expect(sd).toBeCloseTo(1, 5);
  });

  it('reads semicolon-separated files and numeric labels in numeric order', () => {
    const data = csvDataset('x;label\n1;10\n2;9\n3;10\n4;9\n5;10\n', 'label', 'numbers.csv');
    expect(data.classNames).toEqual(['9', '10']);
  });

  it('names a missing label column and lists the columns it has', () => {
    expect(() => csvDataset('a,b\n1,2\n', 'class', 'data.csv')).toThrow(
      'The CSV file data.csv has no column "class" to use as the label. Its columns are: a, b.',
    );
  });

  it('says the same in French for the interface', () => {
    const french = (text: string, label: string) => {
      try {
        csvDataset(text, label, 'fleurs.csv');
      } catch (error) {
        return (error as DataError).fr;
      }
    };
    expect(french('a,b\n1,2\n', 'classe')).toBe(
      'Le fichier CSV fleurs.csv n’a pas de colonne « classe » à utiliser comme étiquette. Ses colonnes sont : a, b.',
    );
    expect(french('longueur,largeur,label\n1.5,,a\n1.7,deux,b\n', 'label')).toBe(
      'Aucune ligne de fleurs.csv n’est utilisable : Ligne 2, colonne 2 (« largeur ») de fleurs.csv : la cellule est vide, ce n’est pas un nombre. La colonne « largeur » ne contient de nombre dans aucune ligne : si c’est la classe de chaque ligne, choisissez-la comme colonne d’étiquette ; sinon, toutes les colonnes sauf l’étiquette « label » doivent contenir des nombres : corrigez le fichier et chargez-le à nouveau.',
    );
    expect(french('a,label\n,x\n', 'label')).toMatch(
      /^Aucune ligne de fleurs\.csv n’est utilisable : Ligne 2, colonne 1 \(« a »\) de fleurs\.csv : la cellule est vide, ce n’est pas un nombre\./,
    );
    expect(french('label\n', 'label')).toBe('Le fichier CSV fleurs.csv doit avoir une ligne d’en-tête et au moins une ligne de données.');
  });

  it('refuses a file with no usable row, naming the first bad cell with its row and column', () => {
    const text = 'length,width,label\n1.5,one,a\n1.7,two,b\n';
    expect(() => csvDataset(text, 'label', 'flowers.csv')).toThrow(DataError);
    expect(() => csvDataset(text, 'label', 'flowers.csv')).toThrow(
      'No row of flowers.csv can be used: Row 2, column 2 ("width") of flowers.csv is "one", not a number.',
    );
    expect(() => csvDataset('a,label\n,x\n', 'label', 'f.csv')).toThrow('Row 2, column 1 ("a") of f.csv is empty, not a number.');
    expect(() => csvDataset('a,label\n1,x,3\n', 'label', 'f.csv')).toThrow('Row 2 of f.csv has 3 cells but the header has 2 columns.');
  });

  it('reports a file that does not exist', async () => {
    await expect(loadCsv(join(tempDir(), 'nope.csv'), 'label')).rejects.toThrow(/does not exist/);
  });

  it('says in French too why a data file cannot be read', async () => {
    const folder = tempDir();
    await expect(loadCsv(join(folder, 'nope.csv'), 'label')).rejects.toMatchObject({
      fr: `Impossible de lire le fichier CSV ${join(folder, 'nope.csv')} : il n’existe pas.`,
    });
    const named = join(folder, 'table.csv');
    mkdirSync(named);
    await expect(loadCsv(named, 'label')).rejects.toMatchObject({
      message: `Cannot read the CSV file ${named}: it is a folder, not a file.`,
      fr: `Impossible de lire le fichier CSV ${named} : c’est un dossier, pas un fichier.`,
      problem: { code: 'data:csvUnreadable', params: { path: named, reason: { code: 'data:fsFolder' } } },
    });
    await expect(loadCsv(folder, 'label')).rejects.toMatchObject({
      message: `${basename(folder)} is not a CSV file: a CSV data set is a table of values in a file whose name ends in .csv. Choose such a file, or export your table as CSV.`,
    });
    const denied = Object.assign(new Error('EACCES: permission denied, open'), { code: 'EACCES' });
    expect(problemTexts(fileSystemReason(denied))).toEqual({
      en: 'permission denied; check that you may read it',
      fr: 'accès refusé ; vérifiez que vous avez le droit de le lire',
    });
  });
});

async function writeImage(file: string, channels: 1 | 3, value: number, format: 'png' | 'jpeg' | 'webp' = 'png') {
  const size = 12;
  const raw = Buffer.alloc(size * size * channels, value);
  await sharp(raw, { raw: { width: size, height: size, channels } })
    .toFormat(format)
    .toFile(file);
}

describe('image folders', () => {
  it('decodes PNG, JPEG and WebP per class folder, resized, and skips a corrupt image by name', async () => {
    const root = tempDir();
    for (const [cls, value] of [
      ['dark', 20],
      ['light', 230],
    ] as const) {
      mkdirSync(join(root, cls));
      for (let i = 0; i < 5; i++) await writeImage(join(root, cls, `${i}.png`), 3, value);
      await writeImage(join(root, cls, 'extra.jpg'), 3, value, 'jpeg');
      await writeImage(join(root, cls, 'extra.webp'), 1, value, 'webp');
    }
    writeFileSync(join(root, 'light', 'broken.png'), 'this is not a png');
    writeFileSync(join(root, 'light', 'notes.txt'), 'hello');

    const grey = await loadImageFolder(root, [8, 8, 1]);
    expect(grey.classNames).toEqual(['dark', 'light']);
    expect(grey.inputShape).toEqual([8, 8, 1]);
    expect(grey.train.count + grey.test.count).toBe(14);
    expect(grey.skipped.map((s) => s.file).sort()).toEqual([join('light', 'broken.png'), join('light', 'notes.txt')]);
    expect(problemText(grey.skipped.find((s) => s.file.endsWith('broken.png'))!.reason)).toMatch(/cannot be decoded/);
    expect(grey.skipped.find((s) => s.file.endsWith('notes.txt'))!.reason.code).toBe('data:notImage');
    expect(problemTexts(decodeFailure(new LocalizedError(problem('data:channels', { got: 4, want: 3 }))))).toEqual({
      en: 'cannot be decoded (decoded with 4 channels instead of 3)',
      fr: 'illisible (décodée avec 4 canaux au lieu de 3)',
    });
    // Pixel values follow the class: dark ≈ 20/255, light ≈ 230/255.
    for (let i = 0; i < grey.train.count; i++) {
      const pixel = grey.train.x[i * 64];
      expect(grey.train.y[i] === 0 ? pixel < 0.2 : pixel > 0.8).toBe(true);
    }
    const rgb = await loadImageFolder(root, [6, 4, 3]);
    expect(rgb.train.x.length).toBe(rgb.train.count * 6 * 4 * 3);
    expect(
      summarizeDataset(rgb)
        .warnings.map((w) => problemText(w))
        .join(' '),
    ).toMatch(/2 files were skipped: .*broken\.png/);
    expect(problemText(summarizeDataset(rgb).warnings[0], 'fr')).toMatch(/^2 fichiers ont été ignorés : .*broken\.png \(/);
  });

  it('explains a folder without class sub-folders, a missing folder and an empty class', async () => {
    const flat = tempDir();
    await writeImage(join(flat, 'a.png'), 1, 9);
    await expect(loadImageFolder(flat, [8, 8, 1])).rejects.toThrow(/one sub-folder per class/);
    await expect(loadImageFolder(join(flat, 'missing'), [8, 8, 1])).rejects.toThrow(/does not exist/);
    mkdirSync(join(flat, 'cats'));
    mkdirSync(join(flat, 'dogs'));
    await writeImage(join(flat, 'cats', 'a.png'), 1, 9);
    writeFileSync(join(flat, 'dogs', 'bad.jpg'), 'garbage');
    await expect(loadImageFolder(flat, [8, 8, 1])).rejects.toThrow('The class folder "dogs" of ' + flat + ' holds no readable image.');
    await expect(loadImageFolder(flat, [8, 8, 2])).rejects.toThrow(/\[height, width, 1\]/);
  });

  it('resolves a project-relative path through loadDataset', async () => {
    const root = tempDir();
    for (const cls of ['a', 'b']) {
      mkdirSync(join(root, 'images', cls), { recursive: true });
      for (let i = 0; i < 3; i++) await writeImage(join(root, 'images', cls, `${i}.png`), 1, cls === 'a' ? 0 : 255);
    }
    const data = await loadDataset({ kind: 'imageFolder', path: 'images' }, { baseDir: root, inputShape: [4, 4, 1] });
    expect(data.classNames).toEqual(['a', 'b']);
  });
});

const mlp = (inputShape: number[], units: number): Graph => ({
  nodes: [
    { id: 'in', type: 'Input', params: { shape: inputShape } },
    { id: 'flat', type: 'Flatten', params: {} },
    { id: 'out', type: 'Dense', params: { units, activation: units === 1 ? 'sigmoid' : 'softmax' } },
  ],
  edges: [
    { source: 'in', target: 'flat' },
    { source: 'flat', target: 'out' },
  ],
});

describe('summary and model check', () => {
  const mnist = loadMnist(200);

  it('counts samples per class and warns on strong imbalance', () => {
    const summary = summarizeDataset(mnist);
    expect(summary.countsPerClass.reduce((a, b) => a + b, 0)).toBe(200);
    expect(summary.warnings).toEqual([]);
    const y = Int32Array.from({ length: 40 }, (_, i) => (i < 35 ? 0 : 1));
    const skewed: Dataset = { ...mnist, classNames: ['a', 'b'], train: { x: new Float32Array(40 * 784), y, count: 40 } };
    expect(problemText(summarizeDataset(skewed).warnings[0])).toMatch(/strongly imbalanced: "a" has 35 samples but "b" only 5/);
    expect(problemText(summarizeDataset(skewed).warnings[0], 'fr')).toMatch(
      /très déséquilibrées : « a » a 35 exemples, mais « b » seulement 5/,
    );
  });

  it('accepts a model that fits the data, an Input of the same size, and one sigmoid unit for two classes', () => {
    expect(() => checkModelFitsData(mlp([28, 28, 1], 10), mnist, 'categoricalCrossentropy')).not.toThrow();
    expect(() => checkModelFitsData(mlp([784], 10), mnist, 'categoricalCrossentropy')).not.toThrow();
    expect(() => checkModelFitsData(mlp([2], 1), loadTwoD('xor'), 'binaryCrossentropy')).not.toThrow();
  });

  it('names the block and the fix when the output units or the Input shape do not match', () => {
    expect(() => checkModelFitsData(mlp([28, 28, 1], 5), mnist, 'categoricalCrossentropy')).toThrow(
      'The output block "out" has 5 units but the data set has 10 classes: set `units` to 10.',
    );
    expect(() => checkModelFitsData(mlp([32, 32, 3], 10), mnist, 'categoricalCrossentropy')).toThrow(
      'The Input block "in" has shape 32×32×3 but each sample of the data set "mnist" is 28×28×1: set `shape` to [28, 28, 1].',
    );
  });

  it('normalises to zero mean and unit deviation per feature', () => {
    const data = loadTwoD('gaussians', { size: 300 });
    const stats = normalizeDataset(data);
    expect(stats.mean.length).toBe(2);
    let sum = 0;
    let squares = 0;
    for (let i = 0; i < data.train.count; i++) sum += data.train.x[i * 2];
    for (let i = 0; i < data.train.count; i++) squares += data.train.x[i * 2] ** 2;
    expect(sum / data.train.count).toBeCloseTo(0, 4);
    expect(squares / data.train.count).toBeCloseTo(1, 3);
  });
});
