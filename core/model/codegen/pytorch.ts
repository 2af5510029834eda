import type { Pads } from '../block';
import { layerSeed } from '../blocks/common';
import { getBlock } from '../blocks/index';
import { samePadding } from '../blocks/shape-rules';
import type { Graph, Shape } from '../graph';
import { copyLayout, type WeightLayout } from '../weight-layout';
import { activationForm } from './activations';
import { problem } from '../../i18n/catalogue';
import { ExportError } from './export-error';
import { planGraph, type PlanNode } from './plan';
import { isImage } from './pytorch-text';
import { IdentifierTable, pascalCase, pyDocstring, pyValue } from './python';

export type { WeightLayout };

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
  'x',
  'torch',
  'nn',
  'F',
  'np',
  'os',
  'self',
  'training',
  'forward',
  'eval',
  'train',
  'to',
  'cuda',
  'cpu',
  'parameters',
  'modules',
  'children',
  'state_dict',
  'load_state_dict',
  'apply',
  'float',
  'double',
  'half',
  'zero_grad',
  'register_buffer',
  'type',
  'input',
  'load_model',
  'path',
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
  helpers: Map<string, string>;
}

function activationCode(node: PlanNode, activation: string, value: string, shape: Shape): string {
  const form = activationForm(activation);
  if (!form) throw new ExportError(problem('export:pytorchNoActivation', { type: node.type, id: node.id, activation }), node.id, node.type);
  return form.pytorch(value, isImage(shape) ? 1 : -1);
}

