// The augmentation preview: one training image put through the graph's augmentation blocks as
// training would (random draws, current parameters), several times, so that a student sees what
// the network will be shown.
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { UserFacingError, type AugmentationPreview, type AugmentationPreviewRequest } from '../api/contract';
import type { Dataset } from '../data/types';
import { analyzeGraph } from '../model/analyze';
import { errorTexts, type Localized } from '../model/localized';
import { findAugmentationChain } from '../model/augmentation-chain';
import { getBlock } from '../model/blocks/index';
import { formatShape, type Shape } from '../model/graph';
import type { Project } from '../model/project';

type Tf = typeof tfjs;

export const DEFAULT_DRAWS = 8;
export const MAX_DRAWS = 32;

interface PreviewData {
  dataset: Dataset;
  /** Per-channel standardisation, when the project trains on standardised inputs. */
  normalization?: { mean: Float32Array; std: Float32Array };
}

const whole = (value: unknown, what: Localized, fallback: number, min: number, max: number): number => {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new UserFacingError(
      {
        en: `${what.en} must be a whole number from ${min} to ${max} (got ${JSON.stringify(value)}).`,
        fr: `${what.fr} doit être un nombre entier de ${min} à ${max} (reçu : ${JSON.stringify(value)}).`,
      },
      'bad-request',
    );
  }
  return value;
};

const size = (shape: Shape) => shape.reduce((a, b) => a * b, 1);
const rounded = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 1000) / 1000);
const named = (b: { id: string; type: string }) => `${b.type} "${b.id}"`;
const namedFr = (b: { id: string; type: string }) => `${b.type} « ${b.id} »`;

export class AugmentationPreviewer {
  /** The last data set loaded: parameters change far more often than the data set. */
  private data?: { key: string; loading: Promise<PreviewData> };
  private tf?: Promise<Tf>;

  constructor(private readonly loadTf: () => Promise<Tf> = defaultTf) {}

