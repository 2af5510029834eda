import type { OnnxWriter, PyTorchWriter, ResolvedParams, Tf } from '../block';
import { convPadding, sizeArg, strideOption } from '../codegen/pytorch-text';
import { pair, type IntSpec } from '../params';
import { reshapedLayout, type WeightLayout } from '../weight-layout';
import { convOutputSpecs, convWindowSpecs, seededKernelInitializer, layerBlock, activationParam } from './common';
import { convAttributes, convLayerArgs, convolvedSize, describeConvolution, onnxConvOutput } from './conv2d';

export const depthMultiplierSpec: IntSpec = {
  kind: 'int',
  default: 1,
  min: 1,
  max: 64,
  help: {
    en: 'How many filters each input channel gets: the block outputs channels × depthMultiplier maps.',
    fr: 'Nombre de filtres par canal d’entrée : le bloc produit canaux × depthMultiplier cartes.',
  },
};

export const depthwiseKernelSizeSpec = {
  kind: 'size2' as const,
  default: 3,
  min: 1,
  max: 64,
  help: {
    en: 'Size of the window each channel’s filter looks at, e.g. 3 for 3×3.',
    fr: 'Taille de la fenêtre vue par le filtre de chaque canal, par ex. 3 pour 3×3.',
  },
};

/** Keras's depthwise kernel [kh, kw, channels, multiplier] → PyTorch's grouped Conv2d weight [channels · multiplier, 1, kh, kw] (output channel c · multiplier + m, as TensorFlow orders them). */
export function depthwiseKernelLayout(kernel: [number, number], channels: number, multiplier: number): WeightLayout {
  return reshapedLayout([2, 3, 0, 1], [kernel[0], kernel[1], channels, multiplier], [channels * multiplier, 1, kernel[0], kernel[1]]);
}

/** The depthwise part as PyTorch's grouped Conv2d: its constructor and the padded input it convolves. */
export function depthwiseTorchConv(w: PyTorchWriter, bias: boolean, multiplier: number): { module: string; input: string } {
  const p = w.node.params;
  const channels = w.node.inputShapes[0][2];
  const kernel = pair(p.kernelSize);
  const strides = pair(p.strides);
  const padded = convPadding(w.windowPads(kernel, strides), p.padding, strides, w.args[0]);
  const options = [
    `kernel_size=${sizeArg(kernel)}`,
    ...strideOption(strides),
    ...padded.options,
    `groups=${channels}`,
    ...(bias ? [] : ['bias=False']),
  ];
  return { module: `nn.Conv2d(${channels}, ${channels * multiplier}, ${options.join(', ')})`, input: padded.input };
}

/** The arguments of the tf.js layer of a block with a depthwise part (DepthwiseConv2D, SeparableConv2D). */
export function depthwiseLayerArgs(tf: Tf, params: ResolvedParams, name: string, seed: number | undefined) {
  return { ...convLayerArgs(tf, params, name), depthwiseInitializer: seededKernelInitializer(tf, seed, name) };
}

/** The depthwise part's kernel in ONNX: a Conv with one group per input channel, `multiplier` filters each. */
export function onnxDepthwiseKernel(w: OnnxWriter, multiplier: number) {
  const p = w.node.params;
  const channels = w.node.inputShapes[0][2];
  const k = pair(p.kernelSize);
  return {
    name: 'depthwise_kernel',
    layout: depthwiseKernelLayout(k, channels, multiplier),
    attributes: convAttributes(w, k, pair(p.strides), channels),
  };
}

