// What the Data tab shows of a data set before training: per class its count and a few
// thumbnails, the train/test sizes and the warnings. Only the thumbnails shown cross to the UI.
// A large image folder stays quick: every file is counted, but only a bounded, evenly spread
// sample is opened (headers) and decoded, and the preview says so.
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { DatasetPreview } from '../api/contract';
import { problem, type Problem } from '../i18n/catalogue';
import type { Shape } from '../model/graph';
import type { DatasetRef } from '../model/project';
import { csvDataset, csvRecords, csvRows, readCsvFile } from './csv';
import { imageFitOf, type ImageFit } from '../model/image-fit';
import { DECODE_OPTIONS, decodeFailure, decodeImage, imageTooLarge, listImageFolder, MAX_IMAGE_PIXELS } from './image-folder';
import { loadCifar } from './cifar';
import type { ProgressListener } from './download';
import { loadFashionMnist } from './fashion-mnist';
import { loadIdxFolder } from './idx-folder';
import { classFilterOf } from './load';
import { loadMnist } from './mnist';
import { stratifiedSplit } from './split';
import { summarizeDataset } from './summary';
import { loadTwoD } from './two-d';
import { DataError, type Dataset, type SkippedItem } from './types';

/** Thumbnails per class. */
export const THUMBNAILS = 8;
const THUMBNAIL_SIDE = 56;
const TABLE_ROWS = 8;
const SCATTER_POINTS = 600;
const PARALLEL_DECODES = 8;
const PARALLEL_HEADERS = 32;
/** Image folders: how many images have their header read (size, colour, whether it is an image at all). */
export const HEADER_LIMIT = 10_000;
/** Image folders: how many images are decoded whole, which is what finds a truncated file. */
export const DECODE_LIMIT = 1_000;

export interface PreviewOptions {
  /** Folder that relative paths resolve against (the project file's). */
  baseDir?: string;
  /** Progress of a built-in set downloaded on first use (Fashion-MNIST). */
  onDownload?: ProgressListener;
  /**
   * Image folders: at most about this many images have their header read, evenly spread over the
   * classes ({@link HEADER_LIMIT} by default); the others are counted without being opened.
   */
  headerLimit?: number;
  /**
   * Image folders: at most about this many images are decoded whole, evenly spread over the classes
   * ({@link DECODE_LIMIT} by default). Every class's thumbnails are decoded, even beyond the bound.
   */
  decodeLimit?: number;
  /**
   * Image folders: the model's Input shape `[height, width, channels]`; the thumbnails show the
   * images fitted to it as training will (letter-boxed, cropped or stretched). Without it, they are
   * fitted to a square.
   */
  inputShape?: Shape;
}

/** Column names that usually hold the class, in English and French. */
const LABEL_NAMES =
  /^(label|labels|class|classe|target|cible|species|espece|espèce|category|catégorie|categorie|y|étiquette|etiquette|output|sortie)$/i;

/** The column a CSV's class most likely is in: a column named like a label, else the last one. */
export function guessLabelColumn(columns: string[]): string {
  return columns.find((c) => LABEL_NAMES.test(c.trim())) ?? columns[columns.length - 1] ?? '';
}

const emptyCsv = (name: string) => problem('data:csvEmpty', { name });

/** The header of a CSV file, to choose the label column from; only its first line is read. */
export async function readCsvColumns(file: string): Promise<string[]> {
  const { text } = await readCsvFile(file, path.basename(file), { head: true });
  const header = (csvRows(text, path.basename(file))[0] ?? []).map((h) => h.trim());
  if (header.length === 0 || header.every((h) => h === '')) throw new DataError(emptyCsv(path.basename(file)));
  return header;
}

/** An image file decoded straight to thumbnail size, its pixels bounded; throws when it cannot be decoded. */
function thumbnailOf(file: string): Promise<string> {
  return pngDataUrl(sharp(file, DECODE_OPTIONS));
}

