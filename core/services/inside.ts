// "Look inside" a trained model: what each block outputs for one sample (feature maps, activations)
// and the kernels a convolution learned. One extra tf.js model per trained model shares its layers
// and outputs every block at once, so a look costs one forward pass.
import type * as tfjs from '@tensorflow/tfjs';
import { UserFacingError } from '../api/contract';
import { problem } from '../i18n/catalogue';
import type { BlockOutput, ConvFilters, InsideBlock, InspectRequest, ModelInside } from '../api/inside';
import { modelInput, type Loaded, type TrainedModel } from './inference';

/** Limits that keep one answer small enough to ask for several times a second while drawing. */
export const INSIDE_LIMITS = { channels: 32, side: 64, values: 128, blocks: 24, filters: 64, filterChannels: 8 } as const;

/** Four significant digits: plenty for colours and bars, and a third of the JSON. */
const round = (v: number): number => (v === 0 ? 0 : Number(v.toPrecision(4)));

/** The multi-output model of each built model (it owns no weights: they stay the trained model's). */
const probes = new WeakMap<tfjs.LayersModel, { model: tfjs.LayersModel; ids: string[] }>();

function blocksOf(loaded: Loaded, types: Map<string, string>): InsideBlock[] {
  return loaded.model.layers.map((layer) => ({
    id: layer.name,
    type: types.get(layer.name) ?? layer.getClassName(),
    shape: (layer.outputShape as (number | null)[]).slice(1).map((d) => d ?? 0),
  }));
}

function probeOf(loaded: Loaded, inputIds: Set<string>): { model: tfjs.LayersModel; ids: string[] } {
  let probe = probes.get(loaded.model);
  if (!probe) {
    const layers = loaded.model.layers.filter((layer) => !inputIds.has(layer.name));
    probe = {
      model: loaded.tf.model({ inputs: loaded.model.inputs, outputs: layers.map((layer) => layer.output as tfjs.SymbolicTensor) }),
      ids: layers.map((layer) => layer.name),
    };
    probes.set(loaded.model, probe);
  }
  return probe;
}

function unknownBlock(id: unknown): UserFacingError {
  return new UserFacingError(problem('inference:unknownBlock', { id: String(id) }), 'unknown-block');
}

function range(values: ArrayLike<number>): { min: number; max: number } {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < values.length; i++) {
    if (values[i] < min) min = values[i];
    if (values[i] > max) max = values[i];
  }
  return values.length ? { min: round(min), max: round(max) } : { min: 0, max: 0 };
}

/** One block’s output (batch of one) as plain data: feature maps for image-like outputs (at most 32, at most 64 pixels a side), a vector otherwise (at most 128 values). */
export function describeOutput(
  tf: Loaded['tf'],
  block: InsideBlock,
  output: tfjs.Tensor,
  classNames: string[],
  isModelOutput: boolean,
): BlockOutput {
  const { channels: maxChannels, side, values: maxValues } = INSIDE_LIMITS;
  if (output.rank === 4) {
    const [, height, width, channels] = output.shape;
    const shown = Math.min(channels, maxChannels);
    let maps = output.slice([0, 0, 0, 0], [1, height, width, shown]) as tfjs.Tensor4D;
    const scale = Math.min(1, side / Math.max(height, width));
    if (scale < 1) maps = tf.image.resizeBilinear(maps, [Math.max(1, Math.round(height * scale)), Math.max(1, Math.round(width * scale))]);
    const [, h, w] = maps.shape;
    const data = maps.transpose([0, 3, 1, 2]).dataSync();
    checkFinite(block, data);
    const perMap = h * w;
    return {
      ...block,
      kind: 'maps',
      height: h,
      width: w,
      channels,
      maps: Array.from({ length: shown }, (_, c) => Array.from(data.subarray(c * perMap, (c + 1) * perMap), round)),
      ...range(data),
    };
  }
  const flat = output.reshape([-1]);
  const length = flat.shape[0];
  const data = flat.slice(0, Math.min(length, maxValues)).dataSync();
  checkFinite(block, data);
  return {
    ...block,
    kind: 'vector',
    length,
    values: Array.from(data, round),
    ...range(data),
    ...(isModelOutput && classNames.length === length ? { classNames } : {}),
  };
}

function checkFinite(block: InsideBlock, data: ArrayLike<number>): void {
  for (let i = 0; i < data.length; i++) {
    if (!Number.isFinite(data[i])) {
      throw new UserFacingError(problem('inference:notNumbers', { id: block.id, type: block.type }), 'diverged');
    }
  }
}

