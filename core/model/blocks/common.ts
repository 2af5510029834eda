import type { BlockDefinition, BlockDoc, ConformanceCase, OnnxLayout, OnnxWriter, ResolvedParams, Tf } from '../block';
import type { BoolSpec, EnumSpec, FloatSpec, IntSpec, Localized, RangeSpec, RegularizerSpec, Size2Spec } from '../params';
import { formatShape, type Shape } from '../graph';
import { ShapeError } from '../issues';
import { problem } from '../../i18n/catalogue';

/** Parameter specs shared by several blocks, so that the same parameter reads the same everywhere. */

export const trainableSpec: BoolSpec = {
  kind: 'bool',
  default: true,
  help: {
    en: 'When off, the weights of this block are frozen: training leaves them as they are (transfer learning).',
    fr: "Désactivé, les poids de ce bloc sont gelés : l'entraînement ne les modifie pas (apprentissage par transfert).",
  },
};

/** A function that makes each block of a family (e.g. MaxPooling2D and AveragePooling2D) from its type, documentation and conformance cases. */
export type BlockFamily<T extends string> = (
  type: T,
  doc: { en: BlockDoc; fr: BlockDoc },
  conformance: ConformanceCase[],
) => BlockDefinition;

/**
 * A block that becomes one Keras layer, as every block but Input does: its parameters end with
 * `trainable` (any layer can be frozen), and it takes one input unless `inputs` says otherwise.
 */
export function layerBlock(block: Omit<BlockDefinition, 'inputs'> & Partial<Pick<BlockDefinition, 'inputs'>>): BlockDefinition {
  return { ...block, params: { ...block.params, trainable: trainableSpec }, inputs: block.inputs ?? { min: 1, max: 1 } };
}

/**
 * Activations of Keras, under Keras's names. TensorFlow.js provides all of them under the same
 * name but `hard_swish`, which the app registers itself (see `tfActivation`). `swish` is Keras's
 * name for what PyTorch calls SiLU.
 */
export const activations = [
  'linear',
  'relu',
  'sigmoid',
  'tanh',
  'softmax',
  'elu',
  'selu',
  'softplus',
  'softsign',
  'swish',
  'gelu',
  'relu6',
  'hard_swish',
] as const;

/** Activations the app gives TensorFlow.js itself: a model.json that uses them does not load in stock TensorFlow.js. */
export const customActivations: readonly string[] = ['hard_swish'];

/** Block types whose TensorFlow.js layer is the app's own class (stock TensorFlow.js has none), registered by `registerCustomLayers`. */
export const customLayerTypes: readonly string[] = ['Normalization'];

const registeredActivations = new WeakSet<object>();

/**
 * The TensorFlow.js activation for a Keras name, registering the ones TensorFlow.js lacks
 * (hard_swish(x) = x · relu6(x + 3) / 6, as Keras and PyTorch define it) the first time.
 */
export function tfActivation(tf: Tf, name: unknown): 'relu' {
  if (customActivations.includes(name as string) && !registeredActivations.has(tf.serialization)) {
    class HardSwish extends tf.serialization.Serializable {
      static className = 'hard_swish';
      apply(x: ReturnType<Tf['tensor']>) {
        return tf.tidy(() => tf.mul(x, tf.div(tf.clipByValue(tf.add(x, 3), 0, 6), 6)));
      }
      getConfig() {
        return {};
      }
    }
    // A saved model's "hard_swish" comes back as "hardSwish" (tf.js turns snake_case names into camelCase when it loads one).
    class HardSwishLoaded extends HardSwish {
      static override className = 'hardSwish';
    }
    tf.serialization.registerClass(HardSwish);
    tf.serialization.registerClass(HardSwishLoaded);
    registeredActivations.add(tf.serialization);
  }
  return name as 'relu';
}

export function activationSpec(defaultValue: (typeof activations)[number]): EnumSpec {
  return enumSpec(activations, defaultValue, {
    en: 'Function applied to each output value. "linear" means none; "relu" for hidden layers; "softmax" for class probabilities at the output; "relu6", "swish" (SiLU) and "hard_swish" as in MobileNet and EfficientNet.',
    fr: 'Fonction appliquée à chaque valeur de sortie. « linear » : aucune ; « relu » pour les couches cachées ; « softmax » pour des probabilités de classes en sortie ; « relu6 », « swish » (SiLU) et « hard_swish » comme dans MobileNet et EfficientNet.',
  });
}

