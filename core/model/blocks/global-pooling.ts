import type { BlockDefinition, BlockDoc, ConformanceCase } from '../block';
import { trainableSpec } from './common';
import { requireImage } from './shape-rules';

/** What GlobalAveragePooling2D and GlobalMaxPooling2D share: one value per channel. */
export function globalPoolingBlock(
  type: 'GlobalAveragePooling2D' | 'GlobalMaxPooling2D',
  doc: { en: BlockDoc; fr: BlockDoc },
  conformance: ConformanceCase[],
): BlockDefinition {
  const mean = type === 'GlobalAveragePooling2D';
  return {
    type,
    category: 'Pooling',
    params: { trainable: trainableSpec },
    inputs: { min: 1, max: 1 },
    outputShape([input]) {
      return [requireImage(type, input)[2]];
    },
    build: ({ tf, params, name }) => {
      const args = { name, trainable: params.trainable as boolean };
      return type === 'GlobalAveragePooling2D' ? tf.layers.globalAveragePooling2d(args) : tf.layers.globalMaxPooling2d(args);
    },
    keras: { className: type, defaults: { keepdims: false } },
    pytorch: (w) => `${w.args[0]}.${mean ? 'mean' : 'amax'}(dim=(2, 3))`,
    onnx(w) {
      const layout = w.anyLayout(0);
      const axes = layout === 'nhwc' ? [1, 2] : [2, 3];
      const reduce = mean ? 'ReduceMean' : 'ReduceMax';
      w.output(
        'nhwc',
        w.op(reduce, [w.input(0, layout)], w.node.id, [
          { name: 'axes', type: 'ints', value: axes },
          { name: 'keepdims', type: 'int', value: 0 },
        ]),
      );
    },
    conformance,
    describe: (_params, language) =>
      `${type === 'GlobalAveragePooling2D' ? (language === 'fr' ? 'moyenne' : 'mean') : 'max'} ${language === 'fr' ? 'par canal' : 'per channel'}`,
    doc,
  };
}