/** DepthwiseConv2D: one small filter per input channel (times depthMultiplier), no mixing between channels. */
export const DepthwiseConv2D = layerBlock({
  type: 'DepthwiseConv2D',
  category: 'Convolution',
  params: {
    kernelSize: depthwiseKernelSizeSpec,
    ...convWindowSpecs,
    depthMultiplier: depthMultiplierSpec,
    ...convOutputSpecs,
  },
  outputShape([input], params) {
    return [...convolvedSize('DepthwiseConv2D', input, params), input[2] * (params.depthMultiplier as number)];
  },
  paramCount([input], params) {
    const [kh, kw] = pair(params.kernelSize);
    const out = input[2] * (params.depthMultiplier as number);
    return { trainable: kh * kw * out + (params.useBias ? out : 0), nonTrainable: 0 };
  },
  activation: activationParam,
  build: ({ tf, params, name, seed }) =>
    tf.layers.depthwiseConv2d({ ...depthwiseLayerArgs(tf, params, name, seed), depthMultiplier: params.depthMultiplier as number }),
  keras: {
    className: 'DepthwiseConv2D',
    positional: ['kernelSize'],
    defaults: { strides: 1, padding: 'valid', depthMultiplier: 1, activation: 'linear', useBias: true },
  },
  pytorch(w) {
    const p = w.node.params;
    const conv = depthwiseTorchConv(w, p.useBias as boolean, p.depthMultiplier as number);
    w.init(`self.${w.attr} = ${conv.module}`);
    w.state('weight', 'depthwise_kernel', depthwiseKernelLayout(pair(p.kernelSize), w.node.inputShapes[0][2], p.depthMultiplier as number));
    if (p.useBias) w.state('bias', 'bias');
    return w.activation(p.activation as string, `self.${w.attr}(${conv.input})`);
  },
  onnx(w) {
    onnxConvOutput(w, w.input(0, 'nchw'), onnxDepthwiseKernel(w, w.node.params.depthMultiplier as number));
  },
  inside: 'conv',
  conformance: [
    { params: { kernelSize: 3, activation: 'relu6' }, inputs: [[6, 6, 2]] },
    { params: { kernelSize: [3, 2], strides: 2, padding: 'same', depthMultiplier: 2, activation: 'tanh' }, inputs: [[7, 8, 3]] },
    { params: { kernelSize: 2, strides: [2, 1], useBias: false, depthMultiplier: 3 }, inputs: [[5, 5, 2]] },
  ],
  describe: (params, language) =>
    describeConvolution(params.depthMultiplier === 1 ? '' : `× ${params.depthMultiplier}, `, params, language),
  doc: {
    en: {
      summary: 'Depthwise convolution: one small filter per channel, so channels are filtered apart and never mixed.',
      details:
        'Each input channel gets its own kernelSize window of weights (depthMultiplier of them), slid over that channel alone, plus a bias per output channel. With far fewer weights than Conv2D, it finds local patterns in each channel; a 1×1 Conv2D after it mixes the channels (together they make a SeparableConv2D). Parameters: kh·kw·cin·depthMultiplier + cin·depthMultiplier.',
      formula: 'out = ⌊(in + 2·pad − kernel) / stride⌋ + 1; channels out = channels in × depthMultiplier',
      whenToUse:
        'In light networks for phones such as MobileNet, followed by a 1×1 Conv2D, or to filter each channel of an image separately.',
    },
    fr: {
      summary: 'Convolution en profondeur : un petit filtre par canal, les canaux sont filtrés séparément et jamais mélangés.',
      details:
        'Chaque canal d’entrée a sa propre fenêtre de poids kernelSize (depthMultiplier fenêtres), glissée sur ce seul canal, plus un biais par canal de sortie. Avec bien moins de poids que Conv2D, elle repère des motifs locaux dans chaque canal ; une Conv2D 1×1 placée après mélange les canaux (les deux ensemble forment une SeparableConv2D). Paramètres : kh·kw·cin·depthMultiplier + cin·depthMultiplier.',
      formula: 'sortie = ⌊(entrée + 2·pad − noyau) / pas⌋ + 1 ; canaux en sortie = canaux en entrée × depthMultiplier',
      whenToUse:
        'Dans les réseaux légers pour téléphones comme MobileNet, suivie d’une Conv2D 1×1, ou pour filtrer chaque canal d’une image séparément.',
    },
  },
});
