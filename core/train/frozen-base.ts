// Fast training on a frozen base (transfer learning). When every block before the trainable head is
// frozen and computes the same thing while training as at inference (no augmentation, no Dropout,
// BatchNormalization frozen and so in inference mode), the base's outputs depend on the image
// alone: they are computed once per image, for the training and validation sets, and the head
// trains on them. The head is made of the whole model's own layers, so what it learns is the whole
// model's weights: checkpoints, final weights, evaluation and exports stay those of the whole model.
// Browser-safe: the page's GPU engine runs this too.
import type * as tfjs from '@tensorflow/tfjs';
import { sampleSize, takeSamples, type Samples } from '../data/types';
import { analyzeGraph, type GraphAnalysis } from '../model/analyze';
import { getBlock } from '../model/blocks/index';
import { problem, type Problem } from '../i18n/catalogue';
import type { Graph, Shape } from '../model/graph';
import { encodeTargets, type TargetEncoding } from './losses';

type Tf = typeof tfjs;

/** TensorFlow.js computes in 32-bit floats. */
const BYTES_PER_VALUE = 4;

/** What the cached outputs may take when the engine is not told (the page's engine: a browser tab's share). */
export const DEFAULT_FEATURE_CACHE_BYTES = 1e9;

/** The frozen, deterministic part of a graph that everything trainable depends on. */
export interface FrozenBase {
  /** The base's blocks, its Input included, in topological order. */
  nodes: string[];
  /** The base's blocks whose outputs the head takes (the cut), in topological order. */
  cut: string[];
  /** The shape of each cut block's output, without the batch dimension. */
  cutShapes: Shape[];
  /** The other blocks, the head, in topological order. */
  head: string[];
  /** Blocks in the base, its Input left out. */
  blocks: number;
  /** The name of the base group (a network put into the project) the base's blocks belong to, when they all belong to one. */
  groupName?: string;
}

/** What the graph has: nothing frozen; a base to compute once; or frozen blocks that must run at every step, and why. */
export type FrozenBaseFinding = { kind: 'nothing-frozen' } | { kind: 'base'; base: FrozenBase } | { kind: 'not-usable'; reason: Problem };

/** What the Train panel says about the frozen base, from the run's `started` event. */
export interface FrozenBaseNotice {
  /** Blocks in the base (its Input left out); 0 when no base could be found. */
  blocks: number;
  /** True when the base's outputs are computed once per image and only the head runs at every step. */
  cached: boolean;
  /** What the Train panel and the command line say of it. */
  message: Problem;
}

const isFrozenWithWeights = (analysis: GraphAnalysis, id: string) => {
  const node = analysis.nodes[id];
  return node.type !== 'Input' && node.paramCount.trainable === 0 && node.paramCount.nonTrainable > 0;
};

/** Why a block cannot be part of a base computed once, or undefined when it can (its inputs aside). */
function notDeterministic(analysis: GraphAnalysis, id: string): Problem | undefined {
  const node = analysis.nodes[id];
  if (node.type === 'Input') return undefined;
  const block = getBlock(node.type);
  const named = { type: node.type, id: node.id };
  if (block?.trainingOnly) return problem('train:notDeterministicAugmentation', named);
  if (block?.identityAtInference) return problem('train:notDeterministicDropout', named);
  if (node.paramCount.trainable > 0) return problem('train:notDeterministicTrainable', named);
  return undefined;
}

/**
 * Finds the frozen base of a graph: the blocks, from the Input on, that are frozen (or have no
 * weights) and deterministic, with every input in the base too. The base is used when it holds at
 * least one frozen block with weights and the output is not in it; the head may take several of
 * its outputs (a branching graph).
 */
export function findFrozenBase(graph: Graph, analysis: GraphAnalysis = analyzeGraph(graph)): FrozenBaseFinding {
  const sources = new Map<string, string[]>(analysis.order.map((id) => [id, []]));
  const targets = new Map<string, string[]>(analysis.order.map((id) => [id, []]));
  for (const { source, target } of graph.edges) {
    if (!sources.has(target) || !targets.has(source)) continue;
    if (!sources.get(target)!.includes(source)) sources.get(target)!.push(source);
    if (!targets.get(source)!.includes(target)) targets.get(source)!.push(target);
  }
  const inBase = new Set<string>();
  for (const id of analysis.order) if (!notDeterministic(analysis, id) && sources.get(id)!.every((s) => inBase.has(s))) inBase.add(id);

  const frozen = analysis.order.filter((id) => isFrozenWithWeights(analysis, id));
  if (frozen.length === 0) return { kind: 'nothing-frozen' };
  const frozenInBase = frozen.filter((id) => inBase.has(id));
  if (frozenInBase.length === 0) return { kind: 'not-usable', reason: blockerOf(analysis, sources, frozen[0], inBase) };
  if (analysis.outputs.some((id) => inBase.has(id)))
    return {
      kind: 'not-usable',
      reason: problem('train:allFrozen', {}),
    };
  const nodes = analysis.order.filter((id) => inBase.has(id));
  const cut = nodes.filter((id) => targets.get(id)!.some((t) => !inBase.has(t)));
  const groupOf = new Map(graph.nodes.map((n) => [n.id, n.group]));
  // Named after its group when every frozen block with weights in it comes from one (the blocks without weights after it may not).
  const groups = new Set(nodes.filter((id) => isFrozenWithWeights(analysis, id)).map((id) => groupOf.get(id)));
  const group = groups.size === 1 ? graph.groups?.find((g) => g.id === [...groups][0]) : undefined;
  return {
    kind: 'base',
    base: {
      nodes,
      cut,
      cutShapes: cut.map((id) => analysis.nodes[id].outputShape!),
      head: analysis.order.filter((id) => !inBase.has(id)),
      blocks: nodes.filter((id) => analysis.nodes[id].type !== 'Input').length,
      ...(group ? { groupName: group.name } : {}),
    },
  };
}

