// The well-known bases as graphs in the app's blocks, built as Keras Applications builds them
// without the classifier (`include_top=False`). Every block's id is Keras's own layer name, so
// that a weights file (which names its layers) loads by name. Browser-safe.
import { getBlock } from '../blocks/index';
import type { Graph, GraphNode } from '../graph';

/** Adds blocks one after another (or onto named inputs), each frozen when the block can be. */
class GraphBuilder {
  readonly nodes: GraphNode[] = [];
  readonly edges: Graph['edges'] = [];

  constructor(readonly trainable: boolean) {}

  add(id: string, type: string, params: Record<string, unknown>, inputs: string[]): string {
    if (this.nodes.some((n) => n.id === id)) throw new Error(`Block id ${id} is used twice`);
    const frozen = type !== 'Input' && getBlock(type)?.params.trainable ? { trainable: this.trainable } : {};
    this.nodes.push({ id, type, params: { ...params, ...frozen } });
    for (const source of inputs) this.edges.push({ source, target: id });
    return id;
  }

  graph(): Graph {
    return { nodes: this.nodes, edges: this.edges };
  }
}

/** Options every builder takes. */
export interface ArchitectureOptions {
  /** The side of the square input images, in pixels (Keras's default: 224). */
  size?: number;
  /** `trainable` of every block (false: a frozen base). */
  trainable?: boolean;
  /** The id of the Input block. */
  inputId?: string;
}

function start(options: ArchitectureOptions): { b: GraphBuilder; input: string } {
  const size = options.size ?? 224;
  const b = new GraphBuilder(options.trainable ?? false);
  const input = b.add(options.inputId ?? 'input_1', 'Input', { shape: [size, size, 3] }, []);
  return { b, input };
}

/** VGG16 (Keras's `vgg16.py`): five blocks of 3×3 convolutions with ReLU, each followed by a 2×2 max pooling. */
export function vgg16Graph(options: ArchitectureOptions = {}): Graph {
  const { b, input } = start(options);
  let x = input;
  const stages: [number, number][] = [
    [64, 2],
    [128, 2],
    [256, 3],
    [512, 3],
    [512, 3],
  ];
  stages.forEach(([filters, convs], i) => {
    for (let j = 1; j <= convs; j++)
      x = b.add(`block${i + 1}_conv${j}`, 'Conv2D', { filters, kernelSize: 3, padding: 'same', activation: 'relu' }, [x]);
    x = b.add(`block${i + 1}_pool`, 'MaxPooling2D', { poolSize: 2, strides: 2 }, [x]);
  });
  return b.graph();
}

/** ResNet50 (Keras's `resnet.py`, version 1): a 7×7 stem and 16 bottleneck blocks in four stacks. */
export function resnet50Graph(options: ArchitectureOptions = {}): Graph {
  const { b, input } = start(options);
  const bn = (id: string, x: string) => b.add(id, 'BatchNormalization', { epsilon: 1.001e-5 }, [x]);
  let x = b.add('conv1_pad', 'ZeroPadding2D', { padding: 3 }, [input]);
  x = b.add('conv1_conv', 'Conv2D', { filters: 64, kernelSize: 7, strides: 2 }, [x]);
  x = bn('conv1_bn', x);
  x = b.add('conv1_relu', 'Activation', { activation: 'relu' }, [x]);
  x = b.add('pool1_pad', 'ZeroPadding2D', { padding: 1 }, [x]);
  x = b.add('pool1_pool', 'MaxPooling2D', { poolSize: 3, strides: 2 }, [x]);

  const block = (input: string, filters: number, stride: number, convShortcut: boolean, name: string): string => {
    let shortcut = input;
    if (convShortcut) {
      shortcut = b.add(`${name}_0_conv`, 'Conv2D', { filters: 4 * filters, kernelSize: 1, strides: stride }, [input]);
      shortcut = bn(`${name}_0_bn`, shortcut);
    }
    let y = b.add(`${name}_1_conv`, 'Conv2D', { filters, kernelSize: 1, strides: stride }, [input]);
    y = bn(`${name}_1_bn`, y);
    y = b.add(`${name}_1_relu`, 'Activation', { activation: 'relu' }, [y]);
    y = b.add(`${name}_2_conv`, 'Conv2D', { filters, kernelSize: 3, padding: 'same' }, [y]);
    y = bn(`${name}_2_bn`, y);
    y = b.add(`${name}_2_relu`, 'Activation', { activation: 'relu' }, [y]);
    y = b.add(`${name}_3_conv`, 'Conv2D', { filters: 4 * filters, kernelSize: 1 }, [y]);
    y = bn(`${name}_3_bn`, y);
    y = b.add(`${name}_add`, 'Add', {}, [shortcut, y]);
    return b.add(`${name}_out`, 'Activation', { activation: 'relu' }, [y]);
  };
  const stack = (input: string, filters: number, blocks: number, stride1: number, name: string): string => {
    let y = block(input, filters, stride1, true, `${name}_block1`);
    for (let i = 2; i <= blocks; i++) y = block(y, filters, 1, false, `${name}_block${i}`);
    return y;
  };
  x = stack(x, 64, 3, 1, 'conv2');
  x = stack(x, 128, 4, 2, 'conv3');
  x = stack(x, 256, 6, 2, 'conv4');
  stack(x, 512, 3, 2, 'conv5');
  return b.graph();
}

