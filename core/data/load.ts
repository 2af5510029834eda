import path from 'node:path';
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
    throw new DataError({
      en: 'The project has no data set: choose one (MNIST, Fashion-MNIST, a 2-D set, an image folder, a CSV file, IDX files or CIFAR) before training.',
      fr: 'Le projet n’a pas de jeu de données : choisissez-en un (MNIST, Fashion-MNIST, un jeu en 2D, un dossier d’images, un fichier CSV, des fichiers IDX ou CIFAR) avant l’entraînement.',
    });
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
        throw new DataError({
          en: 'An image folder is resized to the Input block’s shape, but the model has no Input block.',
          fr: 'Les images d’un dossier sont redimensionnées à la forme du bloc Input, mais le modèle n’a pas de bloc Input.',
        });
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
    throw new DataError({
      en: `The data set's "${which}" applies to MNIST and Fashion-MNIST only, not to the generated set "${ref.name}": remove it, or use its "size".`,
      fr: `Le paramètre « ${which} » du jeu de données ne s’applique qu’à MNIST et Fashion-MNIST, pas au jeu généré « ${ref.name} » : retirez-le, ou utilisez sa taille (« size »).`,
    });
  }
  return { ...(ref.classes ? { classes: ref.classes } : {}), ...(ref.perClass !== undefined ? { perClass: ref.perClass } : {}) };
}

/** The first `size` training samples (imported data are stored in a stratified, fixed order). */
function subset(dataset: Dataset, size: number | undefined): Dataset {
  if (size === undefined || size >= dataset.train.count) return dataset;
  const per = dataset.train.x.length / dataset.train.count;
  return { ...dataset, train: { x: dataset.train.x.slice(0, size * per), y: dataset.train.y.slice(0, size), count: size } };
}
