import type * as tfjs from '@tensorflow/tfjs';
import { compileGraph } from '../compile/compile';
import type { Tf } from '../model/block';
import type { Graph } from '../model/graph';
import { setModelWeights, weightsOfModel, type NamedWeight } from './weights';

/** The largest absolute difference between two arrays of the same length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`Lengths differ: ${a.length} and ${b.length}.`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** What the app predicts: the compiled graph (augmentation at inference) with the given weights. */
export function appPredict(tf: Tf, graph: Graph, weights: NamedWeight[], input: Float32Array, shape: number[]): Float32Array {
  const model = compileGraph(tf, graph);
  try {
    setModelWeights(tf, model, weights);
    return tf.tidy(() => {
      const y = model.predict(tf.tensor(input, shape, 'float32')) as tfjs.Tensor;
      return y.dataSync() as Float32Array;
    });
  } finally {
    model.dispose();
  }
}

/**
 * Trains the compiled graph for real, briefly (one pass over a few samples), and returns its
 * weights, so exports are checked on trained weights rather than only on initial ones.
 */
export async function trainBriefly(tf: Tf, graph: Graph, x: Float32Array, labels: Int32Array, inputShape: number[], classes: number, seed = 1): Promise<NamedWeight[]> {
  const model = compileGraph(tf, graph, { seed });
  const n = labels.length;
  const xs = tf.tensor(x.subarray(0, n * inputShape.reduce((a, b) => a * b, 1)), [n, ...inputShape], 'float32');
  const ys = tf.oneHot(tf.tensor1d(labels, 'int32'), classes).toFloat();
  try {
    model.compile({ optimizer: tf.train.adam(0.003), loss: 'categoricalCrossentropy' });
    await model.fit(xs, ys, { epochs: 1, batchSize: 32, shuffle: false, verbose: 0 });
    return weightsOfModel(model);
  } finally {
    tf.dispose([xs, ys]);
    model.dispose();
  }
}

/** Replaces BatchNormalization statistics and scales (1 and 0 before training) with varied values, so the export of each is checked. */
export function varyBatchNorm(weights: NamedWeight[]): NamedWeight[] {
  return weights.map((w) => {
    const kind = w.name.split('/').pop();
    if (!kind || !['gamma', 'beta', 'moving_mean', 'moving_variance'].includes(kind)) return w;
    const data = Float32Array.from(w.data, (_, i) => {
      const t = Math.sin(7.3 * i + kind.length);
      return kind === 'moving_variance' ? 0.5 + t * t : kind === 'gamma' ? 1 + 0.5 * t : 0.3 * t;
    });
    return { ...w, data };
  });
}
