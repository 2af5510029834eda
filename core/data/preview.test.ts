import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterEach, describe, expect, it } from 'vitest';
import { problemText } from '../i18n/translate';
import { loadImageFolder } from './image-folder';
import { previewDataset, spreadIndices, THUMBNAILS, type PreviewOptions } from './preview';
import { said } from './said-fixtures';

const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

/** A 16×16 PNG whose pixels vary, so that its compressed data span many bytes. */
async function png(seed: number, channels: 1 | 3 = 3): Promise<Buffer> {
  const pixels = Buffer.alloc(16 * 16 * channels);
  for (let i = 0; i < pixels.length; i++) pixels[i] = (i * 37 + seed * 11) & 255;
  return sharp(pixels, { raw: { width: 16, height: 16, channels } })
    .png()
    .toBuffer();
}

/** `folder/<class>/NNN.png`, `perClass` images per class; `extra` files are written over or beside them. */
async function imageFolder(perClass: Record<string, number>, extra: Record<string, Buffer | string> = {}): Promise<string> {
  const root = mkdtempSync(join(tmpdir(), 'nb-preview-'));
  folders.push(root);
  for (const [name, count] of Object.entries(perClass)) {
    mkdirSync(join(root, name));
    for (let i = 0; i < count; i++) writeFileSync(join(root, name, `${String(i).padStart(3, '0')}.png`), await png(i));
  }
  for (const [file, bytes] of Object.entries(extra)) writeFileSync(join(root, file), bytes);
  return root;
}

const preview = (root: string, options: PreviewOptions = {}) => previewDataset({ kind: 'imageFolder', path: root }, options);
const totals = (p: Awaited<ReturnType<typeof preview>>) => p.classes.map((c) => c.count + c.testCount);

describe('spreadIndices', () => {
  it('spreads a sample evenly from the first index and takes everything when the sample is not smaller', () => {
    expect(spreadIndices(10, 4)).toEqual([0, 2, 5, 7]);
    expect(spreadIndices(1000, 3)).toEqual([0, 333, 666]);
    expect(spreadIndices(3, 8)).toEqual([0, 1, 2]);
    expect(spreadIndices(5, Infinity)).toEqual([0, 1, 2, 3, 4]);
  });
});