/** Keras's `_make_divisible`: a channel count rounded to a multiple of 8, never more than 10 % below. */
function makeDivisible(v: number, divisor = 8): number {
  let rounded = Math.max(divisor, Math.floor((v + divisor / 2) / divisor) * divisor);
  if (rounded < 0.9 * v) rounded += divisor;
  return rounded;
}

/**
 * MobileNetV2 with alpha 1.0 (Keras's `mobilenet_v2.py`): 17 inverted residual blocks between a
 * stride-2 stem and a 1×1 convolution to 1280 channels. Keras pads before each stride-2
 * depthwise convolution with `correct_pad` and convolves with "valid"; that is exactly what
 * padding "same" does at stride 2 (for every input size), so those ZeroPadding2D layers (which
 * have no weights) are the convolution's padding here.
 */
export function mobileNetV2Graph(options: ArchitectureOptions = {}): Graph {
  const { b, input } = start(options);
  const bn = (id: string, x: string) => b.add(id, 'BatchNormalization', { epsilon: 1e-3, momentum: 0.999 }, [x]);
  const relu6 = (id: string, x: string) => b.add(id, 'Activation', { activation: 'relu6' }, [x]);
  let x = b.add('Conv1', 'Conv2D', { filters: makeDivisible(32), kernelSize: 3, strides: 2, padding: 'same', useBias: false }, [input]);
  x = bn('bn_Conv1', x);
  x = relu6('Conv1_relu', x);
  let channels = 32;
  const block = (input: string, filters: number, stride: number, expansion: number, id: number): string => {
    const pointwise = makeDivisible(filters);
    let prefix = `block_${id}_`;
    let y = input;
    if (id) {
      y = b.add(`${prefix}expand`, 'Conv2D', { filters: expansion * channels, kernelSize: 1, padding: 'same', useBias: false }, [y]);
      y = bn(`${prefix}expand_BN`, y);
      y = relu6(`${prefix}expand_relu`, y);
    } else prefix = 'expanded_conv_';
    y = b.add(`${prefix}depthwise`, 'DepthwiseConv2D', { kernelSize: 3, strides: stride, padding: 'same', useBias: false }, [y]);
    y = bn(`${prefix}depthwise_BN`, y);
    y = relu6(`${prefix}depthwise_relu`, y);
    y = b.add(`${prefix}project`, 'Conv2D', { filters: pointwise, kernelSize: 1, padding: 'same', useBias: false }, [y]);
    y = bn(`${prefix}project_BN`, y);
    const residual = channels === pointwise && stride === 1;
    channels = pointwise;
    return residual ? b.add(`${prefix}add`, 'Add', {}, [input, y]) : y;
  };
  const blocks: [number, number, number][] = [
    [16, 1, 1],
    [24, 2, 6],
    [24, 1, 6],
    [32, 2, 6],
    [32, 1, 6],
    [32, 1, 6],
    [64, 2, 6],
    [64, 1, 6],
    [64, 1, 6],
    [64, 1, 6],
    [96, 1, 6],
    [96, 1, 6],
    [96, 1, 6],
    [160, 2, 6],
    [160, 1, 6],
    [160, 1, 6],
    [320, 1, 6],
  ];
  blocks.forEach(([filters, stride, expansion], id) => (x = block(x, filters, stride, expansion, id)));
  x = b.add('Conv_1', 'Conv2D', { filters: 1280, kernelSize: 1, useBias: false }, [x]);
  x = bn('Conv_1_bn', x);
  relu6('out_relu', x);
  return b.graph();
}