async function pngDataUrl(image: Sharp): Promise<string> {
  const png = await image
    .resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', kernel: 'nearest', withoutEnlargement: false })
    .png()
    .toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

function fromSummary(dataset: Dataset): Pick<DatasetPreview, 'classes' | 'trainCount' | 'testCount' | 'warnings' | 'skipped'> {
  const summary = summarizeDataset(dataset);
  const testCounts = new Array<number>(dataset.classNames.length).fill(0);
  for (let i = 0; i < dataset.test.count; i++) testCounts[dataset.test.y[i]]++;
  return {
    classes: dataset.classNames.map((name, i) => ({ name, count: summary.countsPerClass[i], testCount: testCounts[i], thumbnails: [] })),
    trainCount: summary.trainCount,
    testCount: summary.testCount,
    warnings: summary.warnings,
    skipped: summary.skipped,
  };
}

/** A PNG of one sample's values in [0, 1] (`height × width × channels`), its pixels enlarged as they are. */
function samplePng(values: ArrayLike<number>, [height, width, channels]: Shape): Promise<string> {
  const pixels = Buffer.alloc(height * width * channels);
  for (let p = 0; p < pixels.length; p++) pixels[p] = Math.round(values[p] * 255);
  return pngDataUrl(sharp(pixels, { raw: { width, height, channels: channels as 1 | 3 } }));
}

/** Thumbnails of the first training images of each class, from samples in [0, 1]. */
async function sampleThumbnails(dataset: Dataset, preview: DatasetPreview): Promise<void> {
  const size = dataset.inputShape.reduce((a, b) => a * b, 1);
  for (let i = 0; i < dataset.train.count; i++) {
    const entry = preview.classes[dataset.train.y[i]];
    if (entry.thumbnails.length >= THUMBNAILS) continue;
    entry.thumbnails.push(await samplePng(dataset.train.x.subarray(i * size, (i + 1) * size), dataset.inputShape));
  }
}

/** The longest side an Input block suggested for an image folder has: enough for a small CNN to learn from. */
export const SUGGESTED_IMAGE_SIDE = 128;

/**
 * The Input shape to suggest for images of `shape` larger than {@link SUGGESTED_IMAGE_SIDE} on a
 * side: the same proportions, scaled down to fit (training resizes every image to the Input's shape).
 */
export function suggestedImageShape([height, width, channels]: Shape): Shape | undefined {
  const longest = Math.max(height, width);
  if (longest <= SUGGESTED_IMAGE_SIDE) return undefined;
  const scale = SUGGESTED_IMAGE_SIDE / longest;
  return [Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale)), channels];
}

/** `count` of the indices 0…n−1, evenly spread and the first included; all of them when count ≥ n. */
export function spreadIndices(n: number, count: number): number[] {
  if (count >= n) return Array.from({ length: n }, (_, i) => i);
  return Array.from({ length: count }, (_, i) => Math.floor((i * n) / count));
}

