// Imports an ONNX network (e.g. a torchvision or timm export) into the app's blocks: ONNX holds
// images as NCHW and PyTorch's weight layouts, the app NHWC and Keras's. Each operator becomes the
// block that computes exactly the same thing, with its weights moved to Keras's layout; an
// operator (or an attribute value) the app cannot reproduce exactly is refused by name, with the
// node it is on. Nothing is approximated.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { analyzeGraph } from '../model/analyze';
import { depthwiseKernelLayout } from '../model/blocks/depthwise-conv2d';
import { formatShape, type Graph, type GraphEdge, type GraphNode, type Shape } from '../model/graph';
import { layerNameFor } from '../model/layer-names';
import { problem, type Problem } from '../i18n/catalogue';
import { convKernelLayout, toAppLayout } from '../model/weight-layout';
import type { Importer } from './index';
import {
  dataTypeNames,
  decodeModel,
  OnnxDataType,
  tensorValues,
  type DecodedAttribute,
  type DecodedModel,
  type DecodedNode,
  type DecodedTensor,
} from './onnx-proto';
import { ImportError, type ImportedModel, type ImportedWeight } from './types';

/** A constant: a weight tensor of the file (an initializer), or the output of a Constant node. */
interface Constant {
  kind: 'constant';
  name: string;
  dims: number[];
  values: Float32Array | Float64Array;
}

/** A tensor computed by the network: the output of an app block. */
interface Computed {
  kind: 'computed';
  /** The block whose output it is. */
  block: string;
  /** ONNX's shape without the batch: [C, H, W] for an image, [F] for a vector. */
  onnx: Shape;
  /** The app's shape of the same values: [H, W, C] for an image, [F] for a vector, [C] for ONNX's [C, 1, 1] after a global pooling. */
  app: Shape;
  /** A vector flattened from a C×H×W image: ONNX orders its values channel first, the app pixel first. */
  chw?: [number, number, number];
  /** Never negative (after relu, sigmoid, softmax…): zeros padded around it act as -∞ for a max pooling. */
  nonNegative: boolean;
  /** Set when the block has a linear activation that a following activation may become (Conv2D, DepthwiseConv2D, Dense). */
  takesActivation?: boolean;
  /** A Dense block without bias that a following Add of a constant may complete. */
  takesBias?: boolean;
  /** A Rescaling block that a following scalar Mul or Add may extend. */
  rescaling?: boolean;
}

type Value = Constant | Computed;

/** Activations as ONNX writes them and Keras names them. */
const ACTIVATIONS: Record<string, string> = {
  Relu: 'relu',
  Sigmoid: 'sigmoid',
  Tanh: 'tanh',
  HardSwish: 'hard_swish',
  Softmax: 'softmax',
  Elu: 'elu',
  Selu: 'selu',
  Softplus: 'softplus',
  Softsign: 'softsign',
};
const NON_NEGATIVE = new Set(['relu', 'relu6', 'sigmoid', 'softmax', 'softplus']);

/** The method of the importer that converts each operator but the activations (ACTIVATIONS). */
const CONVERTERS = {
  conv: ['Conv'],
  batchNorm: ['BatchNormalization'],
  clip: ['Clip'],
  arithmetic: ['Add', 'Sum', 'Sub', 'Mul', 'Div'],
  concat: ['Concat'],
  pool: ['MaxPool', 'AveragePool'],
  globalPool: ['GlobalAveragePool', 'GlobalMaxPool'],
  reduce: ['ReduceMean', 'ReduceMax'],
  flatten: ['Flatten'],
  dense: ['Gemm', 'MatMul'],
  reshape: ['Reshape'],
  squeeze: ['Squeeze', 'Unsqueeze'],
  pad: ['Pad'],
  hardSigmoid: ['HardSigmoid'],
  identity: ['Identity'],
  dropout: ['Dropout'],
  constantNode: ['Constant'],
} as const;
const CONVERTER_OF = new Map<string, keyof typeof CONVERTERS>(
  Object.entries(CONVERTERS).flatMap(([method, ops]) => ops.map((op) => [op, method as keyof typeof CONVERTERS])),
);

/** The operators the importer reads, for the refusal of any other. */
export const supportedOnnxOperators = [
  'Conv',
  'BatchNormalization',
  'Relu',
  'Clip',
  'Sigmoid',
  'Tanh',
  'HardSwish',
  'HardSigmoid',
  'Softmax',
  'Elu',
  'Selu',
  'Softplus',
  'Softsign',
  'Add',
  'Sum',
  'Sub',
  'Mul',
  'Div',
  'Concat',
  'MaxPool',
  'AveragePool',
  'GlobalAveragePool',
  'GlobalMaxPool',
  'ReduceMean',
  'ReduceMax',
  'Flatten',
  'Gemm',
  'MatMul',
  'Reshape',
  'Squeeze',
  'Unsqueeze',
  'Pad',
  'Identity',
  'Dropout',
  'Constant',
] as const;

const prod = (dims: readonly number[]) => dims.reduce((a, b) => a * b, 1);
const sizeParam = (v: [number, number]): number | [number, number] => (v[0] === v[1] ? v[0] : [v[0], v[1]]);
/** ZeroPadding2D's `padding` for pads on each side: the shortest form that says the same. */
const sidesParam = (top: number, bottom: number, left: number, right: number): unknown =>
  top === bottom && left === right
    ? sizeParam([top, left])
    : [
        [top, bottom],
        [left, right],
      ];
const same = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((x, i) => x === b[i]);
/** The shortest decimal that is the same float32 (ONNX's attributes are float32: 1e-5, not 0.000009999999747). */
function float32Decimal(value: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const decimal = Number(value.toPrecision(digits));
    if (Math.fround(decimal) === Math.fround(value)) return decimal;
  }
  return value;
}

/** An error about one node: `reason` says what is wrong, after the node is named (by its name, else by its output). */
function nodeError(node: DecodedNode, reason: Problem): ImportError {
  return new ImportError(
    problem('import:onnxNode', {
      op: node.opType,
      name: node.name || node.outputs[0],
      reason,
      ...(node.name ? {} : { context: 'output' }),
    }),
    node.opType,
  );
}

/** What a constant input of a node is for, as an error about it names it. */
type Role = 'weight' | 'bias' | 'scale' | 'mean' | 'variance' | 'minimum' | 'maximum' | 'axes' | 'shape' | 'pads' | 'value' | 'ratio';

/** Keras's "same" padding for one axis: [before, after]. */
function samePads(size: number, kernel: number, stride: number): [number, number] {
  const out = Math.ceil(size / stride);
  const total = Math.max((out - 1) * stride + kernel - size, 0);
  return [Math.floor(total / 2), total - Math.floor(total / 2)];
}