/** EfficientNet-B0's seven stages (Keras's DEFAULT_BLOCKS_ARGS): kernel, repeats, filters in and out, expansion, strides. */
const EFFICIENTNET_B0_STAGES: [number, number, number, number, number, number][] = [
  [3, 1, 32, 16, 1, 1],
  [3, 2, 16, 24, 6, 2],
  [5, 2, 24, 40, 6, 2],
  [3, 3, 40, 80, 6, 2],
  [5, 3, 80, 112, 6, 1],
  [5, 4, 112, 192, 6, 2],
  [3, 1, 192, 320, 6, 1],
];

/**
 * EfficientNet-B0 (Keras's `efficientnet.py`): its own Rescaling (1/255) and Normalization, a
 * stride-2 stem, 16 mobile inverted bottleneck blocks with squeeze-and-excitation, and a 1×1
 * convolution to 1280 channels, with swish activations. Left out, each with no weights:
 * the drop-connect Dropout layers (`*_drop`), which only act while training; the ZeroPadding2D
 * layers before stride-2 convolutions, which are those convolutions' padding "same" here (the
 * same pixels); and the Rescaling by 1/√stddev after the Normalization, which the loader folds
 * into the Normalization's variance.
 */
export function efficientNetB0Graph(options: ArchitectureOptions = {}): Graph {
  const { b, input } = start(options);
  const bn = (id: string, x: string) => b.add(id, 'BatchNormalization', { epsilon: 1e-3, momentum: 0.99 }, [x]);
  let x = b.add('rescaling', 'Rescaling', { scale: 1 / 255, offset: 0 }, [input]);
  x = b.add('normalization', 'Normalization', {}, [x]);
  x = b.add('stem_conv', 'Conv2D', { filters: 32, kernelSize: 3, strides: 2, padding: 'same', useBias: false }, [x]);
  x = bn('stem_bn', x);
  x = b.add('stem_activation', 'Activation', { activation: 'swish' }, [x]);
  EFFICIENTNET_B0_STAGES.forEach(([kernel, repeats, stageIn, filtersOut, expand, stageStrides], i) => {
    for (let j = 0; j < repeats; j++) {
      const name = `block${i + 1}${String.fromCharCode(97 + j)}_`;
      const filtersIn = j === 0 ? stageIn : filtersOut;
      const strides = j === 0 ? stageStrides : 1;
      const inputs = x;
      const filters = filtersIn * expand;
      let y = inputs;
      if (expand !== 1) {
        y = b.add(`${name}expand_conv`, 'Conv2D', { filters, kernelSize: 1, padding: 'same', useBias: false }, [y]);
        y = bn(`${name}expand_bn`, y);
        y = b.add(`${name}expand_activation`, 'Activation', { activation: 'swish' }, [y]);
      }
      y = b.add(`${name}dwconv`, 'DepthwiseConv2D', { kernelSize: kernel, strides, padding: 'same', useBias: false }, [y]);
      y = bn(`${name}bn`, y);
      y = b.add(`${name}activation`, 'Activation', { activation: 'swish' }, [y]);
      const filtersSe = Math.max(1, Math.floor(filtersIn * 0.25));
      let se = b.add(`${name}se_squeeze`, 'GlobalAveragePooling2D', {}, [y]);
      se = b.add(`${name}se_reshape`, 'Reshape', { targetShape: [1, 1, filters] }, [se]);
      se = b.add(`${name}se_reduce`, 'Conv2D', { filters: filtersSe, kernelSize: 1, padding: 'same', activation: 'swish' }, [se]);
      se = b.add(`${name}se_expand`, 'Conv2D', { filters, kernelSize: 1, padding: 'same', activation: 'sigmoid' }, [se]);
      y = b.add(`${name}se_excite`, 'Multiply', {}, [y, se]);
      y = b.add(`${name}project_conv`, 'Conv2D', { filters: filtersOut, kernelSize: 1, padding: 'same', useBias: false }, [y]);
      y = bn(`${name}project_bn`, y);
      if (strides === 1 && filtersIn === filtersOut) y = b.add(`${name}add`, 'Add', {}, [y, inputs]);
      x = y;
    }
  });
  x = b.add('top_conv', 'Conv2D', { filters: 1280, kernelSize: 1, padding: 'same', useBias: false }, [x]);
  x = bn('top_bn', x);
  b.add('top_activation', 'Activation', { activation: 'swish' }, [x]);
  return b.graph();
}
