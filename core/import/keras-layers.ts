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
import type { Localized } from '../model/localized';
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

/** `Conv2D "conv1"` as messages name a layer of the file. */
function layerWords(layer: { name: string; className: string }): Localized {
  return { en: `Layer "${layer.name}" (${layer.className})`, fr: `La couche « ${layer.name} » (${layer.className})` };
}

function refuse(layer: { name: string; className: string }, text: Localized): ImportError {
  const words = layerWords(layer);
  return new ImportError({ en: `${words.en}: ${text.en}`, fr: `${words.fr} : ${text.fr}` }, layer.name);
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

/**
 * Arguments that are not block parameters. Those mapped to `true` never change what the layer
 * computes at inference or how it trains from imported weights (names, dtypes, initializers, seeds);
 * the others are accepted only with the value that the app's block has.
 */
const otherArguments: Record<string, true | { ok: (v: unknown) => boolean; expected: string }> = {
  name: true,
  trainable: true,
  dtype: true,
  batch_size: true,
  seed: true,
  autocast: true,
  fused: true,
  renorm_clipping: true,
  renorm_momentum: true,
  lora_alpha: true,
  batch_input_shape: true,
  batch_shape: true,
  input_shape: true,
  dilation_rate: { ok: isOnes, expected: '1' },
  groups: { ok: (v) => v === 1, expected: '1' },
  data_format: { ok: (v) => isNullish(v) || v === 'channels_last', expected: '"channels_last"' },
  bias_regularizer: { ok: isNullish, expected: 'None' },
  activity_regularizer: { ok: isNullish, expected: 'None' },
  depthwise_regularizer: { ok: isNullish, expected: 'None' },
  pointwise_regularizer: { ok: isNullish, expected: 'None' },
  beta_regularizer: { ok: isNullish, expected: 'None' },
  gamma_regularizer: { ok: isNullish, expected: 'None' },
  kernel_constraint: { ok: isNullish, expected: 'None' },
  bias_constraint: { ok: isNullish, expected: 'None' },
  depthwise_constraint: { ok: isNullish, expected: 'None' },
  pointwise_constraint: { ok: isNullish, expected: 'None' },
  beta_constraint: { ok: isNullish, expected: 'None' },
  gamma_constraint: { ok: isNullish, expected: 'None' },
  noise_shape: { ok: isNullish, expected: 'None' },
  keepdims: { ok: (v) => v === false, expected: 'False' },
  renorm: { ok: (v) => v === false, expected: 'False' },
  synchronized: { ok: (v) => v === false, expected: 'False' },
  virtual_batch_size: { ok: isNullish, expected: 'None' },
  adjustment: { ok: isNullish, expected: 'None' },
  lora_rank: { ok: isNullish, expected: 'None' },
  quantization_config: { ok: isNullish, expected: 'None' },
  depth_multiplier: { ok: (v) => v === 1, expected: '1' },
  sparse: { ok: (v) => v === false || v === null, expected: 'False' },
  ragged: { ok: (v) => v === false || v === null, expected: 'False' },
  optional: { ok: (v) => v === false, expected: 'False' },
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
    throw refuse(layer, {
      en: `its activation ${JSON.stringify(value)} is not one the app knows.`,
      fr: `son activation ${JSON.stringify(value)} n’est pas connue de l’application.`,
    });
  const known = activationAliases[name] ?? name;
  if (!(activations as readonly string[]).includes(known))
    throw refuse(layer, {
      en: `the activation "${name}" has no equivalent block in the app (it has ${activations.join(', ')}), so the layer cannot be imported without changing what the network computes.`,
      fr: `l’activation « ${name} » n’a pas d’équivalent dans l’application (qui a ${activations.join(', ')}) : la couche ne peut pas être importée sans changer ce que calcule le réseau.`,
    });
  return known;
}

function regularizer(layer: { name: string; className: string }, arg: string, value: unknown): { l1?: number; l2?: number } | null {
  if (isNullish(value)) return null;
  const o = value as { class_name?: string; config?: Record<string, unknown> };
  const config = o.config ?? {};
  const l1 = typeof config.l1 === 'number' ? config.l1 : 0;
  const l2 = typeof config.l2 === 'number' ? config.l2 : 0;
  if (!['L1', 'L2', 'L1L2', 'l1_l2', 'l1', 'l2'].includes(o.class_name ?? '') || Object.keys(config).some((k) => k !== 'l1' && k !== 'l2'))
    throw refuse(layer, {
      en: `its \`${arg}\` ${JSON.stringify(value)} is not an L1 or L2 penalty, the only ones the app has.`,
      fr: `son \`${arg}\` ${JSON.stringify(value)} n’est pas une pénalité L1 ou L2, les seules que connaisse l’application.`,
    });
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
      throw refuse(layer, {
        en: `ReLU with max_value=${JSON.stringify(max)}, negative_slope=${JSON.stringify(slope)}, threshold=${JSON.stringify(threshold)} has no equivalent activation in the app (it has "relu" and "relu6").`,
        fr: `un ReLU avec max_value=${JSON.stringify(max)}, negative_slope=${JSON.stringify(slope)}, threshold=${JSON.stringify(threshold)} n’a pas d’activation équivalente dans l’application (qui a « relu » et « relu6 »).`,
      });
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
      throw refuse(layer, {
        en: `its argument \`${key}\` (${JSON.stringify(value)}) has no equivalent parameter in the app’s ${layer.className} block, so it cannot be imported without changing the network.`,
        fr: `son argument \`${key}\` (${JSON.stringify(value)}) n’a pas de paramètre équivalent dans le bloc ${layer.className} de l’application : elle ne peut pas être importée sans changer le réseau.`,
      });
    if (!rule.ok(value))
      throw refuse(layer, {
        en: `its argument \`${key}\` is ${JSON.stringify(value)}; the app’s block only computes \`${key}\`=${rule.expected}, so the layer cannot be imported without changing what it computes.`,
        fr: `son argument \`${key}\` vaut ${JSON.stringify(value)} ; le bloc de l’application ne calcule que \`${key}\`=${rule.expected} : la couche ne peut pas être importée sans changer ce qu’elle calcule.`,
      });
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
  if (!Array.isArray(raw))
    throw refuse(layer, { en: 'its `inbound_nodes` is not a list.', fr: 'son `inbound_nodes` n’est pas une liste.' });
  const kwargsCheck = (kwargs: unknown) => {
    const entries = Object.entries((kwargs ?? {}) as Record<string, unknown>).filter(([, v]) => v !== null && v !== undefined);
    if (entries.length)
      throw refuse(layer, {
        en: `it is called with ${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}, which the app’s block cannot express.`,
        fr: `elle est appelée avec ${entries.map(([k, v]) => `${k}=${JSON.stringify(v)}`).join(', ')}, ce que le bloc de l’application ne sait pas exprimer.`,
      });
  };
  return raw.map((call) => {
    if (Array.isArray(call))
      return call.map((t) => {
        if (!Array.isArray(t) || typeof t[0] !== 'string')
          throw refuse(layer, {
            en: `an entry of its \`inbound_nodes\` (${JSON.stringify(t)}) names no layer.`,
            fr: `une entrée de son \`inbound_nodes\` (${JSON.stringify(t)}) ne nomme aucune couche.`,
          });
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
    throw new ImportError({
      en: `${what} holds a model of class ${JSON.stringify(className)}; only Keras Sequential and functional models (class "Sequential", "Functional" or "Model") can be imported.`,
      fr: `${what} contient un modèle de classe ${JSON.stringify(className)} ; seuls les modèles Keras Sequential et fonctionnels (classe « Sequential », « Functional » ou « Model ») peuvent être importés.`,
    });
  const { config, layers: topLayers } = configLayers(top.config);
  if (!topLayers)
    throw new ImportError({
      en: `${what}: the model config lists no layers.`,
      fr: `${what} : la configuration du modèle ne liste aucune couche.`,
    });

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
        throw refuse(layer, {
          en: `its inputs are of type ${layer.config.dtype}; the app’s Input takes numbers (floats).`,
          fr: `ses entrées sont de type ${layer.config.dtype} ; l’Input de l’application prend des nombres (flottants).`,
        });
      const shape = inputShapeOf(layer.config);
      if (Array.isArray(shape) && shape.some((d) => d === null))
        throw refuse(layer, {
          en: `its input size is not fixed (${JSON.stringify(shape)}); the app’s Input has a fixed shape. Build the model on a fixed input shape (e.g. input_shape=(224, 224, 3)) before saving it.`,
          fr: `la taille de son entrée n’est pas fixée (${JSON.stringify(shape)}) ; l’Input de l’application a une forme fixe. Construisez le modèle sur une forme d’entrée fixe (par ex. input_shape=(224, 224, 3)) avant de l’enregistrer.`,
        });
      return { type: 'Input', params: { shape } };
    }
    if (aliasClasses[layer.className]) {
      const alias = aliasClasses[layer.className](layer, layer.config);
      checkOtherArguments(layer, layer.config, new Set(alias.used));
      return { type: alias.type, params: { ...alias.params, ...(layer.config.trainable === false ? { trainable: false } : {}) } };
    }
    const block = blockForClass(layer.className);
    if (!block)
      throw refuse(layer, {
        en: `the app has no block for the Keras class ${layer.className} (it has ${blockTypes.join(', ')}), so this network cannot be imported without changing it.`,
        fr: `l’application n’a pas de bloc pour la classe Keras ${layer.className} (elle a ${blockTypes.join(', ')}) : ce réseau ne peut pas être importé sans le modifier.`,
      });
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
    const refuseModel = (text: Localized) => refuse(scope.modelLayer!, text);

    const addLayer = (layer: ScopeLayer, feeds: Ref[]): Ref => {
      const key = [...scope.within, layer.name].join('/');
      if (seen.has(key))
        throw new ImportError(
          inner
            ? {
                en: `${what}: two layers of the model "${scope.within.join('/')}" are named "${layer.name}".`,
                fr: `${what} : deux couches du modèle « ${scope.within.join('/')} » s’appellent « ${layer.name} ».`,
              }
            : { en: `${what}: two layers are named "${layer.name}".`, fr: `${what} : deux couches s’appellent « ${layer.name} ».` },
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
        if (feeds.length > 1)
          throw refuse(layer, {
            en: `this model inside the model is called on ${feeds.length} inputs; only a model of one input and one output can be imported as part of another.`,
            fr: `ce modèle dans le modèle est appelé sur ${feeds.length} entrées ; seul un modèle à une entrée et une sortie peut être importé dans un autre.`,
          });
        const { config: innerConfig, layers: innerLayers } = configLayers(layer.config);
        if (!innerLayers)
          throw refuse(layer, {
            en: 'this model inside the model lists no layers.',
            fr: 'ce modèle dans le modèle ne liste aucune couche.',
          });
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
        throw refuse(layer, { en: problems.map((p) => p.text.en).join(' '), fr: problems.map((p) => p.text.fr).join(' ') });
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
          throw new ImportError({
            en: `${what}: the Sequential model ${inner ? `"${scope.within.join('/')}" ` : ''}does not say the shape of its input (no InputLayer, no batch_input_shape): build the model on an input shape before saving it.`,
            fr: `${what} : le modèle Sequential ${inner ? `« ${scope.within.join('/')} » ` : ''}ne dit pas la forme de son entrée (ni InputLayer, ni batch_input_shape) : construisez le modèle sur une forme d’entrée avant de l’enregistrer.`,
          });
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
      throw refuseModel({
        en: `this model inside the model has ${inputs.length} inputs (${inputs.join(', ')}) and ${outputNames.length} outputs (${outputNames.join(', ')}); only a model of one input and one output can be imported as part of another.`,
        fr: `ce modèle dans le modèle a ${inputs.length} entrées (${inputs.join(', ')}) et ${outputNames.length} sorties (${outputNames.join(', ')}) ; seul un modèle à une entrée et une sortie peut être importé dans un autre.`,
      });
    for (const layer of layers) {
      const calls = inboundCalls(layer, layer.inbound_nodes);
      if (calls.length > 1)
        throw refuse(
          layer,
          modelClasses.includes(layer.className)
            ? {
                en: `this model inside the model is called ${calls.length} times (shared between several inputs); the app’s blocks are each used once, so it cannot be imported. Call the inner model once.`,
                fr: `ce modèle dans le modèle est appelé ${calls.length} fois (partagé entre plusieurs entrées) ; chaque bloc de l’application ne sert qu’une fois : il ne peut donc pas être importé. Appelez le modèle intérieur une seule fois.`,
              }
            : {
                en: `it is called ${calls.length} times (a shared layer); each block of the app is used once. Give each use its own layer.`,
                fr: `elle est appelée ${calls.length} fois (couche partagée) ; chaque bloc de l’application ne sert qu’une fois. Donnez à chaque usage sa propre couche.`,
              },
        );
      if (layer.className !== 'InputLayer' && calls.length === 0)
        throw refuse(layer, {
          en: 'nothing feeds it: its `inbound_nodes` is empty.',
          fr: 'rien ne l’alimente : son `inbound_nodes` est vide.',
        });
      const feeds = (calls[0] ?? []).map((inbound) => {
        if (!byName.has(inbound.layer))
          throw refuse(layer, {
            en: `it is fed by a layer "${inbound.layer}" that the model does not have.`,
            fr: `elle est alimentée par une couche « ${inbound.layer} » que le modèle n’a pas.`,
          });
        if (inbound.node !== 0 || inbound.tensor !== 0)
          throw refuse(layer, {
            en: `it takes output ${inbound.tensor} of call ${inbound.node} of "${inbound.layer}"; the app’s blocks have one output and are called once.`,
            fr: `elle prend la sortie ${inbound.tensor} de l’appel ${inbound.node} de « ${inbound.layer} » ; les blocs de l’application ont une sortie et ne sont appelés qu’une fois.`,
          });
        return refTo(inbound.layer);
      });
      outputs.set(layer.name, addLayer(layer, feeds));
    }
    if (outputNames.some((name) => !byName.has(name)))
      throw new ImportError({
        en: `${what}: the model ${inner ? `"${scope.within.join('/')}" ` : ''}names as its output a layer "${outputNames.find((name) => !byName.has(name))}" that it does not have.`,
        fr: `${what} : le modèle ${inner ? `« ${scope.within.join('/')} » ` : ''}désigne comme sortie une couche « ${outputNames.find((name) => !byName.has(name))} » qu’il n’a pas.`,
      });
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
        {
          en: `${what}: the layers ${extra.map((id) => names.get(id) ?? id).join(', ')} of a model inside the model feed nothing and are not its output; in the app every block that feeds nothing is an output. Remove them from the inner model.`,
          fr: `${what} : les couches ${extra.map((id) => names.get(id) ?? id).join(', ')} d’un modèle dans le modèle n’alimentent rien et ne sont pas sa sortie ; dans l’application, tout bloc qui n’alimente rien est une sortie. Retirez-les du modèle intérieur.`,
        },
        names.get(extra[0]) ?? extra[0],
      );
  } else if (topOutputs.length) {
    const outputIds = new Set(topOutputs.map((o) => o.ref()));
    const extra = sinkIds.filter((id) => !outputIds.has(id)).map((id) => names.get(id) ?? id);
    const innerNames = topOutputs.filter((o) => !sinkIds.includes(o.ref())).map((o) => o.name);
    const sinkNames = [...new Set(sinkIds.map((id) => topLayerOutputs.find((l) => l.ref() === id)?.name ?? names.get(id) ?? id))];
    if (extra.length || innerNames.length)
      throw new ImportError(
        {
          en: `${what}: the model’s outputs (${topOutputs.map((o) => o.name).join(', ')}) are not the layers that feed nothing (${sinkNames.join(', ')}); in the app every block that feeds nothing is an output. Remove the unused layers ${extra.join(', ') || '—'} or make ${innerNames.join(', ') || '—'} a last layer.`,
          fr: `${what} : les sorties du modèle (${topOutputs.map((o) => o.name).join(', ')}) ne sont pas les couches qui n’alimentent rien (${sinkNames.join(', ')}) ; dans l’application, tout bloc qui n’alimente rien est une sortie. Retirez les couches inutilisées ${extra.join(', ') || '—'} ou faites de ${innerNames.join(', ') || '—'} une dernière couche.`,
        },
        extra[0] ?? innerNames[0],
      );
  }

  const graph: Graph = { nodes, edges: resolvedEdges, ...(groups.length ? { groups } : {}) };
  const analysis = analyzeGraph(graph);
  for (const check of shapeChecks) {
    const fed = analysis.nodes[check.feed()]?.outputShape;
    if (fed && Array.isArray(check.shape) && !same(fed, check.shape))
      throw refuse(check.layer, {
        en: `this model inside the model takes inputs of shape ${JSON.stringify(check.shape)}, but it is fed ${JSON.stringify(fed)}.`,
        fr: `ce modèle dans le modèle prend des entrées de forme ${JSON.stringify(check.shape)}, mais il reçoit ${JSON.stringify(fed)}.`,
      });
  }
  if (!analysis.valid) {
    const list = (language: 'en' | 'fr') =>
      analysis.errors.map((e) => `  - ${e.nodeId ? `[${names.get(e.nodeId) ?? e.nodeId}] ` : ''}${e.text[language]}`).join('\n');
    throw new ImportError(
      {
        en: `${what} does not make a network the app can run:\n${list('en')}`,
        fr: `${what} ne donne pas un réseau que l’application sache exécuter :\n${list('fr')}`,
      },
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
  const words = layerWords({ name: layer.kerasName, className: layer.className });
  if (found.length !== layer.weights.length)
    throw new ImportError(
      {
        en: `${what}: ${words.en} needs ${layer.weights.length} weight tensor(s) (${layer.weights.map((w) => w.name).join(', ') || 'none'}) but the file has ${found.length}${found.length ? ` (${found.map((f) => f.label).join(', ')})` : ''}: the weights do not belong to this model.`,
        fr: `${what} : ${words.fr} demande ${layer.weights.length} tenseur(s) de poids (${layer.weights.map((w) => w.name).join(', ') || 'aucun'}) mais le fichier en a ${found.length}${found.length ? ` (${found.map((f) => f.label).join(', ')})` : ''} : ces poids ne sont pas ceux de ce modèle.`,
      },
      layer.kerasName,
    );
  return layer.weights.map((expected, i) => {
    const w = found[i];
    if (!same(w.shape, expected.shape))
      throw new ImportError(
        {
          en: `${what}: the weight ${w.label} of ${words.en} has shape ${w.shape.join('×') || 'scalar'}, but its ${expected.name} must be ${expected.shape.join('×')} for the layer’s arguments and input: the file lies about its weights.`,
          fr: `${what} : le poids ${w.label} de ${words.fr} a la forme ${w.shape.join('×') || 'scalaire'}, mais son ${expected.name} doit être ${expected.shape.join('×')} vu les arguments et l’entrée de la couche : le fichier ment sur ses poids.`,
        },
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
