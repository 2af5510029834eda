/**
 * The blocks of light image networks train for real in the app's engine, on the WebAssembly
 * backend (where the depthwise convolution's gradients are the app's own kernels): a small
 * MobileNet-style network with every one of them learns MNIST digits well above chance.
 */
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../model/analyze';
import { parseProject } from '../model/project-io';
import { TrainingControl } from './control';
import { findPythonEngine } from './pytorch/index';
import { runTraining } from './run';

const torch = await findPythonEngine();

const graph = {
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [28, 28, 1] } },
    { id: 'pad', type: 'ZeroPadding2D', params: { padding: 1 } },
    { id: 'stem', type: 'Conv2D', params: { filters: 8, kernelSize: 3, strides: 2, activation: 'relu6' } },
    { id: 'dw', type: 'DepthwiseConv2D', params: { kernelSize: 3, padding: 'same', activation: 'relu6' } },
    { id: 'pw', type: 'Conv2D', params: { filters: 16, kernelSize: 1, activation: 'hard_swish' } },
    { id: 'sep', type: 'SeparableConv2D', params: { filters: 16, kernelSize: 3, strides: 2, padding: 'same', activation: 'swish' } },
    { id: 'gap', type: 'GlobalAveragePooling2D', params: {} },
    { id: 'gate', type: 'Dense', params: { units: 16, activation: 'sigmoid' } },
    { id: 'scale', type: 'Multiply', params: {} },
    { id: 'grid', type: 'Reshape', params: { targetShape: [4, 4] } },
    { id: 'flat', type: 'Flatten', params: {} },
    { id: 'out', type: 'Dense', params: { units: 10, activation: 'softmax' } },
  ],
  edges: [
    { source: 'in', target: 'pad' },
    { source: 'pad', target: 'stem' },
    { source: 'stem', target: 'dw' },
    { source: 'dw', target: 'pw' },
    { source: 'pw', target: 'sep' },
    { source: 'sep', target: 'gap' },
    { source: 'gap', target: 'gate' },
    { source: 'gap', target: 'scale' },
    { source: 'gate', target: 'scale' },
    { source: 'scale', target: 'grid' },
    { source: 'grid', target: 'flat' },
    { source: 'flat', target: 'out' },
  ],
};

function lightProject(epochs: number) {
  return parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'light',
    graph,
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
