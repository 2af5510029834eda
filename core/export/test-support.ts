import type * as tfjs from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import type { Tf } from '../model/block';
import type { Graph } from '../model/graph';
import type { Project } from '../model/project';
import { toNamedWeights } from '../store/record-training';
import { TrainingControl } from '../train/control';
import { runTraining } from '../train/run';
import { setModelWeights, type NamedWeight } from './weights';

/** The largest absolute difference between two arrays of the same length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Lengths differ: ${a.length} and ${b.length}.`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** What the app predicts: the compiled graph (augmentation at inference) with the given weights. */
export function appPredict(
  tf: Tf,
  graph: Graph,
  weights: NamedWeight[],
  input: Float32Array | Float32Array[],
  shape: number[] | number[][],
): Float32Array {
  const inputs = Array.isArray(input) ? input : [input];
  const shapes = (Array.isArray(shape[0]) ? shape : [shape]) as number[][];
  const model = compileGraph(tf, graph);
  try {
    setModelWeights(tf, model, weights);
    return tf.tidy(() => {
      const xs = inputs.map((data, i) => tf.tensor(data, shapes[i], 'float32'));
      const y = model.predict(xs.length === 1 ? xs[0] : xs) as tfjs.Tensor;
      return y.dataSync() as Float32Array;
    });
  } finally {
    model.dispose();
  }
}

/**
 * The weights of a real training run of the app's engine: one epoch on a small slice of the
 * project's data set, on WASM (fast enough for tests), as a trained run stores them.
 */
export async function trainedRunWeights(project: Project, size = 96, baseDir?: string): Promise<NamedWeight[]> {
  const result = await runTraining(
    { project, options: { backend: 'wasm', epochs: 1, size, checkpoints: false, ...(baseDir ? { baseDir } : {}) } },
    () => {},
    new TrainingControl(),
  );
  if (!result.weights) throw new Error(`Training ${project.name} failed: ${result.message}`);
  return toNamedWeights(result.weights);
}

/** Replaces BatchNormalization statistics and scales (1 and 0 before training), and Normalization's mean and variance, with varied values, so the export of each is checked. */
export function varyBatchNorm(weights: NamedWeight[]): NamedWeight[] {
  return weights.map((w) => {
    const kind = w.name.split('/').pop();
    if (!kind || !['gamma', 'beta', 'moving_mean', 'moving_variance', 'mean', 'variance'].includes(kind)) return w;
    const data = Float32Array.from(w.data, (_, i) => {
      const t = Math.sin(7.3 * i + kind.length);
      return kind === 'moving_variance' || kind === 'variance' ? 0.5 + t * t : kind === 'gamma' ? 1 + 0.5 * t : 0.3 * t;
    });
    return { ...w, data };
  });
}