  async preview(project: Project, request: Omit<AugmentationPreviewRequest, 'project'> = {}): Promise<AugmentationPreview> {
    const count = whole(request.count, { en: 'The number of draws', fr: 'Le nombre de tirages' }, DEFAULT_DRAWS, 1, MAX_DRAWS);
    const seed = whole(request.seed, { en: 'The seed', fr: 'La graine' }, 1, 0, 2 ** 31 - 1);
    const { graph } = project;
    const { input, chain, outside } = findAugmentationChain(graph);
    if (!input) {
      throw new UserFacingError(
        {
          en: 'The graph has no Input block: add one, then put augmentation blocks such as RandomFlip right after it.',
          fr: 'Le graphe n’a pas de bloc Input : ajoutez-en un, puis placez juste après des blocs d’augmentation comme RandomFlip.',
        },
        'no-input',
      );
    }
    if (chain.length === 0) {
      const hint = outside.length
        ? ` ${outside.map((b) => `${named(b)} comes ${b.after ? `after ${named(b.after)}` : 'with nothing connected into it'}`).join('; ')}: connect augmentation blocks one after the other, right after the Input block.`
        : ' Add one (for example RandomFlip or RandomRotation, in the Augmentation group of the palette) between the Input block and the first layer.';
      const hintFr = outside.length
        ? ` ${outside.map((b) => `${namedFr(b)} vient ${b.after ? `après ${namedFr(b.after)}` : 'sans rien de connecté en entrée'}`).join(' ; ')} : connectez les blocs d’augmentation l’un après l’autre, juste après le bloc Input.`
        : ' Ajoutez-en un (par exemple RandomFlip ou RandomRotation, dans le groupe Augmentation des blocs) entre le bloc Input et la première couche.';
      throw new UserFacingError(
        {
          en: `The graph has no augmentation block right after its Input block "${input.id}", so there is nothing to preview.${hint}`,
          fr: `Le graphe n’a pas de bloc d’augmentation juste après son bloc Input « ${input.id} » : il n’y a donc rien à prévisualiser.${hintFr}`,
        },
        'no-augmentation',
      );
    }

    const analysis = analyzeGraph(graph);
    const errors = [input, ...chain].flatMap((b) => analysis.nodes[b.id]?.issues.filter((i) => i.severity === 'error') ?? []);
    if (errors.length) {
      throw new UserFacingError(
        {
          en: `The preview cannot be drawn until this is fixed: ${errors[0].message}`,
          fr: `L’aperçu ne peut pas être affiché tant que ceci n’est pas corrigé : ${errors[0].text.fr}`,
        },
        'invalid-graph',
        errors,
      );
    }
    const inputShape = analysis.nodes[input.id].outputShape!;
    if (inputShape.length !== 3) {
      throw new UserFacingError(
        {
          en: `The Input block "${input.id}" has shape ${formatShape(inputShape)}; augmentation blocks work on images: set its \`shape\` to [height, width, channels].`,
          fr: `Le bloc Input « ${input.id} » a la forme ${formatShape(inputShape)} ; les blocs d’augmentation travaillent sur des images : réglez son \`shape\` sur [hauteur, largeur, canaux].`,
        },
        'not-images',
      );
    }

    const ref = project.dataset;
    if (!ref) {
      throw new UserFacingError(
        {
          en: 'Choose a data set for the project (MNIST or an image folder) to see its images through the augmentation blocks.',
          fr: 'Choisissez un jeu de données pour le projet (MNIST ou un dossier d’images) pour voir ses images à travers les blocs d’augmentation.',
        },
        'no-dataset',
      );
    }
    if (ref.kind === 'csv' || (ref.kind === 'builtin' && ref.name !== 'mnist' && ref.name !== 'fashion-mnist')) {
      const what =
        ref.kind === 'csv'
          ? `the CSV file ${path.basename(ref.path)} holds rows of numbers`
          : `the data set "${ref.name}" is made of points with 2 coordinates`;
      const whatFr =
        ref.kind === 'csv'
          ? `le fichier CSV ${path.basename(ref.path)} contient des lignes de nombres`
          : `le jeu de données « ${ref.name} » est fait de points à 2 coordonnées`;
      throw new UserFacingError(
        {
          en: `The augmentation preview shows images, but ${what}. Augmentation blocks need images: choose MNIST or an image folder.`,
          fr: `L’aperçu de l’augmentation montre des images, mais ${whatFr}. Les blocs d’augmentation ont besoin d’images : choisissez MNIST ou un dossier d’images.`,
        },
        'not-images',
      );
    }
    const baseDir = typeof request.location === 'string' && request.location ? path.dirname(path.resolve(request.location)) : undefined;
    const { dataset, normalization } = await this.load(project, inputShape, baseDir);
    if (size(dataset.inputShape) !== size(inputShape)) {
      throw new UserFacingError(
        {
          en: `The Input block "${input.id}" has shape ${formatShape(inputShape)} but each image of the data set "${dataset.name}" is ${formatShape(dataset.inputShape)}: set \`shape\` to [${dataset.inputShape.join(', ')}].`,
          fr: `Le bloc Input « ${input.id} » a la forme ${formatShape(inputShape)}, mais chaque image du jeu de données « ${dataset.name} » est ${formatShape(dataset.inputShape)} : réglez \`shape\` sur [${dataset.inputShape.join(', ')}].`,
        },
        'shape-mismatch',
      );
    }
    const sampleCount = dataset.train.count;
    if (sampleCount === 0)
      throw new UserFacingError(
        {
          en: `The data set "${dataset.name}" has no training images.`,
          fr: `Le jeu de données « ${dataset.name} » n’a pas d’images d’entraînement.`,
        },
        'no-data',
      );
    const sampleIndex = whole(request.sampleIndex, { en: 'The image number', fr: 'Le numéro de l’image' }, 0, 0, sampleCount - 1);
    const pixels = size(inputShape);
    const original = dataset.train.x.subarray(sampleIndex * pixels, (sampleIndex + 1) * pixels);

    const tf = await (this.tf ??= this.loadTf());
    const layers = chain.map((b) => {
      const node = analysis.nodes[b.id];
      return getBlock(b.type)!.build({ tf, params: node.params, name: b.id, inputShapes: node.inputShapes, seed });
    });
    const outShape = analysis.nodes[chain[chain.length - 1].id].outputShape!;
    const channels = inputShape[2];
    const images: number[][] = [];
    for (let draw = 0; draw < count; draw++) {
      // One image at a time, as in a training batch each image gets its own draw (RandomCrop draws once per batch).
      const values = tf.tidy(() => {
        const x = Float32Array.from(original);
        if (normalization)
          for (let i = 0; i < x.length; i++) x[i] = (x[i] - normalization.mean[i % channels]) / normalization.std[i % channels];
        let image: tfjs.Tensor = tf.tensor(x, [1, ...inputShape]);
        for (const layer of layers) image = layer.apply(image, { training: true }) as tfjs.Tensor;
        return image.dataSync() as Float32Array;
      });
      if (normalization)
        for (let i = 0; i < values.length; i++) values[i] = values[i] * normalization.std[i % channels] + normalization.mean[i % channels];
      images.push(rounded(values));
    }
    return {
      original: rounded(original),
      originalShape: [...inputShape],
      images,
      shape: [...outShape],
      sampleIndex,
      sampleCount,
      label: dataset.classNames[dataset.train.y[sampleIndex]] ?? '',
      seed,
      applied: chain,
      notApplied: outside,
    };
  }

  private load(project: Project, inputShape: Shape, baseDir: string | undefined): Promise<PreviewData> {
    const ref = project.dataset!;
    const key = JSON.stringify({
      ref,
      baseDir: ref.kind === 'imageFolder' ? baseDir : undefined,
      inputShape: ref.kind === 'imageFolder' ? inputShape : undefined,
      normalize: Boolean(project.training.normalize),
    });
    if (this.data?.key !== key) {
      const loading = readData(project, inputShape, baseDir);
      this.data = { key, loading };
      // A failure is not kept: the next request (after a fix) tries again.
      loading.catch(() => {
        if (this.data?.loading === loading) this.data = undefined;
      });
    }
    return this.data.loading;
  }
}

async function readData(project: Project, inputShape: Shape, baseDir: string | undefined): Promise<PreviewData> {
  const [{ loadDataset }, { normalizeDataset }, { DataError }] = await Promise.all([
    import('../data/load'),
    import('../data/summary'),
    import('../data/types'),
  ]);
  let dataset: Dataset;
  try {
    dataset = await loadDataset(project.dataset, { baseDir, inputShape });
  } catch (error) {
    if (error instanceof DataError) throw new UserFacingError(errorTexts(error), 'data');
    throw error;
  }
  if (!project.training.normalize) return { dataset };
  // The statistics are those training uses; they are computed on a copy so that the images shown stay as they are.
  const copy: Dataset = {
    ...dataset,
    train: { ...dataset.train, x: dataset.train.x.slice() },
    test: { x: new Float32Array(0), y: new Int32Array(0), count: 0 },
  };
  return { dataset, normalization: normalizeDataset(copy) };
}

async function defaultTf(): Promise<Tf> {
  const { selectBackend } = await import('../train/backend/index');
  return (await selectBackend()).tf;
}
