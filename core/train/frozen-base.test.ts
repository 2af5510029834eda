// Training on a frozen base: where the base ends, when its outputs are computed once per image, and
// that a run doing so ends with the weights and metrics of a run that computes the base at every step.
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { compileGraph } from '../compile/compile';
import { insertBase } from '../model/base-group';
import type { Graph } from '../model/graph';
import type { Project } from '../model/project';
import { TrainingControl } from './control';
import type { FinalResult, TrainingEvent } from './events';
import { problemText } from '../i18n/translate';
import { findFrozenBase, planFrozenBase, type FrozenBaseNotice } from './frozen-base';
import { runTraining, type TrainingOptions } from './run';
import { chain, graphOf } from '../model/test-graphs';
import { projectOf } from '../model/project-fixtures';

/** A frozen-base notice as it reads: its problem's code, and its sentence in English (message) and in French (french). */
const read = (notice?: FrozenBaseNotice) =>
  notice && {
    blocks: notice.blocks,
    cached: notice.cached,
    code: notice.message.code,
    message: problemText(notice.message, 'en'),
    french: problemText(notice.message, 'fr'),
  };

type Json = Record<string, unknown>;
type Started = Extract<TrainingEvent, { type: 'started' }>;

const frozen = { trainable: false };

/** A small CNN whose convolutions and BatchNormalization are frozen, with a Dense head. */
const frozenCnn = chain(
  ['in', 'Input', { shape: [28, 28, 1] }],
  ['c1', 'Conv2D', { filters: 8, kernelSize: 3, activation: 'relu', ...frozen }],
  ['bn', 'BatchNormalization', { momentum: 0.5, ...frozen }],
  ['p1', 'MaxPooling2D', { poolSize: 2 }],
  ['c2', 'Conv2D', { filters: 8, kernelSize: 3, strides: 2, activation: 'relu', ...frozen }],
  ['flat', 'Flatten', {}],
  ['d1', 'Dense', { units: 32, activation: 'relu', kernelRegularizer: { l2: 0.001 } }],
  ['out', 'Dense', { units: 10, activation: 'softmax' }],
);

/**
 * A branching graph: the Input feeds the head directly and the frozen `a`; `a` feeds two frozen
 * branches; `c`'s branch goes on through the trainable `d` and the frozen `e` (after a trainable
 * block, so in the head). The head merges three branches in the order of the edges.
 */
const branching: Graph = graphOf(
  [
    ['in', 'Input', { shape: [28, 28, 1] }],
    ['a', 'Conv2D', { filters: 4, kernelSize: 3, strides: 2, activation: 'relu', ...frozen }],
    ['b', 'Conv2D', { filters: 4, kernelSize: 3, activation: 'relu', ...frozen }],
    ['gapB', 'GlobalAveragePooling2D'],
    ['c', 'Conv2D', { filters: 4, kernelSize: 3, activation: 'relu', ...frozen }],
    ['d', 'Conv2D', { filters: 4, kernelSize: 3, activation: 'relu' }],
    ['e', 'Conv2D', { filters: 4, kernelSize: 3, activation: 'relu', ...frozen }],
    ['gapE', 'GlobalAveragePooling2D'],
    ['h', 'Conv2D', { filters: 8, kernelSize: 3, strides: 2, activation: 'relu' }],
    ['flatH', 'Flatten'],
    ['cat', 'Concatenate'],
    ['out', 'Dense', { units: 10, activation: 'softmax' }],
  ],
  [
    ['in', 'a'],
    ['a', 'b'],
    ['b', 'gapB'],
    ['a', 'c'],
    ['c', 'd'],
    ['d', 'e'],
    ['e', 'gapE'],
    ['in', 'h'],
    ['h', 'flatH'],
    ['gapE', 'cat'],
    ['flatH', 'cat'],
    ['gapB', 'cat'],
    ['cat', 'out'],
  ],
);

function mnistProject(graph: Graph, training: Json = {}): Project {
  return projectOf('frozen base', graph, {
    dataset: { kind: 'builtin', name: 'mnist' },
    training: {
      optimizer: 'adam',
      learningRate: 0.003,
      loss: 'categoricalCrossentropy',
      batchSize: 32,
      epochs: 3,
      validationSplit: 0.25,
      seed: 5,
      ...training,
    },
  });
}

