// The augmentation preview: one training image put through the graph's augmentation blocks as
// training would (random draws, current parameters), several times, so that a student sees what
// the network will be shown.
import path from 'node:path';
import type * as tfjs from '@tensorflow/tfjs';
import { UserFacingError, type AugmentationPreview, type AugmentationPreviewRequest } from '../api/contract';
import type { Dataset } from '../data/types';
import { analyzeGraph } from '../model/analyze';
import { problem } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import { findAugmentationChain } from '../model/augmentation-chain';
import { getBlock } from '../model/blocks/index';
import type { Shape } from '../model/graph';
import type { Project } from '../model/project';

type Tf = typeof tfjs;

export const DEFAULT_DRAWS = 8;
export const MAX_DRAWS = 32;

interface PreviewData {
  dataset: Dataset;
  /** Per-channel standardisation, when the project trains on standardised inputs. */
  normalization?: { mean: Float32Array; std: Float32Array };
}

/** A whole number of the request in [min, max], or the fallback when not given; `what` is the sentence that refuses another value. */
const whole = (
  value: unknown,
  what: 'augment:drawsRange' | 'augment:seedRange' | 'augment:imageRange',
  fallback: number,
  min: number,
  max: number,
): number => {
  if (value === undefined || value === null) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new UserFacingError(problem(what, { min, max, got: JSON.stringify(value) ?? String(value) }), 'bad-request');
  }
  return value;
};

const size = (shape: Shape) => shape.reduce((a, b) => a * b, 1);
const rounded = (values: ArrayLike<number>) => Array.from(values, (v) => Math.round(v * 1000) / 1000);

export class AugmentationPreviewer {
  /** The last data set loaded: parameters change far more often than the data set. */
  private data?: { key: string; loading: Promise<PreviewData> };
  private tf?: Promise<Tf>;

  constructor(private readonly loadTf: () => Promise<Tf> = defaultTf) {}

  async preview(project: Project, request: Omit<AugmentationPreviewRequest, 'project'> = {}): Promise<AugmentationPreview> {
    const count = whole(request.count, 'augment:drawsRange', DEFAULT_DRAWS, 1, MAX_DRAWS);
    const seed = whole(request.seed, 'augment:seedRange', 1, 0, 2 ** 31 - 1);
    const { graph } = project;
    const { input, chain, outside } = findAugmentationChain(graph);
    if (!input) {
      throw new UserFacingError(problem('augment:noInput', {}), 'no-input');
    }
    if (chain.length === 0) {
      const blocks = outside.map((b) =>
        b.after
          ? problem('augment:comesAfter', { type: b.type, id: b.id, afterType: b.after.type, after: b.after.id })
          : problem('augment:comesAlone', { type: b.type, id: b.id }),
      );
      throw new UserFacingError(
        blocks.length
          ? problem('augment:noChainOutside', { id: input.id, blocks: { shown: blocks, more: 0 } })
          : problem('augment:noChain', { id: input.id }),
        'no-augmentation',
      );
    }

    const analysis = analyzeGraph(graph);
    const errors = [input, ...chain].flatMap((b) => analysis.nodes[b.id]?.issues.filter((i) => i.severity === 'error') ?? []);
    if (errors.length) {
      throw new UserFacingError(problem('augment:invalidGraph', { first: errors[0].problem }), 'invalid-graph', errors);
    }
    const inputShape = analysis.nodes[input.id].outputShape!;
    if (inputShape.length !== 3) {
      throw new UserFacingError(problem('augment:notImagesShape', { id: input.id, shape: inputShape }), 'not-images');
    }

    const ref = project.dataset;
    if (!ref) {
      throw new UserFacingError(problem('augment:noDataset', {}), 'no-dataset');
    }
    if (ref.kind === 'csv' || (ref.kind === 'builtin' && ref.name !== 'mnist' && ref.name !== 'fashion-mnist')) {
      throw new UserFacingError(
        ref.kind === 'csv'
          ? problem('augment:notImagesCsv', { file: path.basename(ref.path) })
          : problem('augment:notImagesPoints', { name: ref.name }),
        'not-images',
      );
    }
    const baseDir = typeof request.location === 'string' && request.location ? path.dirname(path.resolve(request.location)) : undefined;
    const { dataset, normalization } = await this.load(project, inputShape, baseDir);
    if (size(dataset.inputShape) !== size(inputShape)) {
      throw new UserFacingError(
        problem('augment:shapeMismatch', { id: input.id, shape: inputShape, data: dataset.name, dataShape: dataset.inputShape }),
        'shape-mismatch',
      );
    }
    const sampleCount = dataset.train.count;
    if (sampleCount === 0) throw new UserFacingError(problem('augment:noImages', { name: dataset.name }), 'no-data');
    const sampleIndex = whole(request.sampleIndex, 'augment:imageRange', 0, 0, sampleCount - 1);
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
    if (error instanceof DataError) throw new UserFacingError(errorProblem(error), 'data');
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
