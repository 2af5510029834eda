// The catalogue of well-known pretrained bases: Keras Applications' ImageNet weights without the
// classifier (`include_top=False`). Addresses and checksums are Keras's own (keras/src/applications/
// vgg16.py, resnet.py, mobilenet_v2.py, efficientnet.py); parameter counts are Keras's
// `model.summary()` of the network without its classifier. Browser-safe.
import type { Graph } from '../graph';
import type { Localized } from '../localized';
import { efficientNetB0Graph, mobileNetV2Graph, resnet50Graph, vgg16Graph, type ArchitectureOptions } from './architectures';

export const pretrainedBaseIds = ['vgg16', 'resnet50', 'mobilenet_v2', 'efficientnet_b0'] as const;
export type PretrainedBaseId = (typeof pretrainedBaseIds)[number];

/** A block put in front of a base to give it the inputs it was trained on, from the app's images (values in [0, 1]). */
export interface PreprocessingBlock {
  id: string;
  type: 'Rescaling' | 'Normalization';
  params: Record<string, unknown>;
  /** Its weights (Normalization's mean, variance and count), by weight name. */
  weights?: Record<string, number[]>;
}

/** A weight as loaded from the file, by `block/weight` name. */
export interface LoadedWeight {
  shape: number[];
  data: Float32Array;
}

/** The facts of one base, as the catalogue shows them. */
export interface PretrainedBaseFacts {
  id: PretrainedBaseId;
  name: string;
  /** Square input images: Keras's default side, and the smallest Keras accepts without the classifier. */
  inputSize: { default: number; min: number };
  /** Parameters as Keras counts them without the classifier (all frozen in the base). */
  params: number;
  /** The base's output at the default input size. */
  outputShape: number[];
  licence: { name: string; url: string; origin: Localized };
  download: {
    /** The official address of the weights file. */
    url: string;
    file: string;
    /** Keras's published digest of the file; absent where Keras publishes none. */
    checksum?: { algorithm: 'md5' | 'sha256'; value: string };
  };
  /** The size Keras's documentation gives for the whole network with its classifier, in MB; the file without it is smaller and its size is not published. */
  sizeWithClassifierMB: number;
  /** The preprocessing Keras's `preprocess_input` does, in words. */
  preprocessing: Localized;
  notes: Localized[];
  reference: string;
}

export interface PretrainedBaseEntry extends PretrainedBaseFacts {
  /** The network in the app's blocks, from its Input, with Keras's layer names as block ids. */
  build(options?: ArchitectureOptions): Graph;
  /** The blocks put between the Input and the base. */
  preprocessingBlocks: PreprocessingBlock[];
  /** Changes made to the file's weights at load (by block/weight name), each said in `notes`. */
  foldAtLoad?(weights: Map<string, LoadedWeight>): void;
}

const KERAS_APPLICATIONS = 'https://storage.googleapis.com/tensorflow/keras-applications';

/** Keras's "caffe" mode: RGB→BGR, then ImageNet's mean of each channel subtracted (0–255 pixels). The flip goes into the first convolution's kernel at load, so the blocks see RGB. */
const caffePreprocessing: PreprocessingBlock[] = [
  { id: 'preprocess_scale', type: 'Rescaling', params: { scale: 255, offset: 0 } },
  // ImageNet's channel means, in RGB order (Keras subtracts [103.939, 116.779, 123.68] from BGR).
  {
    id: 'preprocess_mean',
    type: 'Normalization',
    params: {},
    weights: { mean: [123.68, 116.779, 103.939], variance: [1, 1, 1], count: [0] },
  },
];

const caffeWords: Localized = {
  en: 'Keras’s “caffe” mode: pixels back to 0–255 and ImageNet’s mean of each channel subtracted (Rescaling × 255, then Normalization). Keras also turns RGB into BGR; here that reversal is put into the first convolution’s kernel when the weights load, so the images stay RGB.',
  fr: 'Mode « caffe » de Keras : pixels ramenés à 0–255 et moyenne d’ImageNet de chaque canal soustraite (Rescaling × 255, puis Normalization). Keras passe aussi de RVB à BVR ; ici cette inversion est faite dans le noyau de la première convolution au chargement des poids, et les images restent en RVB.',
};

/** Reverses the input-channel axis (2) of a [kh, kw, 3, filters] kernel: the network's BGR input becomes RGB. */
export function flipInputChannels(weights: Map<string, LoadedWeight>, name: string): void {
  const kernel = weights.get(name);
  if (!kernel) return;
  const [kh, kw, channels, filters] = kernel.shape;
  const data = new Float32Array(kernel.data.length);
  for (let p = 0; p < kh * kw; p++)
    for (let c = 0; c < channels; c++)
      for (let f = 0; f < filters; f++)
        data[(p * channels + c) * filters + f] = kernel.data[(p * channels + (channels - 1 - c)) * filters + f];
  weights.set(name, { shape: kernel.shape, data });
}

