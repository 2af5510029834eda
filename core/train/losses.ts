// Keras's losses on probabilities (the output block applies softmax or sigmoid), and accuracy.
import type * as tfjs from '@tensorflow/tfjs';
import type { TrainingSettings } from '../model/project';

type Tf = typeof tfjs;
type LossName = TrainingSettings['loss'];

/** Keras clips probabilities by this before taking logarithms. */
const EPSILON = 1e-7;

/** Targets as the loss expects them: class indices for sparse losses, one value for a single sigmoid unit, one-hot otherwise. */
export type TargetEncoding = 'indices' | 'binary' | 'oneHot';

export function targetEncoding(loss: LossName, outputUnits: number): TargetEncoding {
  if (outputUnits === 1) return 'binary';
  return loss === 'sparseCategoricalCrossentropy' ? 'indices' : 'oneHot';
}

/** The batch targets tensor for class indices `y`. */
export function encodeTargets(tf: Tf, y: Int32Array, encoding: TargetEncoding, classes: number): tfjs.Tensor {
  if (encoding === 'oneHot') return tf.tidy(() => tf.oneHot(tf.tensor1d(y, 'int32'), classes).toFloat());
  if (encoding === 'binary') return tf.tensor2d(Float32Array.from(y), [y.length, 1]);
  return tf.tensor1d(y, 'int32');
}

/** Mean loss over the batch (a scalar). */
export function computeLoss(tf: Tf, loss: LossName, targets: tfjs.Tensor, predictions: tfjs.Tensor): tfjs.Scalar {
  return tf.tidy(() => {
    const p = predictions as tfjs.Tensor2D;
    switch (loss) {
      case 'categoricalCrossentropy':
      case 'sparseCategoricalCrossentropy': {
        const oneHot = targets.rank === 1 ? tf.oneHot(targets as tfjs.Tensor1D, p.shape[1]).toFloat() : targets;
        const clipped = tf.clipByValue(p, EPSILON, 1 - EPSILON);
        return tf.mean(tf.neg(tf.sum(tf.mul(oneHot, tf.log(clipped)), -1))) as tfjs.Scalar;
      }
      case 'binaryCrossentropy': {
        const clipped = tf.clipByValue(p, EPSILON, 1 - EPSILON);
        const t = targets.toFloat();
        const perValue = tf.add(tf.mul(t, tf.log(clipped)), tf.mul(tf.sub(1, t), tf.log(tf.sub(1, clipped))));
        return tf.mean(tf.neg(perValue)) as tfjs.Scalar;
      }
      case 'meanSquaredError':
        return tf.mean(tf.square(tf.sub(targets.toFloat(), p))) as tfjs.Scalar;
      case 'meanAbsoluteError':
        return tf.mean(tf.abs(tf.sub(targets.toFloat(), p))) as tfjs.Scalar;
    }
  });
}

/** Predicted class of each row: the largest output, or output ≥ 0.5 for a single unit. */
export function predictedClasses(tf: Tf, predictions: tfjs.Tensor): tfjs.Tensor1D {
  return tf.tidy(() => {
    const p = predictions as tfjs.Tensor2D;
    return (p.shape[1] === 1 ? tf.greaterEqual(p.reshape([-1]), 0.5).toInt() : tf.argMax(p, -1).toInt()) as tfjs.Tensor1D;
  });
}

/** Number of rows whose predicted class is the true class (a scalar). */
export function correctCount(tf: Tf, labels: tfjs.Tensor1D, predictions: tfjs.Tensor): tfjs.Scalar {
  return tf.tidy(() => tf.sum(tf.equal(predictedClasses(tf, predictions), labels).toFloat()) as tfjs.Scalar);
}
