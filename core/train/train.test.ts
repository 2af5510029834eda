import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { said } from '../data/said-fixtures';
import { problem } from '../i18n/catalogue';
import { problemText, problemTexts } from '../i18n/translate';
import { LocalizedError } from '../model/localized';
import type { Graph } from '../model/graph';
import { parseProject } from '../model/project-io';
import type { Project } from '../model/project';
import { TrainingControl } from './control';
import type { FinalResult, SerializedWeight, TrainingEvent } from './events';
import { runTraining, tensorLeakWarning } from './run';
import { startTraining, TrainingBusyError, workerFailure, type TrainingSession } from './session';
import { chain } from '../model/test-graphs';

type Json = Record<string, unknown>;

function project(graph: Graph, dataset: Json, training: Json = {}): Project {
  return parseProject({ format: 'neuroblocks.project', version: 1, name: 'test', graph, dataset, training });
}

const mlp = (outputUnits = 2, outputActivation = 'softmax') =>
  chain(
    ['in', 'Input', { shape: [2] }],
    ['h1', 'Dense', { units: 16, activation: 'tanh' }],
    ['drop', 'Dropout', { rate: 0.1 }],
    ['h2', 'Dense', { units: 16, activation: 'tanh' }],
    ['out', 'Dense', { units: outputUnits, activation: outputActivation }],
  );

const tinyCnn = chain(
  ['in', 'Input', { shape: [28, 28, 1] }],
  ['c1', 'Conv2D', { filters: 4, kernelSize: 3, activation: 'relu' }],
  ['p1', 'MaxPooling2D', { poolSize: 2 }],
  ['c2', 'Conv2D', { filters: 8, kernelSize: 3, strides: 2, activation: 'relu' }],
  ['flat', 'Flatten', {}],
  ['drop', 'Dropout', { rate: 0.2 }],
  ['out', 'Dense', { units: 10, activation: 'softmax' }],
);

/** Runs a session to its end and collects its events. */
async function collect(session: TrainingSession, onEvent?: (event: TrainingEvent, events: TrainingEvent[]) => void) {
  const events: TrainingEvent[] = [];
  session.on((event) => {
    events.push(event);
    onEvent?.(event, events);
  });
  const result = await session.done;
  return { events, result };
}

const metricsOf = (result: FinalResult) => result.history.map(({ seconds: _s, samplesPerSecond: _r, ...m }) => m);

