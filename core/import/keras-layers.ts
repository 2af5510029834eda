// Keras's layer vocabulary → the app's blocks: one table for every format that stores a Keras model
// config (TensorFlow.js layers model.json, Keras HDF5, Keras 3 `.keras`), all of which write the
// same classes with the same snake_case arguments. A class, argument or activation the app cannot
// express is refused, naming it and the layer; nothing is approximated. Browser-safe.
import { analyzeGraph } from '../model/analyze';
import type { BlockDefinition, ResolvedParams } from '../model/block';
import { activations } from '../model/blocks/common';
import { blockTypes, getBlock } from '../model/blocks/index';
import type { Graph, GraphEdge, GraphNode, NodeGroup, Shape } from '../model/graph';
import { layerNameFor } from '../model/layer-names';
import { problem, type Problem } from '../i18n/catalogue';
import { pair, resolveParams } from '../model/params';
import { ImportError, type ImportedWeight } from './types';

/** One layer of a Keras model config: its class, its arguments and, in a functional model, what feeds it. */
export interface KerasLayerConfig {
  class_name: string;
  config: Record<string, unknown>;
  name?: string;
  inbound_nodes?: unknown;
}

/** A weight a block needs, in the order Keras stores a layer's weights. */
export interface ExpectedWeight {
  /** The weight's own name, as the app and TensorFlow.js name it (kernel, bias, gamma, …). */
  name: string;
  shape: number[];
}

/** One layer of the file, as it became a block. */
export interface TranslatedLayer {
  /** The layer's name in the file. */
  kerasName: string;
  className: string;
  /** The block's id (the layer's name, made a valid layer name when it is not one). */
  nodeId: string;
  type: string;
  /** The weights the block needs, in Keras's order. */
  weights: ExpectedWeight[];
  /** The models inside the model that hold the layer, outermost first, by their names (empty for the model's own layers). */
  within: string[];
  /** Where Keras 3 keeps the layer's weights (`layers/<path>/vars`): by classes (`functional/layers/conv2d_1`) and by names. */
  keras3: { byClass: string; byName: string };
}

export interface TranslatedModel {
  name: string;
  graph: Graph;
  /** Every layer of the config in its order (InputLayer included), as a block. */
  layers: TranslatedLayer[];
}

/** An error about one layer of the file: `reason` says what is wrong, after the layer is named (`Layer "conv1" (Conv2D)`). */
function refuse(layer: { name: string; className: string }, reason: Problem): ImportError {
  return new ImportError(problem('import:kerasLayer', { layer: layer.name, className: layer.className, reason }), layer.name);
}

/** Keras's `naming.to_snake_case`, which Keras 3 uses for the paths of a layer's weights: `BatchNormalization` → `batch_normalization`. */
export function kerasSnakeCase(name: string): string {
  return name
    .replace(/\W+/g, '')
    .replace(/(.)([A-Z][a-z]+)/g, '$1_$2')
    .replace(/([a-z])([A-Z])/g, '$1_$2')
    .toLowerCase();
}

