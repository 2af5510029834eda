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
import type { Localized } from '../model/localized';
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

function describeNode(node: DecodedNode): string {
  return node.name ? `${node.opType} node "${node.name}"` : `${node.opType} node (output "${node.outputs[0]}")`;
}
function describeNodeFr(node: DecodedNode): string {
  return node.name ? `le nœud ${node.opType} « ${node.name} »` : `le nœud ${node.opType} (sortie « ${node.outputs[0]} »)`;
}

/** An error about one node: `en`/`fr` say what is wrong after the node is named. */
function nodeError(node: DecodedNode, text: Localized): ImportError {
  return new ImportError(
    { en: `${describeNode(node)}: ${text.en}`, fr: `${describeNodeFr(node).replace(/^le/, 'Le')} : ${text.fr}` },
    node.opType,
  );
}

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
  readonly notes: Localized[] = [];
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
    if (this.shared.size)
      this.notes.push({
        en: `${this.shared.size} weight tensors of the file are shared through Identity nodes (as PyTorch writes identical tensors once); each block has its own copy.`,
        fr: `${this.shared.size} tenseurs de poids du fichier sont partagés par des nœuds Identity (PyTorch écrit une seule fois les tenseurs identiques) ; chaque bloc en a sa propre copie.`,
      });
    if (this.hardSigmoids)
      this.notes.push({
        en: `${this.hardSigmoids} HardSigmoid nodes became Rescaling → relu6 → Rescaling blocks, exactly the same function (clip(αx + β, 0, 1) = relu6(6αx + 6β) / 6): the app has no hard-sigmoid activation.`,
        fr: `${this.hardSigmoids} nœuds HardSigmoid sont devenus des blocs Rescaling → relu6 → Rescaling, exactement la même fonction (clip(αx + β, 0, 1) = relu6(6αx + 6β) / 6) : l’application n’a pas d’activation hard sigmoid.`,
      });
    if (this.paddingBlocks)
      this.notes.push({
        en: `${this.paddingBlocks} ZeroPadding2D blocks reproduce ONNX's explicit padding where Keras's "same" padding would pad differently.`,
        fr: `${this.paddingBlocks} blocs ZeroPadding2D reproduisent le remplissage explicite d’ONNX là où le remplissage « same » de Keras serait différent.`,
      });
    return { nodes: this.nodes, edges: this.edges };
  }

  // ── Values ────────────────────────────────────────────────────────────────────────────────

  private constantOf(t: DecodedTensor): Constant {
    if (t.external)
      throw new ImportError({
        en: `The weight tensor "${t.name}" is stored in a separate file (ONNX external data), which the app does not read. Export the network as one .onnx file (models under 2 GB fit in one).`,
        fr: `Le tenseur de poids « ${t.name} » est rangé dans un fichier à part (données externes ONNX), que l’application ne lit pas. Exportez le réseau en un seul fichier .onnx (les modèles de moins de 2 Go y tiennent).`,
      });
    return { kind: 'constant', name: t.name, dims: t.dims, values: tensorValues(t) };
  }

  private value(node: DecodedNode, index: number): Value {
    const name = node.inputs[index];
    const value = name ? this.values.get(name) : undefined;
    if (!value)
      throw nodeError(node, {
        en: `its input ${index + 1} ("${name ?? ''}") is missing or produced by no node of the file.`,
        fr: `son entrée ${index + 1} (« ${name ?? ''} ») manque ou n’est produite par aucun nœud du fichier.`,
      });
    return value;
  }

  private computed(node: DecodedNode, index: number): Computed {
    const value = this.value(node, index);
    if (value.kind === 'constant')
      throw nodeError(node, {
        en: `its input "${node.inputs[index]}" is a constant, where the app expects values computed from the network's input. Only networks whose operators act on their input can be imported.`,
        fr: `son entrée « ${node.inputs[index]} » est une constante, alors que l’application attend des valeurs calculées à partir de l’entrée du réseau. Seuls les réseaux dont les opérateurs agissent sur leur entrée peuvent être importés.`,
      });
    return value;
  }

  private constant(node: DecodedNode, index: number, what: Localized): Constant {
    const value = this.value(node, index);
    if (value.kind !== 'constant')
      throw nodeError(node, {
        en: `its ${what.en} ("${node.inputs[index]}") is computed by the network, where the app needs a fixed weight tensor of the file.`,
        fr: `son entrée ${what.fr} (« ${node.inputs[index]} ») est calculée par le réseau, alors que l’application a besoin d’un tenseur de poids fixe du fichier.`,
      });
    return value;
  }

  private optionalConstant(node: DecodedNode, index: number, what: Localized): Constant | undefined {
    return node.inputs[index] ? this.constant(node, index, what) : undefined;
  }

  private image(node: DecodedNode, index: number): Computed {
    const x = this.computed(node, index);
    if (x.onnx.length !== 3)
      throw nodeError(node, {
        en: `it works on images (N×C×H×W) but its input "${node.inputs[index]}" has shape ${formatShape(x.onnx)} (without the batch).`,
        fr: `il agit sur des images (N×C×H×W), mais son entrée « ${node.inputs[index]} » a la forme ${formatShape(x.onnx)} (sans le lot).`,
      });
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
    if (x.onnx.length !== 1)
      throw nodeError(node, {
        en: `it works on vectors (N×F) but its input "${node.inputs[index]}" has shape ${formatShape(x.onnx)} (without the batch). Add a Flatten before it in the original network.`,
        fr: `il agit sur des vecteurs (N×F), mais son entrée « ${node.inputs[index]} » a la forme ${formatShape(x.onnx)} (sans le lot). Ajoutez un Flatten avant lui dans le réseau d’origine.`,
      });
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
    if (real.length === 0)
      throw new ImportError({
        en: 'The ONNX graph has no input: there is nothing to feed the network.',
        fr: 'Le graphe ONNX n’a aucune entrée : il n’y a rien à donner au réseau.',
      });
    for (const input of real) {
      if (input.elemType !== undefined && input.elemType !== OnnxDataType.FLOAT)
        throw new ImportError({
          en: `The input "${input.name}" takes ${dataTypeNames[input.elemType] ?? `type ${input.elemType}`} values; the app feeds float32 images or vectors.`,
          fr: `L’entrée « ${input.name} » prend des valeurs ${dataTypeNames[input.elemType] ?? `de type ${input.elemType}`} ; l’application fournit des images ou des vecteurs float32.`,
        });
      const dims = input.dims;
      if (!dims || (dims.length !== 4 && dims.length !== 2) || dims.slice(1).some((d) => typeof d !== 'number' || d <= 0))
        throw new ImportError({
          en: `The input "${input.name}" has shape ${dims ? dims.map((d) => d ?? '?').join('×') : 'unknown'}; the app imports networks whose input is a batch of images of a fixed size (N×C×H×W) or of vectors (N×F). Export the network with a fixed image size (only the batch may vary).`,
          fr: `L’entrée « ${input.name} » a la forme ${dims ? dims.map((d) => d ?? '?').join('×') : 'inconnue'} ; l’application importe des réseaux dont l’entrée est un lot d’images de taille fixe (N×C×H×W) ou de vecteurs (N×F). Exportez le réseau avec une taille d’image fixe (seul le lot peut varier).`,
        });
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
    if (stack.length === 0)
      throw new ImportError({
        en: 'The ONNX graph has no output: the network computes nothing to import.',
        fr: 'Le graphe ONNX n’a aucune sortie : le réseau ne calcule rien à importer.',
      });
    while (stack.length) {
      const name = stack.pop()!;
      const node = producer.get(name);
      if (!node || needed.has(node)) continue;
      needed.add(node);
      for (const input of node.inputs) if (input) stack.push(input);
    }
    for (const output of graph.outputs)
      if (!producer.has(output.name) && !this.values.has(output.name))
        throw new ImportError({
          en: `The output "${output.name}" of the ONNX graph is produced by no node: the file is damaged.`,
          fr: `La sortie « ${output.name} » du graphe ONNX n’est produite par aucun nœud : le fichier est abîmé.`,
        });
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
        throw nodeError(node, {
          en: `its input "${missing}" is produced by no node of the file, or only by a node that depends on it: the graph is damaged.`,
          fr: `son entrée « ${missing} » n’est produite par aucun nœud du fichier, ou seulement par un nœud qui en dépend : le graphe est abîmé.`,
        });
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
      if (!value || value.kind === 'constant')
        throw new ImportError({
          en: `The output "${output.name}" of the ONNX graph is a constant, not computed from the input: there is no network to import.`,
          fr: `La sortie « ${output.name} » du graphe ONNX est une constante, non calculée à partir de l’entrée : il n’y a pas de réseau à importer.`,
        });
      if (value.chw)
        throw new ImportError({
          en: `The output "${output.name}" is a flattened ${value.chw.join('×')} image: ONNX orders its values channel first and the app pixel first, so they would come out in another order. Import the network up to its last layer that is not such a Flatten.`,
          fr: `La sortie « ${output.name} » est une image ${value.chw.join('×')} aplatie : ONNX range ses valeurs canal par canal et l’application pixel par pixel, elles sortiraient donc dans un autre ordre. Importez le réseau jusqu’à sa dernière couche qui n’est pas un tel Flatten.`,
        });
      if (!sinks.has(value.block))
        throw new ImportError({
          en: `The output "${output.name}" is also used inside the network; the app's outputs are its last blocks only. Export the network with its final outputs alone.`,
          fr: `La sortie « ${output.name} » sert aussi à l’intérieur du réseau ; les sorties de l’application ne sont que ses derniers blocs. Exportez le réseau avec ses seules sorties finales.`,
        });
      if (value.onnx.length === 3)
        this.notes.push({
          en: `The output "${output.name}" is an image: the app gives it as H×W×C (${formatShape(value.app)}), where ONNX gives C×H×W.`,
          fr: `La sortie « ${output.name} » est une image : l’application la donne en H×L×C (${formatShape(value.app)}), là où ONNX donne C×H×L.`,
        });
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

  private unsupportedValue(node: DecodedNode, attribute: string, value: string, why: Localized): ImportError {
    return nodeError(node, {
      en: `its \`${attribute}\` ${value} cannot be expressed with the app's blocks: ${why.en}`,
      fr: `son \`${attribute}\` ${value} ne peut pas s’exprimer avec les blocs de l’application : ${why.fr}`,
    });
  }

  /** The unused outputs a node may have (Dropout's mask, MaxPool's indices): refused when the network reads them. */
  private onlyFirstOutput(node: DecodedNode): void {
    for (const extra of node.outputs.slice(1))
      if (extra && this.readers.has(extra))
        throw nodeError(node, {
          en: `the network reads its output "${extra}", which the app's blocks do not compute (only the first output of ${node.opType} is imported).`,
          fr: `le réseau lit sa sortie « ${extra} », que les blocs de l’application ne calculent pas (seule la première sortie de ${node.opType} est importée).`,
        });
  }

  // ── Operators ─────────────────────────────────────────────────────────────────────────────

  private convert(node: DecodedNode): void {
    if (node.domain && node.domain !== 'ai.onnx')
      throw nodeError(node, {
        en: `the operator ${node.opType} of the domain "${node.domain}" is not a standard ONNX operator, and the app cannot express it. Supported operators: ${supportedOnnxOperators.join(', ')}.`,
        fr: `l’opérateur ${node.opType} du domaine « ${node.domain} » n’est pas un opérateur ONNX standard, et l’application ne sait pas l’exprimer. Opérateurs pris en charge : ${supportedOnnxOperators.join(', ')}.`,
      });
    switch (node.opType) {
      case 'Conv':
        return this.conv(node);
      case 'BatchNormalization':
        return this.batchNorm(node);
      case 'Clip':
        return this.clip(node);
      case 'Add':
      case 'Sum':
      case 'Sub':
      case 'Mul':
      case 'Div':
        return this.arithmetic(node);
      case 'Concat':
        return this.concat(node);
      case 'MaxPool':
      case 'AveragePool':
        return this.pool(node);
      case 'GlobalAveragePool':
      case 'GlobalMaxPool':
        return this.globalPool(node);
      case 'ReduceMean':
      case 'ReduceMax':
        return this.reduce(node);
      case 'Flatten':
        return this.flatten(node);
      case 'Gemm':
      case 'MatMul':
        return this.dense(node);
      case 'Reshape':
        return this.reshape(node);
      case 'Squeeze':
      case 'Unsqueeze':
        return this.squeeze(node);
      case 'Pad':
        return this.pad(node);
      case 'HardSigmoid':
        return this.hardSigmoid(node);
      case 'Identity':
        return this.identity(node);
      case 'Dropout':
        return this.dropout(node);
      case 'Constant':
        return this.constantNode(node);
      default:
        if (node.opType in ACTIVATIONS) return this.activationNode(node, ACTIVATIONS[node.opType]);
        throw nodeError(node, {
          en: `the app has no block for the ONNX operator ${node.opType}, so the network cannot be imported without changing what it computes. Supported operators: ${supportedOnnxOperators.join(', ')}.`,
          fr: `l’application n’a aucun bloc pour l’opérateur ONNX ${node.opType} : le réseau ne peut pas être importé sans changer ce qu’il calcule. Opérateurs pris en charge : ${supportedOnnxOperators.join(', ')}.`,
        });
    }
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
    if (auto !== 'NOTSET')
      throw this.unsupportedValue(node, 'auto_pad', `"${auto}"`, { en: 'it is not an ONNX value.', fr: 'ce n’est pas une valeur ONNX.' });
    const pads = this.ints(node, 'pads') ?? [0, 0, 0, 0];
    if (pads.length !== 4 || pads.some((p) => p < 0))
      throw this.unsupportedValue(node, 'pads', `[${pads.join(', ')}]`, {
        en: 'a 2-D window takes four padding values of at least 0.',
        fr: 'une fenêtre 2D prend quatre valeurs de remplissage positives ou nulles.',
      });
    return pads;
  }

  private windowAttributes(
    node: DecodedNode,
    x: Computed,
    kernel: [number, number],
  ): { strides: [number, number]; pads: number[]; out: [number, number] } {
    const given = this.ints(node, 'kernel_shape');
    if (given && !same(given, kernel))
      throw this.unsupportedValue(node, 'kernel_shape', `[${given.join(', ')}]`, {
        en: `the weights are ${kernel.join('×')}.`,
        fr: `les poids font ${kernel.join('×')}.`,
      });
    const strides = (this.ints(node, 'strides') ?? [1, 1]) as [number, number];
    if (strides.length !== 2)
      throw this.unsupportedValue(node, 'strides', `[${strides.join(', ')}]`, {
        en: 'only 2-D windows are imported.',
        fr: 'seules les fenêtres 2D sont importées.',
      });
    const dilations = this.ints(node, 'dilations');
    if (dilations && dilations.some((d) => d !== 1))
      throw this.unsupportedValue(node, 'dilations', `[${dilations.join(', ')}]`, {
        en: 'the app’s convolutions and poolings are not dilated.',
        fr: 'les convolutions et poolings de l’application ne sont pas dilatés.',
      });
    const size: [number, number] = [x.onnx[1], x.onnx[2]];
    const pads = this.windowPads(node, size, kernel, strides);
    const out: [number, number] = [0, 1].map((i) => Math.floor((size[i] + pads[i] + pads[i + 2] - kernel[i]) / strides[i]) + 1) as [
      number,
      number,
    ];
    if (out.some((o) => o < 1))
      throw nodeError(node, {
        en: `its ${kernel.join('×')} window does not fit in the ${size.join('×')} image it receives.`,
        fr: `sa fenêtre ${kernel.join('×')} ne tient pas dans l’image ${size.join('×')} qu’il reçoit.`,
      });
    if (this.int(node, 'ceil_mode', 0) === 1) {
      // Rounding the output size up adds a last window that runs past the end: the same as padding
      // the end by what that window lacks, which Keras's "same" reproduces when it pads alike.
      const ceil = [0, 1].map((i) => Math.ceil((size[i] + pads[i] + pads[i + 2] - kernel[i]) / strides[i]) + 1) as [number, number];
      const extra = [0, 1].map((i) => (ceil[i] - 1) * strides[i] + kernel[i] - (size[i] + pads[i] + pads[i + 2]));
      const startsInside = [0, 1].every((i) => (ceil[i] - 1) * strides[i] < size[i] + pads[i]);
      const padded = [pads[0], pads[1], pads[2] + extra[0], pads[3] + extra[1]];
      const keras = [...samePads(size[0], kernel[0], strides[0]), ...samePads(size[1], kernel[1], strides[1])];
      if (!same(ceil, out) && !(startsInside && same(padded, [keras[0], keras[2], keras[1], keras[3]])))
        throw this.unsupportedValue(node, 'ceil_mode', '1', {
          en: `it makes a ${ceil.join('×')} output where the app's windows make ${out.join('×')} (Keras's "same" padding gives that size only when it pads alike).`,
          fr: `il donne une sortie ${ceil.join('×')} là où les fenêtres de l’application donnent ${out.join('×')} (le remplissage « same » de Keras ne donne cette taille que s’il remplit de la même façon).`,
        });
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
    zeroPad: Localized | true,
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
    const w = this.constant(node, 1, { en: 'weight input', fr: 'de poids' });
    const b = this.optionalConstant(node, 2, { en: 'bias input', fr: 'de biais' });
    if (w.dims.length !== 4)
      throw nodeError(node, {
        en: `its weights have shape ${formatShape(w.dims)}; only 2-D convolutions (4-D weights) are imported.`,
        fr: `ses poids ont la forme ${formatShape(w.dims)} ; seules les convolutions 2D (poids à 4 dimensions) sont importées.`,
      });
    const [filters, perGroup, kh, kw] = w.dims;
    const channels = x.onnx[0];
    const group = this.int(node, 'group', 1);
    const kernel: [number, number] = [kh, kw];
    const { strides, pads, out } = this.windowAttributes(node, x, kernel);
    const depthwise = group !== 1 && group === channels && perGroup === 1 && filters % channels === 0;
    if (group !== 1 && !depthwise)
      throw this.unsupportedValue(node, 'group', String(group), {
        en: `the app has ordinary convolutions (group 1) and depthwise ones (group = the ${channels} input channels), not convolutions in ${group} groups.`,
        fr: `l’application a des convolutions ordinaires (group 1) et en profondeur (group = les ${channels} canaux d’entrée), pas de convolutions en ${group} groupes.`,
      });
    if (group === 1 && perGroup !== channels)
      throw nodeError(node, {
        en: `its weights take ${perGroup} channels but its input has ${channels}: the file is damaged.`,
        fr: `ses poids prennent ${perGroup} canaux mais son entrée en a ${channels} : le fichier est abîmé.`,
      });
    if (b && prod(b.dims) !== filters)
      throw nodeError(node, {
        en: `its bias has ${prod(b.dims)} values for ${filters} filters: the file is damaged.`,
        fr: `son biais a ${prod(b.dims)} valeurs pour ${filters} filtres : le fichier est abîmé.`,
      });
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
      throw this.unsupportedValue(node, 'training_mode', '1', {
        en: 'the app imports networks at inference (BatchNormalization with its running statistics).',
        fr: 'l’application importe les réseaux en inférence (BatchNormalization avec ses statistiques mobiles).',
      });
    this.onlyFirstOutput(node);
    if (x.chw)
      throw nodeError(node, {
        en: `it normalises a flattened ${x.chw.join('×')} image, whose values the app orders differently; only BatchNormalization over channels or vector features is imported.`,
        fr: `il normalise une image ${x.chw.join('×')} aplatie, dont l’application range les valeurs autrement ; seule la BatchNormalization sur les canaux ou les caractéristiques d’un vecteur est importée.`,
      });
    const channels = x.onnx[0];
    const names = ['gamma', 'beta', 'moving_mean', 'moving_variance'];
    const tensors = names.map((_, i) =>
      this.constant(
        node,
        i + 1,
        [
          { en: 'scale input', fr: 'd’échelle' },
          { en: 'bias input', fr: 'de biais' },
          { en: 'mean input', fr: 'de moyenne' },
          { en: 'variance input', fr: 'de variance' },
        ][i],
      ),
    );
    for (const t of tensors)
      if (prod(t.dims) !== channels)
        throw nodeError(node, {
          en: `its tensor "${t.name}" has ${prod(t.dims)} values for ${channels} channels: the file is damaged.`,
          fr: `son tenseur « ${t.name} » a ${prod(t.dims)} valeurs pour ${channels} canaux : le fichier est abîmé.`,
        });
    const epsilon = this.float(node, 'epsilon', 1e-5);
    const momentum = this.float(node, 'momentum', 0.9);
    if (!(epsilon > 0 && epsilon <= 1))
      throw this.unsupportedValue(node, 'epsilon', String(epsilon), {
        en: 'the BatchNormalization block takes an epsilon above 0 and at most 1.',
        fr: 'le bloc BatchNormalization prend un epsilon supérieur à 0 et au plus 1.',
      });
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
      throw this.unsupportedValue(node, 'alpha', String(this.float(node, 'alpha', 1)), {
        en: 'Keras’s elu uses alpha 1.',
        fr: 'l’elu de Keras utilise alpha 1.',
      });
    if (
      node.opType === 'Selu' &&
      (this.attribute(node, 'alpha') || this.attribute(node, 'gamma')) &&
      (Math.abs(this.float(node, 'alpha', 1.6732632) - 1.6732632) > 1e-6 ||
        Math.abs(this.float(node, 'gamma', 1.0507009) - 1.0507009) > 1e-6)
    )
      throw this.unsupportedValue(node, 'alpha', String(this.float(node, 'alpha', 1.6732632)), {
        en: 'Keras’s selu uses the standard constants.',
        fr: 'la selu de Keras utilise les constantes standard.',
      });
    if (node.opType === 'HardSwish' && this.opset < 14)
      throw nodeError(node, {
        en: `HardSwish needs opset 14, but the file declares opset ${this.opset}: the file is damaged.`,
        fr: `HardSwish demande l’opset 14, mais le fichier déclare l’opset ${this.opset} : le fichier est abîmé.`,
      });
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
    if (!overChannels)
      throw this.unsupportedValue(node, 'axis', String(axis), {
        en: `the app's softmax acts on the channels (of an image) or the features (of a vector), and this one acts on another axis of its ${formatShape(x.onnx)} input.`,
        fr: `la softmax de l’application agit sur les canaux (d’une image) ou les caractéristiques (d’un vecteur), et celle-ci agit sur un autre axe de son entrée ${formatShape(x.onnx)}.`,
      });
  }

  private clip(node: DecodedNode): void {
    const x = this.computed(node, 0);
    let min = -Infinity;
    let max = Infinity;
    if (this.opset >= 11) {
      const lo = this.optionalConstant(node, 1, { en: 'minimum input', fr: 'de minimum' });
      const hi = this.optionalConstant(node, 2, { en: 'maximum input', fr: 'de maximum' });
      if (lo) min = lo.values[0];
      if (hi) max = hi.values[0];
    } else {
      min = this.float(node, 'min', -Infinity);
      max = this.float(node, 'max', Infinity);
    }
    const kind = min === 0 && max === 6 ? 'relu6' : min === 0 && max === Infinity ? 'relu' : undefined;
    if (!kind)
      throw nodeError(node, {
        en: `it clips to [${min}, ${max}], and the app's activations clip only to [0, 6] (relu6) or [0, ∞) (relu).`,
        fr: `il borne à [${min} ; ${max}], et les activations de l’application ne bornent qu’à [0 ; 6] (relu6) ou [0 ; ∞) (relu).`,
      });
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
      throw nodeError(node, {
        en: `${op} of ${computed.length === 0 ? 'constants alone' : 'two computed tensors'} cannot be expressed with the app's blocks (Add and Multiply take computed tensors, Rescaling a scalar constant).`,
        fr: `${op} ${computed.length === 0 ? 'de constantes seules' : 'de deux tenseurs calculés'} ne peut pas s’exprimer avec les blocs de l’application (Add et Multiply prennent des tenseurs calculés, Rescaling une constante scalaire).`,
      });
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
      throw nodeError(node, {
        en: `it ${op === 'Mul' || op === 'Div' ? 'scales' : 'shifts'} its input by a constant of shape ${formatShape(c.dims)}, and the app's Rescaling block takes one number for every value. Only a scalar constant (or a bias after MatMul) is imported.`,
        fr: `il ${op === 'Mul' || op === 'Div' ? 'multiplie' : 'décale'} son entrée par une constante de forme ${formatShape(c.dims)}, et le bloc Rescaling de l’application prend un seul nombre pour toutes les valeurs. Seule une constante scalaire (ou un biais après MatMul) est importée.`,
      });
    const k = c.values[0];
    let scale: number;
    let offset: number;
    if (op === 'Add' || op === 'Sum') [scale, offset] = [1, k];
    else if (op === 'Mul') [scale, offset] = [k, 0];
    else if (op === 'Sub') [scale, offset] = xFirst ? [1, -k] : [-1, k];
    else if (xFirst && k !== 0) [scale, offset] = [1 / k, 0];
    else
      throw nodeError(node, {
        en: 'it divides a constant by the network’s values (or by zero), which the app’s Rescaling block cannot do.',
        fr: 'il divise une constante par les valeurs du réseau (ou par zéro), ce que le bloc Rescaling de l’application ne sait pas faire.',
      });
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
      throw this.unsupportedValue(node, Number.isFinite(alpha) ? 'beta' : 'alpha', String(Number.isFinite(alpha) ? beta : alpha), {
        en: 'it is not a finite number.',
        fr: 'ce n’est pas un nombre fini.',
      });
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
        throw nodeError(node, {
          en: `it combines tensors of shapes ${inputs.map((i) => formatShape(i.onnx)).join(' and ')} by broadcasting, and the app's ${node.opType === 'Mul' ? 'Multiply' : 'Add'} block takes tensors of one shape.`,
          fr: `il combine des tenseurs de formes ${inputs.map((i) => formatShape(i.onnx)).join(' et ')} par diffusion (broadcasting), et le bloc ${node.opType === 'Mul' ? 'Multiply' : 'Add'} de l’application prend des tenseurs d’une seule forme.`,
        });
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
    if (given === undefined)
      throw nodeError(node, {
        en: 'it has no `axis` attribute: the file is damaged.',
        fr: 'il n’a pas d’attribut `axis` : le fichier est abîmé.',
      });
    const axis = given < 0 ? given + rank : given;
    if (inputs.some((x) => x.onnx.length !== rank - 1 || x.chw) || axis < 1 || axis >= rank)
      throw this.unsupportedValue(node, 'axis', String(given), {
        en: `the app joins images along their channels, height or width and vectors along their features, with inputs of one kind (here ${inputs.map((i) => formatShape(i.onnx)).join(', ')}).`,
        fr: `l’application joint des images selon leurs canaux, leur hauteur ou leur largeur et des vecteurs selon leurs caractéristiques, avec des entrées d’un seul genre (ici ${inputs.map((i) => formatShape(i.onnx)).join(', ')}).`,
      });
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
    if (!kernel || kernel.length !== 2)
      throw nodeError(node, {
        en: 'it has no 2-D `kernel_shape`; only 2-D poolings are imported.',
        fr: 'il n’a pas de `kernel_shape` 2D ; seuls les poolings 2D sont importés.',
      });
    const { strides, pads, out } = this.windowAttributes(node, x, kernel);
    const includePad = !max && this.int(node, 'count_include_pad', 0) === 1;
    const zeroPadOk: Localized | true = max
      ? x.nonNegative || {
          en: `a max pooling pads with -∞; the app pads with zeros (ZeroPadding2D), which gives the same result only on values that are never negative (e.g. right after a relu), and this input may be negative.`,
          fr: `un max pooling remplit avec -∞ ; l’application remplit avec des zéros (ZeroPadding2D), ce qui donne le même résultat seulement sur des valeurs jamais négatives (par ex. juste après une relu), et cette entrée peut être négative.`,
        }
      : includePad || {
          en: 'this average leaves the padding out of the mean (count_include_pad 0) with a padding that is not Keras’s "same" one.',
          fr: 'cette moyenne exclut le remplissage (count_include_pad 0) avec un remplissage qui n’est pas le « same » de Keras.',
        };
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
    const given = this.opset >= 18 ? this.optionalConstant(node, 1, { en: 'axes input', fr: 'd’axes' })?.values : this.ints(node, 'axes');
    const axes = given ? Array.from(given, (a) => (a < 0 ? a + 4 : a)).sort((a, b) => a - b) : [];
    if (!same(axes, [2, 3]))
      throw this.unsupportedValue(node, 'axes', `[${axes.join(', ')}]`, {
        en: 'the app averages or takes the maximum over the height and width of an image (axes 2 and 3) only.',
        fr: 'l’application ne fait la moyenne ou le maximum que sur la hauteur et la largeur d’une image (axes 2 et 3).',
      });
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
      throw this.unsupportedValue(node, 'axis', String(given), {
        en: 'the app flattens every axis but the batch (axis 1).',
        fr: 'l’application aplatit tous les axes sauf le lot (axe 1).',
      });
    this.flattened(node, x);
  }

  private dense(node: DecodedNode): void {
    const gemm = node.opType === 'Gemm';
    const x = this.vector(node, 0);
    const w = this.constant(node, 1, { en: 'weight input', fr: 'de poids' });
    const c = gemm ? this.optionalConstant(node, 2, { en: 'bias input', fr: 'de biais' }) : undefined;
    if (gemm && this.int(node, 'transA', 0) !== 0)
      throw this.unsupportedValue(node, 'transA', '1', {
        en: 'the app’s Dense multiplies the batch of vectors as it is.',
        fr: 'le Dense de l’application multiplie le lot de vecteurs tel quel.',
      });
    const transB = gemm && this.int(node, 'transB', 0) === 1;
    if (w.dims.length !== 2)
      throw nodeError(node, {
        en: `its weights have shape ${formatShape(w.dims)}; a Dense block takes a matrix.`,
        fr: `ses poids ont la forme ${formatShape(w.dims)} ; un bloc Dense prend une matrice.`,
      });
    const [inputs, units] = transB ? [w.dims[1], w.dims[0]] : w.dims;
    if (inputs !== x.onnx[0])
      throw nodeError(node, {
        en: `its weights take ${inputs} values but its input has ${x.onnx[0]}: the file is damaged.`,
        fr: `ses poids prennent ${inputs} valeurs mais son entrée en a ${x.onnx[0]} : le fichier est abîmé.`,
      });
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
    if (c && prod(c.dims) !== units && prod(c.dims) !== 1)
      throw nodeError(node, {
        en: `its bias has shape ${formatShape(c.dims)} for ${units} outputs; the app's Dense adds one bias per output.`,
        fr: `son biais a la forme ${formatShape(c.dims)} pour ${units} sorties ; le Dense de l’application ajoute un biais par sortie.`,
      });
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
    if (x.chw)
      this.notes.push({
        en: `The weights of Dense "${block}" are reordered for the app's Flatten, which orders an image's values pixel by pixel where ONNX orders them channel by channel.`,
        fr: `Les poids du Dense « ${block} » sont réordonnés pour le Flatten de l’application, qui range les valeurs d’une image pixel par pixel là où ONNX les range canal par canal.`,
      });
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
    const shape = Array.from(this.constant(node, 1, { en: 'shape input', fr: 'de forme' }).values);
    const full = [this.fixedBatch ?? -1, ...x.onnx];
    const size = prod(x.onnx);
    const target = shape.map((d, i) => (d === 0 && this.int(node, 'allowzero', 0) === 0 ? full[i] : d));
    const batch = target[0];
    const rest = target.slice(1);
    const unknown = rest.filter((d) => d === -1).length;
    const refuse = (why: Localized) => this.unsupportedValue(node, 'shape', `[${shape.join(', ')}]`, why);
    if (
      !(batch === -1 || (this.fixedBatch !== undefined && batch === this.fixedBatch)) ||
      unknown > 1 ||
      (batch === -1 && unknown > 0) ||
      rest.some((d) => d === 0 || d < -1)
    )
      throw refuse({
        en: 'the app reshapes every sample alike and keeps the batch as it is (first dimension 0 or -1).',
        fr: 'l’application change la forme de chaque échantillon de la même façon et garde le lot tel quel (première dimension 0 ou -1).',
      });
    if (unknown === 1) rest[rest.indexOf(-1)] = size / prod(rest.filter((d) => d !== -1));
    if (prod(rest) !== size || !Number.isInteger(prod(rest)))
      throw refuse({
        en: `it does not hold the ${size} values of its ${formatShape(x.onnx)} input.`,
        fr: `elle ne contient pas les ${size} valeurs de son entrée ${formatShape(x.onnx)}.`,
      });
    if (same(rest, x.onnx)) return this.define(node, x);
    if (rest.length === 1) return this.flattened(node, x);
    if (rest.length === 3 && rest[1] === 1 && rest[2] === 1 && x.onnx.length === 1 && !x.chw)
      return this.define(node, { ...x, onnx: rest, app: x.app.length === 1 ? x.app : [rest[0]] });
    throw refuse({
      en: `a reshape of ${formatShape(x.onnx)} to ${formatShape(rest)} in ONNX's channel-first order would need a transpose in the app's channel-last one; only flattening and vectors made 1×1 images are imported.`,
      fr: `passer de ${formatShape(x.onnx)} à ${formatShape(rest)} dans l’ordre canal d’abord d’ONNX demanderait une transposition dans l’ordre canal en dernier de l’application ; seuls l’aplatissement et les vecteurs faits images 1×1 sont importés.`,
    });
  }

  /** The axes of Squeeze or Unsqueeze (an input from opset 13, an attribute before), counted with the batch. */
  private axes(node: DecodedNode, rank: number): number[] | undefined {
    const given = this.opset >= 13 ? this.optionalConstant(node, 1, { en: 'axes input', fr: 'd’axes' })?.values : this.ints(node, 'axes');
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
    throw this.unsupportedValue(node, 'axes', axes ? `[${axes.join(', ')}]` : '(none)', {
      en: `only the two 1-pixel axes of a ${squeeze ? '' : 'future '}C×1×1 image are ${squeeze ? 'removed' : 'added'} by the app, and this input has shape ${formatShape(x.onnx)}.`,
      fr: `l’application ${squeeze ? 'retire' : 'ajoute'} seulement les deux axes d’un pixel d’une image C×1×1, et cette entrée a la forme ${formatShape(x.onnx)}.`,
    });
  }

  /** Pad of the height and the width with zeros: ZeroPadding2D, each side its own. */
  private pad(node: DecodedNode): void {
    const x = this.image(node, 0);
    const mode = this.attribute(node, 'mode')?.s ?? 'constant';
    const pads =
      this.opset >= 11
        ? Array.from(this.constant(node, 1, { en: 'pads input', fr: 'de remplissage' }).values)
        : (this.ints(node, 'pads') ?? []);
    const value =
      this.opset >= 11
        ? (this.optionalConstant(node, 2, { en: 'value input', fr: 'de valeur' })?.values[0] ?? 0)
        : this.float(node, 'value', 0);
    if (mode !== 'constant' || value !== 0)
      throw this.unsupportedValue(node, mode !== 'constant' ? 'mode' : 'value', mode !== 'constant' ? `"${mode}"` : String(value), {
        en: 'the app pads images with zeros only (ZeroPadding2D).',
        fr: 'l’application ne remplit les images qu’avec des zéros (ZeroPadding2D).',
      });
    const [, , top, left, , , bottom, right] = pads;
    if (pads.length !== 8 || pads[0] || pads[1] || pads[4] || pads[5] || [top, left, bottom, right].some((p) => p < 0))
      throw this.unsupportedValue(node, 'pads', `[${pads.join(', ')}]`, {
        en: 'ZeroPadding2D adds rows and columns to the height and the width (none removed), and nothing to the batch or the channels.',
        fr: 'ZeroPadding2D ajoute des lignes et des colonnes à la hauteur et à la largeur (sans en retirer), et rien au lot ni aux canaux.',
      });
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
    const ratio =
      this.opset >= 12
        ? (this.optionalConstant(node, 1, { en: 'ratio input', fr: 'de taux' })?.values[0] ?? 0.5)
        : this.float(node, 'ratio', 0.5);
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
    throw nodeError(node, {
      en: `its value (${a ? `attribute "${a.name}"` : 'no attribute'}) is not a number tensor the app reads.`,
      fr: `sa valeur (${a ? `attribut « ${a.name} »` : 'aucun attribut'}) n’est pas un tenseur de nombres que l’application lit.`,
    });
  }
}

/** The opset of ONNX's default domain, or an ImportError when the file names none. */
function defaultOpset(model: DecodedModel): number {
  const opset = model.opsets.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (!opset || opset.version < 1)
    throw new ImportError({
      en: 'The file names no version of ONNX’s operator set (opset_import): it is truncated, damaged or not an ONNX model.',
      fr: 'Le fichier n’indique aucune version du jeu d’opérateurs ONNX (opset_import) : il est tronqué, abîmé ou n’est pas un modèle ONNX.',
    });
  return opset.version;
}

/** Reads the bytes of a .onnx file into the app's blocks and weights; `fileName` names the project. */
export function importOnnx(bytes: Uint8Array, fileName: string): ImportedModel {
  if (bytes.length === 0)
    throw new ImportError({
      en: `${fileName} is empty: it is not an ONNX model.`,
      fr: `${fileName} est vide : ce n’est pas un modèle ONNX.`,
    });
  const model = decodeModel(bytes);
  if (!model.graph || model.irVersion < 1)
    throw new ImportError({
      en: `${fileName} is not an ONNX model: it has no ${model.graph ? 'IR version' : 'graph'}. Choose a .onnx file written by an ONNX exporter (e.g. torch.onnx.export).`,
      fr: `${fileName} n’est pas un modèle ONNX : il n’a pas ${model.graph ? 'de version IR' : 'de graphe'}. Choisissez un fichier .onnx écrit par un exporteur ONNX (par ex. torch.onnx.export).`,
    });
  const opset = defaultOpset(model);
  const converter = new OnnxGraphImport(model, opset);
  const graph = converter.run();
  const analysis = analyzeGraph(graph);
  const wrong = analysis.errors[0];
  if (wrong)
    throw new ImportError({
      en: `The imported network does not hold together in the app's blocks (${wrong.nodeId ?? 'graph'}): ${wrong.message}`,
      fr: `Le réseau importé ne tient pas dans les blocs de l’application (${wrong.nodeId ?? 'graphe'}) : ${wrong.text.fr}`,
    });
  for (const [id, shape] of converter.expected) {
    const computed = analysis.nodes[id]?.outputShape;
    if (!computed || !same(computed, shape))
      throw new ImportError({
        en: `The block "${id}" computes ${formatShape(computed)} where the file's network has ${formatShape(shape)}: the file cannot be imported exactly.`,
        fr: `Le bloc « ${id} » calcule ${formatShape(computed)} là où le réseau du fichier a ${formatShape(shape)} : le fichier ne peut pas être importé exactement.`,
      });
  }
  const producer = [model.producerName, model.producerVersion].filter(Boolean).join(' ');
  const operators = model.graph.nodes.length;
  const notes: Localized[] = [
    {
      en: `Read ${operators} ONNX operators (opset ${opset}${producer ? `, written by ${producer}` : ''}) as ${graph.nodes.length} blocks.`,
      fr: `${operators} opérateurs ONNX lus (opset ${opset}${producer ? `, écrits par ${producer}` : ''}), devenus ${graph.nodes.length} blocs.`,
    },
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
    throw new ImportError({
      en: `${file} cannot be read${code === 'ENOENT' ? ': there is no such file' : code === 'EISDIR' ? ': it is a folder' : ` (${(error as Error).message})`}.`,
      fr: `${file} ne peut pas être lu${code === 'ENOENT' ? ' : ce fichier n’existe pas' : code === 'EISDIR' ? ' : c’est un dossier' : ` (${(error as Error).message})`}.`,
    });
  }
  return importOnnx(bytes, path.basename(file));
}

export const onnxImporter: Importer = { format: 'onnx', extensions: ['.onnx'], load: loadOnnx };