/** Why the first frozen block cannot be computed once: the first block before it, in the graph's order, that changes from step to step. */
function blockerOf(analysis: GraphAnalysis, sources: Map<string, string[]>, frozenId: string, inBase: Set<string>): Problem {
  const ancestors = new Set<string>();
  const stack = [...sources.get(frozenId)!];
  while (stack.length) {
    const id = stack.pop()!;
    if (ancestors.has(id)) continue;
    ancestors.add(id);
    stack.push(...sources.get(id)!);
  }
  for (const id of analysis.order) {
    if (!ancestors.has(id) || inBase.has(id)) continue;
    const why = notDeterministic(analysis, id);
    if (why) return why;
  }
  // Unreachable for a frozen block outside the base; said plainly all the same.
  return problem('train:notDeterministicBefore', { type: analysis.nodes[frozenId].type, id: frozenId });
}

/** Bytes the cached outputs of `base` take for `samples` images (the Input's own values are not copied). */
export function featureCacheBytes(base: FrozenBase, analysis: Pick<GraphAnalysis, 'nodes'>, samples: number): number {
  let values = 0;
  base.cut.forEach((id, i) => {
    if (analysis.nodes[id].type !== 'Input') values += sampleSize(base.cutShapes[i]);
  });
  return values * samples * BYTES_PER_VALUE;
}

/**
 * Whether a run computes its frozen base once, and what to tell the user (nothing when no block is
 * frozen). `samples`: the training and validation images; `maxBytes`: what their cached outputs
 * may take; `enabled`: false turns the cache off for the run.
 */
export function planFrozenBase(
  graph: Graph,
  options: { samples: number; maxBytes: number; enabled?: boolean },
): { base?: FrozenBase; notice?: FrozenBaseNotice } {
  const analysis = analyzeGraph(graph);
  const finding = findFrozenBase(graph, analysis);
  if (finding.kind === 'nothing-frozen') return {};
  if (finding.kind === 'not-usable')
    return {
      notice: { blocks: 0, cached: false, message: problem('train:frozenEveryStep', { why: finding.reason }) },
    };
  const { base } = finding;
  // "The frozen base (12 blocks)", or with its group's name: "The frozen base "Digits 0–4" (12 blocks)".
  const count = { count: base.blocks, ...(base.groupName ? { group: base.groupName } : {}) };
  if (options.enabled === false) {
    const message = base.groupName
      ? problem('train:frozenBaseOffGroup', { ...count, group: base.groupName })
      : problem('train:frozenBaseOff', count);
    return { notice: { blocks: base.blocks, cached: false, message } };
  }
  const bytes = featureCacheBytes(base, analysis, options.samples);
  if (bytes > options.maxBytes) {
    const sizes = { ...count, samples: options.samples, need: bytes, room: options.maxBytes };
    const message = base.groupName
      ? problem('train:frozenBaseTooLargeGroup', { ...sizes, group: base.groupName })
      : problem('train:frozenBaseTooLarge', sizes);
    return { notice: { blocks: base.blocks, cached: false, message } };
  }
  const message = base.groupName
    ? problem('train:frozenBaseCachedGroup', { ...count, group: base.groupName })
    : problem('train:frozenBaseCached', count);
  return { base, notice: { blocks: base.blocks, cached: true, message } };
}

/** A batch for the model that trains: its inputs (one per cut block for a head), targets and labels. */
export interface FeedBatch {
  xs: tfjs.Tensor | tfjs.Tensor[];
  targets: tfjs.Tensor;
  labels: tfjs.Tensor1D;
}

/** A set of samples as batches for the model that trains: the images themselves, or the base's outputs for them. */
export interface Feed {
  count: number;
  /** The class of each sample. */
  y: Int32Array;
  batch(indices: ArrayLike<number>): FeedBatch;
}

/** Batches of the images themselves, for the whole model. */
export function sampleFeed(tf: Tf, samples: Samples, inputShape: Shape, encoding: TargetEncoding, classes: number): Feed {
  const size = sampleSize(inputShape);
  return {
    count: samples.count,
    y: samples.y,
    batch(indices) {
      const { x, y } = takeSamples(samples, indices, size);
      return {
        xs: tf.tensor(x, [indices.length, ...inputShape]),
        targets: encodeTargets(tf, y, encoding, classes),
        labels: tf.tensor1d(y, 'int32'),
      };
    },
  };
}