describe('training in a worker', () => {
  it('an MLP learns the XOR points far above chance, with every event in order', async () => {
    const p = project(mlp(), { kind: 'builtin', name: 'xor', size: 300 }, { learningRate: 0.02, batchSize: 16, epochs: 12, seed: 3 });
    const { events, result } = await collect(startTraining(p, { backend: 'wasm' }));
    expect(result.state).toBe('completed');
    expect(result.test!.accuracy).toBeGreaterThan(0.85);
    const started = events[0];
    expect(started).toMatchObject({ type: 'started', backend: 'wasm', epochs: 12, sizes: { train: 240, validation: 60, test: 75 } });
    if (started.type === 'started') expect(started.paramCount.total).toBe(2 * 16 + 16 + 16 * 16 + 16 + 16 * 2 + 2);
    const epochs = events.filter((e) => e.type === 'epoch');
    expect(epochs).toHaveLength(12);
    for (const e of epochs) {
      expect(e).toMatchObject({ learningRate: 0.02 });
      if (e.type !== 'epoch') continue;
      for (const v of [e.loss, e.accuracy, e.valLoss!, e.valAccuracy!, e.seconds, e.samplesPerSecond])
        expect(Number.isFinite(v)).toBe(true);
    }
    expect(events.filter((e) => e.type === 'batch').length).toBeGreaterThanOrEqual(12);
    expect(events.filter((e) => e.type === 'checkpoint' && e.kind === 'last')).toHaveLength(12);
    const best = events.filter((e) => e.type === 'checkpoint' && e.kind === 'best');
    expect(best.length).toBeGreaterThanOrEqual(1);
    if (best[0].type === 'checkpoint') {
      expect(best[0].weights.map((w) => w.name)).toContain('h1/kernel');
      expect(new Float32Array(best[0].weights[0].data).length).toBe(best[0].weights[0].shape.reduce((a, b) => a * b, 1));
    }
    expect(events.at(-1)).toMatchObject({ type: 'final', state: 'completed' });
    const test = result.test!;
    expect(test.confusionMatrix.flat().reduce((a, b) => a + b, 0)).toBe(75);
    expect(test.confusionMatrix[0][0] + test.confusionMatrix[1][1]).toBe(Math.round(test.accuracy * 75));
  });

  it('a tiny CNN trains on a few hundred MNIST digits and is evaluated on the official 10,000 test digits', async () => {
    const p = project(tinyCnn, { kind: 'builtin', name: 'mnist', size: 400 }, { batchSize: 32, epochs: 3, learningRate: 0.005 });
    const { result } = await collect(startTraining(p, { backend: 'wasm', checkpoints: false }));
    expect(result.state).toBe('completed');
    expect(result.history[2].loss).toBeLessThan(result.history[0].loss);
    expect(result.test!.samples).toBe(10_000);
    expect(result.test!.accuracy).toBeGreaterThan(0.4);
  });

  it('the same seed gives the same metrics, another seed others', async () => {
    const p = project(mlp(), { kind: 'builtin', name: 'circles', size: 200 }, { epochs: 3, batchSize: 20, learningRate: 0.01 });
    const run = async (seed: number) => await startTraining(p, { backend: 'wasm', seed, checkpoints: false }).done;
    const a = await run(5);
    const b = await run(5);
    const c = await run(6);
    expect(metricsOf(a)).toEqual(metricsOf(b));
    expect(a.test).toEqual(b.test);
    expect(metricsOf(a)).not.toEqual(metricsOf(c));
  });

  it('stops within a batch, pauses and resumes', async () => {
    const p = project(tinyCnn, { kind: 'builtin', name: 'mnist', size: 800 }, { batchSize: 4, epochs: 5, validationSplit: 0 });
    const session = startTraining(p, { backend: 'wasm', checkpoints: false, batchEventInterval: 0 });
    let pausedAt = -1;
    let batchesWhilePaused = -1;
    let batchesAtStop = -1;
    const { events, result } = await collect(session, (event) => {
      if (event.type === 'batch' && event.batch === 3 && pausedAt < 0) session.pause();
      if (event.type === 'paused') {
        pausedAt = session.batchesCompleted();
        setTimeout(() => {
          batchesWhilePaused = session.batchesCompleted() - pausedAt;
          session.resume();
        }, 400);
      }
      if (event.type === 'resumed') {
        // Let it train a little, then stop while it runs.
        setTimeout(() => {
          batchesAtStop = session.batchesCompleted();
          session.stop();
        }, 50);
      }
    });
    expect(pausedAt).toBeGreaterThanOrEqual(3);
    expect(batchesWhilePaused).toBe(0);
    expect(result.state).toBe('stopped');
    expect(result.epochsCompleted).toBe(0);
    // Counted by the loop itself: at most the batch that was running when the command arrived.
    expect(session.batchesCompleted() - batchesAtStop).toBeLessThanOrEqual(1);
    expect(events.some((e) => e.type === 'resumed')).toBe(true);
    expect(result.test!.samples).toBe(10_000);
  });

  it('refuses a second run while one is training', async () => {
    const p = project(tinyCnn, { kind: 'builtin', name: 'mnist', size: 400 }, { epochs: 50 });
    const first = startTraining(p, { backend: 'wasm', checkpoints: false });
    expect(() => startTraining(p)).toThrow(TrainingBusyError);
    expect(() => startTraining(p)).toThrow('A model is already training. Stop it or wait until it ends before starting another.');
    first.stop();
    expect((await first.done).state).toBe('stopped');
  });

  it('early stopping ends the run and restores the best epoch’s weights', async () => {
    // A minimum improvement no epoch can reach: epoch 1 is the best, epoch 2 does not improve.
    const p = project(
      mlp(),
      { kind: 'builtin', name: 'gaussians', size: 200 },
      {
        epochs: 10,
        earlyStopping: { monitor: 'valLoss', patience: 1, minDelta: 100, restoreBestWeights: true },
      },
    );
    const { events, result } = await collect(startTraining(p, { backend: 'wasm' }));
    expect(result.state).toBe('early-stopped');
    expect(result.epochsCompleted).toBe(2);
    expect(result.restoredEpoch).toBe(1);
    expect(result.message.code).toBe('train:earlyStoppedRestored');
    expect(problemTexts(result.message)).toEqual({
      en: 'Stopped early after epoch 2: the validation loss had not improved for 1 epoch, so the model keeps its weights of epoch 1, the best.',
      fr: 'Arrêté tôt après l’époque 2 : la perte de validation ne progressait plus depuis 1 époque, donc le modèle garde ses poids de l’époque 1, la meilleure.',
    });
    const checkpoint = (kind: string, epoch: number) => events.find((e) => e.type === 'checkpoint' && e.kind === kind && e.epoch === epoch);
    const best = checkpoint('best', 1);
    const last = checkpoint('last', 2);
    if (best?.type !== 'checkpoint' || last?.type !== 'checkpoint') throw new Error('missing checkpoints');
    const values = (w: { data: ArrayBuffer }[]) => w.map((x) => Array.from(new Float32Array(x.data)));
    expect(values(result.weights!)).toEqual(values(best.weights));
    expect(values(result.weights!)).not.toEqual(values(last.weights));
  });

  it('a huge learning rate is reported as diverged, keeping finite weights', async () => {
    const p = project(
      chain(['in', 'Input', { shape: [2] }], ['out', 'Dense', { units: 2 }]),
      { kind: 'builtin', name: 'xor', size: 200 },
      {
        optimizer: 'sgd',
        learningRate: 10,
        loss: 'meanSquaredError',
        epochs: 20,
      },
    );
    const result = await startTraining(p, { backend: 'wasm', checkpoints: false }).done;
    expect(result.state).toBe('diverged');
    expect(result.message.code).toBe('train:diverged');
    expect(problemText(result.message, 'en')).toMatch(
      /^Training diverged: the loss became infinite or NaN in epoch \d+, batch \d+\. .*Lower the learning rate \(it was 10; try 1\)/,
    );
    expect(problemText(result.message, 'fr')).toMatch(
      /^L’entraînement a divergé : la perte est devenue infinie ou NaN pendant l’époque \d+, lot \d+\. .*Baissez le taux d’apprentissage \(il valait 10 ; essayez 1\)/,
    );
    expect(result.weights!.every((w) => new Float32Array(w.data).every(Number.isFinite))).toBe(true);
  });

  it('fails with a clear message when the model does not fit the data', async () => {
    const p = project(mlp(3), { kind: 'builtin', name: 'xor', size: 100 });
    const result = await startTraining(p, { backend: 'wasm' }).done;
    expect(result.state).toBe('failed');
    expect(result.message.code).toBe('graph:outputUnitsClasses');
    expect(problemTexts(result.message)).toEqual({
      en: 'The output block "out" has 3 units but the data set has 2 classes: set `units` to 2.',
      fr: 'Le bloc de sortie « out » a 3 unités, mais le jeu de données a 2 classes : réglez `units` sur 2.',
    });
  });
});

