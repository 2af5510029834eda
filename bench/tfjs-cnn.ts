// The course's MNIST CNN trained with TensorFlow.js on whichever backend is active, timed per step.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { compileGraph } from '../core/compile/compile';
import { parseProjectText } from '../core/model/project-io';
import type { Tf } from '../core/train/backend';
import type { DigitSet } from './mnist-data';

export interface StepTiming {
  /** Samples per wall-clock second. */
  samplesPerSecond: number;
  /** Samples per second of CPU time used by the process (all its threads): less sensitive to other load. */
  samplesPerCpuSecond: number;
  steps: number;
  seconds: number;
  finalLoss: number;
}

const projectFile = fileURLToPath(new URL('../projects/mnist-cnn.json', import.meta.url));

/**
 * The course's MNIST CNN as the app builds it, from projects/mnist-cnn.json: Conv2D(8,3,relu) →
 * MaxPool(2) → Dropout(.2) → Conv2D(16,3,relu) → MaxPool(2) → Dropout(.2) → Flatten →
 * Dense(100,relu) → Dropout(.5) → Dense(10,softmax), with Adam(0.001) and categorical cross-entropy.
 */
export function mnistCnn(tf: Tf): import('@tensorflow/tfjs').LayersModel {
  const project = parseProjectText(readFileSync(projectFile, 'utf8'));
  const model = compileGraph(tf, project.graph, { seed: 1 });
  if (model.countParams() !== 42_358)
    throw new Error(`projects/mnist-cnn.json is no longer the course's MNIST CNN (${model.countParams()} parameters, expected 42,358).`);
  model.compile({ optimizer: tf.train.adam(0.001), loss: 'categoricalCrossentropy' });
  return model;
}

/** Trains `warmup` untimed steps, then `steps` timed ones, cycling through the data in batches. */
export async function timeTraining(
  tf: Tf,
  data: DigitSet,
  options: { batchSize: number; warmup: number; steps: number },
): Promise<StepTiming> {
  const { batchSize, warmup, steps } = options;
  const batches = Math.floor(data.count / batchSize);
  const xBatches = Array.from({ length: batches }, (_, b) =>
    tf.tensor4d(data.images.subarray(b * batchSize * 784, (b + 1) * batchSize * 784), [batchSize, 28, 28, 1]),
  );
  const yBatches = Array.from({ length: batches }, (_, b) => {
    const oneHot = new Float32Array(batchSize * 10);
    for (let i = 0; i < batchSize; i++) oneHot[i * 10 + data.labels[b * batchSize + i]] = 1;
    return tf.tensor2d(oneHot, [batchSize, 10]);
  });
  const model = mnistCnn(tf);
  let loss = NaN;
  let start = 0;
  let cpuStart = process.cpuUsage();
  try {
    for (let step = 0; step < warmup + steps; step++) {
      if (step === warmup) {
        start = performance.now();
        cpuStart = process.cpuUsage();
      }
      const b = step % batches;
      loss = Number(await model.trainOnBatch(xBatches[b], yBatches[b]));
    }
    const seconds = (performance.now() - start) / 1000;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    return {
      samplesPerSecond: (steps * batchSize) / seconds,
      samplesPerCpuSecond: (steps * batchSize) / cpuSeconds,
      steps,
      seconds,
      finalLoss: loss,
    };
  } finally {
    model.dispose();
    tf.dispose([...xBatches, ...yBatches]);
  }
}