/** The activation a block with an `activation` parameter (see activationSpec) applies: that parameter. */
export const activationParam = (params: ResolvedParams): string => params.activation as string;

export const useBiasSpec: BoolSpec = {
  kind: 'bool',
  default: true,
  help: { en: 'Adds a learned bias to each output.', fr: 'Ajoute un biais appris à chaque sortie.' },
};

/** A choice among `values`, `defaultValue` when unset. */
function enumSpec(values: readonly string[], defaultValue: string, help: Localized): EnumSpec {
  return { kind: 'enum', default: defaultValue, values, help };
}

export const paddingSpec = enumSpec(['valid', 'same'], 'valid', {
  en: '"valid": no padding, the image shrinks. "same": pads with zeros so that, with stride 1, the output keeps the input size.',
  fr: "« valid » : pas de remplissage, l'image rétrécit. « same » : complète par des zéros pour que, avec un pas de 1, la sortie garde la taille de l'entrée.",
});

export const kernelRegularizerSpec: RegularizerSpec = {
  kind: 'regularizer',
  default: null,
  help: {
    en: 'Weight penalty added to the loss: {"l2": 0.001} (weight decay) or {"l1": 0.001}; none when empty.',
    fr: 'Pénalité sur les poids ajoutée à la perte : {"l2": 0.001} (décroissance des poids) ou {"l1": 0.001} ; aucune si vide.',
  },
};

export function stridesSpec(nullable: boolean): Size2Spec {
  return {
    kind: 'size2',
    default: nullable ? null : 1,
    min: 1,
    max: 64,
    ...(nullable ? { nullable: true } : {}),
    help: nullable
      ? {
          en: 'Step between two windows; empty means the pool size (windows do not overlap).',
          fr: 'Pas entre deux fenêtres ; vide signifie la taille de la fenêtre (pas de chevauchement).',
        }
      : {
          en: 'Step between two positions of the kernel; 2 halves the image size.',
          fr: 'Pas entre deux positions du noyau ; 2 divise la taille de l’image par deux.',
        },
  };
}

/** The parameters every convolution has after its kernel size: how the kernel slides. */
export const convWindowSpecs = { strides: stridesSpec(false), padding: paddingSpec };

/** The parameters of a convolution's output: its activation (none by default) and bias. */
export const convOutputSpecs = { activation: activationSpec('linear'), useBias: useBiasSpec };

/** The number of filters (output channels) of a convolution; `help` says what makes them. */
export function filtersSpec(help: Localized): IntSpec {
  return { kind: 'int', default: 32, min: 1, max: 4096, help };
}

/** An axis of a block's input, -1 (the last) by default; `help` says what the block does along it. */
export function axisSpec(help: Localized): IntSpec {
  return { kind: 'int', default: -1, min: -3, max: 3, help };
}

const fillModeSpec = enumSpec(['reflect', 'wrap', 'constant', 'nearest'], 'reflect', {
  en: 'How to fill the pixels that come from outside the image: mirror it ("reflect"), repeat it ("wrap"), use `fillValue` ("constant") or the nearest edge pixel ("nearest").',
  fr: "Comment remplir les pixels venant de l'extérieur de l'image : miroir (« reflect »), répétition (« wrap »), valeur `fillValue` (« constant ») ou pixel du bord le plus proche (« nearest »).",
});

const interpolationSpec = enumSpec(['bilinear', 'nearest'], 'bilinear', {
  en: 'How pixel values between grid points are computed.',
  fr: 'Comment calculer les valeurs des pixels entre les points de la grille.',
});

const fillValueSpec: FloatSpec = {
  kind: 'float',
  default: 0,
  min: -65_535,
  max: 65_535,
  help: {
    en: 'Value of the outside pixels when `fillMode` is "constant".',
    fr: 'Valeur des pixels extérieurs quand `fillMode` vaut « constant ».',
  },
};

