// What the Data tab shows of a data set before training: per class its count and a few
// thumbnails, the train/test sizes and the warnings. Only the thumbnails shown cross to the UI.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import sharp, { type Sharp } from 'sharp';
import type { DatasetPreview } from '../api/contract';
import type { Shape } from '../model/graph';
import type { DatasetRef } from '../model/project';
import { csvDataset, parseCsv } from './csv';
import { decodeFailure, listImageFolder } from './image-folder';
import { loadMnist } from './mnist';
import { stratifiedSplit } from './split';
import { summarizeDataset } from './summary';
import { loadTwoD } from './two-d';
import { DataError, fileSystemReason, type Dataset, type SkippedItem } from './types';

/** Thumbnails per class. */
export const THUMBNAILS = 8;
const THUMBNAIL_SIDE = 56;
const TABLE_ROWS = 8;
const SCATTER_POINTS = 600;
const PARALLEL_DECODES = 8;

export interface PreviewOptions {
  /** Folder that relative paths resolve against (the project file's). */
  baseDir?: string;
}

/** Column names that usually hold the class, in English and French. */
const LABEL_NAMES = /^(label|labels|class|classe|target|cible|species|espece|espèce|category|catégorie|categorie|y|étiquette|etiquette|output|sortie)$/i;

/** The column a CSV's class most likely is in: a column named like a label, else the last one. */
export function guessLabelColumn(columns: string[]): string {
  return columns.find((c) => LABEL_NAMES.test(c.trim())) ?? columns[columns.length - 1] ?? '';
}

const emptyCsv = (name: string) => ({
  en: `The CSV file ${name} is empty: it needs a header row naming the columns, then one row per sample.`,
  fr: `Le fichier CSV ${name} est vide : il lui faut une ligne d’en-tête qui nomme les colonnes, puis une ligne par exemple.`,
});

/** The header of a CSV file, to choose the label column from. */
export async function readCsvColumns(file: string): Promise<string[]> {
  const text = await readCsvText(file);
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const rows = parseCsv(firstLine, delimiterOf(firstLine));
  const header = (rows[0] ?? []).map((h) => h.trim());
  if (header.length === 0 || header.every((h) => h === '')) throw new DataError(emptyCsv(path.basename(file)));
  return header;
}

function delimiterOf(headerLine: string): string {
  return (headerLine.match(/;/g)?.length ?? 0) > (headerLine.match(/,/g)?.length ?? 0) ? ';' : ',';
}

async function readCsvText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    const reason = fileSystemReason(error);
    throw new DataError({ en: `Cannot read the CSV file ${file}: ${reason.en}.`, fr: `Impossible de lire le fichier CSV ${file} : ${reason.fr}.` });
  }
}

async function pngDataUrl(image: Sharp): Promise<string> {
  const png = await image.resize(THUMBNAIL_SIDE, THUMBNAIL_SIDE, { fit: 'inside', kernel: 'nearest', withoutEnlargement: false }).png().toBuffer();
  return `data:image/png;base64,${png.toString('base64')}`;
}

function fromSummary(dataset: Dataset): Pick<DatasetPreview, 'classes' | 'trainCount' | 'testCount' | 'warnings' | 'warningsFr' | 'skipped'> {
  const summary = summarizeDataset(dataset);
  const testCounts = new Array<number>(dataset.classNames.length).fill(0);
  for (let i = 0; i < dataset.test.count; i++) testCounts[dataset.test.y[i]]++;
  return {
    classes: dataset.classNames.map((name, i) => ({ name, count: summary.countsPerClass[i], testCount: testCounts[i], thumbnails: [] })),
    trainCount: summary.trainCount,
    testCount: summary.testCount,
    warnings: summary.warnings,
    warningsFr: summary.warningsFr,
    skipped: summary.skipped,
  };
}

/** Thumbnails of the first training images of each class, from samples in [0, 1]. */
async function sampleThumbnails(dataset: Dataset, preview: DatasetPreview): Promise<void> {
  const [height, width, channels] = dataset.inputShape;
  const size = height * width * channels;
  for (let i = 0; i < dataset.train.count; i++) {
    const entry = preview.classes[dataset.train.y[i]];
    if (entry.thumbnails.length >= THUMBNAILS) continue;
    const pixels = Buffer.alloc(size);
    for (let p = 0; p < size; p++) pixels[p] = Math.round(dataset.train.x[i * size + p] * 255);
    entry.thumbnails.push(await pngDataUrl(sharp(pixels, { raw: { width, height, channels: channels as 1 | 3 } })));
  }
}

