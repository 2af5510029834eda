import path from 'node:path';
import { problem } from '../i18n/catalogue';
import type { Shape } from '../model/graph';
import { imageFitOf } from '../model/image-fit';
import type { DatasetRef } from '../model/project';
import { loadCifar } from './cifar';
import { loadCsv } from './csv';
import type { ProgressListener } from './download';
import { loadFashionMnist } from './fashion-mnist';
import { loadIdxFolder } from './idx-folder';
import { loadImageFolder } from './image-folder';
import { loadMnist, type ClassFilter } from './mnist';
import { loadTwoD } from './two-d';
import { DataError, type Dataset } from './types';

export interface LoadDatasetOptions {
  /** Folder that relative paths of image folders and CSV files are resolved against (the project file's). */
  baseDir?: string;
  /** Shape of the model's Input block: image folders are fitted to it (letter-boxed, cropped or stretched, as the data set says). */
  inputShape?: Shape;
  /** Overrides the data set's `size` (MNIST, Fashion-MNIST, IDX, CIFAR: class-balanced training images; 2-D sets: generated points). */
  size?: number;
  /** Progress of a built-in set downloaded on first use (Fashion-MNIST). */
  onDownload?: ProgressListener;
}

/** Loads the data set a project names. */
export async function loadDataset(ref: DatasetRef | undefined, options: LoadDatasetOptions = {}): Promise<Dataset> {
  if (!ref) {
    throw new DataError(problem('data:noDataset', {}));
  }
  const resolve = (p: string) => path.resolve(options.baseDir ?? process.cwd(), p);
  switch (ref.kind) {
    case 'builtin': {
      const size = options.size ?? ref.size;
      const filter = classFilterOf(ref);
      if (ref.name === 'mnist') return loadMnist(size, filter);
      if (ref.name === 'fashion-mnist') return loadFashionMnist(size, { onProgress: options.onDownload, filter });
      return loadTwoD(ref.name, { size, noise: ref.noise });
    }
    case 'imageFolder':
      if (!options.inputShape) {
        throw new DataError(problem('data:folderNoInput', {}));
      }
      return subset(await loadImageFolder(resolve(ref.path), options.inputShape, imageFitOf(ref)), options.size);
    case 'csv':
      return subset(await loadCsv(resolve(ref.path), ref.labelColumn, path.basename(ref.path)), options.size);
    case 'idx':
      return loadIdxFolder(resolve(ref.path), options.size);
    case 'cifar':
      return loadCifar(resolve(ref.path), options.size);
  }
}

/**
 * The class filter of a built-in set (`classes`, `perClass`); only MNIST and Fashion-MNIST have
 * classes to choose from, so a 2-D set given one is refused rather than silently kept whole.
 */
export function classFilterOf(ref: Extract<DatasetRef, { kind: 'builtin' }>): ClassFilter | undefined {
  if (ref.classes === undefined && ref.perClass === undefined) return undefined;
  if (ref.name !== 'mnist' && ref.name !== 'fashion-mnist') {
    const which = ref.classes !== undefined ? 'classes' : 'perClass';
    throw new DataError(problem('data:filterNotBuiltin', { which, name: ref.name }));
  }
  return { ...(ref.classes ? { classes: ref.classes } : {}), ...(ref.perClass !== undefined ? { perClass: ref.perClass } : {}) };
}

/** The first `size` training samples (imported data are stored in a stratified, fixed order). */
function subset(dataset: Dataset, size: number | undefined): Dataset {
  if (size === undefined || size >= dataset.train.count) return dataset;
  const per = dataset.train.x.length / dataset.train.count;
  return { ...dataset, train: { x: dataset.train.x.slice(0, size * per), y: dataset.train.y.slice(0, size), count: size } };
}