function windowPads(node: PlanNode, window: [number, number], strides: [number, number]): Pads {
  const [h, w] = node.inputShapes[0];
  if (node.params.padding !== 'same') return { top: 0, bottom: 0, left: 0, right: 0 };
  const [top, bottom] = samePadding(h, window[0], strides[0]);
  const [left, right] = samePadding(w, window[1], strides[1]);
  return { top, bottom, left, right };
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

/** The block's own PyTorch writer, given the parts of the module it may add to. */
function writeNode(node: PlanNode, attr: string, args: string[], w: Writer): string {
  if (w.augment && node.trainingOnly) return augmentationCode(node, attr, args[0], w);
  const block = getBlock(node.type);
  if (!block) throw new ExportError(problem('export:pytorchUnknownBlock', { type: node.type, id: node.id }), node.id, node.type);
  return block.pytorch({
    node,
    attr,
    args,
    init: (line) => void w.init.push(line),
    state: (param, weight, layout = copyLayout) => void w.state.push({ key: `${attr}.${param}`, nodeId: node.id, weight, layout }),
    counter: (param) => void w.counters.push(`${attr}.${param}`),
    helper: (name, code) => void w.helpers.set(name, code),
    activation: (kind, value) => activationCode(node, kind, value, node.outputShape),
    windowPads: (window, strides) => windowPads(node, window, strides),
  });
}

/** A frozen base and the head after it: `base` holds the base's blocks (its Input included), `cut` those whose outputs the head takes. */
export interface ModuleSplit {
  base: readonly string[];
  cut: readonly string[];
}

/**
 * The training engine's two extra methods for a frozen base computed once per image:
 * `frozen_base(x)` returns the cut blocks' outputs (in PyTorch's layout) and `head(...)` goes on
 * from them to the model's outputs. Together they compute what `forward` does.
 */
function splitCode(
  split: ModuleSplit,
  nodes: readonly PlanNode[],
  lines: Map<string, [number, number]>,
  forward: readonly string[],
  variable: (id: string) => string,
  returnLine: string,
): string[] {
  const inBase = new Set(split.base);
  const body = (keep: (id: string) => boolean) => nodes.filter((n) => keep(n.id)).flatMap((n) => forward.slice(...lines.get(n.id)!));
  const cut = split.cut.map(variable);
  const input = variable(nodes.find((n) => n.type === 'Input')!.id);
  return [
    '',
    `    def frozen_base(self, ${input}):`,
    '        """The frozen base, computed once per image while the head trains: the outputs it hands the head."""',
    ...body((id) => inBase.has(id)).map((l) => `        ${l}`),
    `        return ${cut.length === 1 ? cut[0] : `(${cut.join(', ')})`}`,
    '',
    `    def head(self, ${cut.join(', ')}):`,
    '        """The blocks after the frozen base, from its outputs."""',
    ...[...body((id) => !inBase.has(id)), returnLine].map((l) => `        ${l}`),
  ];
}

/**
 * A readable PyTorch module equivalent to the graph at inference. It takes NHWC input, like the
 * app and Keras, and works in NCHW inside, as PyTorch's layers expect.
 */
export function pytorchModule(
  graph: Graph,
  options: { name?: string; description?: string; augment?: boolean; seed?: number; split?: ModuleSplit } = {},
): PyTorchModule {
  const plan = planGraph(graph);
  const className = pascalCase(options.name ?? 'Model');
  const names = new IdentifierTable([...RESERVED, className]);
  const chain = plan.isChain;
  const w: Writer = {
    augment: options.augment === true,
    seed: options.seed,
    init: [],
    forward: [],
    state: [],
    counters: [],
    helpers: new Map(),
  };
  const variable = (id: string) => (chain ? 'x' : names.get(id));
  const inputArgs = plan.inputs.map((id) => (chain ? 'x' : names.get(id)));

  const lines = new Map<string, [number, number]>();
  for (const node of plan.nodes) {
    const start = w.forward.length;
    writeForward(node);
    lines.set(node.id, [start, w.forward.length]);
  }
  function writeForward(node: PlanNode): void {
    if (node.type === 'Input') {
      if (isImage(node.outputShape)) {
        const v = variable(node.id);
        w.forward.push(`${v} = ${v}.permute(0, 3, 1, 2)  # NHWC (as in the app and Keras) → NCHW (as PyTorch expects)`);
      }
      return;
    }
    const note = w.augment ? undefined : getBlock(node.type)?.pytorchNote?.(node);
    const attr = names.get(node.id);
    const expression = writeNode(node, attr, node.inputs.map(variable), w);
    if (note) w.forward.push(note);
    const target = variable(node.id);
    if (expression !== target) w.forward.push(`${target} = ${expression}`);
    if (!node.trainable && w.init.some((line) => line.startsWith(`self.${attr} =`)))
      w.init.push(`self.${attr}.requires_grad_(False)  # frozen in the app (trainable: false)`);
  }
  const outputs = plan.outputs.map((id) => {
    const node = plan.byId.get(id)!;
    const v = variable(id);
    return isImage(node.outputShape) ? `${v}.permute(0, 2, 3, 1)` : v;
  });
  const returnLine = `return ${outputs.length === 1 ? outputs[0] : `(${outputs.join(', ')})`}`;
  w.forward.push(returnLine);
  const splitMethods = options.split ? splitCode(options.split, plan.nodes, lines, w.forward, variable, returnLine) : [];

  const input = plan.byId.get(plan.inputs[0])!;
  const exampleShape = `(1, ${input.outputShape.join(', ')})`;
  const title = options.name ?? 'Model';
  const doc = [
    `${title}: the PyTorch version of a Neuroblocks model.`,
    '',
    ...(options.description ? [options.description, ''] : []),
    `The module takes input in the app's layout, NHWC (batch, height, width, channels), ${input.outputShape.length === 3 ? "and permutes it to NCHW (batch, channels, height, width), the layout of PyTorch's layers, at the start of forward()." : 'here a batch of vectors.'}`,
    `Input shape: ${pyValue([null, ...input.outputShape]).replace('None', 'batch')}. Outputs are in the app's layout too.`,
    'Augmentation blocks only act while training in the app; this module is the model at inference.',
    '',
    'load_model() returns the module with the weights of weights.npz (the trained weights when the',
    'export was made from a run), in evaluation mode, ready for inference.',
  ];
  const helperCode = [...w.helpers.values()].join('\n\n');
  const code = [
    pyDocstring(doc.join('\n')),
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
    ...splitMethods,
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
