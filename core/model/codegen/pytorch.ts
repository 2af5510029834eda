import type { Graph, Shape } from '../graph';
import { pair } from '../params';
import { blockName, blockNameFr, ExportError, planGraph, samePadding, type PlanNode } from './plan';
import { layerSeed } from '../blocks/common';
import { IdentifierTable, docstringText, pascalCase, pyFloat, pyNumber, pyValue } from './python';

/** How one tensor of the state dict is made from a block's weights as the app (and Keras) stores them. */
export type WeightLayout =
  /** Keras Conv2D kernel [kh, kw, in, out] → PyTorch [out, in, kh, kw]. */
  | 'conv-kernel'
  /** Keras Dense kernel [in, out] → PyTorch Linear weight [out, in]. */
  | 'dense-kernel'
  | 'copy';

export interface StateEntry {
  /** Key in the module's state_dict and in weights.npz, e.g. `conv1.weight`. */
  key: string;
  nodeId: string;
  /** The weight of the block, as tf.js names it: kernel, bias, gamma, beta, moving_mean, moving_variance. */
  weight: string;
  layout: WeightLayout;
}

export interface PyTorchModule {
  /** The source of model.py. */
  code: string;
  className: string;
  /** Every learned tensor of the state dict and where it comes from. */
  state: StateEntry[];
  /** Buffers PyTorch needs that the app has no value for (BatchNorm's num_batches_tracked), with their value. */
  counters: string[];
}

/** Attributes of nn.Module and names the code uses, never given to a block. */
const RESERVED = [
  'x', 'torch', 'nn', 'F', 'np', 'os', 'self', 'training', 'forward', 'eval', 'train', 'to', 'cuda', 'cpu', 'parameters', 'modules', 'children',
  'state_dict', 'load_state_dict', 'apply', 'float', 'double', 'half', 'zero_grad', 'register_buffer', 'type', 'input', 'load_model', 'path',
];

interface Writer {
  /** Augmentation blocks become modules of the training engine's `augment` library instead of the identity. */
  augment: boolean;
  /** The run's seed, from which each augmentation block draws its own. */
  seed?: number;
  init: string[];
  forward: string[];
  state: StateEntry[];
  counters: string[];
  helpers: Set<string>;
}

const HELPERS: Record<string, string> = {
  same_avg_pool: `def same_avg_pool(x, kernel_size, stride, padding):
    """Average pooling with Keras's "same" padding: the padded zeros are not counted in the mean."""
    ones = torch.ones_like(x[:, :1])
    total = F.avg_pool2d(F.pad(x, padding), kernel_size, stride, divisor_override=1)
    count = F.avg_pool2d(F.pad(ones, padding), kernel_size, stride, divisor_override=1)
    return total / count
`,
};

/** Where a tensor's channels are: images are NCHW inside the module; vectors and sequences keep their order. */
function isImage(shape: Shape): boolean {
  return shape.length === 3;
}

function activationCode(activation: string, value: string, shape: Shape): string {
  const channelDim = isImage(shape) ? 1 : -1;
  switch (activation) {
    case 'linear':
      return value;
    case 'relu':
      return `F.relu(${value})`;
    case 'sigmoid':
      return `torch.sigmoid(${value})`;
    case 'tanh':
      return `torch.tanh(${value})`;
    case 'softmax':
      return `F.softmax(${value}, dim=${channelDim})`;
    case 'elu':
      return `F.elu(${value})`;
    case 'selu':
      return `F.selu(${value})`;
    case 'softplus':
      return `F.softplus(${value})`;
    case 'softsign':
      return `F.softsign(${value})`;
    case 'swish':
      return `F.silu(${value})`;
    case 'gelu':
      return `F.gelu(${value})`;
    default:
      throw new ExportError({ en: `The activation "${activation}" has no PyTorch equivalent in the exporter.`, fr: `L’activation « ${activation} » n’a pas d’équivalent PyTorch dans l’exporteur.` });
  }
}

/** Keras axis (batch = 0, negatives from the end) of an NHWC tensor → the same axis of the module's tensor. */
function torchAxis(axis: number, shape: Shape): number {
  const rank = shape.length + 1;
  const kerasAxis = axis < 0 ? rank + axis : axis;
  if (!isImage(shape)) return kerasAxis;
  return [0, 2, 3, 1][kerasAxis];
}

function padCode(pads: { top: number; bottom: number; left: number; right: number }): string {
  return `(${pads.left}, ${pads.right}, ${pads.top}, ${pads.bottom})`;
}

function windowPads(node: PlanNode, window: [number, number], strides: [number, number]) {
  const [h, w] = node.inputShapes[0];
  if (node.params.padding !== 'same') return { top: 0, bottom: 0, left: 0, right: 0 };
  const [top, bottom] = samePadding(h, window[0], strides[0]);
  const [left, right] = samePadding(w, window[1], strides[1]);
  return { top, bottom, left, right };
}

