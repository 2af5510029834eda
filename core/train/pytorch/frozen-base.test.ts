// A frozen base on the PyTorch engine: computed once per image (the generated module's
// `frozen_base` and `head` halves), with the weights the whole model gets when the base runs at
// every step, the same notice as the TensorFlow.js engine, and the same cut on a branching graph.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../../model/graph';
import { TrainingControl } from '../control';
import type { FinalResult, TrainingEvent } from '../events';
import { runTraining, type TrainingOptions } from '../run';
import { problemText } from '../../i18n/translate';
import { findPythonEngine } from './index';
import { chain, mnistProject, relativeDifference } from './test-projects';
import { graphOf } from '../../model/test-graphs';

const engine = await findPythonEngine();
const skipReason = engine.available ? '' : `no Python with torch: ${engine.reason && problemText(engine.reason)}`;

const frozen = { trainable: false };
/** A frozen convolutional base with a frozen BatchNormalization, a Dropout and a Dense head. */
const frozenCnn = chain(
  ['input', 'Input', { shape: [28, 28, 1] }],
  ['conv1', 'Conv2D', { filters: 8, kernelSize: 3, strides: 2, activation: 'relu', ...frozen }],
  ['bn1', 'BatchNormalization', { momentum: 0.5, ...frozen }],
  ['conv2', 'Conv2D', { filters: 8, kernelSize: 3, activation: 'relu', ...frozen }],
  ['pool', 'MaxPooling2D', { poolSize: 2 }],
  ['flatten', 'Flatten', {}],
  ['dense', 'Dense', { units: 32, activation: 'relu' }],
  ['output', 'Dense', { units: 10, activation: 'softmax' }],
);

/** The head takes two of the base's outputs: the flattened Input (into a trainable Dense) and the frozen convolution's. */
const branching: Graph = graphOf(
  [
    ['input', 'Input', { shape: [28, 28, 1] }],
    ['conv', 'Conv2D', { filters: 4, kernelSize: 3, strides: 2, activation: 'relu', ...frozen }],
    ['flatConv', 'Flatten'],
    ['flatInput', 'Flatten'],
    ['pixels', 'Dense', { units: 8, activation: 'relu' }],
    ['joined', 'Concatenate'],
    ['output', 'Dense', { units: 10, activation: 'softmax' }],
  ],
  [
    ['input', 'conv'],
    ['conv', 'flatConv'],
    ['input', 'flatInput'],
    ['flatInput', 'pixels'],
    ['flatConv', 'joined'],
    ['pixels', 'joined'],
    ['joined', 'output'],
  ],
);

async function train(
  graph: Graph,
  options: TrainingOptions,
): Promise<{ result: FinalResult; started: Extract<TrainingEvent, { type: 'started' }>; events: TrainingEvent[] }> {
  const events: TrainingEvent[] = [];
  const project = mnistProject(graph, { optimizer: 'adam', learningRate: 0.002, epochs: 2 });
  const result = await runTraining(
    { project, options: { size: 256, checkpoints: false, ...options } },
    (e) => void events.push(e),
    new TrainingControl(),
  );
  expect(result.state, JSON.stringify(result.message)).toBe('completed');
  return { result, started: events.find((e): e is Extract<TrainingEvent, { type: 'started' }> => e.type === 'started')!, events };
}

/** The largest relative difference between two runs' weights, weight by weight. */
function maxRelativeDifference(a: FinalResult, b: FinalResult): number {
  return Math.max(...a.weights!.map((w, i) => relativeDifference(new Float32Array(w.data), new Float32Array(b.weights![i].data))));
}

describe.skipIf(Boolean(skipReason))('a frozen base on the PyTorch engine', () => {
  it('is computed once per image, says so, and trains the head to the weights the whole model gets', { timeout: 120_000 }, async () => {
    const cached = await train(frozenCnn, { engine: 'pytorch', device: 'cpu' });
    const everyStep = await train(frozenCnn, { engine: 'pytorch', device: 'cpu', featureCache: false });
    expect(cached.started.frozenBase).toMatchObject({ blocks: 5, cached: true, message: { code: 'train:frozenBaseCached' } });
    expect(problemText(cached.started.frozenBase!.message, 'en')).toBe(
      'The frozen base (5 blocks) is computed once per image; only the head trains.',
    );
    expect(problemText(cached.started.frozenBase!.message, 'fr')).toBe(
      'La base gelée (5 blocs) est calculée une seule fois par image ; seule la tête s’entraîne.',
    );
    expect(everyStep.started.frozenBase).toMatchObject({ cached: false });
    expect(problemText(everyStep.started.frozenBase!.message, 'en')).toBe(
      'The frozen base (5 blocks) runs at every step: computing it once was turned off for this run.',
    );
    // The pass over the 256 images (192 to train, 64 to validate) is counted as on the TensorFlow.js engine.
    expect(cached.events.filter((e) => e.type === 'baseProgress').at(-1)).toEqual({ type: 'baseProgress', images: 256, of: 256 });
    expect(everyStep.events.some((e) => e.type === 'baseProgress')).toBe(false);
    // The frozen weights are untouched, the head's moved, and both ways end at the same weights.
    expect(maxRelativeDifference(cached.result, everyStep.result)).toBeLessThanOrEqual(1e-5);
    expect(cached.result.history.map((h) => h.valAccuracy)).toEqual(everyStep.result.history.map((h) => h.valAccuracy));
    expect(cached.result.test!.accuracy).toBe(everyStep.result.test!.accuracy);
    // And the same as the TensorFlow.js engine's own cached run.
    const wasm = await train(frozenCnn, { backend: 'wasm' });
    expect(wasm.started.frozenBase?.cached).toBe(true);
    expect(maxRelativeDifference(cached.result, wasm.result)).toBeLessThanOrEqual(1e-4);
  });

  it(
    'cuts a branching graph where the head takes two of the base’s outputs, and too little memory runs the base at every step',
    { timeout: 120_000 },
    async () => {
      const cached = await train(branching, { engine: 'pytorch', device: 'cpu' });
      const everyStep = await train(branching, { engine: 'pytorch', device: 'cpu', featureCache: false });
      expect(cached.started.frozenBase?.cached).toBe(true);
      expect(maxRelativeDifference(cached.result, everyStep.result)).toBeLessThanOrEqual(1e-5);
      const small = await train(branching, { engine: 'pytorch', device: 'cpu', featureCacheBytes: 1000 });
      expect(small.started.frozenBase?.cached).toBe(false);
      expect(problemText(small.started.frozenBase!.message, 'en')).toMatch(
        /^The frozen base \(3 blocks\) runs at every step: its outputs for the 256 training and validation images would take [\d.]+ MB, more than the 1 kB set aside for them\./,
      );
      expect(maxRelativeDifference(small.result, everyStep.result)).toBe(0);
    },
  );
});
