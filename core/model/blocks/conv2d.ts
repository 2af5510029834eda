import type { OnnxAttribute } from '../../export/onnx/protobuf';
import type { Language, OnnxWriter, ResolvedParams, Tf } from '../block';
import { convPadding, sizeArg, strideOption } from '../codegen/pytorch-text';
import { pair } from '../params';
import { convKernelLayout, type WeightLayout } from '../weight-layout';
import type { Shape } from '../graph';
import {
  buildRegularizer,
  convOutputSpecs,
  convWindowSpecs,
  filtersSpec,
  kernelRegularizerSpec,
  seededKernelInitializer,
  tfActivation,
  layerBlock,
  activationParam,
} from './common';
import { requireImage, slideWindow } from './shape-rules';

/** ONNX Conv's attributes for a kernel, strides and Keras's padding; `group` > 1 for a depthwise convolution. */
export function convAttributes(w: OnnxWriter, kernel: [number, number], strides: [number, number], group: number): OnnxAttribute[] {
  return [
    { name: 'kernel_shape', type: 'ints', value: kernel },
    { name: 'strides', type: 'ints', value: strides },
    { name: 'pads', type: 'ints', value: w.windowPads(kernel, strides) },
    { name: 'dilations', type: 'ints', value: [1, 1] },
    ...(group > 1 ? [{ name: 'group', type: 'int' as const, value: group }] : []),
  ];
}

/** The rows and columns of a convolution's output: its kernel slid over the image input of block `type`. */
export function convolvedSize(type: string, input: Shape, params: ResolvedParams): [number, number] {
  const image = requireImage(type, input);
  const [h, w] = slideWindow(image, params.kernelSize, params.strides, params.padding as string, 'kernel', 'kernelSize');
  return [h, w];
}

/** The arguments of a tf.js convolution layer that every convolution block sets the same way from its name and parameters. */
export function convLayerArgs(tf: Tf, params: ResolvedParams, name: string) {
  return {
    name,
    kernelSize: pair(params.kernelSize),
    strides: pair(params.strides),
    padding: params.padding as 'valid' | 'same',
    activation: tfActivation(tf, params.activation),
    useBias: params.useBias as boolean,
    trainable: params.trainable as boolean,
  };
}

/** An ONNX Conv of `source` by the block's weight `kernelName` (in PyTorch's layout by `layout`), plus the block's bias with `bias`, into `output`. */
export function onnxConv(
  w: OnnxWriter,
  source: string,
  kernel: { name: string; layout: WeightLayout; attributes: OnnxAttribute[] },
  output: string,
  bias: boolean,
): string {
  const { node } = w;
  const weights = w.weight(kernel.name, kernel.layout);
  const inputs = [source, w.constant(`${node.id}/${kernel.name}`, weights.shape, weights.data)];
  if (bias) {
    const b = w.weight('bias');
    inputs.push(w.constant(`${node.id}/bias`, b.shape, b.data));
  }
  return w.op('Conv', inputs, output, kernel.attributes);
}

/** The block's output: `onnxConv` with its bias when it uses one, then its activation; `step` names the Conv's result when an activation follows. */
export function onnxConvOutput(
  w: OnnxWriter,
  source: string,
  kernel: { name: string; layout: WeightLayout; attributes: OnnxAttribute[] },
  step = 'conv',
): void {
  const p = w.node.params;
  const activation = p.activation as string;
  const conv = onnxConv(w, source, kernel, activation === 'linear' ? w.outputName('nchw') : w.fresh(step), p.useBias as boolean);
  w.output('nchw', w.activation(conv, 'nchw', activation, w.outputName('nchw')));
}

/** A convolution's label: `prefix` and the kernel, then the activation, strides and padding when not the defaults. */
export function describeConvolution(prefix: string, params: ResolvedParams, language?: Language): string {
  const [kh, kw] = pair(params.kernelSize);
  const [sh, sw] = pair(params.strides);
  const parts = [`${prefix}${kh}×${kw}`];
  if (params.activation !== 'linear') parts.push(params.activation as string);
  if (sh !== 1 || sw !== 1) parts.push(`${language === 'fr' ? 'pas' : 'stride'} ${sh === sw ? sh : `${sh}×${sw}`}`);
  if (params.padding === 'same') parts.push('same');
  return parts.join(', ');
}