async function train(
  project: Project,
  options: TrainingOptions,
): Promise<{ result: FinalResult; started: Started; events: TrainingEvent[] }> {
  const events: TrainingEvent[] = [];
  const result = await runTraining(
    { project, options: { size: 320, backend: 'wasm', ...options } },
    (e) => events.push(e),
    new TrainingControl(),
  );
  expect(result.state, JSON.stringify(result.message)).toBe('completed');
  return { result, started: events.find((e): e is Started => e.type === 'started')!, events };
}

const largest = (a: ArrayBuffer, b: ArrayBuffer) => {
  const [x, y] = [new Float32Array(a), new Float32Array(b)];
  return x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i])), 0);
};

/** The seeded initial weights of a graph, by name. */
function initialWeights(graph: Graph, seed: number): Map<string, Float32Array> {
  const model = compileGraph(tf, graph, { seed });
  const weights = new Map(model.weights.map((w) => [w.originalName ?? w.name, w.read().dataSync() as Float32Array]));
  model.dispose();
  return weights;
}

describe('where the frozen base ends', () => {
  it('a chain: every frozen block and the weightless blocks after them, up to the first trainable block', () => {
    const finding = findFrozenBase(frozenCnn);
    expect(finding.kind).toBe('base');
    if (finding.kind !== 'base') return;
    expect(finding.base.nodes).toEqual(['in', 'c1', 'bn', 'p1', 'c2', 'flat']);
    expect(finding.base.cut).toEqual(['flat']);
    expect(finding.base.cutShapes).toEqual([[6 * 6 * 8]]);
    expect(finding.base.head).toEqual(['d1', 'out']);
    expect(finding.base.blocks).toBe(5);
  });

  it('a branching graph: the head takes the base’s outputs from several branches, the Input among them; a frozen block after a trainable one is in the head', () => {
    const finding = findFrozenBase(branching);
    expect(finding.kind).toBe('base');
    if (finding.kind !== 'base') return;
    expect(new Set(finding.base.nodes)).toEqual(new Set(['in', 'a', 'b', 'gapB', 'c']));
    expect(new Set(finding.base.cut)).toEqual(new Set(['in', 'gapB', 'c']));
    expect(new Set(finding.base.head)).toEqual(new Set(['d', 'e', 'gapE', 'h', 'flatH', 'cat', 'out']));
    expect(finding.base.blocks).toBe(4);
  });

  it('nothing frozen: nothing to say', () => {
    const plain = chain(
      ['in', 'Input', { shape: [4] }],
      ['d', 'Dense', { units: 8 }],
      ['out', 'Dense', { units: 2, activation: 'softmax' }],
    );
    expect(findFrozenBase(plain)).toEqual({ kind: 'nothing-frozen' });
    expect(planFrozenBase(plain, { samples: 100, maxBytes: 1e9 })).toEqual({});
  });

  it('an augmentation block, a Dropout or a trainable block before the frozen blocks: they run at every step, and the line says why', () => {
    const withBefore = (node: [string, string, Json]) =>
      chain(
        ['in', 'Input', { shape: [28, 28, 1] }],
        node,
        ['c1', 'Conv2D', { filters: 4, kernelSize: 3, ...frozen }],
        ['flat', 'Flatten', {}],
        ['out', 'Dense', { units: 10, activation: 'softmax' }],
      );
    const cases: [[string, string, Json], RegExp, RegExp][] = [
      [
        ['flip', 'RandomFlip', { mode: 'horizontal' }],
        /^The frozen blocks run at every step: the augmentation block RandomFlip "flip" comes before them: it changes every image at every epoch\.$/,
        /^Les blocs gelés sont recalculés à chaque pas : le bloc d’augmentation RandomFlip « flip » vient avant eux/,
      ],
      [
        ['drop', 'Dropout', { rate: 0.2 }],
        /the Dropout "drop" block comes before them: it drops other values at every step\.$/,
        /le bloc Dropout « drop » vient avant eux/,
      ],
      [
        ['conv0', 'Conv2D', { filters: 2, kernelSize: 1 }],
        /the trainable block Conv2D "conv0" comes before them: its outputs change as it learns\.$/,
        /le bloc entraînable Conv2D « conv0 »/,
      ],
      [
        ['bn0', 'BatchNormalization', {}],
        /the trainable block BatchNormalization "bn0" comes before them/,
        /le bloc entraînable BatchNormalization « bn0 »/,
      ],
    ];
    for (const [node, en, fr] of cases) {
      const graph = withBefore(node);
      expect(findFrozenBase(graph).kind, node[0]).toBe('not-usable');
      const plan = planFrozenBase(graph, { samples: 100, maxBytes: 1e9 });
      expect(plan.base).toBeUndefined();
      expect(plan.notice).toMatchObject({ blocks: 0, cached: false });
      expect(read(plan.notice)!.message).toMatch(en);
      expect(read(plan.notice)!.french).toMatch(fr);
    }
  });

  it('a Dropout after the base leaves the base as it is; a whole model frozen is not a base', () => {
    const withDropout = chain(
      ['in', 'Input', { shape: [8] }],
      ['f', 'Dense', { units: 8, ...frozen }],
      ['drop', 'Dropout', { rate: 0.5 }],
      ['out', 'Dense', { units: 2, activation: 'softmax' }],
    );
    const finding = findFrozenBase(withDropout);
    expect(finding.kind === 'base' && finding.base.cut).toEqual(['f']);
    const allFrozen = chain(
      ['in', 'Input', { shape: [8] }],
      ['f', 'Dense', { units: 8, ...frozen }],
      ['out', 'Dense', { units: 2, activation: 'softmax', ...frozen }],
    );
    const plan = planFrozenBase(allFrozen, { samples: 10, maxBytes: 1e9 });
    expect(plan.base).toBeUndefined();
    expect(read(plan.notice)!.message).toBe(
      'The frozen blocks run at every step: every block up to the output is frozen, so nothing would train: set `trainable` on the blocks to train.',
    );
  });

  it('outputs too large for the memory set aside are not cached, and the line says how large', () => {
    // 240 images × 288 values × 4 bytes = 276,480 bytes.
    const plan = planFrozenBase(frozenCnn, { samples: 240, maxBytes: 100_000 });
    expect(plan.base).toBeUndefined();
    expect(plan.notice).toMatchObject({ blocks: 5, cached: false });
    expect(read(plan.notice)!.message).toBe(
      'The frozen base (5 blocks) runs at every step: its outputs for the 240 training and validation images would take 276 kB, more than the 100 kB set aside for them. Fewer images, or a base that ends with a smaller output (after a pooling block), would let it be computed once.',
    );
    expect(read(plan.notice)!.french).toMatch(
      /^La base gelée \(5 blocs\) est recalculée à chaque pas : ses sorties pour les 240 images d’entraînement et de validation prendraient 276 ko, plus que les 100 ko/,
    );
    expect(read(planFrozenBase(frozenCnn, { samples: 240, maxBytes: 276_480 }).notice)).toMatchObject({
      code: 'train:frozenBaseCached',
      cached: true,
      message: 'The frozen base (5 blocks) is computed once per image; only the head trains.',
      french: 'La base gelée (5 blocs) est calculée une seule fois par image ; seule la tête s’entraîne.',
    });
  });
});

