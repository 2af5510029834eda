/**
 * A process that records a training run into a project file, epoch by epoch with a checkpoint
 * after each, until it is killed. Used by the crash test and the crash soak script.
 *
 *   node --import tsx core/store/crash-writer.ts <file.nbproj> <seed> <synthetic|tfjs|engine>
 *
 * synthetic: weights of a 64→512→256→10 dense network (about 670 KB a checkpoint), derived from
 *   the seed and the epoch so the checker can recompute exactly what each checkpoint must hold.
 * tfjs: real training of a small MLP on two spirals with TensorFlow.js's own fit loop,
 *   recorded from its epoch-end callback with the model's real weights.
 * engine: the app's training engine (core/train, in its worker thread) on two spirals, recorded
 *   by recordTrainingRun exactly as the app and the CLI record runs.
 *
 * Prints "ready" once the run is started, then "epoch N" after each committed epoch.
 */
import { existsSync } from 'node:fs';
import { ProjectStore } from './project-store';
import { startRunRecorder, type RunRecorder } from './recorder';
import { syntheticMetrics, syntheticWeights } from './crash-harness';
import { mlpProject, random, smallProject } from './test-helpers';

function openOrCreate(path: string): ProjectStore {
  return existsSync(path) ? ProjectStore.open(path) : ProjectStore.create(path, smallProject('Crash test'));
}

function writeSynthetic(recorder: RunRecorder, seed: number): void {
  for (let epoch = 1; epoch <= 100_000; epoch++) {
    recorder.epochEnd(syntheticMetrics(seed, epoch));
    process.stdout.write(`epoch ${epoch}\n`);
    recorder.checkpoint({ epoch, weights: syntheticWeights(seed, epoch), best: epoch % 3 === 1 });
  }
}

function spirals(count: number, seed: number): { xs: number[][]; ys: number[][] } {
  const next = random(seed);
  const xs: number[][] = [];
  const ys: number[][] = [];
  for (let i = 0; i < count; i++) {
    const label = i % 2;
    const r = (i / count) * 5;
    const t = 1.75 * (i / count) * 2 * Math.PI + label * Math.PI;
    xs.push([r * Math.sin(t) + next() * 0.2, r * Math.cos(t) + next() * 0.2]);
    ys.push(label ? [0, 1] : [1, 0]);
  }
  return { xs, ys };
}

async function trainWithTfjs(recorder: RunRecorder, seed: number): Promise<void> {
  const tf = await import('@tensorflow/tfjs');
  await tf.setBackend('cpu');
  const model = tf.sequential({
    layers: [
      tf.layers.dense({ inputShape: [2], units: 16, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed }) }),
      tf.layers.dense({ units: 16, activation: 'tanh', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 1 }) }),
      tf.layers.dense({ units: 2, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: seed + 2 }) }),
    ],
  });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  const data = spirals(400, seed);
  const xs = tf.tensor2d(data.xs);
  const ys = tf.tensor2d(data.ys);
  let bestValLoss = Number.POSITIVE_INFINITY;
  let started = performance.now();
  await model.fit(xs, ys, {
    epochs: 100_000,
    batchSize: 32,
    validationSplit: 0.2,
    shuffle: true,
    verbose: 0,
    callbacks: {
      onEpochBegin: async () => {
        started = performance.now();
      },
      onEpochEnd: async (epoch, logs = {}) => {
        const seconds = (performance.now() - started) / 1000;
        recorder.epochEnd({
          epoch: epoch + 1,
          loss: logs.loss,
          accuracy: logs.acc,
          valLoss: logs.val_loss,
          valAccuracy: logs.val_acc,
          learningRate: 0.01,
          seconds,
          samplesPerSecond: 320 / seconds,
        });
        process.stdout.write(`epoch ${epoch + 1}\n`);
        const weights = model
          .getWeights()
          .map((w, i) => ({ name: model.weights[i].name, shape: w.shape, dtype: 'float32' as const, data: w.dataSync() as Float32Array }));
        const best = logs.val_loss < bestValLoss;
        if (best) bestValLoss = logs.val_loss;
        recorder.checkpoint({ epoch: epoch + 1, weights, best, metrics: { valLoss: logs.val_loss } });
      },
    },
  });
}

/** The engine's events reach recordTrainingRun first (it subscribed first), then these progress lines. */
async function trainWithEngine(store: ProjectStore, seed: number): Promise<void> {
  const { startTraining } = await import('../train/index');
  const { recordTrainingRun } = await import('./record-training');
  const project = mlpProject({
    name: 'Crash test',
    hiddenLayers: 2,
    hiddenUnits: 16,
    activation: 'tanh',
    dataset: { kind: 'builtin', name: 'spirals', size: 400 },
    training: { optimizer: 'adam', learningRate: 0.01, epochs: 100_000, batchSize: 32, validationSplit: 0.2, seed },
  });
  const session = startTraining(project, { backend: 'cpu' });
  recordTrainingRun(store, session, project);
  session.on((event) => {
    if (event.type === 'started') process.stdout.write('ready\n');
    if (event.type === 'epoch') process.stdout.write(`epoch ${event.epoch}\n`);
  });
  await session.done;
}

async function main(): Promise<void> {
  const [path, seedText, mode = 'synthetic'] = process.argv.slice(2);
  const seed = Number(seedText);
  const store = openOrCreate(path);
  if (mode === 'engine') {
    await trainWithEngine(store, seed);
    store.close();
    return;
  }
  const recorder = startRunRecorder(store, {
    project: store.project(),
    backend: mode === 'tfjs' ? 'cpu' : 'synthetic',
    device: 'crash test',
    seed,
  });
  process.stdout.write('ready\n');
  if (mode === 'tfjs') await trainWithTfjs(recorder, seed);
  else writeSynthetic(recorder, seed);
  recorder.end('completed');
  store.close();
}

main().catch((error) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exitCode = 1;
});
