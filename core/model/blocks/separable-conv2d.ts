import { pair } from '../params';
import { convKernelLayout } from '../weight-layout';
import { convOutputSpecs, convWindowSpecs, filtersSpec, seededKernelInitializer, layerBlock, activationParam } from './common';
import { convolvedSize, describeConvolution, onnxConv, onnxConvOutput } from './conv2d';
import {
  depthwiseKernelLayout,
  depthwiseKernelSizeSpec,
  depthwiseLayerArgs,
  depthwiseTorchConv,
  onnxDepthwiseKernel,
} from './depthwise-conv2d';

/** SeparableConv2D: a depthwise convolution, then a 1×1 convolution that mixes the channels into `filters` maps. */
export const SeparableConv2D = layerBlock({
  type: 'SeparableConv2D',
  category: 'Convolution',
  params: {
    filters: filtersSpec({
      en: 'Number of output channels, made by the 1×1 convolution that mixes the filtered channels.',
      fr: 'Nombre de canaux en sortie, produits par la convolution 1×1 qui mélange les canaux filtrés.',
    }),
    kernelSize: depthwiseKernelSizeSpec,
    ...convWindowSpecs,
    ...convOutputSpecs,
  },
  outputShape([input], params) {
    return [...convolvedSize('SeparableConv2D', input, params), params.filters as number];
  },
  paramCount([input], params) {
    const [kh, kw] = pair(params.kernelSize);
    const middle = input[2];
    const filters = params.filters as number;
    return { trainable: kh * kw * middle + middle * filters + (params.useBias ? filters : 0), nonTrainable: 0 };
  },
  activation: activationParam,
  build: ({ tf, params, name, seed }) =>
    tf.layers.separableConv2d({
      ...depthwiseLayerArgs(tf, params, name, seed),
      filters: params.filters as number,
      pointwiseInitializer: seededKernelInitializer(tf, seed, `${name}/pointwise`),
    }),
  keras: {
    className: 'SeparableConv2D',
    positional: ['filters', 'kernelSize'],
    defaults: { strides: 1, padding: 'valid', activation: 'linear', useBias: true },
  },
  pytorch(w) {
    const p = w.node.params;
    const channels = w.node.inputShapes[0][2];
    const depthwise = depthwiseTorchConv(w, false, 1);
    w.init(
      `self.${w.attr} = nn.Sequential(${depthwise.module}, nn.Conv2d(${channels}, ${p.filters}, kernel_size=1${p.useBias ? '' : ', bias=False'}))`,
    );
    w.state('0.weight', 'depthwise_kernel', depthwiseKernelLayout(pair(p.kernelSize), channels, 1));
    w.state('1.weight', 'pointwise_kernel', convKernelLayout);
    if (p.useBias) w.state('1.bias', 'bias');
    return w.activation(p.activation as string, `self.${w.attr}(${depthwise.input})`);
  },
  onnx(w) {
    const depthwise = onnxConv(w, w.input(0, 'nchw'), onnxDepthwiseKernel(w, 1), w.fresh('depthwise'), false);
    const pointwise = [{ name: 'kernel_shape', type: 'ints' as const, value: [1, 1] }];
    onnxConvOutput(w, depthwise, { name: 'pointwise_kernel', layout: convKernelLayout, attributes: pointwise }, 'pointwise');
  },
  inside: 'conv',
  conformance: [
    { params: { filters: 4, kernelSize: 3, activation: 'relu' }, inputs: [[6, 6, 2]] },
    {
      params: { filters: 3, kernelSize: [3, 2], strides: 2, padding: 'same', activation: 'hard_swish' },
      inputs: [[7, 8, 3]],
      refusedBy: ['tfjs'],
    },
    { params: { filters: 2, kernelSize: 2, strides: [1, 2], useBias: false, activation: 'swish' }, inputs: [[5, 6, 2]] },
  ],
  describe: (params, language) => describeConvolution(`${params.filters} × `, params, language),
  doc: {
    en: {
      summary:
        'Separable convolution: filters each channel apart, then mixes the channels with a 1×1 convolution — Conv2D for far fewer weights.',
      details:
        'First a depthwise convolution: each input channel gets its own kernelSize window. Then a pointwise 1×1 convolution combines those maps into `filters` output channels, plus a bias. It does the work of a Conv2D with kh·kw·cin·filters weights using kh·kw·cin + cin·filters. Parameters: that, plus filters biases. (One window per channel, Keras’s default depth_multiplier of 1: TensorFlow.js does not save another one; for more, use DepthwiseConv2D then a 1×1 Conv2D.)',
      formula: 'out = ⌊(in + 2·pad − kernel) / stride⌋ + 1; y = pointwise(depthwise(x))',
      whenToUse: 'In place of Conv2D when the model must stay small and fast (Xception, MobileNet), once the image has several channels.',
    },
    fr: {
      summary:
        'Convolution séparable : filtre chaque canal séparément, puis mélange les canaux par une convolution 1×1 — une Conv2D avec bien moins de poids.',
      details:
        'D’abord une convolution en profondeur : chaque canal d’entrée a sa propre fenêtre kernelSize. Puis une convolution ponctuelle 1×1 combine ces cartes en `filters` canaux de sortie, plus un biais. Elle fait le travail d’une Conv2D à kh·kw·cin·filters poids avec kh·kw·cin + cin·filters. Paramètres : cela, plus filters biais. (Une fenêtre par canal, le depth_multiplier de 1 par défaut de Keras : TensorFlow.js n’en enregistre pas d’autre ; pour davantage, utilisez DepthwiseConv2D puis une Conv2D 1×1.)',
      formula: 'sortie = ⌊(entrée + 2·pad − noyau) / pas⌋ + 1 ; y = ponctuelle(profondeur(x))',
      whenToUse:
        'À la place de Conv2D quand le modèle doit rester petit et rapide (Xception, MobileNet), une fois que l’image a plusieurs canaux.',
    },
  },
});
