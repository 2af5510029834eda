import type * as tfjs from '@tensorflow/tfjs';
import type { Shape } from './graph';
import type { Localized, ParamSpec } from './params';

export type Tf = typeof tfjs;

export const blockCategories = ['Input', 'Convolution', 'Pooling', 'Core', 'Regularisation', 'Augmentation', 'Merge'] as const;
export type BlockCategory = (typeof blockCategories)[number];

/** What a block does, its formula, and when to use it — shown in the palette and the inspector. */
export interface BlockDoc {
  /** One line for the palette. */
  summary: string;
  /** The longer explanation for the inspector. */
  details: string;
  /** How the output is computed, e.g. `out = ⌊(in + 2·pad − kernel) / stride⌋ + 1`. */
  formula?: string;
  whenToUse: string;
}

export interface ParamCount {
  trainable: number;
  nonTrainable: number;
}

/** Parameters after defaults are filled in and values checked. */
export type ResolvedParams = Record<string, unknown>;

export interface BuildContext {
  /** TensorFlow.js, passed in so that block modules never import it at load (they must stay browser-safe). */
  tf: Tf;
  params: ResolvedParams;
  /** The node id, used as the layer name so that weights map back to blocks. */
  name: string;
  inputShapes: Shape[];
  /** Seed for the random draws of augmentation blocks. */
  seed?: number;
}

/**
 * Everything about one block type, in one module: parameter schema, shape rule,
 * Keras-exact parameter count, how to build its TensorFlow.js layer, and its explanation.
 */
export interface BlockDefinition {
  type: string;
  category: BlockCategory;
  params: Record<string, ParamSpec>;
  /** How many incoming edges the block takes. */
  inputs: { min: number; max: number };
  /** Output shape for the given input shapes; throws ShapeError (naming the parameter at fault) when impossible. */
  outputShape(inputs: Shape[], params: ResolvedParams): Shape;
  /** Weights as Keras counts them; the engine moves all of them to non-trainable when `trainable` is false. */
  paramCount?(inputs: Shape[], params: ResolvedParams, output: Shape): ParamCount;
  /** The activation this block applies, for checks such as "two Dense layers with no activation between them". */
  activation?(params: ResolvedParams): string | undefined;
  /** Augmentation: random while training, identity (or its inference form) at inference. */
  trainingOnly?: boolean;
  /** Builds the TensorFlow.js layer; not called for `Input`, which the compiler turns into `tf.input`. */
  build(ctx: BuildContext): tfjs.layers.Layer;
  /** The key parameters in a few words, shown on the node, e.g. `8 × 3×3, relu` (English unless a language is given). */
  describe(params: ResolvedParams, language?: Language): string;
  doc: { en: BlockDoc; fr: BlockDoc };
}

export type { Localized };
/** A language of the interface. */
export type Language = keyof Localized;