class OnnxGraphImport {
  readonly nodes: GraphNode[] = [];
  readonly edges: GraphEdge[] = [];
  readonly weights: ImportedWeight[] = [];
  readonly notes: Problem[] = [];
  private readonly taken = new Set<string>();
  private readonly byId = new Map<string, GraphNode>();
  private readonly values = new Map<string, Value>();
  /** How many nodes (and graph outputs) read each tensor. */
  private readonly readers = new Map<string, number>();
  private readonly graphOutputs = new Set<string>();
  /** Images made from ONNX's [C, 1, 1] vectors, by tensor name: a Reshape block is added once. */
  private readonly asImages = new Map<string, Computed>();
  private readonly shared = new Set<string>();
  /** The nodes that read each tensor. */
  private readonly consumers = new Map<string, DecodedNode[]>();
  /** Sigmoid and HardSigmoid outputs (by name) that only multiply their own input: swish or hard_swish, made by that Mul. */
  private readonly gates = new Map<string, { input: string; kind: 'swish' | 'hard_swish' }>();
  private hardSigmoids = 0;
  private paddingBlocks = 0;
  private fixedBatch?: number;
  readonly expected = new Map<string, Shape>();

  constructor(
    private readonly model: DecodedModel,
    private readonly opset: number,
  ) {}

  run(): Graph {
    const graph = this.model.graph!;
    for (const t of graph.initializers) this.values.set(t.name, this.constantOf(t));
    this.addInputs();
    const needed = this.neededNodes();
    for (const node of needed)
      for (const input of node.inputs)
        if (input) {
          this.readers.set(input, (this.readers.get(input) ?? 0) + 1);
          this.consumers.set(input, [...(this.consumers.get(input) ?? []), node]);
        }
    for (const output of graph.outputs) {
      this.graphOutputs.add(output.name);
      this.readers.set(output.name, (this.readers.get(output.name) ?? 0) + 1);
    }
    for (const node of this.ordered(needed)) this.convert(node);
    this.checkOutputs();
    if (this.shared.size) this.notes.push(problem('import:onnxSharedWeights', { count: this.shared.size }));
    if (this.hardSigmoids) this.notes.push(problem('import:onnxHardSigmoids', { count: this.hardSigmoids }));
    if (this.paddingBlocks) this.notes.push(problem('import:onnxPaddingBlocks', { count: this.paddingBlocks }));
    return { nodes: this.nodes, edges: this.edges };
  }

  // ── Values ────────────────────────────────────────────────────────────────────────────────

  private constantOf(t: DecodedTensor): Constant {
    if (t.external) throw new ImportError(problem('import:onnxExternalData', { name: t.name }));
    return { kind: 'constant', name: t.name, dims: t.dims, values: tensorValues(t) };
  }

  private value(node: DecodedNode, index: number): Value {
    const name = node.inputs[index];
    const value = name ? this.values.get(name) : undefined;
    if (!value) throw nodeError(node, problem('import:onnxMissingInput', { index: index + 1, input: name ?? '' }));
    return value;
  }

  private computed(node: DecodedNode, index: number): Computed {
    const value = this.value(node, index);
    if (value.kind === 'constant') throw nodeError(node, problem('import:onnxConstantInput', { input: node.inputs[index] }));
    return value;
  }

  private constant(node: DecodedNode, index: number, role: Role): Constant {
    const value = this.value(node, index);
    if (value.kind !== 'constant') throw nodeError(node, problem('import:onnxComputedWeight', { role, input: node.inputs[index] }));
    return value;
  }

  private optionalConstant(node: DecodedNode, index: number, role: Role): Constant | undefined {
    return node.inputs[index] ? this.constant(node, index, role) : undefined;
  }

  private image(node: DecodedNode, index: number): Computed {
    const x = this.computed(node, index);
    if (x.onnx.length !== 3) throw nodeError(node, problem('import:onnxNotImage', { input: node.inputs[index], shape: x.onnx }));
    if (x.app.length === 3) return x;
    // ONNX's [C, 1, 1] after a global pooling is [C] in the app: a Reshape makes it a 1×1 image once.
    const name = node.inputs[index];
    const cached = this.asImages.get(name);
    if (cached) return cached;
    const block = this.addBlock('Reshape', { targetShape: [1, 1, x.app[0]] }, [x], `${x.block}.image`, [1, 1, x.app[0]]);
    const image: Computed = { kind: 'computed', block, onnx: x.onnx, app: [1, 1, x.app[0]], nonNegative: x.nonNegative };
    this.asImages.set(name, image);
    return image;
  }

  private vector(node: DecodedNode, index: number): Computed {
    const x = this.computed(node, index);
    if (x.onnx.length !== 1) throw nodeError(node, problem('import:onnxNotVector', { input: node.inputs[index], shape: x.onnx }));
    return x;
  }

  private define(node: DecodedNode, value: Value, output = 0): void {
    this.values.set(node.outputs[output], value);
  }

  /** Whether the tensor is read by that node alone (and is not an output of the network). */
  private readOnce(name: string): boolean {
    return this.readers.get(name) === 1 && !this.graphOutputs.has(name);
  }

  // ── Blocks ────────────────────────────────────────────────────────────────────────────────