describe('training the head on the frozen base’s outputs', () => {
  for (const [name, graph, blocks] of [
    ['a frozen CNN with a Dense head', frozenCnn, 5],
    ['a branching graph whose head takes three of the base’s outputs', branching, 4],
  ] as const)
    it(
      `${name}: the same weights and metrics as computing the base at every step, the base’s weights unchanged`,
      { timeout: 120_000 },
      async () => {
        const project = mnistProject(graph);
        const cached = await train(project, {});
        const everyStep = await train(project, { featureCache: false });
        expect(read(cached.started.frozenBase)).toEqual({
          blocks,
          cached: true,
          code: 'train:frozenBaseCached',
          message: `The frozen base (${blocks} blocks) is computed once per image; only the head trains.`,
          french: `La base gelée (${blocks} blocs) est calculée une seule fois par image ; seule la tête s’entraîne.`,
        });
        expect(everyStep.started.frozenBase).toMatchObject({ blocks, cached: false });
        // The whole model's weights, every one of them, in the same order.
        expect(cached.result.weights!.map((w) => w.name)).toEqual(everyStep.result.weights!.map((w) => w.name));
        for (const [i, w] of cached.result.weights!.entries())
          expect(largest(w.data, everyStep.result.weights![i].data), w.name).toBeLessThanOrEqual(1e-5);
        const initial = initialWeights(graph, 5);
        const frozenNames = new Set(graph.nodes.filter((n) => n.params.trainable === false).map((n) => n.id));
        let moved = 0;
        for (const w of cached.result.weights!) {
          const change = largest(w.data, initial.get(w.name)!.buffer as ArrayBuffer);
          if (frozenNames.has(w.name.split('/')[0])) expect(change, `${w.name} is frozen`).toBe(0);
          else moved = Math.max(moved, change);
        }
        expect(moved).toBeGreaterThan(1e-2);
        for (const [i, m] of cached.result.history.entries()) {
          const o = everyStep.result.history[i];
          expect(m.loss).toBeCloseTo(o.loss, 5);
          expect(m.valLoss!).toBeCloseTo(o.valLoss!, 5);
          expect(m.accuracy).toBe(o.accuracy);
          expect(m.valAccuracy).toBe(o.valAccuracy);
        }
        expect(cached.result.test!.loss).toBeCloseTo(everyStep.result.test!.loss, 5);
        expect(cached.result.test!.confusionMatrix).toEqual(everyStep.result.test!.confusionMatrix);
        // It learned: far above the 10 % of chance on the 10,000 test digits.
        expect(cached.result.test!.accuracy).toBeGreaterThan(0.5);
        expect(cached.events.filter((e) => e.type === 'warning')).toEqual([]);
        // The one pass over the 320 images is counted, before the first step; the every-step run has none.
        const progress = cached.events.filter((e) => e.type === 'baseProgress');
        expect(progress.at(-1)).toEqual({ type: 'baseProgress', images: 320, of: 320 });
        expect(cached.events.findIndex((e) => e.type === 'baseProgress')).toBeLessThan(cached.events.findIndex((e) => e.type === 'batch'));
        expect(everyStep.events.some((e) => e.type === 'baseProgress')).toBe(false);
      },
    );

  it(
    'a network put into a project as a base group, with its pretrained weights: the head trains on its outputs, the base keeps its weights, and the line names it',
    { timeout: 120_000 },
    async () => {
      // The "pretrained" network: its seeded weights stand for those of a run of another project.
      const network = chain(
        ['input', 'Input', { shape: [28, 28, 1] }],
        ['conv1', 'Conv2D', { filters: 8, kernelSize: 3, activation: 'relu' }],
        ['pool1', 'MaxPooling2D', { poolSize: 2 }],
        ['conv2', 'Conv2D', { filters: 8, kernelSize: 3, strides: 2, activation: 'relu' }],
        ['classifier', 'Dense', { units: 5, activation: 'softmax' }],
      );
      const source = compileGraph(tf, network, { seed: 99 });
      const weights = source.weights.map((w) => ({
        name: w.originalName,
        shape: [...w.shape] as number[],
        data: w.read().dataSync() as Float32Array,
      }));
      source.dispose();
      const target = mnistProject(
        chain(['in', 'Input', { shape: [28, 28, 1] }], ['flat', 'Flatten', {}], ['out', 'Dense', { units: 10, activation: 'softmax' }]),
        { epochs: 2 },
      );
      const inserted = insertBase(
        target,
        { name: 'Digits 0–4', source: 'run 1 of Digits 0–4', graph: network, weights },
        { upTo: 'conv2' },
      );
      const project = inserted.project;
      const cached = await train(project, { pretrained: inserted.weights });
      const everyStep = await train(project, { pretrained: inserted.weights, featureCache: false });
      expect(read(cached.started.frozenBase)).toMatchObject({
        blocks: 4,
        cached: true,
        message: 'The frozen base "Digits 0–4" (4 blocks) is computed once per image; only the head trains.',
        french: 'La base gelée « Digits 0–4 » (4 blocs) est calculée une seule fois par image ; seule la tête s’entraîne.',
      });
      for (const [i, w] of cached.result.weights!.entries())
        expect(largest(w.data, everyStep.result.weights![i].data), w.name).toBeLessThanOrEqual(1e-5);
      // The base ends the run with the pretrained weights, not the seeded start of this project.
      for (const p of inserted.weights) {
        const final = cached.result.weights!.find((w) => w.name === p.name)!;
        expect(largest(final.data, (p.data as Float32Array).buffer as ArrayBuffer), p.name).toBe(0);
      }
      expect(cached.result.test!.loss).toBeCloseTo(everyStep.result.test!.loss, 5);
    },
  );

  it(
    'a stop while the base is being computed ends the run there, before the first epoch, with the test evaluated',
    { timeout: 60_000 },
    async () => {
      const control = new TrainingControl();
      const events: TrainingEvent[] = [];
      // Stopped as soon as the run starts: the pass over the base's 2,000 images checks after each batch of 256.
      const result = await runTraining(
        { project: mnistProject(frozenCnn), options: { size: 2000, backend: 'wasm' } },
        (e) => {
          events.push(e);
          if (e.type === 'started') control.stop();
        },
        control,
      );
      expect(result.state).toBe('stopped');
      expect(result.epochsCompleted).toBe(0);
      expect(result.message.code).toBe('train:stoppedComputingBase');
      expect(problemText(result.message, 'en')).toBe('Stopped by you while the frozen base was being computed, before epoch 1.');
      expect(problemText(result.message, 'fr')).toBe('Arrêté par vous pendant le calcul de la base gelée, avant l’époque 1.');
      expect(events.some((e) => e.type === 'batch' || e.type === 'epoch')).toBe(false);
      expect(result.test?.samples).toBe(10_000);
    },
  );

  it('checkpoints carry the whole model’s weights', { timeout: 60_000 }, async () => {
    const { events, result } = await train(mnistProject(frozenCnn, { epochs: 1 }), { checkpoints: true });
    const last = events.find((e) => e.type === 'checkpoint' && e.kind === 'last');
    expect(last?.type === 'checkpoint' && last.weights.map((w) => w.name)).toEqual(result.weights!.map((w) => w.name));
  });

  it('an augmentation block before the base: the base runs at every step and the run says why', { timeout: 60_000 }, async () => {
    const graph = chain(
      ['in', 'Input', { shape: [28, 28, 1] }],
      ['shift', 'RandomTranslation', { heightFactor: 0.1, widthFactor: 0.1 }],
      ['c1', 'Conv2D', { filters: 4, kernelSize: 3, ...frozen }],
      ['flat', 'Flatten', {}],
      ['out', 'Dense', { units: 10, activation: 'softmax' }],
    );
    const { started } = await train(mnistProject(graph, { epochs: 1 }), {});
    expect(read(started.frozenBase)).toMatchObject({
      blocks: 0,
      cached: false,
      message:
        'The frozen blocks run at every step: the augmentation block RandomTranslation "shift" comes before them: it changes every image at every epoch.',
    });
  });

  it('a run with no frozen block says nothing about a base', { timeout: 60_000 }, async () => {
    const graph = chain(
      ['in', 'Input', { shape: [28, 28, 1] }],
      ['flat', 'Flatten', {}],
      ['out', 'Dense', { units: 10, activation: 'softmax' }],
    );
    const { started } = await train(mnistProject(graph, { epochs: 1 }), {});
    expect(started.frozenBase).toBeUndefined();
  });

  it('outputs over the memory set aside: the base runs at every step, and training still completes', { timeout: 60_000 }, async () => {
    const { started } = await train(mnistProject(frozenCnn, { epochs: 1 }), { featureCacheBytes: 1000 });
    expect(started.frozenBase).toMatchObject({ blocks: 5, cached: false });
    expect(read(started.frozenBase)!.message).toMatch(/images would take 369 kB, more than the 1 kB set aside for them/);
  });
});