/** The whole model's head on the cached outputs of its frozen base: the model to train, and the sets as batches for it. */
export interface FrozenBaseHead {
  /** The head: the whole model's own layers (so its weights are the whole model's) on inputs that are the cut's outputs. */
  model: tfjs.LayersModel;
  train: Feed;
  validation?: Feed;
}

/**
 * Computes the base's outputs once for the training and validation samples (in batches of
 * `batchSize`, in inference mode: the base behaves the same in both) and builds the head on them.
 * `stopped` is asked after every batch; when it says yes the pass ends and nothing is returned.
 * `progress` hears the images done so far, of all, after every batch.
 */
export async function cacheFrozenBase(
  tf: Tf,
  model: tfjs.LayersModel,
  base: FrozenBase,
  sets: { train: Samples; validation?: Samples },
  inputShape: Shape,
  encoding: TargetEncoding,
  classes: number,
  batchSize: number,
  stopped: () => Promise<boolean> = async () => false,
  progress: (images: number, of: number) => void = () => undefined,
): Promise<FrozenBaseHead | undefined> {
  const inputIds = new Set(model.inputs.map((t) => t.sourceLayer.name));
  const computed = base.cut.filter((id) => !inputIds.has(id));
  // Built on the model's own tensors, it holds no weights of its own; disposing it would free the model's.
  const baseModel = tf.model({ inputs: model.inputs, outputs: computed.map((id) => model.getLayer(id).output as tfjs.SymbolicTensor) });
  const sizes = base.cutShapes.map(sampleSize);
  const inputSize = sampleSize(inputShape);

  const total = sets.train.count + (sets.validation?.count ?? 0);
  let done = 0;
  const outputsOf = async (samples: Samples): Promise<Float32Array[] | undefined> => {
    const values = computed.map((id) => new Float32Array(samples.count * sizes[base.cut.indexOf(id)]));
    for (let start = 0; start < samples.count; start += batchSize) {
      const n = Math.min(batchSize, samples.count - start);
      const outputs = tf.tidy(() => {
        const xs = tf.tensor(samples.x.subarray(start * inputSize, (start + n) * inputSize), [n, ...inputShape]);
        const out = baseModel.apply(xs, { training: false }) as tfjs.Tensor | tfjs.Tensor[];
        return Array.isArray(out) ? out : [out];
      });
      try {
        for (const [k, output] of outputs.entries())
          values[k].set((await output.data()) as Float32Array, start * sizes[base.cut.indexOf(computed[k])]);
      } finally {
        tf.dispose(outputs);
      }
      done += n;
      progress(done, total);
      if (await stopped()) return undefined;
    }
    // The Input, when the head also reads it, is the samples' own values.
    return base.cut.map((id) => (inputIds.has(id) ? samples.x : values[computed.indexOf(id)]));
  };

  const feed = (samples: Samples, features: Float32Array[]): Feed => ({
    count: samples.count,
    y: samples.y,
    batch(indices) {
      const y = Int32Array.from(indices, (j) => samples.y[j]);
      const xs = features.map((values, k) =>
        tf.tensor(takeSamples({ x: values, y: samples.y, count: samples.count }, indices, sizes[k]).x, [
          indices.length,
          ...base.cutShapes[k],
        ]),
      );
      return { xs: xs.length === 1 ? xs[0] : xs, targets: encodeTargets(tf, y, encoding, classes), labels: tf.tensor1d(y, 'int32') };
    },
  });

  const trainOutputs = await outputsOf(sets.train);
  if (!trainOutputs) return undefined;
  const validationOutputs = sets.validation ? await outputsOf(sets.validation) : undefined;
  if (sets.validation && !validationOutputs) return undefined;
  return {
    model: headModel(tf, model, base),
    train: feed(sets.train, trainOutputs),
    validation: sets.validation && feed(sets.validation, validationOutputs!),
  };
}

/** The head as a model of its own, built from the whole model's layers: it shares their weights. */
function headModel(tf: Tf, model: tfjs.LayersModel, base: FrozenBase): tfjs.LayersModel {
  const names = new Set(model.layers.map((l) => l.name));
  const inputName = (id: string) => {
    let name = `${id}_output`;
    for (let i = 2; names.has(name); i++) name = `${id}_output_${i}`;
    names.add(name);
    return name;
  };
  const inputs = base.cut.map((id, i) => tf.input({ shape: base.cutShapes[i], name: inputName(id) }));
  const tensors = new Map(base.cut.map((id, i) => [id, inputs[i]]));
  for (const id of base.head) {
    const layer = model.getLayer(id);
    // The sources in the order the whole model feeds them (a merge block's order matters).
    const args = layer.inboundNodes[0].inboundLayers.map((source) => tensors.get(source.name)!);
    tensors.set(id, layer.apply(args.length === 1 ? args[0] : args) as tfjs.SymbolicTensor);
  }
  return tf.model({ inputs, outputs: model.outputs.map((t) => tensors.get(t.sourceLayer.name)!) });
}
