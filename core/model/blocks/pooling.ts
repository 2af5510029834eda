import type { OnnxAttribute } from '../../export/onnx/protobuf';
import { padCode, sizeArg, symmetricPads, noPads } from '../codegen/pytorch-text';
import { pair } from '../params';
import { paddingSpec, stridesSpec, layerBlock, type BlockFamily } from './common';
import { requireImage, slideWindow } from './shape-rules';

/** What MaxPooling2D and AveragePooling2D share: parameters, shape rule and label. */
const SAME_AVG_POOL = `def same_avg_pool(x, kernel_size, stride, padding):
    """Average pooling with Keras's "same" padding: the padded zeros are not counted in the mean."""
    ones = torch.ones_like(x[:, :1])
    total = F.avg_pool2d(F.pad(x, padding), kernel_size, stride, divisor_override=1)
    count = F.avg_pool2d(F.pad(ones, padding), kernel_size, stride, divisor_override=1)
    return total / count
`;

export const poolingBlock: BlockFamily<'MaxPooling2D' | 'AveragePooling2D'> = (type, doc, conformance) => {
  const max = type === 'MaxPooling2D';
  return layerBlock({
    type,
    category: 'Pooling',
    params: {
      poolSize: {
        kind: 'size2',
        default: 2,
        min: 1,
        max: 64,
        help: {
          en: 'Size of the pooling window, e.g. 2 for 2×2 (halves the image).',
          fr: 'Taille de la fenêtre de pooling, par ex. 2 pour 2×2 (divise l’image par deux).',
        },
      },
      strides: stridesSpec(true),
      padding: paddingSpec,
    },
    outputShape([input], params) {
      const image = requireImage(type, input);
      const [h, w] = slideWindow(image, params.poolSize, params.strides ?? params.poolSize, params.padding as string, 'pool', 'poolSize');
      return [h, w, image[2]];
    },
    build({ tf, params, name }) {
      const args = {
        name,
        poolSize: pair(params.poolSize),
        strides: pair(params.strides ?? params.poolSize),
        padding: params.padding as 'valid' | 'same',
        trainable: params.trainable as boolean,
      };
      return type === 'MaxPooling2D' ? tf.layers.maxPooling2d(args) : tf.layers.averagePooling2d(args);
    },
    keras: { className: type, positional: ['poolSize'], defaults: { strides: null, padding: 'valid' } },
    pytorch(w) {
      const { node, attr } = w;
      const input = w.args[0];
      const window = pair(node.params.poolSize);
      const strides = pair(node.params.strides ?? node.params.poolSize);
      const pads = w.windowPads(window, strides);
      const base = [sizeArg(window), ...(strides[0] === window[0] && strides[1] === window[1] ? [] : [`stride=${sizeArg(strides)}`])];
      if (noPads(pads)) {
        w.init(`self.${attr} = nn.${max ? 'MaxPool2d' : 'AvgPool2d'}(${base.join(', ')})`);
        return `self.${attr}(${input})`;
      }
      if (symmetricPads(pads) && pads.top * 2 <= window[0] && pads.left * 2 <= window[1]) {
        const padding = `padding=${sizeArg([pads.top, pads.left])}`;
        w.init(
          `self.${attr} = nn.${max ? 'MaxPool2d' : 'AvgPool2d'}(${[...base, padding, ...(max ? [] : ['count_include_pad=False'])].join(', ')})`,
        );
        return `self.${attr}(${input})`;
      }
      if (max) {
        w.init(`self.${attr} = nn.MaxPool2d(${base.join(', ')})`);
        return `self.${attr}(F.pad(${input}, ${padCode(pads)}, value=float("-inf")))`;
      }
      w.helper('same_avg_pool', SAME_AVG_POOL);
      return `same_avg_pool(${input}, ${sizeArg(window)}, ${sizeArg(strides)}, ${padCode(pads)})`;
    },
    onnx(w) {
      const k = pair(w.node.params.poolSize);
      const s = pair(w.node.params.strides ?? w.node.params.poolSize);
      const attributes: OnnxAttribute[] = [
        { name: 'kernel_shape', type: 'ints', value: k },
        { name: 'strides', type: 'ints', value: s },
        { name: 'pads', type: 'ints', value: w.windowPads(k, s) },
      ];
      // Keras's "same" average leaves the padded zeros out of the mean: count_include_pad = 0 (ONNX's default).
      if (!max) attributes.push({ name: 'count_include_pad', type: 'int', value: 0 });
      w.output('nchw', w.op(max ? 'MaxPool' : 'AveragePool', [w.input(0, 'nchw')], w.outputName('nchw'), attributes));
    },
    inside: 'pooling',
    conformance,
    describe(params, language) {
      const [ph, pw] = pair(params.poolSize);
      const parts = [`${ph}×${pw}`];
      if (params.strides !== null) {
        const [sh, sw] = pair(params.strides);
        if (sh !== ph || sw !== pw) parts.push(`${language === 'fr' ? 'pas' : 'stride'} ${sh === sw ? sh : `${sh}×${sw}`}`);
      }
      if (params.padding === 'same') parts.push('same');
      return parts.join(', ');
    },
    doc,
  });
};

export const poolingFormula = {
  en: 'out = ⌊(in − pool) / stride⌋ + 1  ("valid"; stride defaults to pool) or ⌈in / stride⌉ ("same")',
  fr: 'sortie = ⌊(entrée − fenêtre) / pas⌋ + 1  (« valid » ; le pas vaut la fenêtre par défaut) ou ⌈entrée / pas⌉ (« same »)',
};