  private addBlock(type: string, params: Record<string, unknown>, inputs: Computed[], hint: string, appShape: Shape): string {
    const id = layerNameFor(hint.replace(/\//g, '.'), this.taken);
    this.taken.add(id);
    const node: GraphNode = { id, type, params };
    this.nodes.push(node);
    this.byId.set(id, node);
    for (const input of inputs) this.edges.push({ source: input.block, target: id });
    this.expected.set(id, appShape);
    return id;
  }

  private addWeight(block: string, name: string, shape: number[], data: ArrayLike<number>): void {
    this.weights.push({ name: `${block}/${name}`, shape, data: data instanceof Float32Array ? data : Float32Array.from(data) });
  }

  /** A block id for the node: the module path of PyTorch's weight name or of the node's name (`layer1.0.conv1`). */
  private hintFor(node: DecodedNode, weightInput?: number): string {
    const weight = weightInput === undefined ? undefined : node.inputs[weightInput];
    if (weight && /^[A-Za-z_][\w.]*\.(weight|bias)$/.test(weight)) return weight.replace(/\.(weight|bias)$/, '');
    const segments = node.name.split('/').filter(Boolean);
    if (segments.length === 0) return node.opType;
    const scope = segments.slice(0, -1).filter((s, i, all) => i === all.length - 1 || !all[i + 1].startsWith(s));
    const last = segments[segments.length - 1];
    const op = node.opType.toLowerCase();
    if (scope.length && scope[scope.length - 1].toLowerCase().includes(op)) return scope.join('.');
    return [...scope, last].join('.');
  }

  // ── Graph structure ───────────────────────────────────────────────────────────────────────

  private addInputs(): void {
    const graph = this.model.graph!;
    const real = graph.inputs.filter((i) => !this.values.has(i.name));
    if (real.length === 0) throw new ImportError(problem('import:onnxNoInput', {}));
    for (const input of real) {
      if (input.elemType !== undefined && input.elemType !== OnnxDataType.FLOAT)
        throw new ImportError(
          problem('import:onnxInputType', {
            input: input.name,
            type: dataTypeNames[input.elemType] ?? input.elemType,
            ...(dataTypeNames[input.elemType] ? {} : { context: 'code' }),
          }),
        );
      const dims = input.dims;
      if (!dims || (dims.length !== 4 && dims.length !== 2) || dims.slice(1).some((d) => typeof d !== 'number' || d <= 0))
        throw new ImportError(
          problem('import:onnxInputShape', {
            input: input.name,
            shape: dims ? dims.map((d) => d ?? '?') : null,
            ...(dims ? {} : { context: 'unknown' }),
          }),
        );
      if (typeof dims[0] === 'number') this.fixedBatch = dims[0];
      const onnx = dims.slice(1) as number[];
      const app = onnx.length === 3 ? [onnx[1], onnx[2], onnx[0]] : [...onnx];
      const block = this.addBlock('Input', { shape: app }, [], input.name || 'input', app);
      this.values.set(input.name, { kind: 'computed', block, onnx, app, nonNegative: false });
    }
  }

  /** The nodes the graph's outputs depend on, in the file's order. */
  private neededNodes(): DecodedNode[] {
    const graph = this.model.graph!;
    const producer = new Map<string, DecodedNode>();
    for (const node of graph.nodes) for (const output of node.outputs) if (output) producer.set(output, node);
    const needed = new Set<DecodedNode>();
    const stack = graph.outputs.map((o) => o.name);
    if (stack.length === 0) throw new ImportError(problem('import:onnxNoOutput', {}));
    while (stack.length) {
      const name = stack.pop()!;
      const node = producer.get(name);
      if (!node || needed.has(node)) continue;
      needed.add(node);
      for (const input of node.inputs) if (input) stack.push(input);
    }
    for (const output of graph.outputs)
      if (!producer.has(output.name) && !this.values.has(output.name))
        throw new ImportError(problem('import:onnxOutputUnproduced', { output: output.name }));
    return graph.nodes.filter((n) => needed.has(n));
  }

  /** The nodes in an order where each comes after the producers of its inputs (ONNX files are usually in that order already). */
  private ordered(nodes: DecodedNode[]): DecodedNode[] {
    const known = new Set([...this.values.keys()]);
    const order: DecodedNode[] = [];
    let pending = nodes;
    while (pending.length) {
      const next: DecodedNode[] = [];
      for (const node of pending) {
        if (node.inputs.every((i) => !i || known.has(i))) {
          order.push(node);
          for (const o of node.outputs) known.add(o);
        } else next.push(node);
      }
      if (next.length === pending.length) {
        const node = next[0];
        const missing = node.inputs.find((i) => i && !known.has(i))!;
        throw nodeError(node, problem('import:onnxInputUnproduced', { input: missing }));
      }
      pending = next;
    }
    return order;
  }

  private checkOutputs(): void {
    const sinks = new Set(this.nodes.map((n) => n.id));
    for (const edge of this.edges) sinks.delete(edge.source);
    for (const output of this.model.graph!.outputs) {
      const value = this.values.get(output.name);
      if (!value || value.kind === 'constant') throw new ImportError(problem('import:onnxOutputConstant', { output: output.name }));
      if (value.chw) throw new ImportError(problem('import:onnxOutputFlattened', { output: output.name, image: value.chw }));
      if (!sinks.has(value.block)) throw new ImportError(problem('import:onnxOutputInside', { output: output.name }));
      if (value.onnx.length === 3) this.notes.push(problem('import:onnxOutputImage', { output: output.name, shape: value.app }));
    }
  }

  // ── Attributes ────────────────────────────────────────────────────────────────────────────

  private attribute(node: DecodedNode, name: string): DecodedAttribute | undefined {
    return node.attributes.find((a) => a.name === name);
  }

  private int(node: DecodedNode, name: string, fallback: number): number {
    const a = this.attribute(node, name);
    return a?.i ?? fallback;
  }

  private ints(node: DecodedNode, name: string): number[] | undefined {
    const a = this.attribute(node, name);
    return a ? a.ints : undefined;
  }

  private float(node: DecodedNode, name: string, fallback: number): number {
    const a = this.attribute(node, name);
    return a?.f ?? fallback;
  }

  private unsupportedValue(node: DecodedNode, attribute: string, value: string, why: Problem): ImportError {
    return nodeError(node, problem('import:onnxValue', { attribute, value, why }));
  }

  /** The unused outputs a node may have (Dropout's mask, MaxPool's indices): refused when the network reads them. */
  private onlyFirstOutput(node: DecodedNode): void {
    for (const extra of node.outputs.slice(1))
      if (extra && this.readers.has(extra)) throw nodeError(node, problem('import:onnxExtraOutput', { output: extra, op: node.opType }));
  }

  // ── Operators ─────────────────────────────────────────────────────────────────────────────

  private convert(node: DecodedNode): void {
    if (node.domain && node.domain !== 'ai.onnx')
      throw nodeError(node, problem('import:onnxDomain', { op: node.opType, domain: node.domain, supported: [...supportedOnnxOperators] }));
    const converter = CONVERTER_OF.get(node.opType);
    if (converter) return this[converter](node);
    if (node.opType in ACTIVATIONS) return this.activationNode(node, ACTIVATIONS[node.opType]);
    throw nodeError(node, problem('import:onnxOperator', { op: node.opType, supported: [...supportedOnnxOperators] }));
  }

  /** ONNX's padding of a window as [top, left, bottom, right], from `pads` or `auto_pad`. */
  private windowPads(node: DecodedNode, size: [number, number], kernel: [number, number], strides: [number, number]): number[] {
    const auto = this.attribute(node, 'auto_pad')?.s ?? 'NOTSET';
    if (auto === 'VALID') return [0, 0, 0, 0];
    if (auto === 'SAME_UPPER' || auto === 'SAME_LOWER') {
      const [t, b] = samePads(size[0], kernel[0], strides[0]);
      const [l, r] = samePads(size[1], kernel[1], strides[1]);
      return auto === 'SAME_UPPER' ? [t, l, b, r] : [b, r, t, l];
    }
    if (auto !== 'NOTSET') throw this.unsupportedValue(node, 'auto_pad', `"${auto}"`, problem('import:onnxNotValue', {}));
    const pads = this.ints(node, 'pads') ?? [0, 0, 0, 0];
    if (pads.length !== 4 || pads.some((p) => p < 0))
      throw this.unsupportedValue(node, 'pads', `[${pads.join(', ')}]`, problem('import:onnxWindowPads', {}));
    return pads;
  }

  private windowAttributes(
    node: DecodedNode,
    x: Computed,
    kernel: [number, number],
  ): { strides: [number, number]; pads: number[]; out: [number, number] } {
    const given = this.ints(node, 'kernel_shape');
    if (given && !same(given, kernel))
      throw this.unsupportedValue(node, 'kernel_shape', `[${given.join(', ')}]`, problem('import:onnxKernelShape', { kernel }));
    const strides = (this.ints(node, 'strides') ?? [1, 1]) as [number, number];
    if (strides.length !== 2) throw this.unsupportedValue(node, 'strides', `[${strides.join(', ')}]`, problem('import:onnxWindow2d', {}));
    const dilations = this.ints(node, 'dilations');
    if (dilations && dilations.some((d) => d !== 1))
      throw this.unsupportedValue(node, 'dilations', `[${dilations.join(', ')}]`, problem('import:onnxDilated', {}));
    const size: [number, number] = [x.onnx[1], x.onnx[2]];
    const pads = this.windowPads(node, size, kernel, strides);
    const out: [number, number] = [0, 1].map((i) => Math.floor((size[i] + pads[i] + pads[i + 2] - kernel[i]) / strides[i]) + 1) as [
      number,
      number,
    ];
    if (out.some((o) => o < 1)) throw nodeError(node, problem('import:onnxWindowFits', { kernel, size }));
    if (this.int(node, 'ceil_mode', 0) === 1) {
      // Rounding the output size up adds a last window that runs past the end: the same as padding
      // the end by what that window lacks, which Keras's "same" reproduces when it pads alike.
      const ceil = [0, 1].map((i) => Math.ceil((size[i] + pads[i] + pads[i + 2] - kernel[i]) / strides[i]) + 1) as [number, number];
      const extra = [0, 1].map((i) => (ceil[i] - 1) * strides[i] + kernel[i] - (size[i] + pads[i] + pads[i + 2]));
      const startsInside = [0, 1].every((i) => (ceil[i] - 1) * strides[i] < size[i] + pads[i]);
      const padded = [pads[0], pads[1], pads[2] + extra[0], pads[3] + extra[1]];
      const keras = [...samePads(size[0], kernel[0], strides[0]), ...samePads(size[1], kernel[1], strides[1])];
      if (!same(ceil, out) && !(startsInside && same(padded, [keras[0], keras[2], keras[1], keras[3]])))
        throw this.unsupportedValue(node, 'ceil_mode', '1', problem('import:onnxCeilMode', { ceil, out }));
      return { strides, pads: padded, out: ceil };
    }
    return { strides, pads, out };
  }

  /**
   * Keras's padding for ONNX's pads: "valid" without any, "same" when they are Keras's and `sameOk`
   * (Keras's "same" leaves the padding out of maxima and means), else a ZeroPadding2D block before
   * the window when they are the same on both sides and zeros give the same result (`zeroPad`).
   */
  private padding(
    node: DecodedNode,
    x: Computed,
    kernel: [number, number],
    strides: [number, number],
    pads: number[],
    sameOk: boolean,
    zeroPad: Problem | true,
  ): { input: Computed; padding: 'valid' | 'same' } {
    if (pads.every((p) => p === 0)) return { input: x, padding: 'valid' };
    const [t, b] = samePads(x.onnx[1], kernel[0], strides[0]);
    const [l, r] = samePads(x.onnx[2], kernel[1], strides[1]);
    if (sameOk && same(pads, [t, l, b, r])) return { input: x, padding: 'same' };
    if (zeroPad !== true) throw this.unsupportedValue(node, 'pads', `[${pads.join(', ')}]`, zeroPad);
    const [top, left, bottom, right] = pads;
    const app: Shape = [x.app[0] + top + bottom, x.app[1] + left + right, x.app[2]];
    const block = this.addBlock(
      'ZeroPadding2D',
      { padding: sidesParam(top, bottom, left, right) },
      [x],
      `${this.hintFor(node, node.opType === 'Conv' ? 1 : undefined)}.pad`,
      app,
    );
    this.paddingBlocks++;
    return { input: { kind: 'computed', block, onnx: [x.onnx[0], app[0], app[1]], app, nonNegative: x.nonNegative }, padding: 'valid' };
  }

  private conv(node: DecodedNode): void {
    const x = this.image(node, 0);
    const w = this.constant(node, 1, 'weight');
    const b = this.optionalConstant(node, 2, 'bias');
    if (w.dims.length !== 4) throw nodeError(node, problem('import:onnxConvWeights', { shape: w.dims }));
    const [filters, perGroup, kh, kw] = w.dims;
    const channels = x.onnx[0];
    const group = this.int(node, 'group', 1);
    const kernel: [number, number] = [kh, kw];
    const { strides, pads, out } = this.windowAttributes(node, x, kernel);
    const depthwise = group !== 1 && group === channels && perGroup === 1 && filters % channels === 0;
    if (group !== 1 && !depthwise)
      throw this.unsupportedValue(node, 'group', String(group), problem('import:onnxGroups', { channels, group }));
    if (group === 1 && perGroup !== channels) throw nodeError(node, problem('import:onnxConvChannels', { perGroup, channels }));
    if (b && prod(b.dims) !== filters) throw nodeError(node, problem('import:onnxConvBias', { values: prod(b.dims), filters }));
    const padded = this.padding(node, x, kernel, strides, pads, true, true);
    const common = {
      kernelSize: sizeParam(kernel),
      strides: sizeParam(strides),
      padding: padded.padding,
      activation: 'linear',
      useBias: Boolean(b),
    };
    const app: Shape = [out[0], out[1], filters];
    const hint = this.hintFor(node, 1);
    const data = w.values as Float32Array;
    let block: string;
    if (depthwise) {
      const multiplier = filters / channels;
      block = this.addBlock('DepthwiseConv2D', { ...common, depthMultiplier: multiplier }, [padded.input], hint, app);
      const k = toAppLayout({ shape: w.dims, data }, depthwiseKernelLayout(kernel, channels, multiplier));
      this.addWeight(block, 'depthwise_kernel', k.shape, k.data);
    } else {
      block = this.addBlock('Conv2D', { filters, ...common }, [padded.input], hint, app);
      const k = toAppLayout({ shape: w.dims, data }, convKernelLayout);
      this.addWeight(block, 'kernel', k.shape, k.data);
    }
    if (b) this.addWeight(block, 'bias', [filters], b.values);
    this.define(node, { kind: 'computed', block, onnx: [filters, out[0], out[1]], app, nonNegative: false, takesActivation: true });
  }

  private batchNorm(node: DecodedNode): void {
    const x = this.computed(node, 0);
    if (this.int(node, 'training_mode', 0) !== 0)
      throw this.unsupportedValue(node, 'training_mode', '1', problem('import:onnxTraining', {}));
    this.onlyFirstOutput(node);
    if (x.chw) throw nodeError(node, problem('import:onnxNormFlattened', { image: x.chw }));
    const channels = x.onnx[0];
    const names = ['gamma', 'beta', 'moving_mean', 'moving_variance'];
    const tensors = names.map((_, i) => this.constant(node, i + 1, (['scale', 'bias', 'mean', 'variance'] as const)[i]));
    for (const t of tensors)
      if (prod(t.dims) !== channels)
        throw nodeError(node, problem('import:onnxNormTensor', { name: t.name, values: prod(t.dims), channels }));
    const epsilon = this.float(node, 'epsilon', 1e-5);
    const momentum = this.float(node, 'momentum', 0.9);
    if (!(epsilon > 0 && epsilon <= 1)) throw this.unsupportedValue(node, 'epsilon', String(epsilon), problem('import:onnxEpsilon', {}));
    const block = this.addBlock(
      'BatchNormalization',
      { axis: -1, momentum: float32Decimal(Math.min(Math.max(momentum, 0), 1)), epsilon: float32Decimal(epsilon) },
      [x],
      this.hintFor(node, 1),
      x.app,
    );
    tensors.forEach((t, i) => this.addWeight(block, names[i], [channels], t.values));
    this.define(node, { ...x, block, nonNegative: false, takesActivation: false, takesBias: false, rescaling: false });
  }

  /**
   * An activation: the previous block's own when it has a linear one and nothing else reads its
   * output (`input`, read by `readers` nodes that all make this activation), else an Activation block.
   */
  private activation(node: DecodedNode, x: Computed, kind: string, input = node.inputs[0], readers = 1): void {
    const nonNegative = NON_NEGATIVE.has(kind);
    if (x.takesActivation && this.readers.get(input) === readers && !this.graphOutputs.has(input)) {
      this.byId.get(x.block)!.params.activation = kind;
      this.define(node, { ...x, nonNegative, takesActivation: false, takesBias: false });
      return;
    }
    const block = this.addBlock('Activation', { activation: kind }, [x], this.hintFor(node), x.app);
    this.define(node, { ...x, block, nonNegative, takesActivation: false, takesBias: false, rescaling: false });
  }

  private activationNode(node: DecodedNode, kind: string): void {
    const x = this.computed(node, 0);
    if (node.opType === 'Elu' && this.float(node, 'alpha', 1) !== 1)
      throw this.unsupportedValue(node, 'alpha', String(this.float(node, 'alpha', 1)), problem('import:onnxElu', {}));
    if (
      node.opType === 'Selu' &&
      (this.attribute(node, 'alpha') || this.attribute(node, 'gamma')) &&
      (Math.abs(this.float(node, 'alpha', 1.6732632) - 1.6732632) > 1e-6 ||
        Math.abs(this.float(node, 'gamma', 1.0507009) - 1.0507009) > 1e-6)
    )
      throw this.unsupportedValue(node, 'alpha', String(this.float(node, 'alpha', 1.6732632)), problem('import:onnxSelu', {}));
    if (node.opType === 'HardSwish' && this.opset < 14) throw nodeError(node, problem('import:onnxHardSwishOpset', { opset: this.opset }));
    if (kind === 'softmax') this.checkSoftmax(node, x);
    if (kind === 'sigmoid' && this.gate(node, 'swish')) return;
    this.activation(node, x, kind);
  }

  private checkSoftmax(node: DecodedNode, x: Computed): void {
    const rank = x.onnx.length + 1;
    const given = this.attribute(node, 'axis')?.i;
    const axis = given ?? (this.opset >= 13 ? -1 : 1);
    const resolved = axis < 0 ? axis + rank : axis;
    // Before opset 13, Softmax flattens every axis from `axis` on: over an image's channels only when it is 1×1.
    const overChannels = resolved === 1 && (this.opset >= 13 || rank === 2 || (x.onnx[1] === 1 && x.onnx[2] === 1));
    if (!overChannels) throw this.unsupportedValue(node, 'axis', String(axis), problem('import:onnxSoftmaxAxis', { shape: x.onnx }));
  }

  private clip(node: DecodedNode): void {
    const x = this.computed(node, 0);
    let min = -Infinity;
    let max = Infinity;
    if (this.opset >= 11) {
      const lo = this.optionalConstant(node, 1, 'minimum');
      const hi = this.optionalConstant(node, 2, 'maximum');
      if (lo) min = lo.values[0];
      if (hi) max = hi.values[0];
    } else {
      min = this.float(node, 'min', -Infinity);
      max = this.float(node, 'max', Infinity);
    }
    const kind = min === 0 && max === 6 ? 'relu6' : min === 0 && max === Infinity ? 'relu' : undefined;
    if (!kind) throw nodeError(node, problem('import:onnxClip', { min: String(min), max: String(max) }));
    this.activation(node, x, kind);
  }

  private arithmetic(node: DecodedNode): void {
    const op = node.opType;
    // x · sigmoid(x) is swish (SiLU), x · HardSigmoid(x) with PyTorch's constants hard_swish, as torch.onnx writes them before opset 14.
    const gate =
      op === 'Mul' && node.inputs.length === 2
        ? node.inputs.map((name) => this.gates.get(name)).find((g) => g && node.inputs.includes(g.input))
        : undefined;
    if (gate) return this.activation(node, this.computed(node, node.inputs.indexOf(gate.input)), gate.kind, gate.input, 2);
    const inputs = node.inputs.map((_, i) => this.value(node, i));
    const computed = inputs.filter((v): v is Computed => v.kind === 'computed');
    if (computed.length === inputs.length && op !== 'Sub' && op !== 'Div') return this.merge(node, computed);
    if (inputs.length !== 2 || computed.length !== 1)
      throw nodeError(node, problem('import:onnxArithmetic', { op, context: computed.length === 0 ? 'constants' : 'computed' }));
    const xFirst = inputs[0].kind === 'computed';
    const x = computed[0];
    const c = inputs[xFirst ? 1 : 0] as Constant;
    // A bias after MatMul: Dense's own.
    if (
      op === 'Add' &&
      x.takesBias &&
      this.readOnce(node.inputs[xFirst ? 0 : 1]) &&
      prod(c.dims) === x.onnx[0] &&
      c.dims.length <= 2 &&
      c.dims.slice(0, -1).every((d) => d === 1)
    ) {
      const dense = this.byId.get(x.block)!;
      dense.params.useBias = true;
      this.addWeight(x.block, 'bias', [x.onnx[0]], c.values);
      this.define(node, { ...x, takesBias: false, takesActivation: true });
      return;
    }
    if (prod(c.dims) !== 1)
      throw nodeError(node, problem('import:onnxRescaling', { shape: c.dims, context: op === 'Mul' || op === 'Div' ? 'scale' : 'shift' }));
    const k = c.values[0];
    let scale: number;
    let offset: number;
    if (op === 'Add' || op === 'Sum') [scale, offset] = [1, k];
    else if (op === 'Mul') [scale, offset] = [k, 0];
    else if (op === 'Sub') [scale, offset] = xFirst ? [1, -k] : [-1, k];
    else if (xFirst && k !== 0) [scale, offset] = [1 / k, 0];
    else throw nodeError(node, problem('import:onnxDivideConstant', {}));
    this.define(node, this.rescale(x, node.inputs[xFirst ? 0 : 1], scale, offset, this.hintFor(node)));
  }

  /** x · scale + offset: the Rescaling block that computes x (when nothing else reads it) extended, else a new one. */
  private rescale(x: Computed, input: string, scale: number, offset: number, hint: string): Computed {
    if (x.rescaling && this.readOnce(input)) {
      const params = this.byId.get(x.block)!.params;
      params.scale = (params.scale as number) * scale;
      params.offset = (params.offset as number) * scale + offset;
      return { ...x, nonNegative: false };
    }
    const block = this.addBlock('Rescaling', { scale, offset }, [x], hint, x.app);
    return {
      ...x,
      block,
      nonNegative: x.nonNegative && scale >= 0 && offset >= 0,
      takesActivation: false,
      takesBias: false,
      rescaling: true,
    };
  }

  /** Whether the node's output only multiplies its own input (x · f(x)): then that Mul makes the activation `kind`. */
  private gate(node: DecodedNode, kind: 'swish' | 'hard_swish'): boolean {
    const [input] = node.inputs;
    const output = node.outputs[0];
    const readers = this.consumers.get(output) ?? [];
    const mul = readers[0];
    if (
      !this.readOnce(output) ||
      readers.length !== 1 ||
      mul.opType !== 'Mul' ||
      mul.inputs.length !== 2 ||
      !mul.inputs.includes(input) ||
      !mul.inputs.includes(output) ||
      input === output
    )
      return false;
    this.gates.set(output, { input, kind });
    return true;
  }

  /**
   * HardSigmoid, max(0, min(1, αx + β)): the hard_swish of a following Mul by its own input (PyTorch's
   * Hardswish before opset 14), else relu6(6αx + 6β) / 6 — the same function — as Rescaling → relu6 → Rescaling.
   */
  private hardSigmoid(node: DecodedNode): void {
    const x = this.computed(node, 0);
    const alpha = this.float(node, 'alpha', 0.2);
    const beta = this.float(node, 'beta', 0.5);
    if (!Number.isFinite(alpha) || !Number.isFinite(beta))
      throw this.unsupportedValue(
        node,
        Number.isFinite(alpha) ? 'beta' : 'alpha',
        String(Number.isFinite(alpha) ? beta : alpha),
        problem('import:onnxNotFinite', {}),
      );
    if (Math.fround(alpha) === Math.fround(1 / 6) && beta === 0.5 && this.gate(node, 'hard_swish')) return;
    const hint = this.hintFor(node);
    const shifted = this.rescale(x, node.inputs[0], float32Decimal(6 * alpha), float32Decimal(6 * beta), `${hint}.shift`);
    const clipped = this.addBlock('Activation', { activation: 'relu6' }, [shifted], `${hint}.clip`, x.app);
    const block = this.addBlock('Rescaling', { scale: 1 / 6, offset: 0 }, [{ ...shifted, block: clipped }], hint, x.app);
    this.hardSigmoids++;
    this.define(node, { ...x, block, nonNegative: true, takesActivation: false, takesBias: false, rescaling: true });
  }

  private merge(node: DecodedNode, inputs: Computed[]): void {
    if (inputs.length === 1) return this.define(node, inputs[0]);
    const first = inputs[0];
    // Multiply repeats a size of 1 as ONNX's Mul does (squeeze-and-excitation's C×1×1 weights times a C×H×W image).
    const broadcast =
      node.opType === 'Mul' &&
      inputs.every((x) => x.onnx.length === 3 && !x.chw) &&
      [0, 1, 2].every((axis) => new Set(inputs.map((x) => x.onnx[axis]).filter((d) => d !== 1)).size <= 1);
    if (broadcast && inputs.some((x) => !same(x.onnx, first.onnx))) {
      const aligned = inputs.map((_, i) => this.image(node, i));
      const onnx = [0, 1, 2].map((axis) => Math.max(...inputs.map((x) => x.onnx[axis])));
      const app = [onnx[1], onnx[2], onnx[0]];
      const block = this.addBlock('Multiply', {}, aligned, this.hintFor(node), app);
      return this.define(node, { kind: 'computed', block, onnx, app, nonNegative: aligned.every((x) => x.nonNegative) });
    }
    for (const x of inputs)
      if (!same(x.onnx, first.onnx) || String(x.chw) !== String(first.chw))
        throw nodeError(
          node,
          problem('import:onnxBroadcast', { shapes: inputs.map((i) => i.onnx), block: node.opType === 'Mul' ? 'Multiply' : 'Add' }),
        );
    const aligned = inputs.some((x) => x.app.length !== first.app.length) ? inputs.map((_, i) => this.image(node, i)) : inputs;
    const type = node.opType === 'Mul' ? 'Multiply' : 'Add';
    const block = this.addBlock(type, {}, aligned, this.hintFor(node), aligned[0].app);
    this.define(node, {
      kind: 'computed',
      block,
      onnx: first.onnx,
      app: aligned[0].app,
      chw: first.chw,
      nonNegative: aligned.every((x) => x.nonNegative),
    });
  }

  private concat(node: DecodedNode): void {
    const inputs = node.inputs.map((_, i) => this.computed(node, i));
    const rank = inputs[0].onnx.length + 1;
    const given = this.attribute(node, 'axis')?.i;
    if (given === undefined) throw nodeError(node, problem('import:onnxNoAxis', {}));
    const axis = given < 0 ? given + rank : given;
    if (inputs.some((x) => x.onnx.length !== rank - 1 || x.chw) || axis < 1 || axis >= rank)
      throw this.unsupportedValue(
        node,
        'axis',
        String(given),
        problem('import:onnxConcat', { shapes: inputs.map((i) => formatShape(i.onnx)) }),
      );
    const onnx = [...inputs[0].onnx];
    onnx[axis - 1] = inputs.reduce((sum, x) => sum + x.onnx[axis - 1], 0);
    const pooled = rank === 4 && axis === 1 && inputs.every((x) => x.app.length === 1);
    const aligned = rank === 4 && !pooled ? inputs.map((_, i) => this.image(node, i)) : inputs;
    const appAxis = rank === 2 || pooled ? -1 : [0, -1, -3, -2][axis];
    const app = rank === 2 || pooled ? [onnx[0]] : [onnx[1], onnx[2], onnx[0]];
    const block = this.addBlock('Concatenate', { axis: appAxis }, aligned, this.hintFor(node), app);
    this.define(node, { kind: 'computed', block, onnx, app, nonNegative: aligned.every((x) => x.nonNegative) });
  }

  private pool(node: DecodedNode): void {
    const max = node.opType === 'MaxPool';
    const x = this.image(node, 0);
    this.onlyFirstOutput(node);
    const kernel = this.ints(node, 'kernel_shape') as [number, number] | undefined;
    if (!kernel || kernel.length !== 2) throw nodeError(node, problem('import:onnxPoolKernel', {}));
    const { strides, pads, out } = this.windowAttributes(node, x, kernel);
    const includePad = !max && this.int(node, 'count_include_pad', 0) === 1;
    const zeroPadOk: Problem | true = max
      ? x.nonNegative || problem('import:onnxMaxPoolPad', {})
      : includePad || problem('import:onnxAveragePad', {});
    const padded = this.padding(node, x, kernel, strides, pads, !includePad, includePad ? true : zeroPadOk);
    const app: Shape = [out[0], out[1], x.app[2]];
    const block = this.addBlock(
      max ? 'MaxPooling2D' : 'AveragePooling2D',
      { poolSize: sizeParam(kernel), strides: sizeParam(strides), padding: padded.padding },
      [padded.input],
      this.hintFor(node),
      app,
    );
    this.define(node, { kind: 'computed', block, onnx: [x.onnx[0], out[0], out[1]], app, nonNegative: x.nonNegative });
  }

  private globalPool(node: DecodedNode): void {
    const x = this.image(node, 0);
    const type = node.opType === 'GlobalMaxPool' ? 'GlobalMaxPooling2D' : 'GlobalAveragePooling2D';
    const block = this.addBlock(type, {}, [x], this.hintFor(node), [x.app[2]]);
    this.define(node, { kind: 'computed', block, onnx: [x.onnx[0], 1, 1], app: [x.app[2]], nonNegative: x.nonNegative });
  }

  /** ReduceMean or ReduceMax over the height and width of an image: a global pooling, its axes kept or not. */
  private reduce(node: DecodedNode): void {
    const x = this.image(node, 0);
    const given = this.opset >= 18 ? this.optionalConstant(node, 1, 'axes')?.values : this.ints(node, 'axes');
    const axes = given ? Array.from(given, (a) => (a < 0 ? a + 4 : a)).sort((a, b) => a - b) : [];
    if (!same(axes, [2, 3])) throw this.unsupportedValue(node, 'axes', `[${axes.join(', ')}]`, problem('import:onnxReduceAxes', {}));
    const type = node.opType === 'ReduceMax' ? 'GlobalMaxPooling2D' : 'GlobalAveragePooling2D';
    const block = this.addBlock(type, {}, [x], this.hintFor(node), [x.app[2]]);
    const keep = this.int(node, 'keepdims', 1) === 1;
    this.define(node, {
      kind: 'computed',
      block,
      onnx: keep ? [x.onnx[0], 1, 1] : [x.onnx[0]],
      app: [x.app[2]],
      nonNegative: x.nonNegative,
    });
  }

  /** ONNX's [C, H, W] as a vector: the app's order is H, W, C, so a vector that ONNX orders C, H, W is marked for the Dense after it. */
  private flattened(node: DecodedNode, x: Computed): void {
    if (x.onnx.length === 1 || x.app.length === 1) return this.define(node, { ...x, onnx: [prod(x.onnx)] });
    const [c, h, w] = x.onnx;
    const block = this.addBlock('Flatten', {}, [x], this.hintFor(node), [c * h * w]);
    this.define(node, {
      kind: 'computed',
      block,
      onnx: [c * h * w],
      app: [c * h * w],
      nonNegative: x.nonNegative,
      ...(h * w > 1 && c > 1 ? { chw: [c, h, w] as [number, number, number] } : {}),
    });
  }

  private flatten(node: DecodedNode): void {
    const x = this.computed(node, 0);
    const rank = x.onnx.length + 1;
    const given = this.int(node, 'axis', 1);
    if ((given < 0 ? given + rank : given) !== 1)
      throw this.unsupportedValue(node, 'axis', String(given), problem('import:onnxFlattenAxis', {}));
    this.flattened(node, x);
  }

  private dense(node: DecodedNode): void {
    const gemm = node.opType === 'Gemm';
    const x = this.vector(node, 0);
    const w = this.constant(node, 1, 'weight');
    const c = gemm ? this.optionalConstant(node, 2, 'bias') : undefined;
    if (gemm && this.int(node, 'transA', 0) !== 0) throw this.unsupportedValue(node, 'transA', '1', problem('import:onnxTransposed', {}));
    const transB = gemm && this.int(node, 'transB', 0) === 1;
    if (w.dims.length !== 2) throw nodeError(node, problem('import:onnxDenseWeights', { shape: w.dims }));
    const [inputs, units] = transB ? [w.dims[1], w.dims[0]] : w.dims;
    if (inputs !== x.onnx[0]) throw nodeError(node, problem('import:onnxDenseInputs', { inputs, got: x.onnx[0] }));
    const alpha = gemm ? this.float(node, 'alpha', 1) : 1;
    const beta = gemm ? this.float(node, 'beta', 1) : 1;
    // The Keras kernel [inputs, units], its rows in the app's order of the input's values.
    const kernel = new Float32Array(inputs * units);
    const row = (i: number) => {
      if (!x.chw) return i;
      const [ch, h, wd] = x.chw;
      const channel = i % ch;
      const pixel = Math.floor(i / ch);
      return channel * h * wd + pixel;
    };
    for (let i = 0; i < inputs; i++) {
      const source = row(i);
      for (let u = 0; u < units; u++)
        kernel[i * units + u] = alpha * (transB ? w.values[u * inputs + source] : w.values[source * units + u]);
    }
    if (c && prod(c.dims) !== units && prod(c.dims) !== 1) throw nodeError(node, problem('import:onnxDenseBias', { shape: c.dims, units }));
    const useBias = Boolean(c && beta !== 0);
    const block = this.addBlock('Dense', { units, activation: 'linear', useBias }, [x], this.hintFor(node, 1), [units]);
    this.addWeight(block, 'kernel', [inputs, units], kernel);
    if (c && useBias)
      this.addWeight(
        block,
        'bias',
        [units],
        Float32Array.from({ length: units }, (_, u) => beta * c.values[prod(c.dims) === 1 ? 0 : u]),
      );
    if (x.chw) this.notes.push(problem('import:onnxFlattenReordered', { block }));
    this.define(node, {
      kind: 'computed',
      block,
      onnx: [units],
      app: [units],
      nonNegative: false,
      takesActivation: true,
      takesBias: !useBias,
    });
  }

  private reshape(node: DecodedNode): void {
    const x = this.computed(node, 0);
    const shape = Array.from(this.constant(node, 1, 'shape').values);
    const full = [this.fixedBatch ?? -1, ...x.onnx];
    const size = prod(x.onnx);
    const target = shape.map((d, i) => (d === 0 && this.int(node, 'allowzero', 0) === 0 ? full[i] : d));
    const batch = target[0];
    const rest = target.slice(1);
    const unknown = rest.filter((d) => d === -1).length;
    const refuse = (why: Problem) => this.unsupportedValue(node, 'shape', `[${shape.join(', ')}]`, why);
    if (
      !(batch === -1 || (this.fixedBatch !== undefined && batch === this.fixedBatch)) ||
      unknown > 1 ||
      (batch === -1 && unknown > 0) ||
      rest.some((d) => d === 0 || d < -1)
    )
      throw refuse(problem('import:onnxReshapeBatch', {}));
    if (unknown === 1) rest[rest.indexOf(-1)] = size / prod(rest.filter((d) => d !== -1));
    if (prod(rest) !== size || !Number.isInteger(prod(rest))) throw refuse(problem('import:onnxReshapeSize', { size, shape: x.onnx }));
    if (same(rest, x.onnx)) return this.define(node, x);
    if (rest.length === 1) return this.flattened(node, x);
    if (rest.length === 3 && rest[1] === 1 && rest[2] === 1 && x.onnx.length === 1 && !x.chw)
      return this.define(node, { ...x, onnx: rest, app: x.app.length === 1 ? x.app : [rest[0]] });
    throw refuse(problem('import:onnxReshapeOrder', { from: x.onnx, to: rest }));
  }

  /** The axes of Squeeze or Unsqueeze (an input from opset 13, an attribute before), counted with the batch. */
  private axes(node: DecodedNode, rank: number): number[] | undefined {
    const given = this.opset >= 13 ? this.optionalConstant(node, 1, 'axes')?.values : this.ints(node, 'axes');
    return given ? Array.from(given, (a) => (a < 0 ? a + rank : a)).sort((a, b) => a - b) : undefined;
  }

  /** Squeeze of ONNX's [C, 1, 1] to [C], or Unsqueeze of [C] to [C, 1, 1]: the same values, which the app holds as [C] either way. */
  private squeeze(node: DecodedNode): void {
    const x = this.computed(node, 0);
    const squeeze = node.opType === 'Squeeze';
    const axes = this.axes(node, squeeze ? x.onnx.length + 1 : x.onnx.length + 3);
    const spatial = !axes || same(axes, [2, 3]);
    if (squeeze && x.onnx.length === 3 && x.onnx[1] === 1 && x.onnx[2] === 1 && spatial && (axes || x.onnx[0] !== 1))
      return this.flattened(node, x);
    if (!squeeze && x.onnx.length === 1 && !x.chw && axes && same(axes, [2, 3]))
      return this.define(node, { ...x, onnx: [x.onnx[0], 1, 1] });
    throw this.unsupportedValue(
      node,
      'axes',
      axes ? `[${axes.join(', ')}]` : '(none)',
      problem('import:onnxSqueeze', { shape: x.onnx, context: squeeze ? 'squeeze' : 'unsqueeze' }),
    );
  }

  /** Pad of the height and the width with zeros: ZeroPadding2D, each side its own. */
  private pad(node: DecodedNode): void {
    const x = this.image(node, 0);
    const mode = this.attribute(node, 'mode')?.s ?? 'constant';
    const pads = this.opset >= 11 ? Array.from(this.constant(node, 1, 'pads').values) : (this.ints(node, 'pads') ?? []);
    const value = this.opset >= 11 ? (this.optionalConstant(node, 2, 'value')?.values[0] ?? 0) : this.float(node, 'value', 0);
    if (mode !== 'constant' || value !== 0)
      throw this.unsupportedValue(
        node,
        mode !== 'constant' ? 'mode' : 'value',
        mode !== 'constant' ? `"${mode}"` : String(value),
        problem('import:onnxPadZeros', {}),
      );
    const [, , top, left, , , bottom, right] = pads;
    if (pads.length !== 8 || pads[0] || pads[1] || pads[4] || pads[5] || [top, left, bottom, right].some((p) => p < 0))
      throw this.unsupportedValue(node, 'pads', `[${pads.join(', ')}]`, problem('import:onnxPadSides', {}));
    const app: Shape = [x.app[0] + top + bottom, x.app[1] + left + right, x.app[2]];
    const block = this.addBlock('ZeroPadding2D', { padding: sidesParam(top, bottom, left, right) }, [x], this.hintFor(node), app);
    this.define(node, { kind: 'computed', block, onnx: [x.onnx[0], app[0], app[1]], app, nonNegative: x.nonNegative });
  }

  private identity(node: DecodedNode): void {
    const value = this.value(node, 0);
    if (value.kind === 'constant') this.shared.add(node.inputs[0]);
    this.define(node, value);
  }

  private dropout(node: DecodedNode): void {
    this.onlyFirstOutput(node);
    const x = this.computed(node, 0);
    const ratio = this.opset >= 12 ? (this.optionalConstant(node, 1, 'ratio')?.values[0] ?? 0.5) : this.float(node, 'ratio', 0.5);
    if (!(ratio > 0 && ratio < 1)) return this.define(node, x);
    const block = this.addBlock('Dropout', { rate: float32Decimal(ratio) }, [x], this.hintFor(node), x.app);
    this.define(node, { ...x, block, takesActivation: false, takesBias: false, rescaling: false });
  }

  private constantNode(node: DecodedNode): void {
    const a = node.attributes[0];
    const name = node.outputs[0];
    if (a?.name === 'value' && a.t) return this.define(node, this.constantOf({ ...a.t, name }));
    if (a?.name === 'value_float' && a.f !== undefined)
      return this.define(node, { kind: 'constant', name, dims: [], values: Float32Array.of(a.f) });
    if (a?.name === 'value_floats')
      return this.define(node, { kind: 'constant', name, dims: [a.floats.length], values: Float32Array.from(a.floats) });
    if (a?.name === 'value_int' && a.i !== undefined)
      return this.define(node, { kind: 'constant', name, dims: [], values: Float64Array.of(a.i) });
    if (a?.name === 'value_ints')
      return this.define(node, { kind: 'constant', name, dims: [a.ints.length], values: Float64Array.from(a.ints) });
    throw nodeError(node, problem('import:onnxConstantValue', { attribute: a?.name ?? '', ...(a ? {} : { context: 'none' }) }));
  }
}

/** The opset of ONNX's default domain, or an ImportError when the file names none. */
function defaultOpset(model: DecodedModel): number {
  const opset = model.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (!opset || opset.version < 1) throw new ImportError(problem('import:onnxNoOpset', {}));
  return opset.version;
}

/** Reads the bytes of a .onnx file into the app's blocks and weights; `fileName` names the project. */
export function importOnnx(bytes: Uint8Array, fileName: string): ImportedModel {
  if (bytes.length === 0) throw new ImportError(problem('import:onnxEmpty', { file: fileName }));
  const model = decodeModel(bytes);
  if (!model.graph || model.irVersion < 1)
    throw new ImportError(problem('import:onnxNotModel', { file: fileName, context: model.graph ? 'ir' : 'graph' }));
  const opset = defaultOpset(model);
  const converter = new OnnxGraphImport(model, opset);
  const graph = converter.run();
  const analysis = analyzeGraph(graph);
  const wrong = analysis.errors[0];
  if (wrong)
    throw new ImportError(
      problem('import:onnxNotWhole', { block: wrong.nodeId ?? '', reason: wrong.problem, ...(wrong.nodeId ? {} : { context: 'graph' }) }),
    );
  for (const [id, shape] of converter.expected) {
    const computed = analysis.nodes[id]?.outputShape;
    if (!computed || !same(computed, shape))
      throw new ImportError(problem('import:onnxShapeDiffers', { block: id, computed: computed ?? null, shape }));
  }
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ');
  const operators = model.graph.nodes.length;
  const notes: Problem[] = [
    problem('import:onnxRead', { operators, opset, blocks: graph.nodes.length, producer, ...(producer ? { context: 'producer' } : {}) }),
    ...converter.notes,
  ];
  const name = path.basename(fileName).replace(/\.onnx$/i, '') || model.graph.name || 'Imported network';
  return { name, graph, weights: converter.weights, format: 'onnx', notes };
}

/** Reads a .onnx file from this computer. */
export async function loadOnnx(file: string): Promise<ImportedModel> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new ImportError(
      problem('import:unreadable', {
        file,
        message: (error as Error).message,
        ...(code === 'ENOENT' ? { context: 'missing' } : code === 'EISDIR' ? { context: 'folder' } : {}),
      }),
    );
  }
  return importOnnx(bytes, path.basename(file));
}

export const onnxImporter: Importer = { format: 'onnx', extensions: ['.onnx'], load: loadOnnx };