/** What the asked blocks of the trained model output for one sample. */
export async function inspectModel(trained: TrainedModel, request: InspectRequest): Promise<ModelInside> {
  if (!request || typeof request !== 'object') throw new UserFacingError(problem('inference:whichSample', {}), 'bad-request');
  const loaded = await trained.internals();
  const { tf, model } = loaded;
  const types = new Map(trained.run.project.graph.nodes.map((n) => [n.id, n.type]));
  const blocks = blocksOf(loaded, types);
  const byId = new Map(blocks.map((b) => [b.id, b]));
  const requested = request.nodeIds ?? blocks.slice(0, INSIDE_LIMITS.blocks).map((b) => b.id);
  if (!Array.isArray(requested)) throw new UserFacingError(problem('inference:blocksNotList', {}), 'bad-request');
  if (requested.length > INSIDE_LIMITS.blocks)
    throw new UserFacingError(problem('inference:tooManyBlocks', { max: INSIDE_LIMITS.blocks, count: requested.length }), 'bad-request');
  for (const id of requested) if (typeof id !== 'string' || !byId.has(id)) throw unknownBlock(id);
  const x = modelInput(loaded, request.values, 'sample');

  const inputIds = new Set(model.inputs.map((input) => input.sourceLayer.name));
  const outputIds = new Set(model.outputs.map((output) => output.sourceLayer.name));
  const probe = probeOf(loaded, inputIds);
  let outputs: BlockOutput[] = [];
  tf.tidy(() => {
    const input = tf.tensor(x, [1, ...loaded.inputShape]);
    const needed = requested.filter((id) => !inputIds.has(id));
    const results = needed.length ? probe.model.predict(input) : [];
    const list = Array.isArray(results) ? results : [results];
    outputs = requested.map((id) => {
      const tensor = inputIds.has(id) ? input : list[probe.ids.indexOf(id)];
      return describeOutput(tf, byId.get(id)!, tensor, loaded.classNames, outputIds.has(id));
    });
  });
  return { sessionId: trained.run.sessionId, blocks, outputs };
}

/** The learned kernels of a Conv2D block of the trained model: the first convolution unless one is named. */
export async function convFilters(trained: TrainedModel, nodeId?: string): Promise<ConvFilters> {
  const loaded = await trained.internals();
  const types = new Map(trained.run.project.graph.nodes.map((n) => [n.id, n.type]));
  const blocks = blocksOf(loaded, types);
  let block: InsideBlock | undefined;
  if (nodeId !== undefined) {
    block = blocks.find((b) => b.id === nodeId);
    if (!block) throw unknownBlock(nodeId);
    if (block.type !== 'Conv2D') throw new UserFacingError(problem('inference:notConv', { id: nodeId, type: block.type }), 'bad-request');
  } else {
    block = blocks.find((b) => b.type === 'Conv2D');
    if (!block) throw new UserFacingError(problem('inference:noConv', {}), 'no-filters');
  }
  const layer = loaded.model.getLayer(block.id);
  const [kernelHeight, kernelWidth, inputChannels, filters] = layer.getWeights()[0].shape;
  const shownFilters = Math.min(filters, INSIDE_LIMITS.filters);
  const shownChannels = Math.min(inputChannels, INSIDE_LIMITS.filterChannels);
  // Weights are read, not copied: nothing here is to be disposed.
  const data = layer.getWeights()[0].dataSync();
  const kernels: number[][][] = [];
  let min = Infinity;
  let max = -Infinity;
  for (let f = 0; f < shownFilters; f++) {
    const perChannel: number[][] = [];
    for (let c = 0; c < shownChannels; c++) {
      const kernel: number[] = [];
      for (let i = 0; i < kernelHeight; i++) {
        for (let j = 0; j < kernelWidth; j++) {
          const w = data[((i * kernelWidth + j) * inputChannels + c) * filters + f];
          min = Math.min(min, w);
          max = Math.max(max, w);
          kernel.push(round(w));
        }
      }
      perChannel.push(kernel);
    }
    kernels.push(perChannel);
  }
  return {
    sessionId: trained.run.sessionId,
    nodeId: block.id,
    kernelHeight,
    kernelWidth,
    inputChannels,
    filters,
    kernels,
    min: round(min),
    max: round(max),
  };
}