describe('training on imported data', () => {
  it('a small CNN learns an image folder of horizontal and vertical stripes, skipping a corrupt file', async () => {
    const root = mkdtempSync(join(tmpdir(), 'nb-train-images-'));
    for (const cls of ['horizontal', 'vertical']) mkdirSync(join(root, 'images', cls), { recursive: true });
    for (let i = 0; i < 30; i++) {
      for (const cls of ['horizontal', 'vertical']) {
        const pixels = Buffer.alloc(16 * 16 * 3);
        const phase = i % 8;
        for (let y = 0; y < 16; y++)
          for (let x = 0; x < 16; x++)
            pixels.fill(((cls === 'horizontal' ? y : x) + phase) % 8 < 4 ? 230 : 20, (y * 16 + x) * 3, (y * 16 + x + 1) * 3);
        await sharp(pixels, { raw: { width: 16, height: 16, channels: 3 } })
          .png()
          .toFile(join(root, 'images', cls, `${i}.png`));
      }
    }
    writeFileSync(join(root, 'images', 'vertical', 'truncated.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]));
    const graph = chain(
      ['in', 'Input', { shape: [8, 8, 1] }],
      ['conv', 'Conv2D', { filters: 4, kernelSize: 3, activation: 'relu' }],
      ['flat', 'Flatten', {}],
      ['out', 'Dense', { units: 2, activation: 'softmax' }],
    );
    const p = project(graph, { kind: 'imageFolder', path: 'images' }, { epochs: 15, batchSize: 8, learningRate: 0.01 });
    const { events, result } = await collect(startTraining(p, { backend: 'wasm', baseDir: root, checkpoints: false }));
    expect(result.state).toBe('completed');
    const started = events.find((e) => e.type === 'started');
    if (started?.type !== 'started') throw new Error('no started event');
    expect(started.dataset.classNames).toEqual(['horizontal', 'vertical']);
    expect(started.dataset.skipped.map(said)).toEqual([
      {
        file: join('vertical', 'truncated.png'),
        reason: expect.stringMatching(/cannot be decoded/),
        reasonFr: expect.stringMatching(/^illisible \(/),
      },
    ]);
    expect(started.sizes.test).toBe(12);
    // Named in the Train tab too, since a large folder's preview may not have decoded it.
    const warnings = events.flatMap((e) => (e.type === 'warning' ? [problemTexts(e.message)] : []));
    expect(warnings).toEqual([
      {
        en: expect.stringMatching(/^1 file was skipped: vertical\/truncated\.png \(cannot be decoded/),
        fr: expect.stringMatching(/^1 fichier a été ignoré : vertical\/truncated\.png \(illisible/),
      },
    ]);
    expect(result.test!.accuracy).toBeGreaterThanOrEqual(0.9);
  });

  it('an MLP learns a CSV table with three classes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nb-train-csv-'));
    const rows = ['size,weight,colour,kind'];
    for (let i = 0; i < 150; i++) {
      const kind = i % 3;
      rows.push(`${10 + kind * 5 + (i % 7) * 0.3},${200 + kind * 40 + (i % 5)},${(i * 7) % 3},${['apple', 'banana', 'cherry'][kind]}`);
    }
    writeFileSync(join(dir, 'fruit.csv'), rows.join('\n'));
    const graph = chain(
      ['in', 'Input', { shape: [3] }],
      ['h', 'Dense', { units: 8, activation: 'relu' }],
      ['out', 'Dense', { units: 3, activation: 'softmax' }],
    );
    const p = project(
      graph,
      { kind: 'csv', path: 'fruit.csv', labelColumn: 'kind' },
      { epochs: 20, batchSize: 8, learningRate: 0.02, loss: 'sparseCategoricalCrossentropy' },
    );
    const result = await runTraining(
      { project: p, options: { backend: 'cpu', baseDir: dir, checkpoints: false } },
      () => {},
      new TrainingControl(),
    );
    expect(result.state).toBe('completed');
    expect(result.test!.classNames).toEqual(['apple', 'banana', 'cherry']);
    expect(result.test!.accuracy).toBeGreaterThan(0.9);
  });
});

describe('training loop in this thread', () => {
  it('leaks no tensor: the count is the same after every epoch and back to its baseline after the run', async () => {
    const p = project(
      mlp(1, 'sigmoid'),
      { kind: 'builtin', name: 'circles', size: 120 },
      {
        loss: 'binaryCrossentropy',
        optimizer: 'rmsprop',
        epochs: 4,
        batchSize: 16,
        reduceLrOnPlateau: { monitor: 'loss', patience: 0, factor: 0.5, minLr: 0 },
      },
    );
    await tf.setBackend('cpu');
    const baseline = tf.memory().numTensors;
    const counts: number[] = [];
    const events: TrainingEvent[] = [];
    const result = await runTraining(
      { project: p, options: { backend: 'cpu' } },
      (event) => {
        events.push(event);
        if (event.type === 'epoch') counts.push(tf.memory().numTensors);
      },
      new TrainingControl(),
    );
    expect(result.state).toBe('completed');
    expect(counts).toHaveLength(4);
    expect(new Set(counts).size).toBe(1);
    expect(tf.memory().numTensors).toBe(baseline);
    expect(events.some((e) => e.type === 'warning')).toBe(false);
  });

  it('trains with each optimizer and loss', async () => {
    const settings: Json[] = [
      { optimizer: 'sgd', momentum: 0.9, nesterov: true, loss: 'categoricalCrossentropy', learningRate: 0.05 },
      { optimizer: 'adagrad', loss: 'sparseCategoricalCrossentropy', learningRate: 0.1 },
      { optimizer: 'rmsprop', loss: 'meanSquaredError', learningRate: 0.01 },
      { optimizer: 'adam', loss: 'meanAbsoluteError', learningRate: 0.01 },
    ];
    for (const s of settings) {
      const p = project(mlp(), { kind: 'builtin', name: 'gaussians', size: 200 }, { ...s, epochs: 4, batchSize: 16 });
      const result = await runTraining({ project: p, options: { backend: 'cpu', checkpoints: false } }, () => {}, new TrainingControl());
      expect(result.state, JSON.stringify(s)).toBe('completed');
      expect(result.test!.accuracy, JSON.stringify(s)).toBeGreaterThan(0.8);
    }
  });

  it('adds the L1/L2 penalties of the blocks to the loss', async () => {
    const regularized = mlp();
    regularized.nodes[1].params.kernelRegularizer = { l2: 1 };
    const firstLoss = async (graph: Graph) => {
      const p = project(graph, { kind: 'builtin', name: 'gaussians', size: 100 }, { epochs: 1, seed: 9 });
      const result = await runTraining({ project: p, options: { backend: 'cpu', checkpoints: false } }, () => {}, new TrainingControl());
      return result.history[0];
    };
    const plain = await firstLoss(mlp());
    const penalised = await firstLoss(regularized);
    // The 2×16 kernel's squared weights (Glorot, about 0.1 each) add about 3 to the loss.
    expect(penalised.loss - plain.loss).toBeGreaterThan(0.5);
    expect(penalised.valLoss! - plain.valLoss!).toBeGreaterThan(0.5);
  });
});

describe('messages a run can end or warn with', () => {
  it('warns of tensors left in memory in English and French', () => {
    expect(tensorLeakWarning(12).message.code).toBe('train:tensorsLeaked');
    expect(problemTexts(tensorLeakWarning(12).message)).toEqual({
      en: '12 tensors were not released after training.',
      fr: '12 tenseurs n’ont pas été libérés après l’entraînement.',
    });
    expect(problemText(tensorLeakWarning(1).message, 'fr')).toBe('1 tenseur n’a pas été libéré après l’entraînement.');
  });

  it('ends a run whose worker crashed or exited as failed, in English and French', () => {
    const crashed = workerFailure({ error: new Error('out of memory') });
    expect(crashed).toMatchObject({ state: 'failed', epochsCompleted: 0, history: [] });
    expect(problemTexts(crashed.message)).toEqual({
      en: 'The training worker failed: out of memory',
      fr: 'Le processus d’entraînement a échoué : out of memory',
    });
    const exited = workerFailure({ exitCode: 134 });
    expect(problemText(exited.message, 'en')).toMatch(/^The training worker ended unexpectedly \(exit code 134\)\. /);
    expect(problemText(exited.message, 'fr')).toMatch(
      /^Le processus d’entraînement s’est arrêté de façon inattendue \(code de sortie 134\)\. Relancez l’entraînement/,
    );
  });

  it('refuses to resume from weights saved from another graph, in English and French', async () => {
    const p = project(mlp(), { kind: 'builtin', name: 'xor', size: 40 }, { epochs: 2 });
    const other: SerializedWeight = { name: 'other/kernel', shape: [3, 3], dtype: 'float32', data: new Float32Array(9).buffer };
    const result = await runTraining(
      { project: p, options: { backend: 'cpu', checkpoints: false, resume: { weights: [other], fromEpoch: 2, history: [] } } },
      () => {},
      new TrainingControl(),
    );
    expect(result.state).toBe('failed');
    // Said after where it resumed from: the refusal, then the resume, whole sentences.
    expect(result.message).toMatchObject({ code: 'train:resumedFresh', params: { final: { code: 'train:checkpointMismatch' } } });
    expect(problemText(result.message, 'en')).toMatch(
      /^The checkpoint does not fit this model \(1 weight saved, the model has 6 of other shapes\)/,
    );
    expect(problemText(result.message, 'fr')).toMatch(
      /^Les poids enregistrés ne correspondent pas à ce modèle \(1 poids enregistré ; le modèle en compte 6, ou de formes différentes\) : ils viennent d’un autre graphe\./,
    );
  });

  it('keeps the problem of an error that has one when the worker fails with it, and a library’s words as they are', () => {
    const error = new LocalizedError(problem('data:csvEmpty', { name: 'data.csv' }));
    expect(problemText(workerFailure({ error }).message, 'fr')).toBe(
      'Le processus d’entraînement a échoué : Le fichier CSV data.csv est vide : il lui faut une ligne d’en-tête qui nomme les colonnes, puis une ligne par exemple.',
    );
    expect(problemText(workerFailure({ error: new Error('out of memory') }).message, 'fr')).toBe(
      'Le processus d’entraînement a échoué : out of memory',
    );
  });
});
