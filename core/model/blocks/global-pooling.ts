import { layerBlock, type BlockFamily } from './common';
import { requireImage } from './shape-rules';

/** What GlobalAveragePooling2D and GlobalMaxPooling2D share: one value per channel. */
export const globalPoolingBlock: BlockFamily<'GlobalAveragePooling2D' | 'GlobalMaxPooling2D'> = (type, doc, conformance) => {
  const mean = type === 'GlobalAveragePooling2D';
  return layerBlock({
    type,
    category: 'Pooling',
    params: {},
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
  });
};