function sizeArg(value: [number, number]): string {
  return value[0] === value[1] ? String(value[0]) : `(${value[0]}, ${value[1]})`;
}

/** An augmentation block as a module of the engine's library: active while training, its inference form otherwise. */
function augmentationCode(node: PlanNode, attr: string, input: string, w: Writer): string {
  const { trainable: _trainable, ...params } = node.params;
  const args = Object.entries(params).map(([name, value]) => `${name}=${pyValue(value)}`);
  const seed = layerSeed(w.seed, node.id);
  if (seed !== undefined) args.push(`seed=${seed}`);
  w.init.push(`self.${attr} = augment.${node.type}(${args.join(', ')})`);
  return `self.${attr}(${input})`;
}

function writeNode(node: PlanNode, attr: string, args: string[], w: Writer): string {
  const input = args[0];
  const inShape = node.inputShapes[0];
  const p = node.params;
  if (w.augment && node.trainingOnly) return augmentationCode(node, attr, input, w);
  switch (node.type) {
    case 'Conv2D': {
      const kernel = pair(p.kernelSize);
      const strides = pair(p.strides);
      const pads = windowPads(node, kernel, strides);
      const symmetric = pads.top === pads.bottom && pads.left === pads.right;
      const options = [`kernel_size=${sizeArg(kernel)}`];
      if (strides[0] !== 1 || strides[1] !== 1) options.push(`stride=${sizeArg(strides)}`);
      if (p.padding === 'same' && symmetric && strides[0] === 1 && strides[1] === 1) options.push('padding="same"');
      else if (symmetric && (pads.top || pads.left)) options.push(`padding=${sizeArg([pads.top, pads.left])}`);
      if (!p.useBias) options.push('bias=False');
      w.init.push(`self.${attr} = nn.Conv2d(${inShape[2]}, ${p.filters}, ${options.join(', ')})`);
      w.state.push({ key: `${attr}.weight`, nodeId: node.id, weight: 'kernel', layout: 'conv-kernel' });
      if (p.useBias) w.state.push({ key: `${attr}.bias`, nodeId: node.id, weight: 'bias', layout: 'copy' });
      const padded = symmetric ? input : `F.pad(${input}, ${padCode(pads)})`;
      return activationCode(p.activation as string, `self.${attr}(${padded})`, node.outputShape);
    }
    case 'Dense': {
      const units = p.units as number;
      w.init.push(`self.${attr} = nn.Linear(${inShape[inShape.length - 1]}, ${units}${p.useBias ? '' : ', bias=False'})`);
      w.state.push({ key: `${attr}.weight`, nodeId: node.id, weight: 'kernel', layout: 'dense-kernel' });
      if (p.useBias) w.state.push({ key: `${attr}.bias`, nodeId: node.id, weight: 'bias', layout: 'copy' });
      // Dense acts on the last axis, which is the channel axis of an NHWC image: move it there and back.
      const call = isImage(inShape) ? `self.${attr}(${input}.permute(0, 2, 3, 1)).permute(0, 3, 1, 2)` : `self.${attr}(${input})`;
      return activationCode(p.activation as string, call, node.outputShape);
    }
    case 'MaxPooling2D':
    case 'AveragePooling2D': {
      const window = pair(p.poolSize);
      const strides = pair(p.strides ?? p.poolSize);
      const pads = windowPads(node, window, strides);
      const symmetric = pads.top === pads.bottom && pads.left === pads.right;
      const max = node.type === 'MaxPooling2D';
      const noPad = !pads.top && !pads.bottom && !pads.left && !pads.right;
      const base = [sizeArg(window), ...(strides[0] === window[0] && strides[1] === window[1] ? [] : [`stride=${sizeArg(strides)}`])];
      if (noPad) {
        w.init.push(`self.${attr} = nn.${max ? 'MaxPool2d' : 'AvgPool2d'}(${base.join(', ')})`);
        return `self.${attr}(${input})`;
      }
      if (symmetric && pads.top * 2 <= window[0] && pads.left * 2 <= window[1]) {
        const padding = `padding=${sizeArg([pads.top, pads.left])}`;
        w.init.push(`self.${attr} = nn.${max ? 'MaxPool2d' : 'AvgPool2d'}(${[...base, padding, ...(max ? [] : ['count_include_pad=False'])].join(', ')})`);
        return `self.${attr}(${input})`;
      }
      if (max) {
        w.init.push(`self.${attr} = nn.MaxPool2d(${base.join(', ')})`);
        return `self.${attr}(F.pad(${input}, ${padCode(pads)}, value=float("-inf")))`;
      }
      w.helpers.add('same_avg_pool');
      return `same_avg_pool(${input}, ${sizeArg(window)}, ${sizeArg(strides)}, ${padCode(pads)})`;
    }
    case 'GlobalAveragePooling2D':
      return `${input}.mean(dim=(2, 3))`;
    case 'GlobalMaxPooling2D':
      return `${input}.amax(dim=(2, 3))`;
    case 'Flatten':
      // Keras flattens in (height, width, channels) order; do the same so the trained Dense weights line up.
      return isImage(inShape) ? `${input}.permute(0, 2, 3, 1).flatten(1)` : `${input}.flatten(1)`;
    case 'Dropout':
      w.init.push(`self.${attr} = nn.Dropout(${pyFloat(p.rate as number)})`);
      return `self.${attr}(${input})`;
    case 'BatchNormalization': {
      const dim = torchAxis(p.axis as number, inShape);
      const channels = inShape[(p.axis as number) < 0 ? inShape.length + (p.axis as number) : (p.axis as number) - 1];
      const channelAxis = isImage(inShape) ? 1 : inShape.length;
      if (dim !== channelAxis)
        throw new ExportError(
          {
            en: `${blockName(node)}: PyTorch's BatchNorm normalises the channel axis, but this block uses \`axis\` ${p.axis}. Set \`axis\` to -1 (the channels) to export it to PyTorch.`,
            fr: `${blockNameFr(node)} : la BatchNorm de PyTorch normalise l’axe des canaux, mais ce bloc utilise \`axis\` ${p.axis}. Réglez \`axis\` sur -1 (les canaux) pour l’exporter vers PyTorch.`,
          },
          node.id,
          node.type,
        );
      const cls = isImage(inShape) ? 'BatchNorm2d' : 'BatchNorm1d';
      w.init.push(`self.${attr} = nn.${cls}(${channels}, eps=${pyNumber(p.epsilon as number)}, momentum=${pyNumber(Number((1 - (p.momentum as number)).toPrecision(12)))})`);
      w.state.push(
        { key: `${attr}.weight`, nodeId: node.id, weight: 'gamma', layout: 'copy' },
        { key: `${attr}.bias`, nodeId: node.id, weight: 'beta', layout: 'copy' },
        { key: `${attr}.running_mean`, nodeId: node.id, weight: 'moving_mean', layout: 'copy' },
        { key: `${attr}.running_var`, nodeId: node.id, weight: 'moving_variance', layout: 'copy' },
      );
      w.counters.push(`${attr}.num_batches_tracked`);
      // BatchNorm1d wants the features on axis 1; a [batch, steps, features] sequence has them last.
      return inShape.length === 2 ? `self.${attr}(${input}.transpose(1, 2)).transpose(1, 2)` : `self.${attr}(${input})`;
    }
    case 'Activation':
      return activationCode(p.activation as string, input, node.outputShape);
    case 'Add':
      return args.join(' + ');
    case 'Concatenate':
      return `torch.cat([${args.join(', ')}], dim=${torchAxis(p.axis as number, inShape)})`;
    case 'Rescaling': {
      const scaled = p.scale === 1 ? input : `${input} * ${pyNumber(p.scale as number)}`;
      return p.offset ? `${scaled} + ${pyNumber(p.offset as number)}` : scaled;
    }
    case 'RandomCrop': {
      // At inference: the largest centred window with the target's proportions, resized to height × width.
      const [h, wid] = inShape;
      const th = p.height as number;
      const tw = p.width as number;
      if (h === th && wid === tw) return input;
      const cropH = Math.min(h, Math.floor((wid * th) / tw));
      const cropW = Math.min(wid, Math.floor((h * tw) / th));
      const top = Math.floor((h - cropH) / 2);
      const left = Math.floor((wid - cropW) / 2);
      const window = cropH === h && cropW === wid ? input : `${input}[:, :, ${top}:${top + cropH}, ${left}:${left + cropW}]`;
      if (cropH === th && cropW === tw) return window;
      return `F.interpolate(${window}, size=(${th}, ${tw}), mode="bilinear", align_corners=False)`;
    }
    default:
      if (node.trainingOnly) return input;
      throw new ExportError(
        { en: `${blockName(node)}: the PyTorch exporter does not know the block type ${node.type}.`, fr: `${blockNameFr(node)} : l’exporteur PyTorch ne connaît pas le type de bloc ${node.type}.` },
        node.id,
        node.type,
      );
  }
}