describe('a frozen BatchNormalization, as in Keras', () => {
  const graph = (trainable: boolean) =>
    chain(
      ['in', 'Input', { shape: [28, 28, 1] }],
      ['c1', 'Conv2D', { filters: 4, kernelSize: 3, strides: 2 }],
      ['bn', 'BatchNormalization', { momentum: 0.5, trainable }],
      ['flat', 'Flatten', {}],
      ['out', 'Dense', { units: 10, activation: 'softmax' }],
    );

  it('normalises with its moving statistics while training too', () => {
    const model = compileGraph(tf, graph(false), { seed: 1 });
    const x = tf.randomUniform([4, 28, 28, 1], 0, 1, 'float32', 3);
    const [training, inference] = [true, false].map((t) => model.apply(x, { training: t }) as tf.Tensor);
    expect(tf.max(tf.abs(tf.sub(training, inference))).dataSync()[0]).toBe(0);
    tf.dispose([x, training, inference]);
    model.dispose();
  });

  it('training leaves its moving mean and variance as they were (a trainable one moves them)', { timeout: 60_000 }, async () => {
    for (const trainable of [false, true]) {
      // Computed at every step, so that it is the BatchNormalization layer itself that is tested.
      const { result } = await train(mnistProject(graph(trainable), { epochs: 1 }), { featureCache: false });
      const initial = initialWeights(graph(trainable), 5);
      for (const name of ['bn/moving_mean', 'bn/moving_variance']) {
        const w = result.weights!.find((x) => x.name === name)!;
        const change = largest(w.data, initial.get(name)!.buffer as ArrayBuffer);
        if (trainable) expect(change, name).toBeGreaterThan(1e-3);
        else expect(change, name).toBe(0);
      }
    }
  });
});
