// Each catalogue base, built in the app's blocks, has exactly Keras's `include_top=False`
// parameter count and output shape, and Keras's layer names as block ids.
import { describe, expect, it } from 'vitest';
import { analyzeGraph } from '../analyze';
import { efficientNetB0Graph, mobileNetV2Graph, resnet50Graph, vgg16Graph } from './architectures';

// Keras's counts: the whole network (keras.io/api/applications) less its classifier's Dense (and VGG16's two 4096-unit ones).
// Each ends in `channels` feature maps of 7 × 7 at 224 × 224, and of 1 × 1 at 32 × 32.
const cases: [name: string, build: typeof vgg16Graph, total: number, nonTrainable: number, channels: number, layers: string[]][] = [
  ['VGG16', vgg16Graph, 14_714_688, 0, 512, ['block1_conv1', 'block5_pool']],
  ['ResNet50', resnet50Graph, 23_587_712, 53_120, 2048, ['conv1_conv', 'conv4_block6_out', 'conv5_block3_out']],
  ['MobileNetV2', mobileNetV2Graph, 2_257_984, 34_112, 1280, ['Conv1', 'expanded_conv_depthwise', 'block_16_project_BN', 'out_relu']],
  ['EfficientNetB0', efficientNetB0Graph, 4_049_571, 42_023, 1280, ['normalization', 'block1a_se_excite', 'block6d_add', 'top_activation']],
];

describe('the catalogue’s architectures', () => {
  it.each(cases)(
    '%s: Keras’s parameter count and output shape at 224 and at 32, frozen, with Keras’s layer names',
    (_, build, total, nonTrainable, channels, layers) => {
      const graph = build();
      const analysis = analyzeGraph(graph);
      expect(analysis.errors).toEqual([]);
      expect(analysis.totalParams).toBe(total);
      expect(analysis.trainableParams).toBe(0);
      expect(analysis.outputs).toHaveLength(1);
      expect(analysis.nodes[analysis.outputs[0]].outputShape).toEqual([7, 7, channels]);
      const ids = new Set(graph.nodes.map((n) => n.id));
      for (const layer of layers) expect(ids).toContain(layer);
      expect(graph.nodes.filter((n) => n.type !== 'Input').every((n) => n.params.trainable === false)).toBe(true);

      const unfrozen = analyzeGraph(build({ trainable: true }));
      expect(unfrozen.totalParams).toBe(total);
      expect(unfrozen.nonTrainableParams).toBe(nonTrainable);

      const small = analyzeGraph(build({ size: 32 }));
      expect(small.errors).toEqual([]);
      expect(small.nodes[small.outputs[0]].outputShape).toEqual([1, 1, channels]);
    },
  );
});
