// Image folders whose images are not shaped like the Input: letter-boxed or centre-cropped as the
// data set says, in training and in the preview's thumbnails; stretched for projects saved before.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { problemText } from '../i18n/translate';
import { parseProject, ProjectError, serializeProject } from '../model/project-io';
import { PROJECT_FORMAT } from '../model/project';
import { fitImage } from '../model/image-fit';
import { decodeImage, loadImageFolder, PRESHRINK_FACTOR } from './image-folder';
import { loadDataset } from './load';
import { previewDataset } from './preview';
import type { Dataset } from './types';

type Rgb = [number, number, number];
const RED: Rgb = [255, 0, 0];
const GREEN: Rgb = [0, 255, 0];
const BLUE: Rgb = [0, 0, 255];

function png(width: number, height: number, colour: (x: number) => Rgb): Promise<Buffer> {
  const pixels = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) pixels.set(colour(x), (y * width + x) * 3);
  return sharp(pixels, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

let root: string;
beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'nb-fit-'));
  // "halves": 40×20, red on the left, blue on the right; "bands": 40×20 green, red, blue, green.
  const images = {
    halves: await png(40, 20, (x) => (x < 20 ? RED : BLUE)),
    bands: await png(40, 20, (x) => (x < 10 || x >= 30 ? GREEN : x < 20 ? RED : BLUE)),
  };
  for (const [name, bytes] of Object.entries(images)) {
    mkdirSync(join(root, name));
    for (let i = 0; i < 5; i++) writeFileSync(join(root, name, `${i}.png`), bytes);
  }
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** The first training sample of class `name`, as 0–255 RGB pixels row by row. */
function sample(dataset: Dataset, name: string): Rgb[][] {
  const [height, width] = dataset.inputShape;
  const label = dataset.classNames.indexOf(name);
  const i = Array.from(dataset.train.y).indexOf(label);
  const x = dataset.train.x.subarray(i * height * width * 3, (i + 1) * height * width * 3);
  return Array.from({ length: height }, (_, y) =>
    Array.from(
      { length: width },
      (_, c) => Array.from(x.subarray((y * width + c) * 3, (y * width + c) * 3 + 3), (v) => Math.round(v * 255)) as Rgb,
    ),
  );
}
const row = (colour: (x: number) => Rgb) => Array.from({ length: 16 }, (_, x) => colour(x));
const BLACK_ROW = row(() => [0, 0, 0]);

describe('image folders fitted to a square Input', () => {
  it('letter-box: a 40×20 red/blue image becomes black rows top and bottom around the unsquashed 16×8 content', async () => {
    const halves = sample(await loadImageFolder(root, [16, 16, 3], 'letterbox'), 'halves');
    expect(halves.slice(0, 4)).toEqual([BLACK_ROW, BLACK_ROW, BLACK_ROW, BLACK_ROW]);
    expect(halves.slice(12)).toEqual([BLACK_ROW, BLACK_ROW, BLACK_ROW, BLACK_ROW]);
    for (const line of halves.slice(4, 12)) expect(line).toEqual(row((x) => (x < 8 ? RED : BLUE)));
  });

  it('centre-crop: keeps the middle of the image and fills the square', async () => {
    const bands = sample(await loadImageFolder(root, [16, 16, 3], 'crop'), 'bands');
    for (const line of bands) expect(line).toEqual(row((x) => (x < 8 ? RED : BLUE)));
  });

  it('the data set’s own choice reaches training through loadDataset', async () => {
    const crop = await loadDataset({ kind: 'imageFolder', path: root, fit: 'crop' }, { inputShape: [16, 16, 3] });
    expect(sample(crop, 'bands')[0]).toEqual(row((x) => (x < 8 ? RED : BLUE)));
    const letterbox = await loadDataset({ kind: 'imageFolder', path: root, fit: 'letterbox' }, { inputShape: [16, 16, 3] });
    expect(sample(letterbox, 'bands')[0]).toEqual(BLACK_ROW);
  });

  it('stretch (a project saved before the choice) keeps libvips’s resize, exactly the numbers its runs had', async () => {
    const stretched = await loadDataset({ kind: 'imageFolder', path: root }, { inputShape: [16, 16, 3] });
    const file = join(root, 'bands', '0.png');
    const before = await sharp(file).resize(16, 16, { fit: 'fill' }).removeAlpha().toColourspace('srgb').raw().toBuffer();
    const label = stretched.classNames.indexOf('bands');
    const i = Array.from(stretched.train.y).indexOf(label);
    expect(Array.from(stretched.train.x.subarray(i * 768, (i + 1) * 768))).toEqual(Array.from(before, (v) => Math.fround(v / 255)));
  });
});

