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

/** The same, read without blocking: a GPU backend (WebGPU) hands its numbers back asynchronously. */
export async function readWeights(model: tfjs.LayersModel): Promise<WeightSnapshot> {
  const weights = model.weights;
  return {
    names: weights.map((w) => w.originalName ?? w.name),
    shapes: weights.map((w) => [...w.shape] as number[]),
    values: await Promise.all(weights.map(async (w) => ((await w.read().data()) as Float32Array).slice())),
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

/**
 * The optimizer's variables (its step count, momentum, Adam's moments…) as stored weights, in the
 * order `setWeights` takes them back. Empty for an optimizer that has not stepped yet.
 */
export async function snapshotOptimizer(tf: Tf, optimizer: tfjs.Optimizer): Promise<SerializedWeight[]> {
  const named = await optimizer.getWeights();
  try {
    const values = await Promise.all(named.map(({ tensor }) => tensor.data()));
    return named.map(({ name, tensor }, i) => ({
      name,
      shape: [...tensor.shape],
      dtype: tensor.dtype === 'int32' ? 'int32' : 'float32',
      data: (tensor.dtype === 'int32' ? Int32Array.from(values[i] as Int32Array) : Float32Array.from(values[i] as Float32Array)).buffer,
    }));
  } finally {
    // The step count comes as a new tensor; the others are the optimizer's own variables.
    for (const { tensor } of named) if (!(tensor instanceof tf.Variable)) tensor.dispose();
  }
}

/** Puts a saved optimizer state back, so that training goes on as if it had never stopped. */
export async function restoreOptimizer(tf: Tf, optimizer: tfjs.Optimizer, state: readonly SerializedWeight[]): Promise<void> {
  const named = state.map((w) => ({
    name: w.name,
    tensor: w.dtype === 'int32' ? tf.tensor(new Int32Array(w.data), w.shape, 'int32') : tf.tensor(new Float32Array(w.data), w.shape),
  }));
  try {
    await optimizer.setWeights(named);
  } finally {
    for (const { tensor } of named) tensor.dispose();
  }
}

/** A copy with buffers of its own, for a second message (a transferred buffer is gone from the sender). */
export function copyWeights(weights: readonly SerializedWeight[]): SerializedWeight[] {
  return weights.map((w) => ({ ...w, shape: [...w.shape], data: w.data.slice(0) }));
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