const flipNote = (conv: string): Localized => ({
  en: `The RGB→BGR reversal of Keras’s preprocessing is folded into ${conv}’s kernel at load (its input channels reversed): the same output for RGB images.`,
  fr: `L’inversion RVB→BVR du prétraitement de Keras est intégrée au noyau de ${conv} au chargement (ses canaux d’entrée inversés) : la même sortie pour des images RVB.`,
});

const keras = (file: string) => `https://github.com/keras-team/keras/blob/master/keras/src/applications/${file}`;

/** EfficientNet's ImageNet standard deviations, by which Keras divides once more after its Normalization (keras/src/applications/efficientnet.py). */
const IMAGENET_STDDEV_RGB = [0.229, 0.224, 0.225];

const licences = {
  'CC BY 4.0': 'https://creativecommons.org/licenses/by/4.0/',
  MIT: 'https://opensource.org/licenses/MIT',
  'Apache 2.0': 'https://www.apache.org/licenses/LICENSE-2.0',
} as const;

/** What sets one Keras Application apart; every one takes 224×224 images by default (32 at the least) and gives a 7×7 map there. */
interface KerasApplication extends Pick<
  PretrainedBaseEntry,
  'id' | 'name' | 'params' | 'sizeWithClassifierMB' | 'preprocessing' | 'notes' | 'build' | 'preprocessingBlocks' | 'foldAtLoad'
> {
  /** Channels of the 7×7 output. */
  outputChannels: number;
  licence: keyof typeof licences;
  /** Who released the weights. */
  origin: Localized;
  /** The weights file's address; the file keeps its name. */
  url: string;
  /** Keras's published md5 digest of the file, where it publishes one. */
  md5?: string;
  /** Keras's source file of the network. */
  source: string;
}

function kerasApplication(app: KerasApplication): PretrainedBaseEntry {
  const { id, name, params, outputChannels, licence, origin, url, md5, sizeWithClassifierMB, preprocessing, notes, source, ...rest } = app;
  return {
    id,
    name,
    inputSize: { default: 224, min: 32 },
    params,
    outputShape: [7, 7, outputChannels],
    licence: { name: licence, url: licences[licence], origin },
    download: { url, file: url.slice(url.lastIndexOf('/') + 1), ...(md5 ? { checksum: { algorithm: 'md5' as const, value: md5 } } : {}) },
    sizeWithClassifierMB,
    preprocessing,
    notes,
    reference: keras(source),
    ...rest,
  };
}

/** A Keras Application in "caffe" mode whose first convolution, `conv`, takes the RGB→BGR reversal at load. */
function caffeApplication(
  app: Omit<KerasApplication, 'preprocessing' | 'notes' | 'preprocessingBlocks' | 'foldAtLoad'>,
  conv: string,
): PretrainedBaseEntry {
  return kerasApplication({
    ...app,
    preprocessing: caffeWords,
    notes: [flipNote(conv)],
    preprocessingBlocks: caffePreprocessing,
    foldAtLoad: (weights) => flipInputChannels(weights, `${conv}/kernel`),
  });
}