function comment(node: PlanNode): string | undefined {
  if (node.trainingOnly && node.type !== 'RandomCrop')
    return `# ${node.id}: ${node.type} changes images only while training in the app; it does nothing at inference.`;
  if (node.type === 'RandomCrop') return `# ${node.id}: RandomCrop at inference keeps the centre, resized to ${node.params.height}×${node.params.width}, as Keras does.`;
  return undefined;
}

/**
 * A readable PyTorch module equivalent to the graph at inference. It takes NHWC input, like the
 * app and Keras, and works in NCHW inside, as PyTorch's layers expect.
 */
export function pytorchModule(graph: Graph, options: { name?: string; description?: string; augment?: boolean; seed?: number } = {}): PyTorchModule {
  const plan = planGraph(graph);
  const className = pascalCase(options.name ?? 'Model');
  const names = new IdentifierTable([...RESERVED, className]);
  const chain = plan.isChain;
  const w: Writer = { augment: options.augment === true, seed: options.seed, init: [], forward: [], state: [], counters: [], helpers: new Set() };
  const variable = (id: string) => (chain ? 'x' : names.get(id));
  const inputArgs = plan.inputs.map((id) => (chain ? 'x' : names.get(id)));

  for (const node of plan.nodes) {
    if (node.type === 'Input') {
      if (isImage(node.outputShape)) {
        const v = variable(node.id);
        w.forward.push(`${v} = ${v}.permute(0, 3, 1, 2)  # NHWC (as in the app and Keras) → NCHW (as PyTorch expects)`);
      }
      continue;
    }
    const note = w.augment ? undefined : comment(node);
    const attr = names.get(node.id);
    const expression = writeNode(node, attr, node.inputs.map(variable), w);
    if (note) w.forward.push(note);
    const target = variable(node.id);
    if (expression !== target) w.forward.push(`${target} = ${expression}`);
    if (!node.trainable && w.init.length && w.init[w.init.length - 1].startsWith(`self.${attr} =`))
      w.init.push(`self.${attr}.requires_grad_(False)  # frozen in the app (trainable: false)`);
  }
  const outputs = plan.outputs.map((id) => {
    const node = plan.byId.get(id)!;
    const v = variable(id);
    return isImage(node.outputShape) ? `${v}.permute(0, 2, 3, 1)` : v;
  });
  w.forward.push(`return ${outputs.length === 1 ? outputs[0] : `(${outputs.join(', ')})`}`);

  const input = plan.byId.get(plan.inputs[0])!;
  const exampleShape = `(1, ${input.outputShape.join(', ')})`;
  const title = options.name ?? 'Model';
  const doc = [
    `${title}: the PyTorch version of a Neuroblocks model.`,
    '',
    ...(options.description ? [options.description, ''] : []),
    `The module takes input in the app's layout, NHWC (batch, height, width, channels), ${input.outputShape.length === 3 ? 'and permutes it to NCHW (batch, channels, height, width), the layout of PyTorch\'s layers, at the start of forward().' : 'here a batch of vectors.'}`,
    `Input shape: ${pyValue([null, ...input.outputShape]).replace('None', 'batch')}. Outputs are in the app's layout too.`,
    'Augmentation blocks only act while training in the app; this module is the model at inference.',
    '',
    'load_model() returns the module with the weights of weights.npz (the trained weights when the',
    'export was made from a run), in evaluation mode, ready for inference.',
  ];
  const helperCode = [...w.helpers].map((h) => HELPERS[h]).join('\n\n');
  const code = [
    `"""${docstringText(doc.join('\n'))}\n"""`,
    'import os',
    '',
    'import numpy as np',
    'import torch',
    'import torch.nn.functional as F',
    'from torch import nn',
    ...(w.augment && plan.nodes.some((n) => n.trainingOnly) ? ['', 'import neuroblocks_augment as augment'] : []),
    '',
    '',
    ...(helperCode ? [helperCode, ''] : []),
    `class ${className}(nn.Module):`,
    '    def __init__(self):',
    '        super().__init__()',
    ...(w.init.length ? w.init.map((l) => `        ${l}`) : ['        pass']),
    '',
    `    def forward(self, ${inputArgs.join(', ')}):`,
    ...w.forward.map((l) => `        ${l}`),
    '',
    '',
    'def load_model(path=None):',
    '    """The model with the exported weights (weights.npz next to this file by default), ready for inference."""',
    '    path = path or os.path.join(os.path.dirname(os.path.abspath(__file__)), "weights.npz")',
    `    model = ${className}()`,
    '    with np.load(path) as weights:',
    '        model.load_state_dict({name: torch.from_numpy(weights[name]) for name in weights.files})',
    '    return model.eval()',
    '',
    '',
    'if __name__ == "__main__":',
    '    model = load_model()',
    '    with torch.no_grad():',
    `        prediction = model(torch.rand(${exampleShape}))`,
    '    print(prediction)',
    '',
  ].join('\n');
  return { code, className, state: w.state, counters: w.counters };
}
