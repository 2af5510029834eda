import type * as tfjs from '@tensorflow/tfjs';
import type { OnnxAttribute } from '../export/onnx/protobuf';
import type { AugmentationBehaviour } from './blocks/augmentation-layers';
import type { PlanNode } from './codegen/plan';
import type { Shape } from './graph';
import type { Localized, ParamSpec } from './params';
import type { WeightLayout, WeightTensor } from './weight-layout';

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

/** How a block is written as a Keras layer: the class, the arguments written positionally, and Keras's own defaults (only arguments that differ are written). */
export interface KerasLayer {
  className: string;
  positional?: string[];
  defaults?: Record<string, unknown>;
}

/** Padding of an image on each side, in pixels. */
export interface Pads {
  top: number;
  bottom: number;
  left: number;
  right: number;
}

/** What a block's PyTorch writer gets: its node, its inputs, and the parts of the module it may add to. */
export interface PyTorchWriter {
  node: PlanNode;
  /** The module attribute of this block, e.g. `conv1` (for `self.conv1`). */
  attr: string;
  /** The expressions of the block's inputs, in edge order; images are NCHW. */
  args: string[];
  /** A line of `__init__`, e.g. `self.conv1 = nn.Conv2d(1, 8, kernel_size=3)`. */
  init(line: string): void;
  /** A tensor of the state dict, `<attr>.<param>`, made from the block's weight `weight` (kernel, bias, …) in the given layout. */
  state(param: string, weight: string, layout?: WeightLayout): void;
  /** A buffer PyTorch needs that the app has no value for (BatchNorm's num_batches_tracked), set to 0. */
  counter(param: string): void;
  /** A module-level helper function, written once. */
  helper(name: string, code: string): void;
  /** The activation applied to `value` (channels on axis 1 for images). */
  activation(kind: string, value: string): string;
  /** Keras's padding of the block's input for a window (zero unless `padding` is "same"). */
  windowPads(window: [number, number], strides: [number, number]): Pads;
}

/** Where an ONNX tensor's channels are: the app's NHWC, or NCHW around the ops ONNX defines on it. */
export type OnnxLayout = 'nhwc' | 'nchw';

/** What a block's ONNX writer gets: its node, its inputs in either layout, and the graph to add nodes to. */
export interface OnnxWriter {
  node: PlanNode;
  /** The tensor of input `index` in the layout asked for (a Transpose is added once when needed). */
  input(index: number, layout: OnnxLayout): string;
  /** A layout input `index` already has, for ops that work in either. */
  anyLayout(index: number): OnnxLayout;
  /** Whether input `index` already exists in that layout. */
  hasLayout(index: number, layout: OnnxLayout): boolean;
  /** Adds a node; returns its output's name. */
  op(opType: string, inputs: string[], output: string, attributes?: OnnxAttribute[]): string;
  /** A new tensor name under the block's id. */
  fresh(base: string): string;
  /** A float initializer. */
  constant(name: string, dims: number[], data: ArrayLike<number>): string;
  /** An int64 initializer (a shape, axes, starts). */
  ints(name: string, data: number[]): string;
  /** The block's weight `name` (kernel, bias, …), in the given layout. */
  weight(name: string, layout?: WeightLayout): WeightTensor;
  /** The activation applied to `x`; `output` names its result. */
  activation(x: string, layout: OnnxLayout, kind: string, output: string): string;
  /** The name the block's output should have in a layout: the id in NHWC, `id:nchw` in NCHW. */
  outputName(layout: OnnxLayout): string;
  /** Records the block's output tensor and its layout. */
  output(layout: OnnxLayout, name: string): void;
  /** Keras's padding for a window as ONNX's `pads` (top, left, bottom, right). */
  windowPads(window: [number, number], strides: [number, number]): number[];
}

/** What a block's TensorFlow.js inference form gets, for a training-only block that is not the identity at inference. */
export interface StockInferenceContext {
  tf: Tf;
  node: PlanNode;
  input: tfjs.SymbolicTensor;
  /** A layer whose weights are fixed by the exporter (not the run's), set after the model is built. */
  fixedWeights(layer: tfjs.layers.Layer, kernel: Float32Array, shape: [number, number]): void;
}

/** One parameter set of a block's conformance cases: every case runs through tf.js, every engine and every exporter. */
export interface ConformanceCase {
  params: Record<string, unknown>;
  /** Input shapes, one per incoming edge (none for Input). */
  inputs: Shape[];
  /** Exporters that refuse this case with an error naming the block (an operator they cannot express), instead of matching. */
  refusedBy?: ('tfjs' | 'onnx' | 'pytorch')[];
}

/** What "Look inside the model" says about a block's output. */
export type InsideExplanation = 'conv' | 'pooling' | 'dropout' | 'flatten' | 'dense';

/**
 * Everything about one block type, in one module: parameter schema, shape rule, Keras-exact
 * parameter count, how to build its TensorFlow.js layer, its Keras and PyTorch code, its ONNX
 * nodes and weight layouts, its explanation, and the cases the conformance harness checks.
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
  /** Passes values through without mixing them (Dropout, augmentation), for checks such as "two Dense layers with no activation between them". */
  passThrough?: boolean;
  /** Does nothing at inference (Dropout): inference exports leave it out. Training-only blocks that keep the shape are left out too. */
  identityAtInference?: boolean;
  /** The augmentation layer class of a training-only block, registered so that saved models load. */
  augmentation?: AugmentationBehaviour;
  /** The Keras layer. */
  keras: KerasLayer;
  /** The PyTorch expression of the block at inference (registering its module, weights and helpers with the writer); throws ExportError naming the block when PyTorch cannot express it. */
  pytorch(w: PyTorchWriter): string;
  /** A comment written before the block's line in the PyTorch module. */
  pytorchNote?(node: PlanNode): string | undefined;
  /** The ONNX nodes of the block at inference; throws ExportError naming the block when ONNX cannot express it. */
  onnx(w: OnnxWriter): void;
  /** The inference form of a training-only block that changes the shape, with stock TensorFlow.js layers. */
  stockInference?(ctx: StockInferenceContext): tfjs.SymbolicTensor;
  /** What "Look inside the model" says about its output (a generic sentence when absent). */
  inside?: InsideExplanation;
  /** Parameter sets the conformance harness runs through tf.js, the engines and every exporter. */
  conformance: ConformanceCase[];
}

export type { Localized };
/** A language of the interface. */
export type Language = keyof Localized;