export const pretrainedBases: readonly PretrainedBaseEntry[] = [
  caffeApplication(
    {
      id: 'vgg16',
      name: 'VGG16',
      params: 14_714_688,
      outputChannels: 512,
      licence: 'CC BY 4.0',
      origin: {
        en: 'Weights released by the Visual Geometry Group (Oxford), ported by Keras.',
        fr: 'Poids publiés par le Visual Geometry Group (Oxford), portés par Keras.',
      },
      url: `${KERAS_APPLICATIONS}/vgg16/vgg16_weights_tf_dim_ordering_tf_kernels_notop.h5`,
      md5: '6d6bbae143d832006294945121d1f1fc',
      sizeWithClassifierMB: 528,
      source: 'vgg16.py',
      build: vgg16Graph,
    },
    'block1_conv1',
  ),
  caffeApplication(
    {
      id: 'resnet50',
      name: 'ResNet50',
      params: 23_587_712,
      outputChannels: 2048,
      licence: 'MIT',
      origin: { en: 'Weights released by Kaiming He, ported by Keras.', fr: 'Poids publiés par Kaiming He, portés par Keras.' },
      url: `${KERAS_APPLICATIONS}/resnet/resnet50_weights_tf_dim_ordering_tf_kernels_notop.h5`,
      md5: '4d473c1dd8becc155b73f8504c6f6626',
      sizeWithClassifierMB: 98,
      source: 'resnet.py',
      build: resnet50Graph,
    },
    'conv1_conv',
  ),
  kerasApplication({
    id: 'mobilenet_v2',
    name: 'MobileNetV2 (alpha 1.0)',
    params: 2_257_984,
    outputChannels: 1280,
    licence: 'Apache 2.0',
    origin: {
      en: 'Weights released by Google (TensorFlow models), ported by Keras.',
      fr: 'Poids publiés par Google (TensorFlow models), portés par Keras.',
    },
    url: `${KERAS_APPLICATIONS}/mobilenet_v2/mobilenet_v2_weights_tf_dim_ordering_tf_kernels_1.0_224_no_top.h5`,
    sizeWithClassifierMB: 14,
    preprocessing: {
      en: 'Keras’s “tf” mode: pixels from 0–1 to −1…1 (Rescaling × 2 − 1).',
      fr: 'Mode « tf » de Keras : pixels de 0–1 vers −1…1 (Rescaling × 2 − 1).',
    },
    notes: [
      {
        en: 'Keras publishes no checksum for this file: it is checked by its layers (names and shapes) when added to a project.',
        fr: 'Keras ne publie pas de somme de contrôle pour ce fichier : il est vérifié par ses couches (noms et formes) quand il est ajouté à un projet.',
      },
      {
        en: 'The ZeroPadding2D layers before the stride-2 depthwise convolutions are those convolutions’ padding “same” here: the same pixels, and they have no weights. Keras’s ReLU(6) layers are Activation relu6 blocks.',
        fr: 'Les couches ZeroPadding2D avant les convolutions en profondeur de pas 2 sont ici le padding « same » de ces convolutions : les mêmes pixels, et elles n’ont pas de poids. Les couches ReLU(6) de Keras sont des blocs Activation relu6.',
      },
    ],
    source: 'mobilenet_v2.py',
    build: mobileNetV2Graph,
    preprocessingBlocks: [{ id: 'preprocess_scale', type: 'Rescaling', params: { scale: 2, offset: -1 } }],
  }),
  kerasApplication({
    id: 'efficientnet_b0',
    name: 'EfficientNetB0',
    params: 4_049_571,
    outputChannels: 1280,
    licence: 'Apache 2.0',
    origin: {
      en: 'Weights released by Google (TensorFlow TPU models), ported by Keras.',
      fr: 'Poids publiés par Google (modèles TPU de TensorFlow), portés par Keras.',
    },
    url: 'https://storage.googleapis.com/keras-applications/efficientnetb0_notop.h5',
    md5: '50bc09e76180e00e4465e1a485ddc09d',
    sizeWithClassifierMB: 29,
    preprocessing: {
      en: 'Inside the network, as in Keras: its own Rescaling (1/255) and Normalization (ImageNet’s mean and standard deviation), after a Rescaling × 255 that brings the app’s 0–1 pixels to the 0–255 it expects.',
      fr: 'Dans le réseau, comme dans Keras : ses propres Rescaling (1/255) et Normalization (moyenne et écart type d’ImageNet), après un Rescaling × 255 qui ramène les pixels 0–1 de l’app aux 0–255 attendus.',
    },
    notes: [
      {
        en: 'The drop-connect Dropout layers (block*_drop) are left out: they have no weights and only act while training a base that is not frozen.',
        fr: 'Les couches Dropout de drop-connect (block*_drop) sont omises : elles n’ont pas de poids et n’agissent qu’à l’entraînement d’une base non gelée.',
      },
      {
        en: 'The ZeroPadding2D layers before the stride-2 convolutions are those convolutions’ padding “same” here (the same pixels, no weights); Keras’s second Rescaling (by 1/√stddev, after the Normalization) is folded into the Normalization’s variance at load.',
        fr: 'Les couches ZeroPadding2D avant les convolutions de pas 2 sont ici le padding « same » de ces convolutions (les mêmes pixels, sans poids) ; le second Rescaling de Keras (par 1/√écart type, après la Normalization) est intégré à la variance de la Normalization au chargement.',
      },
    ],
    source: 'efficientnet.py',
    build: efficientNetB0Graph,
    preprocessingBlocks: [{ id: 'preprocess_scale', type: 'Rescaling', params: { scale: 255, offset: 0 } }],
    foldAtLoad(weights) {
      // Keras: (x − mean) / √variance, then × 1/√stddev: one Normalization whose variance is variance · stddev.
      const variance = weights.get('normalization/variance');
      if (variance)
        weights.set('normalization/variance', {
          shape: variance.shape,
          data: Float32Array.from(variance.data, (v, c) => v * IMAGENET_STDDEV_RGB[c]),
        });
    },
  }),
];

export function pretrainedBase(id: string): PretrainedBaseEntry | undefined {
  return pretrainedBases.find((b) => b.id === id);
}

/** The facts of an entry, without its functions (what the API sends). */
export function baseFacts(entry: PretrainedBaseEntry): PretrainedBaseFacts {
  const { build: _build, preprocessingBlocks: _blocks, foldAtLoad: _fold, ...facts } = entry;
  return facts;
}