async function previewImageFolder(folder: string): Promise<DatasetPreview> {
  const listing = await listImageFolder(folder);
  const skipped: SkippedItem[] = [...listing.skipped];
  const labels: number[] = [];
  const thumbnails: string[][] = listing.classNames.map(() => []);
  const sizes = new Map<string, number>();
  let colour = false;
  let smallest: [number, number] | undefined;
  let largest: [number, number] | undefined;
  // Decoding the whole image is what finds truncated files, as training would; a few at a time keep sharp's threads busy.
  const inspect = async (relative: string) => {
    const image = sharp(path.join(folder, relative), { failOn: 'error' });
    const meta = await image.metadata();
    const { info } = await image.clone().raw().toBuffer({ resolveWithObject: true });
    return { height: meta.autoOrient?.height ?? info.height, width: meta.autoOrient?.width ?? info.width, colour: (meta.channels ?? 1) >= 3 && meta.space !== 'b-w' };
  };
  for (const [label, files] of listing.files.entries()) {
    for (let start = 0; start < files.length; start += PARALLEL_DECODES) {
      const batch = files.slice(start, start + PARALLEL_DECODES);
      const results = await Promise.allSettled(batch.map(inspect));
      for (const [i, result] of results.entries()) {
        const relative = batch[i];
        if (result.status === 'rejected') {
          skipped.push({ file: relative, ...decodeFailure(result.reason) });
          continue;
        }
        const { height, width } = result.value;
        const key = `${height}×${width}`;
        sizes.set(key, (sizes.get(key) ?? 0) + 1);
        if (!smallest || height * width < smallest[0] * smallest[1]) smallest = [height, width];
        if (!largest || height * width > largest[0] * largest[1]) largest = [height, width];
        colour ||= result.value.colour;
        if (thumbnails[label].length < THUMBNAILS) thumbnails[label].push(await pngDataUrl(sharp(path.join(folder, relative))));
        labels.push(label);
      }
    }
  }
  const empty = listing.classNames.filter((_, label) => !labels.includes(label));
  if (empty.length > 0) {
    const several = empty.length > 1;
    throw new DataError({
      en: `The class folder${several ? 's' : ''} ${empty.map((c) => `"${c}"`).join(', ')} of ${folder} hold${several ? '' : 's'} no readable image: add images to ${several ? 'them' : 'it'} or remove ${several ? 'them' : 'it'}.`,
      fr: `${several ? 'Les dossiers de classe' : 'Le dossier de classe'} ${empty.map((c) => `« ${c} »`).join(', ')} de ${folder} ne ${several ? 'contiennent' : 'contient'} aucune image lisible : ajoutez-y des images ou ${several ? 'supprimez-les' : 'supprimez-le'}.`,
    });
  }
  // Counts only: the split is the loader's, on labels without pixels.
  const { train, test } = stratifiedSplit({ x: new Float32Array(0), y: Int32Array.from(labels), count: labels.length }, 0, 0.2);
  const common = [...sizes.entries()].sort((a, b) => b[1] - a[1])[0][0].split('×').map(Number);
  const inputShape: Shape = [common[0], common[1], colour ? 3 : 1];
  const counted = fromSummary({ name: path.basename(folder), inputShape, classNames: listing.classNames, train, test, skipped });
  counted.classes.forEach((c, i) => (c.thumbnails = thumbnails[i]));
  return {
    name: path.basename(folder),
    kind: 'imageFolder',
    inputShape,
    ...(sizes.size > 1 && smallest && largest ? { sizeRange: { smallest, largest } } : {}),
    ...counted,
    path: folder,
  };
}

async function previewCsv(file: string, labelColumn: string): Promise<DatasetPreview> {
  const name = path.basename(file);
  const text = (await readCsvText(file)).replace(/^\uFEFF/, '');
  if (text.trim() === '') throw new DataError(emptyCsv(name));
  const dataset = csvDataset(text, labelColumn, name);
  const rows = parseCsv(text, delimiterOf(text.split(/\r?\n/, 1)[0] ?? ''));
  const header = rows[0].map((h) => h.trim());
  return {
    name,
    kind: 'csv',
    inputShape: [...dataset.inputShape],
    ...fromSummary(dataset),
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
      if (ref.name === 'mnist') {
        const dataset = loadMnist(ref.size);
        const preview: DatasetPreview = { name: 'MNIST', kind: 'builtin', inputShape: [...dataset.inputShape], ...fromSummary(dataset) };
        await sampleThumbnails(dataset, preview);
        return preview;
      }
      const dataset = loadTwoD(ref.name, { size: ref.size, noise: ref.noise });
      const features = dataset.inputShape[0];
      const step = Math.max(1, Math.floor(dataset.train.count / SCATTER_POINTS));
      const points: DatasetPreview['points'] = [];
      for (let i = 0; i < dataset.train.count; i += step) points.push({ x: dataset.train.x[i * features], y: dataset.train.x[i * features + 1], label: dataset.train.y[i] });
      return { name: ref.name, kind: 'builtin', inputShape: [...dataset.inputShape], ...fromSummary(dataset), points };
    }
    case 'imageFolder':
      return previewImageFolder(resolve(ref.path));
    case 'csv':
      return previewCsv(resolve(ref.path), ref.labelColumn);
  }
}
