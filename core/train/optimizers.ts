import type * as tfjs from '@tensorflow/tfjs';
import type { TrainingSettings } from '../model/project';

type Tf = typeof tfjs;

/** The optimizer of the training settings, with Keras's defaults for what the settings leave out. */
export function createOptimizer(tf: Tf, settings: TrainingSettings): tfjs.Optimizer {
  const lr = settings.learningRate;
  switch (settings.optimizer) {
    case 'sgd':
      return settings.momentum || settings.nesterov
        ? tf.train.momentum(lr, settings.momentum ?? 0, settings.nesterov ?? false)
        : tf.train.sgd(lr);
    case 'adagrad':
      return tf.train.adagrad(lr);
    case 'rmsprop':
      return tf.train.rmsprop(lr, 0.9, settings.momentum ?? 0, 1e-7);
    case 'adam':
      return tf.train.adam(lr, 0.9, 0.999, 1e-7);
  }
}

/** Changes the learning rate of a live optimizer (SGD keeps it in a tensor; the others read the field). */
export function setLearningRate(optimizer: tfjs.Optimizer, learningRate: number): void {
  const target = optimizer as unknown as { learningRate: number; setLearningRate?: (lr: number) => void };
  if (typeof target.setLearningRate === 'function') target.setLearningRate(learningRate);
  else target.learningRate = learningRate;
}
