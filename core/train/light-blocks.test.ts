/**
 * The blocks of light image networks train for real in the app's engine, on the WebAssembly
 * backend (where the depthwise convolution's gradients are the app's own kernels): a small
 * MobileNet-style network with every one of them learns MNIST digits well above chance.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../model/analyze';
import { graphOf } from '../model/test-graphs';
import { TrainingControl } from './control';
import { findPythonEngine } from './pytorch/index';
import { runTraining } from './run';
import { projectOf } from '../model/project-fixtures';

const torch = await findPythonEngine();

const graph = graphOf(
  [
    ['in', 'Input', { shape: [28, 28, 1] }],
    ['pad', 'ZeroPadding2D', { padding: 1 }],
    ['stem', 'Conv2D', { filters: 8, kernelSize: 3, strides: 2, activation: 'relu6' }],
    ['dw', 'DepthwiseConv2D', { kernelSize: 3, padding: 'same', activation: 'relu6' }],
    ['pw', 'Conv2D', { filters: 16, kernelSize: 1, activation: 'hard_swish' }],
    ['sep', 'SeparableConv2D', { filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'swish' }],
    ['gap', 'GlobalAveragePooling2D'],
    ['gate', 'Dense', { units: 16, activation: 'sigmoid' }],
    ['scale', 'Multiply'],
    ['grid', 'Reshape', { targetShape: [4, 4] }],
    ['flat', 'Flatten'],
    ['out', 'Dense', { units: 10, activation: 'softmax' }],
  ],
  // A chain but for the squeeze-and-excitation gate: the pooled features reach Multiply directly and through `gate`.
  [
    ['in', 'pad'],
    ['pad', 'stem'],
    ['stem', 'dw'],
    ['dw', 'pw'],
    ['pw', 'sep'],
    ['sep', 'gap'],
    ['gap', 'gate'],
    ['gap', 'scale'],
    ['gate', 'scale'],
    ['scale', 'grid'],
    ['grid', 'flat'],
    ['flat', 'out'],
  ],
);

function lightProject(epochs: number) {
  return projectOf('light', graph, {
    dataset: { kind: 'builtin', name: 'mnist', size: 1000 },
    training: { optimizer: 'adam', learningRate: 0.01, batchSize: 32, epochs, seed: 2 },
  });
}

describe('the blocks of light image networks', () => {
  it('a MobileNet-style network with all of them trains on WASM and beats chance on the 10,000 test digits', async () => {
    const project = lightProject(10);
    const analysis = analyzeGraph(project.graph);
    expect(analysis.errors).toEqual([]);
    // As Keras counts: stem 3·3·1·8 + 8, dw 3·3·8 + 8, pw 8·16 + 16, sep 3·3·16 + 16·16 + 16, gate 16·16 + 16, out 16·10 + 10.
    expect(analysis.totalParams).toBe(80 + 80 + 144 + 416 + 272 + 170);
    const result = await runTraining({ project, options: { backend: 'wasm', checkpoints: false } }, () => {}, new TrainingControl());
    expect(result.state, JSON.stringify(result.message)).toBe('completed');
    expect(result.history.at(-1)!.loss).toBeLessThan(result.history[0].loss);
    expect(result.test!.samples).toBe(10_000);
    expect(result.test!.accuracy).toBeGreaterThan(0.3);
  }, 240_000);

  it.skipIf(!torch.available)(
    'the same network trains on the PyTorch engine, its weights coming back in the app’s layout',
    async () => {
      const result = await runTraining(
        { project: lightProject(2), options: { engine: 'pytorch', device: 'cpu', checkpoints: false } },
        () => {},
        new TrainingControl(),
      );
      expect(result.state, JSON.stringify(result.message)).toBe('completed');
      expect(result.history[1].loss).toBeLessThan(result.history[0].loss);
      const shapes = Object.fromEntries(result.weights!.map((w) => [w.name, w.shape]));
      expect(shapes['dw/depthwise_kernel']).toEqual([3, 3, 8, 1]);
      expect(shapes['sep/depthwise_kernel']).toEqual([3, 3, 16, 1]);
      expect(shapes['sep/pointwise_kernel']).toEqual([1, 1, 16, 16]);
    },
    240_000,
  );
});
