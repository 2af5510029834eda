// How much memory training a graph needs, from its shapes and parameter counts alone, and what to
// say when the machine cannot hold it. Pure and browser-safe: the memory to compare with is passed
// in (the Node side reads it from the operating system).
import type { GraphAnalysis } from './analyze';
import { problem } from '../i18n/catalogue';
import { issue, type GraphIssue } from './issues';
import type { TrainingSettings } from './project';

/** TensorFlow.js trains in 32-bit floats. */
const BYTES_PER_VALUE = 4;

export interface MemoryEstimate {
  /** Every weight, trainable or not. */
  weights: number;
  /** One gradient per trainable weight. */
  gradients: number;
  /** What the optimizer keeps per trainable weight (Adam: two moments; RMSprop: two; Adagrad and momentum: one). */
  optimizerState: number;
  /** Every block's output for one batch, kept for the backward pass, and as much again for its gradients. */
  activations: number;
  /** The least that must be held at once: weights, gradients, optimizer state and one batch's outputs. */
  minimum: number;
  total: number;
}

export function optimizerSlots(training: Pick<TrainingSettings, 'optimizer' | 'momentum' | 'nesterov'>): number {
  switch (training.optimizer) {
    case 'adam':
    case 'rmsprop':
      return 2;
    case 'adagrad':
      return 1;
    default:
      return training.momentum || training.nesterov ? 1 : 0;
  }
}

/** Bytes that training `analysis`'s graph needs with these settings (an estimate from below: TensorFlow.js needs some more). */
export function estimateTrainingMemory(
  analysis: Pick<GraphAnalysis, 'nodes' | 'totalParams' | 'trainableParams'>,
  training: Pick<TrainingSettings, 'batchSize' | 'optimizer' | 'momentum' | 'nesterov'>,
): MemoryEstimate {
  const weights = analysis.totalParams * BYTES_PER_VALUE;
  const gradients = analysis.trainableParams * BYTES_PER_VALUE;
  const optimizerState = analysis.trainableParams * optimizerSlots(training) * BYTES_PER_VALUE;
  let valuesPerSample = 0;
  for (const node of Object.values(analysis.nodes)) if (node.outputShape) valuesPerSample += node.outputShape.reduce((a, b) => a * b, 1);
  const forward = valuesPerSample * training.batchSize * BYTES_PER_VALUE;
  const minimum = weights + gradients + optimizerState + forward;
  return { weights, gradients, optimizerState, activations: 2 * forward, minimum, total: minimum + forward };
}

/** The block whose output per sample is largest, to say where to cut. */
function largestBlock(analysis: Pick<GraphAnalysis, 'nodes'>): { id: string; type: string } | undefined {
  let best: { id: string; type: string; size: number } | undefined;
  for (const node of Object.values(analysis.nodes)) {
    const size = node.outputShape?.reduce((a, b) => a * b, 1) ?? 0;
    const weights = node.paramCount.trainable + node.paramCount.nonTrainable;
    const weight = Math.max(size, weights);
    if (!best || weight > best.size) best = { id: node.id, type: node.type, size: weight };
  }
  return best;
}

/**
 * A warning when training may not fit in `memoryBytes` (the estimate is over half of it: the data,
 * the app and the system need the rest), an error when it certainly cannot (the least that must
 * be held at once is more than all of it). Undefined when it fits.
 */
export function memoryIssue(
  analysis: Pick<GraphAnalysis, 'nodes' | 'totalParams' | 'trainableParams'>,
  training: Pick<TrainingSettings, 'batchSize' | 'optimizer' | 'momentum' | 'nesterov'>,
  memoryBytes: number,
): GraphIssue | undefined {
  const estimate = estimateTrainingMemory(analysis, training);
  const certain = estimate.minimum > memoryBytes;
  if (!certain && estimate.total <= memoryBytes / 2) return undefined;
  const block = largestBlock(analysis);
  const params = {
    need: certain ? estimate.minimum : estimate.total,
    have: memoryBytes,
    weights: estimate.weights,
    gradients: estimate.gradients + estimate.optimizerState,
    activations: estimate.activations,
    batchSize: training.batchSize,
    ...(block ? { context: 'block', type: block.type, id: block.id } : {}),
  };
  return certain
    ? issue('error', 'out-of-memory', problem('graph:outOfMemory', params), block?.id)
    : issue('warning', 'memory', problem('graph:memory', params), block?.id);
}