describe('a photo much larger than the Input', () => {
  it('is reduced by libvips first, quickly, and differs from fitting its whole pixels only by resampling noise', async () => {
    // 960×480, a smooth gradient: more than PRESHRINK_FACTOR times a 16×16 Input.
    const [width, height] = [960, 480];
    expect(width).toBeGreaterThan(PRESHRINK_FACTOR * 16);
    const pixels = Buffer.alloc(width * height * 3);
    for (let y = 0; y < height; y++)
      for (let x = 0; x < width; x++) pixels.set([Math.round((x / width) * 255), Math.round((y / height) * 255), 128], (y * width + x) * 3);
    const file = join(root, 'large.png');
    await sharp(pixels, { raw: { width, height, channels: 3 } })
      .png()
      .toFile(file);
    const whole = await sharp(file).ensureAlpha().raw().toBuffer();
    for (const fit of ['letterbox', 'crop'] as const) {
      const direct = fitImage(whole, width, height, 16, 16, 3, fit);
      const trained = await decodeImage(file, [16, 16, 3], fit);
      let largest = 0;
      for (let i = 0; i < direct.length; i++) largest = Math.max(largest, Math.abs(direct[i] - trained[i]));
      expect(largest).toBeLessThan(2 / 255);
      // The same geometry: the letter-box bars are exactly where they were.
      for (let i = 0; i < direct.length; i++) if (direct[i] === 0) expect(trained[i]).toBe(0);
    }
    rmSync(file);
  });
});

describe('the preview shows the images as the model will see them', () => {
  /** The first thumbnail of class `name`, decoded back to RGB pixels, with its size. */
  async function thumbnail(fit: 'letterbox' | 'crop' | undefined, inputShape: number[] | undefined, name = 'halves') {
    const preview = await previewDataset({ kind: 'imageFolder', path: root, ...(fit ? { fit } : {}) }, inputShape ? { inputShape } : {});
    const url = preview.classes.find((c) => c.name === name)!.thumbnails[0];
    const { data, info } = await sharp(Buffer.from(url.split(',')[1], 'base64'))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => Array.from(data.subarray((y * info.width + x) * 3, (y * info.width + x) * 3 + 3));
    return { info, pixel };
  }

  it('letter-boxed: black bars above and below; centre-cropped: the middle fills the thumbnail', async () => {
    const letterbox = await thumbnail('letterbox', [16, 16, 3]);
    expect([letterbox.info.width, letterbox.info.height]).toEqual([56, 56]);
    expect(letterbox.pixel(5, 2)).toEqual([0, 0, 0]);
    expect(letterbox.pixel(5, 28)).toEqual(RED);
    expect(letterbox.pixel(50, 53)).toEqual([0, 0, 0]);
    const crop = await thumbnail('crop', [16, 16, 3], 'bands');
    expect(crop.pixel(2, 2)).toEqual(RED);
    expect(crop.pixel(53, 53)).toEqual(BLUE);
  });

  it('keeps the proportions of a non-square Input, and fits to a square without one', async () => {
    const wide = await thumbnail('crop', [8, 16, 3], 'bands');
    expect([wide.info.width, wide.info.height]).toEqual([56, 28]);
    // An 8×16 Input has the images' 1:2 proportions: nothing is cut, the green edges show.
    expect(wide.pixel(2, 14)).toEqual(GREEN);
    const square = await thumbnail('letterbox', undefined);
    expect([square.info.width, square.info.height]).toEqual([56, 56]);
    expect(square.pixel(28, 2)).toEqual([0, 0, 0]);
  });
});

describe('the choice in the project file', () => {
  const project = (dataset: Record<string, unknown>) => ({ format: PROJECT_FORMAT, version: 1, graph: { nodes: [], edges: [] }, dataset });

  it('is kept; an image folder saved without one reads as stretch, said in the project from then on', () => {
    expect(parseProject(project({ kind: 'imageFolder', path: 'signs', fit: 'crop' })).dataset).toEqual({
      kind: 'imageFolder',
      path: 'signs',
      fit: 'crop',
    });
    const old = parseProject(project({ kind: 'imageFolder', path: 'signs' }));
    expect(old.dataset).toEqual({ kind: 'imageFolder', path: 'signs', fit: 'stretch' });
    expect(JSON.parse(serializeProject(old)).dataset.fit).toBe('stretch');
  });

  it('refuses an unknown fit, naming the field and the choices', () => {
    let error: unknown;
    try {
      parseProject(project({ kind: 'imageFolder', path: 'signs', fit: 'squash' }));
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ProjectError);
    const problem = (error as ProjectError).problems[0];
    expect(problem.path).toBe('dataset.fit');
    expect(problemText(problem.problem, 'en')).toMatch(/letterbox.*crop.*stretch/);
    expect(problemText(problem.problem, 'fr')).toMatch(/letterbox.*crop.*stretch/);
  });
});