describe('image folder preview of a folder larger than its bounds', () => {
  it('counts every image exactly, decodes only the sample and says so, with 8 thumbnails per class', async () => {
    const root = await imageFolder({ cats: 30, dogs: 15, owls: 12 });
    const result = await preview(root, { decodeLimit: 20 });
    expect(totals(result)).toEqual([30, 15, 12]);
    expect(result.trainCount + result.testCount).toBe(57);
    expect(result.inputShape).toEqual([16, 16, 3]);
    // Each class gets its share of the 20 decodes, but never fewer than its thumbnails.
    expect(result.checked).toEqual({ decoded: 10 + THUMBNAILS + THUMBNAILS, headers: 57, images: 57 });
    expect(result.classes.map((c) => c.thumbnails.length)).toEqual([THUMBNAILS, THUMBNAILS, THUMBNAILS]);
    for (const c of result.classes) for (const src of c.thumbnails) expect(src).toMatch(/^data:image\/png;base64,/);
    expect(result.skipped).toEqual([]);
  });

  it('reports a truncated image that falls in the sample as skipped, with why, and counts it out', async () => {
    const whole = await png(99);
    const truncated = whole.subarray(0, whole.length - 30);
    // Its header is intact: only decoding the pixels finds it.
    await expect(sharp(truncated).metadata()).resolves.toMatchObject({ width: 16, height: 16 });
    // The first file of a class is always in the sample.
    const root = await imageFolder({ a: 40, b: 40 }, { 'a/000.png': truncated });
    const result = await preview(root, { decodeLimit: 20 });
    expect(result.skipped.map(said)).toEqual([
      {
        file: join('a', '000.png'),
        reason: expect.stringMatching(/^cannot be decoded \(.*read error/),
        reasonFr: expect.stringMatching(/^illisible \(/),
      },
    ]);
    expect(totals(result)).toEqual([39, 40]);
    expect(result.warnings.map((w) => problemText(w)).join(' ')).toMatch(/1 file was skipped: a\/000\.png \(cannot be decoded/);
    expect(result.warnings.map((w) => problemText(w, 'fr')).join(' ')).toMatch(/1 fichier a été ignoré : a\/000\.png \(illisible/);
    // A broken file among the thumbnails' leaves the class its 8 thumbnails all the same.
    expect(result.classes[0].thumbnails).toHaveLength(THUMBNAILS);
    expect(result.checked?.decoded).toBeLessThan(80);
  });

  it('finds a file that only pretends to be an image by reading headers, even outside the decoded sample', async () => {
    const root = await imageFolder({ a: 40, b: 40 }, { 'a/013.png': 'this is not an image', 'b/notes.txt': 'hello' });
    const result = await preview(root, { decodeLimit: 16 });
    // 16 decodes are 8 a class, spread over it: 013 is not among them.
    expect(result.checked).toEqual({ decoded: 17, headers: 80, images: 80 });
    expect(result.skipped.map(said)).toEqual([
      { file: join('b', 'notes.txt'), reason: 'not a PNG, JPEG or WebP image', reasonFr: 'pas une image PNG, JPEG ou WebP' },
      {
        file: join('a', '013.png'),
        reason: expect.stringMatching(/^cannot be decoded \(.*unsupported image format/),
        reasonFr: expect.stringMatching(/^illisible \(/),
      },
    ]);
    expect(totals(result)).toEqual([39, 40]);
  });

  it('reads the headers of a sample too when told, counting the unread files as images', async () => {
    const root = await imageFolder({ a: 30, b: 30 });
    const result = await preview(root, { headerLimit: 20, decodeLimit: 16 });
    expect(result.checked).toEqual({ decoded: 16, headers: 20, images: 60 });
    expect(totals(result)).toEqual([30, 30]);
  });

  it('reads on in a class whose sampled images are all broken until it has its thumbnails, and refuses a class with no image', async () => {
    const broken = Object.fromEntries(Array.from({ length: 10 }, (_, i) => [`a/${String(i * 3).padStart(3, '0')}.png`, 'broken']));
    const root = await imageFolder({ a: 30, b: 30 }, broken);
    const result = await preview(root, { headerLimit: 20, decodeLimit: 16 });
    expect(result.classes[0].thumbnails).toHaveLength(THUMBNAILS);
    expect(result.skipped.length).toBeGreaterThan(0);
    expect(result.skipped.every((s) => s.file.startsWith('a'))).toBe(true);

    const junk = Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`a/${String(i).padStart(3, '0')}.png`, 'junk']));
    const hopeless = await imageFolder({ a: 30, b: 30 }, junk);
    await expect(preview(hopeless, { headerLimit: 20, decodeLimit: 16 })).rejects.toThrow(
      /The class folder "a" of .* holds no readable image/,
    );
  });
});

describe('image folder preview of a folder within its bounds', () => {
  it('checks every image and has no sample note, even with broken files', async () => {
    const whole = await png(5, 1);
    const root = await imageFolder(
      { a: 5, b: 5 },
      { 'a/003.png': whole.subarray(0, whole.length - 30), 'b/002.png': whole.subarray(0, 40), 'b/004.png': 'no image' },
    );
    const result = await preview(root);
    expect(result.checked).toBeUndefined();
    expect(result.skipped.map((s) => [s.file, problemText(s.reason)])).toEqual([
      [join('a', '003.png'), 'cannot be decoded (vipspng: libpng read error)'],
      [join('b', '002.png'), 'cannot be decoded (Input file has corrupt header)'],
      [join('b', '004.png'), 'cannot be decoded (Input file contains unsupported image format)'],
    ]);
    expect(totals(result)).toEqual([4, 3]);
    expect(result.classes.map((c) => c.thumbnails.length)).toEqual([4, 3]);
  });

  it('counts what the training loader loads, the broken files it skips included', async () => {
    const whole = await png(7);
    const root = await imageFolder({ a: 12, b: 12 }, { 'a/011.png': whole.subarray(0, whole.length - 30) });
    // Outside the sample the truncated file is counted...
    const sampled = await preview(root, { decodeLimit: 16 });
    expect(totals(sampled)).toEqual([12, 12]);
    // ...and training, which decodes everything, skips it by name and says why.
    const loaded = await loadImageFolder(root, [16, 16, 3]);
    expect(loaded.train.count + loaded.test.count).toBe(23);
    expect(loaded.skipped.map(said)).toEqual([
      { file: join('a', '011.png'), reason: expect.stringMatching(/^cannot be decoded/), reasonFr: expect.stringMatching(/^illisible/) },
    ]);
    const whole2 = await preview(root);
    expect(totals(whole2)).toEqual([11, 12]);
  });
});