/** camelCase → snake_case, as TensorFlow.js writes a parameter in model.json: `kernelSize` → `kernel_size`. */
function snake(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
const isOnes = (v: unknown) => v === 1 || (Array.isArray(v) && v.every((x) => x === 1));
const isNullish = (v: unknown) => v === null || v === undefined;

type Accepted = true | { ok: (v: unknown) => boolean; expected: string };

/** The same acceptance for each argument of `names`. */
const each = (names: string[], accepted: Accepted): Record<string, Accepted> => Object.fromEntries(names.map((n) => [n, accepted]));

/**
 * Arguments that are not block parameters. Those mapped to `true` never change what the layer
 * computes at inference or how it trains from imported weights (names, dtypes, initializers, seeds);
 * the others are accepted only with the value that the app's block has.
 */
const otherArguments: Record<string, Accepted> = {
  ...each(
    [
      'name',
      'trainable',
      'dtype',
      'batch_size',
      'seed',
      'autocast',
      'fused',
      'renorm_clipping',
      'renorm_momentum',
      'lora_alpha',
      'batch_input_shape',
      'batch_shape',
      'input_shape',
    ],
    true,
  ),
  ...each(
    [
      'bias_regularizer',
      'activity_regularizer',
      'depthwise_regularizer',
      'pointwise_regularizer',
      'beta_regularizer',
      'gamma_regularizer',
      'kernel_constraint',
      'bias_constraint',
      'depthwise_constraint',
      'pointwise_constraint',
      'beta_constraint',
      'gamma_constraint',
      'noise_shape',
      'virtual_batch_size',
      'adjustment',
      'lora_rank',
      'quantization_config',
    ],
    { ok: isNullish, expected: 'None' },
  ),
  ...each(['keepdims', 'renorm', 'synchronized', 'optional'], { ok: (v) => v === false, expected: 'False' }),
  dilation_rate: { ok: isOnes, expected: '1' },
  groups: { ok: (v) => v === 1, expected: '1' },
  data_format: { ok: (v) => isNullish(v) || v === 'channels_last', expected: '"channels_last"' },
  depth_multiplier: { ok: (v) => v === 1, expected: '1' },
  sparse: { ok: (v) => v === false || v === null, expected: 'False' },
  ragged: { ok: (v) => v === false || v === null, expected: 'False' },
};
const ignoredSuffixes = ['_initializer'];

/** Keras's names of activations that are the app's under another name. */
const activationAliases: Record<string, string> = {
  silu: 'swish',
  hard_silu: 'hard_swish',
  hardswish: 'hard_swish',
  hard_swish: 'hard_swish',
  hardSwish: 'hard_swish',
  relu6: 'relu6',
};

function activationName(layer: { name: string; className: string }, value: unknown): string {
  let name = value;
  if (name === null || name === undefined) return 'linear';
  if (typeof name === 'object') {
    const o = name as { class_name?: unknown; config?: unknown };
    name =
      typeof o.config === 'string'
        ? o.config
        : typeof (o.config as { name?: unknown } | undefined)?.name === 'string'
          ? (o.config as { name: string }).name
          : o.class_name;
  }
  if (typeof name !== 'string')
    throw refuse(layer, problem('import:kerasActivationValue', { value: JSON.stringify(value) ?? 'undefined' }));
  const known = activationAliases[name] ?? name;
  if (!(activations as readonly string[]).includes(known))
    throw refuse(layer, problem('import:kerasActivation', { name, activations: [...activations] }));
  return known;
}

function regularizer(layer: { name: string; className: string }, arg: string, value: unknown): { l1?: number; l2?: number } | null {
  if (isNullish(value)) return null;
  const o = value as { class_name?: string; config?: Record<string, unknown> };
  const config = o.config ?? {};
  const l1 = typeof config.l1 === 'number' ? config.l1 : 0;
  const l2 = typeof config.l2 === 'number' ? config.l2 : 0;
  if (!['L1', 'L2', 'L1L2', 'l1_l2', 'l1', 'l2'].includes(o.class_name ?? '') || Object.keys(config).some((k) => k !== 'l1' && k !== 'l2'))
    throw refuse(layer, problem('import:kerasRegularizer', { argument: arg, value: JSON.stringify(value) }));
  const out: { l1?: number; l2?: number } = {};
  if (l1) out.l1 = l1;
  if (l2) out.l2 = l2;
  return Object.keys(out).length ? out : null;
}

/** A Keras size argument (3, [3, 3], (3, 3)) as the app writes it: one number when square. */
function size2(value: unknown): unknown {
  if (Array.isArray(value) && value.length === 2 && value[0] === value[1]) return value[0];
  return value;
}

/** Keras's ZeroPadding2D padding (p, [ph, pw] or [[top, bottom], [left, right]]) as the app writes it: the shortest form that says the same. */
function sidesPadding(value: unknown): unknown {
  if (!Array.isArray(value) || value.every((v) => typeof v === 'number')) return size2(value);
  const [[top, bottom], [left, right]] = value as number[][];
  if (top === bottom && left === right) return size2([top, left]);
  return [
    [top, bottom],
    [left, right],
  ];
}

/** The block of a Keras class, found in the block registry by each block's `keras.className`. */
export function blockForClass(className: string): BlockDefinition | undefined {
  if (className === 'InputLayer') return getBlock('Input');
  for (const type of blockTypes) {
    const block = getBlock(type)!;
    if (block.keras.className === className && type !== 'Input') return block;
  }
  return undefined;
}

/** Keras layers that are one of the app's blocks with fixed parameters. */
export const aliasClasses: Record<
  string,
  (
    layer: { name: string; className: string },
    config: Record<string, unknown>,
  ) => { type: string; params: Record<string, unknown>; used: string[] }
> = {
  ReLU(layer, config) {
    const max = config.max_value;
    const slope = config.negative_slope ?? 0;
    const threshold = config.threshold ?? 0;
    if (slope !== 0 || threshold !== 0 || !(isNullish(max) || max === 6))
      throw refuse(
        layer,
        problem('import:kerasRelu', {
          max: JSON.stringify(max) ?? 'undefined',
          slope: JSON.stringify(slope),
          threshold: JSON.stringify(threshold),
        }),
      );
    return { type: 'Activation', params: { activation: max === 6 ? 'relu6' : 'relu' }, used: ['max_value', 'negative_slope', 'threshold'] };
  },
};

/** The parameters of a block from a layer's arguments; every other argument is checked against `otherArguments`. */
function blockParams(
  layer: { name: string; className: string },
  block: BlockDefinition,
  config: Record<string, unknown>,
): Record<string, unknown> {
  const params: Record<string, unknown> = {};
  const used = new Set<string>();
  for (const [param, spec] of Object.entries(block.params)) {
    if (param === 'trainable') continue;
    const key = snake(param);
    used.add(key);
    let value = Object.prototype.hasOwnProperty.call(config, key) ? config[key] : undefined;
    if (value === undefined) {
      const defaults = block.keras.defaults ?? {};
      if (Object.prototype.hasOwnProperty.call(defaults, param)) params[param] = defaults[param];
      continue;
    }
    if (param === 'activation') value = activationName(layer, value);
    else if (spec.kind === 'regularizer') value = regularizer(layer, key, value);
    else if (spec.kind === 'size2' && spec.sides) value = sidesPadding(value);
    else if (spec.kind === 'size2') value = size2(value);
    else if (block.type === 'BatchNormalization' && param === 'axis' && Array.isArray(value) && value.length === 1) value = value[0];
    params[param] = value;
  }
  if (config.trainable === false) params.trainable = false;
  checkOtherArguments(layer, config, used);
  return params;
}

function checkOtherArguments(layer: { name: string; className: string }, config: Record<string, unknown>, used: ReadonlySet<string>): void {
  for (const [key, value] of Object.entries(config)) {
    if (used.has(key) || ignoredSuffixes.some((s) => key.endsWith(s))) continue;
    const rule = otherArguments[key];
    if (rule === true) continue;
    if (!rule)
      throw refuse(
        layer,
        problem('import:kerasArgument', { argument: key, value: JSON.stringify(value) ?? 'undefined', className: layer.className }),
      );
    if (!rule.ok(value))
      throw refuse(
        layer,
        problem('import:kerasArgumentValue', { argument: key, value: JSON.stringify(value) ?? 'undefined', expected: rule.expected }),
      );
  }
}

/** The weights a block needs, in Keras's order, from its parameters and its first input's shape. */
export function expectedWeights(type: string, params: ResolvedParams, input: Shape): ExpectedWeight[] {
  const bias = (n: number): ExpectedWeight[] => (params.useBias ? [{ name: 'bias', shape: [n] }] : []);
  const channels = input[input.length - 1];
  switch (type) {
    case 'Conv2D': {
      const [kh, kw] = pair(params.kernelSize);
      const filters = params.filters as number;
      return [{ name: 'kernel', shape: [kh, kw, channels, filters] }, ...bias(filters)];
    }
    case 'Dense':
      return [{ name: 'kernel', shape: [channels, params.units as number] }, ...bias(params.units as number)];
    case 'DepthwiseConv2D': {
      const [kh, kw] = pair(params.kernelSize);
      const m = params.depthMultiplier as number;
      return [{ name: 'depthwise_kernel', shape: [kh, kw, channels, m] }, ...bias(channels * m)];
    }
    case 'SeparableConv2D': {
      const [kh, kw] = pair(params.kernelSize);
      const filters = params.filters as number;
      return [
        { name: 'depthwise_kernel', shape: [kh, kw, channels, 1] },
        { name: 'pointwise_kernel', shape: [1, 1, channels, filters] },
        ...bias(filters),
      ];
    }
    case 'BatchNormalization': {
      const axis = params.axis as number;
      const n = input[axis < 0 ? input.length + axis : axis - 1];
      // Keras keeps γ only with scale=True and β only with center=True, in this order.
      return [
        ...(params.scale === false ? [] : ['gamma']),
        ...(params.center === false ? [] : ['beta']),
        'moving_mean',
        'moving_variance',
      ].map((name) => ({ name, shape: [n] }));
    }
    case 'Normalization':
      // Keras's adapted statistics, and the count of samples they were computed on.
      return [
        { name: 'mean', shape: [channels] },
        { name: 'variance', shape: [channels] },
        { name: 'count', shape: [] },
      ];
    default:
      return [];
  }
}

/** The layer that feeds a functional layer: `[name, nodeIndex, tensorIndex]` in every Keras version's form. */
interface Inbound {
  layer: string;
  node: number;
  tensor: number;
}

/** The call sites of a functional layer: Keras 2 and TF.js write `[[["a", 0, 0, {}], …]]`, Keras 3 `[{"args": […], "kwargs": {}}]`. */
function inboundCalls(layer: { name: string; className: string }, raw: unknown): Inbound[][] {
  if (raw === undefined || raw === null) return [];
  if (!Array.isArray(raw)) throw refuse(layer, problem('import:kerasInboundNotList', {}));
  const kwargsCheck = (kwargs: unknown) => {
    const entries = Object.entries((kwargs ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length)
      throw refuse(layer, problem('import:kerasCallArguments', { arguments: entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`) }));
  };
  return raw.map((call) => {
    if (Array.isArray(call))
      return call.map((t) => {
        if (!Array.isArray(t) || typeof t[0] !== 'string')
          throw refuse(layer, problem('import:kerasInboundNoLayer', { entry: JSON.stringify(t) }));
        kwargsCheck(t[3]);
        return { layer: t[0], node: Number(t[1] ?? 0), tensor: Number(t[2] ?? 0) };
      });
    const { args, kwargs } = (call ?? {}) as { args?: unknown; kwargs?: unknown };
    kwargsCheck(kwargs);
    const found: Inbound[] = [];
    const walk = (v: unknown): void => {
      if (Array.isArray(v)) v.forEach(walk);
      else if (v && typeof v === 'object' && (v as { class_name?: unknown }).class_name === '__keras_tensor__') {
        const history = ((v as { config?: { keras_history?: unknown[] } }).config?.keras_history ?? []) as unknown[];
        found.push({ layer: String(history[0]), node: Number(history[1] ?? 0), tensor: Number(history[2] ?? 0) });
      }
    };
    walk(args);
    return found;
  });
}

/** `[["a", 0, 0], …]` or Keras 3's single `["a", 0, 0]`: the names of a model's input or output layers. */
function endpointNames(raw: unknown): string[] {
  if (!Array.isArray(raw)) return [];
  if (typeof raw[0] === 'string') return [raw[0]];
  return raw.filter(Array.isArray).map((t) => String(t[0]));
}

function inputShapeOf(config: Record<string, unknown>): unknown {
  const batch = config.batch_input_shape ?? config.batch_shape;
  if (Array.isArray(batch)) return batch.slice(1);
  return config.input_shape;
}

/** Keras classes of a model used as a layer of another (a pretrained base inside a transfer-learning model). */
const modelClasses = ['Sequential', 'Functional', 'Model'];

type ScopeLayer = KerasLayerConfig & { config: Record<string, unknown>; name: string; className: string };

/** A block's id, known once the layer it stands for has been translated (a nested model's layers may come later in the file). */
type Ref = () => string;

/** The layers of a model config (Sequential writes a bare list in old Keras), or undefined when it lists none. */
function configLayers(raw: unknown): { config: Record<string, unknown>; layers: ScopeLayer[] | undefined } {
  const config = (Array.isArray(raw) ? { layers: raw } : (raw ?? {})) as Record<string, unknown>;
  const rawLayers = config.layers;
  if (!Array.isArray(rawLayers) || rawLayers.length === 0) return { config, layers: undefined };
  const layers = rawLayers.map((raw, i) => {
    const l = (raw ?? {}) as KerasLayerConfig;
    const cfg = (l.config ?? {}) as Record<string, unknown>;
    const name = String(l.name ?? cfg.name ?? `layer_${i}`);
    return { ...l, config: cfg, name, className: String(l.class_name) };
  });
  return { config, layers };
}

/** What a translation scope (the model itself, or a model inside it) knows of where it sits. */
interface Scope {
  /** The nested models holding the scope's layers, outermost first (empty for the model itself). */
  within: string[];
  /** The Keras 3 weight paths of the scope's layers start with these (by class, by name). */
  prefix: { byClass: string; byName: string };
  /** False when an enclosing model is frozen: every layer inside is then frozen, as in Keras. */
  trainable: boolean;
  /** The group its blocks go into (the outermost nested model's). */
  group?: string;
  /** What feeds the nested model (its InputLayer is then not a block); absent for the model itself. */
  feed?: Ref;
  /** The layer of the enclosing model that this nested model is, for messages. */
  modelLayer?: ScopeLayer;
}

/**
 * The app's graph of a Keras model config (`{"class_name": "Sequential" | "Functional" | "Model", "config": …}`),
 * with the weights each block needs. `what` names the file in messages, `source` is the file's name
 * as the user knows it. A model used as a layer (`Sequential([VGG16(…), Flatten(), Dense(…)])`)
 * has its layers inlined, in a collapsed group named after it.
 */
export function translateKerasModel(topology: unknown, what: string, source = what.replace(/^"(.*)"$/, '$1')): TranslatedModel {
  const top = (topology ?? {}) as { class_name?: unknown; config?: unknown };
  const className = top.class_name;
  if (className !== 'Sequential' && className !== 'Functional' && className !== 'Model')
    throw new ImportError(problem('import:kerasModelClass', { what, className: JSON.stringify(className) ?? 'undefined' }));
  const { config, layers: topLayers } = configLayers(top.config);
  if (!topLayers) throw new ImportError(problem('import:kerasNoLayers', { what }));

  // The model's own layers keep their names as ids; a nested model's layer whose name one of them has is prefixed with the group's id.
  const reserved = new Set(topLayers.map((l) => l.name));
  const taken = new Set<string>();
  const nodes: GraphNode[] = [];
  const edges: { source: Ref; target: string }[] = [];
  const translated: TranslatedLayer[] = [];
  const groups: NodeGroup[] = [];
  const seen = new Set<string>();
  const names = new Map<string, string>();
  const shapeChecks: { layer: ScopeLayer; feed: Ref; shape: unknown }[] = [];
  const fixed =
    (id: string): Ref =>
    () =>
      id;

  const newGroup = (layer: ScopeLayer): string => {
    const base =
      layer.name
        .toLowerCase()
        .replace(/[^a-z0-9]+/g, '_')
        .replace(/^_+|_+$/g, '') || 'base';
    let id = base;
    for (let i = 2; groups.some((g) => g.id === id); i++) id = `${base}_${i}`;
    groups.push({ id, name: layer.name, source, collapsed: true });
    return id;
  };

  const blockOf = (layer: ScopeLayer): { type: string; params: Record<string, unknown> } => {
    if (layer.className === 'InputLayer') {
      checkOtherArguments(layer, layer.config, new Set());
      if (layer.config.dtype !== undefined && typeof layer.config.dtype === 'string' && !layer.config.dtype.startsWith('float'))
        throw refuse(layer, problem('import:kerasInputType', { type: layer.config.dtype }));
      const shape = inputShapeOf(layer.config);
      if (Array.isArray(shape) && shape.some((d) => d === null))
        throw refuse(layer, problem('import:kerasInputSize', { shape: JSON.stringify(shape) }));
      return { type: 'Input', params: { shape } };
    }
    if (aliasClasses[layer.className]) {
      const alias = aliasClasses[layer.className](layer, layer.config);
      checkOtherArguments(layer, layer.config, new Set(alias.used));
      return { type: alias.type, params: { ...alias.params, ...(layer.config.trainable === false ? { trainable: false } : {}) } };
    }
    const block = blockForClass(layer.className);
    if (!block) throw refuse(layer, problem('import:kerasClass', { className: layer.className, blocks: [...blockTypes] }));
    return { type: block.type, params: blockParams(layer, block, layer.config) };
  };

  /** Translates one model's layers (the model itself, or a model inside it); returns its output. */
  const translateScope = (scopeClass: string, scopeConfig: Record<string, unknown>, layers: ScopeLayer[], scope: Scope): Ref => {
    const outputs = new Map<string, Ref>();
    const counts = new Map<string, number>();
    const refTo =
      (name: string): Ref =>
      () =>
        outputs.get(name)!();
    const inner = scope.within.length > 0;
    const refuseModel = (reason: Problem) => refuse(scope.modelLayer!, reason);

    const addLayer = (layer: ScopeLayer, feeds: Ref[]): Ref => {
      const key = [...scope.within, layer.name].join('/');
      if (seen.has(key))
        throw new ImportError(
          inner
            ? problem('import:kerasSameName', { what, model: scope.within.join('/'), layer: layer.name, context: 'inner' })
            : problem('import:kerasSameName', { what, model: '', layer: layer.name }),
          layer.name,
        );
      seen.add(key);
      // Keras 3 names a layer's weights by its class, numbered within its model (`conv2d`, `conv2d_1`), nested models' under `<model>/layers/`.
      const base = kerasSnakeCase(layer.className);
      const n = counts.get(base);
      counts.set(base, (n ?? -1) + 1);
      const keras3 = {
        byClass: `${scope.prefix.byClass}${n === undefined ? base : `${base}_${n + 1}`}`,
        byName: `${scope.prefix.byName}${layer.name}`,
      };

      if (modelClasses.includes(layer.className)) {
        if (feeds.length > 1) throw refuse(layer, problem('import:kerasInnerInputs', { count: feeds.length }));
        const { config: innerConfig, layers: innerLayers } = configLayers(layer.config);
        if (!innerLayers) throw refuse(layer, problem('import:kerasInnerEmpty', {}));
        return translateScope(layer.className, innerConfig, innerLayers, {
          within: [...scope.within, layer.name],
          prefix: { byClass: `${keras3.byClass}/layers/`, byName: `${keras3.byName}/layers/` },
          trainable: scope.trainable && layer.config.trainable !== false,
          group: scope.group ?? newGroup(layer),
          feed: feeds[0],
          modelLayer: layer,
        });
      }
      if (layer.className === 'InputLayer' && scope.feed) {
        // The nested model's input is what feeds it in the enclosing model.
        shapeChecks.push({ layer: scope.modelLayer!, feed: scope.feed, shape: inputShapeOf(layer.config) });
        return scope.feed;
      }
      const { type, params } = blockOf(layer);
      if (!scope.trainable && getBlock(type)!.params.trainable !== undefined) params.trainable = false;
      const problems = resolveParams(getBlock(type)!.params, params).problems;
      if (problems.length)
        throw new ImportError(
          problems.length === 1
            ? problem('import:kerasLayer', { layer: layer.name, className: layer.className, reason: problems[0].problem })
            : problem('import:kerasLayerParams', {
                layer: layer.name,
                className: layer.className,
                problems: problems.map((p) => p.problem),
              }),
          layer.name,
        );
      const wanted = inner && reserved.has(layer.name) ? `${scope.group}_${layer.name}` : layer.name;
      const id = layerNameFor(wanted, inner ? new Set([...taken, ...reserved]) : taken);
      taken.add(id);
      names.set(id, inner ? `${scope.within.join('/')}/${layer.name}` : layer.name);
      const node: GraphNode = { id, type, params };
      if (scope.group && type !== 'Input') node.group = scope.group;
      nodes.push(node);
      for (const feed of feeds) edges.push({ source: feed, target: id });
      translated.push({ kerasName: layer.name, className: layer.className, nodeId: id, type, weights: [], within: scope.within, keras3 });
      return fixed(id);
    };

    if (scopeClass === 'Sequential') {
      let previous: Ref | undefined = scope.feed;
      const first = layers[0];
      if (!previous && first.className !== 'InputLayer' && !modelClasses.includes(first.className)) {
        const shape =
          inputShapeOf(first.config) ??
          (Array.isArray(scopeConfig.build_input_shape) ? (scopeConfig.build_input_shape as unknown[]).slice(1) : undefined);
        if (!shape)
          throw new ImportError(
            problem('import:kerasNoInputShape', { what, model: scope.within.join('/'), ...(inner ? { context: 'inner' } : {}) }),
          );
        const id = layerNameFor('input', new Set([...taken, ...reserved, ...layers.map((l) => l.name)]));
        taken.add(id);
        nodes.push({ id, type: 'Input', params: { shape } });
        previous = fixed(id);
      } else if (previous && first.className !== 'InputLayer') {
        const shape = inputShapeOf(first.config);
        if (shape) shapeChecks.push({ layer: scope.modelLayer!, feed: previous, shape });
      }
      for (const layer of layers) previous = addLayer(layer, previous ? [previous] : []);
      return previous!;
    }

    const byName = new Set(layers.map((l) => l.name));
    const inputs = endpointNames(scopeConfig.input_layers);
    const outputNames = endpointNames(scopeConfig.output_layers);
    if (inner && (inputs.length > 1 || outputNames.length > 1))
      throw refuseModel(
        problem('import:kerasInnerEnds', { inputCount: inputs.length, inputs, outputCount: outputNames.length, outputs: outputNames }),
      );
    for (const layer of layers) {
      const calls = inboundCalls(layer, layer.inbound_nodes);
      if (calls.length > 1)
        throw refuse(
          layer,
          modelClasses.includes(layer.className)
            ? problem('import:kerasInnerShared', { count: calls.length })
            : problem('import:kerasSharedLayer', { count: calls.length }),
        );
      if (layer.className !== 'InputLayer' && calls.length === 0) throw refuse(layer, problem('import:kerasNotFed', {}));
      const feeds = (calls[0] ?? []).map((inbound) => {
        if (!byName.has(inbound.layer)) throw refuse(layer, problem('import:kerasUnknownFeed', { feed: inbound.layer }));
        if (inbound.node !== 0 || inbound.tensor !== 0)
          throw refuse(layer, problem('import:kerasFeedCall', { tensor: inbound.tensor, call: inbound.node, feed: inbound.layer }));
        return refTo(inbound.layer);
      });
      outputs.set(layer.name, addLayer(layer, feeds));
    }
    if (outputNames.some((name) => !byName.has(name)))
      throw new ImportError(
        problem('import:kerasUnknownOutput', {
          what,
          model: scope.within.join('/'),
          layer: outputNames.find((name) => !byName.has(name)) ?? '',
          ...(inner ? { context: 'inner' } : {}),
        }),
      );
    if (!inner) {
      topOutputs = outputNames.map((name) => ({ name, ref: outputs.get(name)! }));
      topLayerOutputs = layers.map((l) => ({ name: l.name, ref: outputs.get(l.name)! }));
    }
    const last = outputNames.length ? outputs.get(outputNames[0])! : outputs.get(layers[layers.length - 1].name)!;
    return last;
  };

  let topOutputs: { name: string; ref: Ref }[] = [];
  let topLayerOutputs: { name: string; ref: Ref }[] = [];
  const output = translateScope(className, config, topLayers, { within: [], prefix: { byClass: '', byName: '' }, trainable: true });

  const resolvedEdges: GraphEdge[] = edges.map((e) => ({ source: e.source(), target: e.target }));
  const sources = new Set(resolvedEdges.map((e) => e.source));
  const sinkIds = nodes.map((n) => n.id).filter((id) => !sources.has(id));
  if (className === 'Sequential') {
    const expected = output();
    const extra = sinkIds.filter((id) => id !== expected);
    if (extra.length)
      throw new ImportError(
        problem('import:kerasInnerLoose', { what, layers: extra.map((id) => names.get(id) ?? id) }),
        names.get(extra[0]) ?? extra[0],
      );
  } else if (topOutputs.length) {
    const outputIds = new Set(topOutputs.map((o) => o.ref()));
    const extra = sinkIds.filter((id) => !outputIds.has(id)).map((id) => names.get(id) ?? id);
    const innerNames = topOutputs.filter((o) => !sinkIds.includes(o.ref())).map((o) => o.name);
    const sinkNames = [...new Set(sinkIds.map((id) => topLayerOutputs.find((l) => l.ref() === id)?.name ?? names.get(id) ?? id))];
    if (extra.length || innerNames.length)
      throw new ImportError(
        problem('import:kerasOutputs', {
          what,
          outputs: topOutputs.map((o) => o.name),
          sinks: sinkNames,
          extra: extra.join(', ') || '—',
          inner: innerNames.join(', ') || '—',
        }),
        extra[0] ?? innerNames[0],
      );
  }

  const graph: Graph = { nodes, edges: resolvedEdges, ...(groups.length ? { groups } : {}) };
  const analysis = analyzeGraph(graph);
  for (const check of shapeChecks) {
    const fed = analysis.nodes[check.feed()]?.outputShape;
    if (fed && Array.isArray(check.shape) && !same(fed, check.shape))
      throw refuse(check.layer, problem('import:kerasInnerShape', { shape: JSON.stringify(check.shape), fed: JSON.stringify(fed) }));
  }
  if (!analysis.valid) {
    throw new ImportError(
      problem('import:kerasNotRunnable', {
        what,
        errors: analysis.errors.map((e) => ({ nodeId: e.nodeId ? (names.get(e.nodeId) ?? e.nodeId) : null, problem: e.problem })),
      }),
      names.get(analysis.errors[0]?.nodeId ?? '') ?? analysis.errors[0]?.nodeId,
    );
  }
  for (const layer of translated) {
    const node = analysis.nodes[layer.nodeId];
    // Keras writes the last axis as a positive number (BatchNormalization(axis=3) in ResNet50); the app says -1 for it.
    const given = nodes.find((n) => n.id === layer.nodeId)!;
    if (typeof given.params.axis === 'number' && given.params.axis > 0 && given.params.axis === node.inputShapes[0]?.length)
      given.params.axis = -1;
    layer.weights = expectedWeights(layer.type, node.params, node.inputShapes[0] ?? []);
  }
  return { name: typeof config.name === 'string' ? config.name : 'model', graph, layers: translated };
}

/** A weight tensor as a file holds it, before it is matched to a block. */
export interface FoundWeight {
  /** How the file names it, for messages. */
  label: string;
  /** Its name in a Keras 2 file's `weight_names` (`block1_conv1/kernel:0`), which says the layer of a model inside the model. */
  name?: string;
  shape: number[];
  data: Float32Array;
}

/**
 * A layer's weights from the file, in Keras's order, checked against what its block needs (count
 * and shapes) and named `block/weight`. `what` names the file in messages.
 */
export function matchLayerWeights(layer: TranslatedLayer, found: FoundWeight[], what: string): ImportedWeight[] {
  if (found.length !== layer.weights.length)
    throw new ImportError(
      problem('import:kerasWeightCount', {
        what,
        layer: layer.kerasName,
        className: layer.className,
        count: layer.weights.length,
        names: layer.weights.map((w) => w.name),
        found: found.length,
        labels: found.map((f) => f.label),
        ...(found.length === 0 ? { context: 'noneFound' } : layer.weights.length === 0 ? { context: 'noneNeeded' } : {}),
      }),
      layer.kerasName,
    );
  return layer.weights.map((expected, i) => {
    const w = found[i];
    if (!same(w.shape, expected.shape))
      throw new ImportError(
        problem('import:kerasWeightShape', {
          what,
          label: w.label,
          layer: layer.kerasName,
          className: layer.className,
          shape: w.shape,
          weight: expected.name,
          expected: expected.shape,
          ...(w.shape.length ? {} : { context: 'scalar' }),
        }),
        layer.kerasName,
      );
    return { name: `${layer.nodeId}/${expected.name}`, shape: [...expected.shape], data: w.data };
  });
}

/** An IEEE half-precision number's value (TF.js float16 weights, Keras float16 datasets). */
export function halfToFloat(h: number): number {
  const sign = h & 0x8000 ? -1 : 1;
  const exponent = (h >> 10) & 0x1f;
  const fraction = h & 0x3ff;
  if (exponent === 0) return sign * 2 ** -14 * (fraction / 1024);
  if (exponent === 0x1f) return fraction ? NaN : sign * Infinity;
  return sign * 2 ** (exponent - 15) * (1 + fraction / 1024);
}