export const Conv2D = layerBlock({
  type: 'Conv2D',
  category: 'Convolution',
  params: {
    filters: filtersSpec({
      en: 'Number of filters, i.e. of output channels (feature maps).',
      fr: 'Nombre de filtres, c’est-à-dire de canaux (cartes de caractéristiques) en sortie.',
    }),
    kernelSize: {
      kind: 'size2',
      default: 3,
      min: 1,
      max: 64,
      help: {
        en: 'Size of the window each filter looks at, e.g. 3 for 3×3.',
        fr: 'Taille de la fenêtre vue par chaque filtre, par ex. 3 pour 3×3.',
      },
    },
    ...convWindowSpecs,
    ...convOutputSpecs,
    kernelRegularizer: kernelRegularizerSpec,
  },
  outputShape([input], params) {
    return [...convolvedSize('Conv2D', input, params), params.filters as number];
  },
  paramCount([input], params) {
    const [kh, kw] = pair(params.kernelSize);
    const filters = params.filters as number;
    return { trainable: kh * kw * input[2] * filters + (params.useBias ? filters : 0), nonTrainable: 0 };
  },
  activation: activationParam,
  build: ({ tf, params, name, seed }) =>
    tf.layers.conv2d({
      ...convLayerArgs(tf, params, name),
      filters: params.filters as number,
      kernelRegularizer: buildRegularizer(tf, params.kernelRegularizer),
      kernelInitializer: seededKernelInitializer(tf, seed, name),
    }),
  keras: {
    className: 'Conv2D',
    positional: ['filters', 'kernelSize'],
    defaults: { strides: 1, padding: 'valid', activation: 'linear', useBias: true, kernelRegularizer: null },
  },
  pytorch(w) {
    const { node, attr } = w;
    const p = node.params;
    const kernel = pair(p.kernelSize);
    const strides = pair(p.strides);
    const padded = convPadding(w.windowPads(kernel, strides), p.padding, strides, w.args[0]);
    const options = [`kernel_size=${sizeArg(kernel)}`, ...strideOption(strides), ...padded.options];
    if (!p.useBias) options.push('bias=False');
    w.init(`self.${attr} = nn.Conv2d(${node.inputShapes[0][2]}, ${p.filters}, ${options.join(', ')})`);
    w.state('weight', 'kernel', convKernelLayout);
    if (p.useBias) w.state('bias', 'bias');
    return w.activation(p.activation as string, `self.${attr}(${padded.input})`);
  },
  onnx(w) {
    const p = w.node.params;
    const attributes = convAttributes(w, pair(p.kernelSize), pair(p.strides), 1);
    onnxConvOutput(w, w.input(0, 'nchw'), { name: 'kernel', layout: convKernelLayout, attributes });
  },
  inside: 'conv',
  conformance: [
    { params: { filters: 3, kernelSize: 3, activation: 'relu' }, inputs: [[8, 8, 1]] },
    { params: { filters: 2, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'tanh' }, inputs: [[7, 9, 3]] },
    { params: { filters: 4, kernelSize: 2, strides: [2, 1], useBias: false, kernelRegularizer: { l2: 0.01 } }, inputs: [[6, 5, 2]] },
    { params: { filters: 2, kernelSize: 5, activation: 'gelu', kernelRegularizer: { l1: 0.01, l2: 0.01 } }, inputs: [[5, 5, 2]] },
  ],
  describe: (params, language) => describeConvolution(`${params.filters} × `, params, language),
  doc: {
    en: {
      summary: '2-D convolution: slides small learned filters over the image to detect local patterns.',
      details:
        'Each filter is a kernelSize × kernelSize × channels window of weights. At every position it computes a weighted sum of the pixels under it plus a bias, giving one feature map per filter. Weights are shared across positions, so a pattern is found wherever it appears. Parameters: kh·kw·cin·filters + filters.',
      formula: 'out = ⌊(in + 2·pad − kernel) / stride⌋ + 1  ("valid": pad = 0; "same": out = ⌈in / stride⌉)',
      whenToUse: 'On images, stacked with pooling: early layers find edges, later layers find shapes.',
    },
    fr: {
      summary: 'Convolution 2D : fait glisser de petits filtres appris sur l’image pour détecter des motifs locaux.',
      details:
        'Chaque filtre est une fenêtre de poids kernelSize × kernelSize × canaux. À chaque position, il calcule la somme pondérée des pixels couverts plus un biais, ce qui donne une carte de caractéristiques par filtre. Les poids sont partagés entre les positions : un motif est reconnu où qu’il soit. Paramètres : kh·kw·cin·filters + filters.',
      formula: 'sortie = ⌊(entrée + 2·pad − noyau) / pas⌋ + 1  (« valid » : pad = 0 ; « same » : sortie = ⌈entrée / pas⌉)',
      whenToUse: 'Sur des images, en alternance avec du pooling : les premières couches repèrent des contours, les suivantes des formes.',
    },
  },
});
