import type { BlockDefinition } from '../block';
import { pair } from '../params';
import { activationSpec, buildRegularizer, kernelRegularizerSpec, paddingSpec, seededKernelInitializer, stridesSpec, trainableSpec, useBiasSpec } from './common';
import { requireImage, slideWindow } from './shape-rules';

export const Conv2D: BlockDefinition = {
  type: 'Conv2D',
  category: 'Convolution',
  params: {
    filters: {
      kind: 'int',
      default: 32,
      min: 1,
      max: 4096,
      help: { en: 'Number of filters, i.e. of output channels (feature maps).', fr: 'Nombre de filtres, c’est-à-dire de canaux (cartes de caractéristiques) en sortie.' },
    },
    kernelSize: {
      kind: 'size2',
      default: 3,
      min: 1,
      max: 64,
      help: { en: 'Size of the window each filter looks at, e.g. 3 for 3×3.', fr: 'Taille de la fenêtre vue par chaque filtre, par ex. 3 pour 3×3.' },
    },
    strides: stridesSpec(false),
    padding: paddingSpec,
    activation: activationSpec('linear'),
    useBias: useBiasSpec,
    kernelRegularizer: kernelRegularizerSpec,
    trainable: trainableSpec,
  },
  inputs: { min: 1, max: 1 },
  outputShape([input], params) {
    const image = requireImage('Conv2D', input);
    const [h, w] = slideWindow(image, params.kernelSize, params.strides, params.padding as string, { en: 'kernel', fr: 'Le noyau' }, 'kernelSize');
    return [h, w, params.filters as number];
  },
  paramCount([input], params) {
    const [kh, kw] = pair(params.kernelSize);
    const filters = params.filters as number;
    return { trainable: kh * kw * input[2] * filters + (params.useBias ? filters : 0), nonTrainable: 0 };
  },
  activation: (params) => params.activation as string,
  build: ({ tf, params, name, seed }) =>
    tf.layers.conv2d({
      name,
      filters: params.filters as number,
      kernelSize: pair(params.kernelSize),
      strides: pair(params.strides),
      padding: params.padding as 'valid' | 'same',
      activation: params.activation as 'relu',
      useBias: params.useBias as boolean,
      kernelRegularizer: buildRegularizer(tf, params.kernelRegularizer),
      kernelInitializer: seededKernelInitializer(tf, seed, name),
      trainable: params.trainable as boolean,
    }),
  describe(params, language) {
    const [kh, kw] = pair(params.kernelSize);
    const [sh, sw] = pair(params.strides);
    const parts = [`${params.filters} × ${kh}×${kw}`];
    if (params.activation !== 'linear') parts.push(params.activation as string);
    if (sh !== 1 || sw !== 1) parts.push(`${language === 'fr' ? 'pas' : 'stride'} ${sh === sw ? sh : `${sh}×${sw}`}`);
    if (params.padding === 'same') parts.push('same');
    return parts.join(', ');
  },
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
};
