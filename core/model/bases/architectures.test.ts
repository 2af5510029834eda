// Each catalogue base, built in the app's blocks, has exactly Keras's `include_top=False`
// parameter count and output shape, and Keras's layer names as block ids.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { efficientNetB0Graph, mobileNetV2Graph, resnet50Graph, vgg16Graph } from './architectures';

const cases = [
  // Keras's counts: the whole network (keras.io/api/applications) less its classifier's Dense (and VGG16's two 4096-unit ones).
  {
    name: 'VGG16',
    build: vgg16Graph,
    total: 14_714_688,
    nonTrainable: 0,
    output: [7, 7, 512],
    small: [1, 1, 512],
    layers: ['block1_conv1', 'block5_pool'],
  },
  {
    name: 'ResNet50',
    build: resnet50Graph,
    total: 23_587_712,
    nonTrainable: 53_120,
    output: [7, 7, 2048],
    small: [1, 1, 2048],
    layers: ['conv1_conv', 'conv4_block6_out', 'conv5_block3_out'],
  },
  {
    name: 'MobileNetV2',
    build: mobileNetV2Graph,
    total: 2_257_984,
    nonTrainable: 34_112,
    output: [7, 7, 1280],
    small: [1, 1, 1280],
    layers: ['Conv1', 'expanded_conv_depthwise', 'block_16_project_BN', 'out_relu'],
  },
  {
    name: 'EfficientNetB0',
    build: efficientNetB0Graph,
    total: 4_049_571,
    nonTrainable: 42_023,
    output: [7, 7, 1280],
    small: [1, 1, 1280],
    layers: ['normalization', 'block1a_se_excite', 'block6d_add', 'top_activation'],
  },
];

describe('the catalogue’s architectures', () => {
  for (const c of cases) {
    it(`${c.name}: Keras’s parameter count and output shape at 224 and at 32, frozen, with Keras’s layer names`, () => {
      const graph = c.build();
      const analysis = analyzeGraph(graph);
      expect(analysis.errors).toEqual([]);
      expect(analysis.totalParams).toBe(c.total);
      expect(analysis.trainableParams).toBe(0);
      expect(analysis.outputs).toHaveLength(1);
      expect(analysis.nodes[analysis.outputs[0]].outputShape).toEqual(c.output);
      const ids = new Set(graph.nodes.map((n) => n.id));
      for (const layer of c.layers) expect(ids).toContain(layer);
      expect(graph.nodes.filter((n) => n.type !== 'Input').every((n) => n.params.trainable === false)).toBe(true);

      const unfrozen = analyzeGraph(c.build({ trainable: true }));
      expect(unfrozen.totalParams).toBe(c.total);
      expect(unfrozen.nonTrainableParams).toBe(c.nonTrainable);

      const small = analyzeGraph(c.build({ size: 32 }));
      expect(small.errors).toEqual([]);
      expect(small.nodes[small.outputs[0]].outputShape).toEqual(c.small);
    });
  }
});