/** How an image moved by an affine transform (RandomRotation, RandomTranslation, RandomZoom) is filled and sampled. */
export const affineFillSpecs = { fillMode: fillModeSpec, interpolation: interpolationSpec, fillValue: fillValueSpec };

/**
 * Keras defaults to [0, 255]; here the data sets arrive scaled to 0–1, so [0, 1] is the default
 * (Keras's would turn a 0.2 brightness factor into a shift of ±51 on 0–1 pixels).
 */
export const valueRangeSpec: RangeSpec = {
  kind: 'range',
  default: [0, 1],
  min: -65_535,
  max: 65_535,
  help: {
    en: 'Range of the pixel values: [0, 1] for images scaled to 0–1 (as Neuroblocks loads them), [0, 255] for raw pixels. Results are clipped to it.',
    fr: 'Plage des valeurs des pixels : [0, 1] pour des images ramenées entre 0 et 1 (comme Neuroblocks les charge), [0, 255] pour des pixels bruts. Le résultat y est borné.',
  },
};

/** A short, readable number for node labels: 0.2, 1e-3, 0.00392. */
export function formatNumber(value: number, language: 'en' | 'fr' = 'en'): string {
  const text = Number.isInteger(value)
    ? String(value)
    : Math.abs(value) < 1e-3
      ? value.toExponential(0)
      : String(Number(value.toPrecision(3)));
  return language === 'fr' ? text.replace('.', ',') : text;
}

/** `f` → "±f", `[a, b]` → "a…b", as augmentation factors are given. */
export function formatFactor(value: unknown, language: 'en' | 'fr' = 'en'): string {
  if (value === null || value === undefined) return '–';
  if (Array.isArray(value)) return `${formatNumber(value[0] as number, language)}…${formatNumber(value[1] as number, language)}`;
  return `±${formatNumber(value as number, language)}`;
}

/** tf.regularizers.l1l2 from `{"l1": x, "l2": y}`, or undefined. */
export function buildRegularizer(tf: Tf, value: unknown) {
  if (value === null || value === undefined) return undefined;
  const { l1, l2 } = value as { l1?: number; l2?: number };
  return tf.regularizers.l1l2({ l1: l1 ?? 0, l2: l2 ?? 0 });
}

/** A per-layer seed derived from the run seed and the layer name, so layers draw different numbers. */
export function layerSeed(seed: number | undefined, name: string): number | undefined {
  if (seed === undefined) return undefined;
  let h = (seed ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193) >>> 0;
  return h % 2_147_483_647;
}

/**
 * Keras's default kernel initializer, Glorot uniform (tf.js defaults to Glorot normal),
 * seeded from the run seed when there is one so that a run can be replayed.
 */
export function seededKernelInitializer(tf: Tf, seed: number | undefined, name: string) {
  const s = layerSeed(seed, name);
  return tf.initializers.glorotUniform(s === undefined ? {} : { seed: s });
}

/** The layout a merge works in: NCHW when every input image already has it (no Transpose needed), NHWC otherwise. */
export function mergeLayout(w: OnnxWriter): OnnxLayout {
  const image = w.node.outputShape.length === 3;
  return image && w.node.inputs.every((_, i) => w.hasLayout(i, 'nchw')) ? 'nchw' : 'nhwc';
}

/** The conformance cases of a merge of inputs of one shape (Add, Multiply): two vectors, three images, two matrices. */
export const sameShapeMergeCases: ConformanceCase[] = [
  { params: {}, inputs: [[5], [5]] },
  {
    params: {},
    inputs: [
      [4, 4, 2],
      [4, 4, 2],
      [4, 4, 2],
    ],
  },
  {
    params: {},
    inputs: [
      [3, 4],
      [3, 4],
    ],
  },
];

/** The one shape of the inputs of a value-by-value merge (Add, Multiply), or a ShapeError whose sentence (`code`) says what the block does and how to fix the branches. */
export function sameShapeMerge(inputs: Shape[], code: 'shapes:addShapes' | 'shapes:multiplyShapes'): Shape {
  const first = formatShape(inputs[0]);
  if (inputs.some((s) => formatShape(s) !== first)) throw new ShapeError(problem(code, { inputs }), undefined, 'merge-shapes');
  return [...inputs[0]];
}
