import path from 'node:path';
import type { Shape } from '../model/graph';
import type { DatasetRef } from '../model/project';
import { loadCsv } from './csv';
import { loadImageFolder } from './image-folder';
import { loadMnist } from './mnist';
import { loadTwoD } from './two-d';
import { DataError, type Dataset } from './types';

export interface LoadDatasetOptions {
  /** Folder that relative paths of image folders and CSV files are resolved against (the project file's). */
  baseDir?: string;
  /** Shape of the model's Input block: image folders are resized to it. */
  inputShape?: Shape;
  /** Overrides the data set's `size` (MNIST: training digits; 2-D sets: generated points). */
  size?: number;
}

/** Loads the data set a project names. */
export async function loadDataset(ref: DatasetRef | undefined, options: LoadDatasetOptions = {}): Promise<Dataset> {
  if (!ref) {
    throw new DataError({
      en: 'The project has no data set: choose one (MNIST, a 2-D set, an image folder or a CSV file) before training.',
      fr: 'Le projet n’a pas de jeu de données : choisissez-en un (MNIST, un jeu en 2D, un dossier d’images ou un fichier CSV) avant l’entraînement.',
    });
  }
  const resolve = (p: string) => path.resolve(options.baseDir ?? process.cwd(), p);
  switch (ref.kind) {
    case 'builtin': {
      const size = options.size ?? ref.size;
      if (ref.name === 'mnist') return loadMnist(size);
      return loadTwoD(ref.name, { size, noise: ref.noise });
    }
    case 'imageFolder':
      if (!options.inputShape) {
        throw new DataError({
          en: 'An image folder is resized to the Input block’s shape, but the model has no Input block.',
          fr: 'Les images d’un dossier sont redimensionnées à la forme du bloc Input, mais le modèle n’a pas de bloc Input.',
        });
      }
      return subset(await loadImageFolder(resolve(ref.path), options.inputShape), options.size);
    case 'csv':
      return subset(await loadCsv(resolve(ref.path), ref.labelColumn, path.basename(ref.path)), options.size);
  }
}

/** The first `size` training samples (imported data are stored in a stratified, fixed order). */
function subset(dataset: Dataset, size: number | undefined): Dataset {
  if (size === undefined || size >= dataset.train.count) return dataset;
  const per = dataset.train.x.length / dataset.train.count;
  return { ...dataset, train: { x: dataset.train.x.slice(0, size * per), y: dataset.train.y.slice(0, size), count: size } };
}