/** Runs `task` on every item with at most `limit` under way at once. */
async function eachLimited<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await task(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** What is known of one image of the folder. */
const Check = { Unchecked: 0, HeaderRead: 1, Decoded: 2, Failed: 3 } as const;

/** The shape the thumbnails of an image folder are fitted to: the model's Input when it takes images, else a square. */
function thumbnailShape(inputShape: Shape | undefined, colour: boolean): Shape {
  if (inputShape?.length === 3 && (inputShape[2] === 1 || inputShape[2] === 3) && inputShape[0] >= 1 && inputShape[1] >= 1)
    return inputShape;
  return [THUMBNAIL_SIDE, THUMBNAIL_SIDE, colour ? 3 : 1];
}

async function previewImageFolder(
  folder: string,
  limits: { headers: number; decodes: number },
  view: { fit: ImageFit; inputShape?: Shape },
): Promise<DatasetPreview> {
  const listing = await listImageFolder(folder);
  const total = listing.files.reduce((n, files) => n + files.length, 0);
  const state = listing.files.map((files) => new Uint8Array(files.length));
  const sizes = new Map<string, number>();
  /** Decoded images' thumbnails, by `label/index`. */
  const thumbnailsOf = new Map<string, string>();
  /** Images refused for their size before any decoding, by `label/index`. */
  const tooLarge = new Map<string, Problem>();
  let colour = false;
  let smallest: [number, number] | undefined;
  let largest: [number, number] | undefined;
  // The header gives the size and colour without decoding the pixels, and tells a file that is not an image at all.
  const readHeader = async ([label, index]: [number, number]) => {
    try {
      const meta = await sharp(path.join(folder, listing.files[label][index])).metadata();
      const height = meta.autoOrient?.height ?? meta.height;
      const width = meta.autoOrient?.width ?? meta.width;
      if (height * width > MAX_IMAGE_PIXELS) {
        state[label][index] = Check.Failed;
        tooLarge.set(`${label}/${index}`, imageTooLarge(height, width));
        return;
      }
      const key = `${height}×${width}`;
      sizes.set(key, (sizes.get(key) ?? 0) + 1);
      if (!smallest || height * width < smallest[0] * smallest[1]) smallest = [height, width];
      if (!largest || height * width > largest[0] * largest[1]) largest = [height, width];
      colour ||= (meta.channels ?? 1) >= 3 && meta.space !== 'b-w';
      state[label][index] = Check.HeaderRead;
    } catch {
      state[label][index] = Check.Failed;
    }
  };
  // Decoding the whole image is what finds a truncated file, as training would; it is decoded
  // straight to thumbnail size (shrunk while it is read), so a large image costs little memory.
  const decode = async ([label, index]: [number, number]) => {
    try {
      thumbnailsOf.set(`${label}/${index}`, await thumbnailOf(path.join(folder, listing.files[label][index])));
      state[label][index] = Check.Decoded;
    } catch {
      state[label][index] = Check.Failed;
    }
  };
  // Each class gets its share of a bound, and at least enough for its thumbnails.
  const share = (label: number, bound: number) =>
    Math.max(THUMBNAILS, Math.floor((bound * listing.files[label].length) / Math.max(1, total)));

  const headerSample = listing.files.flatMap((files, label) =>
    spreadIndices(files.length, share(label, limits.headers)).map((i): [number, number] => [label, i]),
  );
  await eachLimited(headerSample, PARALLEL_HEADERS, readHeader);
  const decodeSample = state.flatMap((checks, label) => {
    const readable = [...checks.keys()].filter((i) => checks[i] === Check.HeaderRead);
    return spreadIndices(readable.length, share(label, limits.decodes)).map((k): [number, number] => [label, readable[k]]);
  });
  await eachLimited(decodeSample, PARALLEL_DECODES, decode);
  // A class whose sampled files were broken reads on in order until it has its thumbnails (or no file is left).
  for (const [label, checks] of state.entries()) {
    let good = checks.filter((c) => c === Check.Decoded).length;
    for (let i = 0; i < checks.length && good < THUMBNAILS; i++) {
      if (checks[i] === Check.Decoded || checks[i] === Check.Failed) continue;
      if (checks[i] === Check.Unchecked) await readHeader([label, i]);
      if (checks[i] === Check.HeaderRead) await decode([label, i]);
      if (checks[i] === Check.Decoded) good++;
    }
  }
  // The thumbnails shown are the images as the model will see them: fitted to its Input as training fits them.
  const shape = thumbnailShape(view.inputShape, colour);
  const thumbnails: string[][] = [];
  for (const [label, checks] of state.entries()) {
    const shown = [...checks.keys()].filter((i) => checks[i] === Check.Decoded).slice(0, THUMBNAILS);
    const urls: string[] = [];
    for (const i of shown) {
      const values = await decodeImage(path.join(folder, listing.files[label][i]), shape, view.fit).catch(() => undefined);
      urls.push(values ? await samplePng(values, shape) : thumbnailsOf.get(`${label}/${i}`)!);
    }
    thumbnails.push(urls);
  }
  // libvips's message of a failure among several decodes under way at once can be lost ("Unknown
  // error"): each broken file is read again alone to say why.
  const failures: SkippedItem[] = [];
  for (const [label, checks] of state.entries()) {
    for (const [index, check] of checks.entries()) {
      if (check !== Check.Failed) continue;
      const file = listing.files[label][index];
      const why =
        tooLarge.get(`${label}/${index}`) ??
        (await thumbnailOf(path.join(folder, file)).then((thumbnail) => {
          thumbnailsOf.set(`${label}/${index}`, thumbnail);
          return undefined;
        }, decodeFailure));
      if (why) failures.push({ file, reason: why });
      else checks[index] = Check.Decoded;
    }
  }
  // Counts come from the listing, less the files found broken: the files not checked count as images.
  const counts = state.map((checks) => checks.length - checks.filter((c) => c === Check.Failed).length);
  const fullyChecked = state.reduce((n, checks) => n + checks.filter((c) => c === Check.Decoded || c === Check.Failed).length, 0);
  const headers = state.reduce((n, checks) => n + checks.filter((c) => c !== Check.Unchecked).length, 0);
  const skipped: SkippedItem[] = [...listing.skipped, ...failures];
  const empty = listing.classNames.filter((_, label) => counts[label] === 0);
  if (empty.length > 0) {
    throw new DataError(problem('data:emptyClassesFix', { count: empty.length, classes: empty, folder }));
  }
  // Counts only: the split is the loader's, on labels without pixels.
  const labels = Int32Array.from(counts.flatMap((count, label) => new Array<number>(count).fill(label)));
  const { train, test } = stratifiedSplit({ x: new Float32Array(0), y: labels, count: labels.length }, 0, 0.2);
  const common = [...sizes.entries()]
    .sort((a, b) => b[1] - a[1])[0][0]
    .split('×')
    .map(Number);
  const inputShape: Shape = [common[0], common[1], colour ? 3 : 1];
  const suggested = suggestedImageShape(inputShape);
  const counted = fromSummary({ name: path.basename(folder), inputShape, classNames: listing.classNames, train, test, skipped });
  counted.classes.forEach((c, i) => (c.thumbnails = thumbnails[i]));
  return {
    name: path.basename(folder),
    kind: 'imageFolder',
    inputShape,
    ...(suggested ? { suggestedInputShape: suggested } : {}),
    ...(sizes.size > 1 && smallest && largest ? { sizeRange: { smallest, largest } } : {}),
    ...counted,
    ...(fullyChecked < total ? { checked: { decoded: fullyChecked, headers, images: total } } : {}),
    path: folder,
  };
}

async function previewCsv(file: string, labelColumn: string): Promise<DatasetPreview> {
  const name = path.basename(file);
  const { text, encoding } = await readCsvFile(file, name);
  if (text.replace(/^\uFEFF/, '').trim() === '') throw new DataError(emptyCsv(name));
  const records = csvRecords(text, name);
  const rows = records.map((r) => r.cells);
  const dataset = csvDataset(text, labelColumn, name, records);
  const header = rows[0].map((h) => h.trim());
  const summary = fromSummary(dataset);
  if (encoding === 'Windows-1252') {
    summary.warnings.push(problem('data:notUtf8', { name }));
  }
  return {
    name,
    kind: 'csv',
    inputShape: [...dataset.inputShape],
    ...summary,
    columns: header,
    labelColumn,
    table: { header, rows: rows.slice(1, 1 + TABLE_ROWS), totalRows: rows.length - 1 },
    path: file,
  };
}

/** The preview of the data set a project names (loading it with the same loaders training uses). */
export async function previewDataset(ref: DatasetRef, options: PreviewOptions = {}): Promise<DatasetPreview> {
  const resolve = (p: string) => path.resolve(options.baseDir ?? process.cwd(), p);
  switch (ref.kind) {
    case 'builtin': {
      const filter = classFilterOf(ref);
      if (ref.name === 'mnist' || ref.name === 'fashion-mnist') {
        const dataset =
          ref.name === 'mnist' ? loadMnist(ref.size, filter) : await loadFashionMnist(ref.size, { onProgress: options.onDownload, filter });
        const preview: DatasetPreview = {
          name: ref.name === 'mnist' ? 'MNIST' : 'Fashion-MNIST',
          kind: 'builtin',
          inputShape: [...dataset.inputShape],
          ...fromSummary(dataset),
        };
        await sampleThumbnails(dataset, preview);
        return preview;
      }
      const dataset = loadTwoD(ref.name, { size: ref.size, noise: ref.noise });
      const features = dataset.inputShape[0];
      const step = Math.max(1, Math.floor(dataset.train.count / SCATTER_POINTS));
      const points: DatasetPreview['points'] = [];
      for (let i = 0; i < dataset.train.count; i += step)
        points.push({ x: dataset.train.x[i * features], y: dataset.train.x[i * features + 1], label: dataset.train.y[i] });
      return { name: ref.name, kind: 'builtin', inputShape: [...dataset.inputShape], ...fromSummary(dataset), points };
    }
    case 'imageFolder':
      return previewImageFolder(
        resolve(ref.path),
        { headers: options.headerLimit ?? HEADER_LIMIT, decodes: options.decodeLimit ?? DECODE_LIMIT },
        { fit: imageFitOf(ref), inputShape: options.inputShape },
      );
    case 'csv':
      return previewCsv(resolve(ref.path), ref.labelColumn);
    case 'idx':
    case 'cifar': {
      const file = resolve(ref.path);
      // Read whole with the training loaders: the files are small enough, and the preview then sees what training will.
      const dataset = ref.kind === 'idx' ? await loadIdxFolder(file) : await loadCifar(file);
      const preview: DatasetPreview = {
        name: dataset.name,
        kind: ref.kind,
        inputShape: [...dataset.inputShape],
        ...fromSummary(dataset),
        path: file,
      };
      await sampleThumbnails(dataset, preview);
      return preview;
    }
  }
}
