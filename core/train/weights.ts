import type * as tfjs from '@tensorflow/tfjs';
import type { SerializedWeight } from './events';

type Tf = typeof tfjs;

/** A copy of every weight of the model (trainable or not) held outside TensorFlow.js, so it costs no tensors. */
export interface WeightSnapshot {
  names: string[];
  shapes: number[][];
  values: Float32Array[];
}

export function snapshotWeights(model: tfjs.LayersModel): WeightSnapshot {
  const weights = model.weights;
  return {
    names: weights.map((w) => w.originalName ?? w.name),
    shapes: weights.map((w) => [...w.shape] as number[]),
    values: weights.map((w) => (w.read().dataSync() as Float32Array).slice()),
  };
}

export function restoreWeights(tf: Tf, model: tfjs.LayersModel, snapshot: WeightSnapshot): void {
  const tensors = snapshot.values.map((values, i) => tf.tensor(values, snapshot.shapes[i]));
  try {
    model.setWeights(tensors);
  } finally {
    tf.dispose(tensors);
  }
}

/** Weights as `{ name, shape, dtype, data }` with their own buffers, ready to be stored or transferred. */
export function serializeSnapshot(snapshot: WeightSnapshot): SerializedWeight[] {
  return snapshot.values.map((values, i) => ({
    name: snapshot.names[i],
    shape: snapshot.shapes[i],
    dtype: 'float32',
    data: values.slice().buffer,
  }));
}
