// How much memory training a graph needs, from its shapes and parameter counts alone, and what to
// say when the machine cannot hold it. Pure and browser-safe: the memory to compare with is passed
// in (the Node side reads it from the operating system).
import type { GraphAnalysis } from './analyze';
import { issue, type GraphIssue } from './issues';
import type { Localized } from './localized';
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
export function estimateTrainingMemory(analysis: Pick<GraphAnalysis, 'nodes' | 'totalParams' | 'trainableParams'>, training: Pick<TrainingSettings, 'batchSize' | 'optimizer' | 'momentum' | 'nesterov'>): MemoryEstimate {
  const weights = analysis.totalParams * BYTES_PER_VALUE;
  const gradients = analysis.trainableParams * BYTES_PER_VALUE;
  const optimizerState = analysis.trainableParams * optimizerSlots(training) * BYTES_PER_VALUE;
  let valuesPerSample = 0;
  for (const node of Object.values(analysis.nodes)) if (node.outputShape) valuesPerSample += node.outputShape.reduce((a, b) => a * b, 1);
  const forward = valuesPerSample * training.batchSize * BYTES_PER_VALUE;
  const minimum = weights + gradients + optimizerState + forward;
  return { weights, gradients, optimizerState, activations: 2 * forward, minimum, total: minimum + forward };
}

/** 1.5 GB, 320 MB: decimal units, as file managers show them. */
export function formatMemory(bytes: number): Localized {
  const units: [number, string, string][] = [
    [1e12, 'TB', 'To'],
    [1e9, 'GB', 'Go'],
    [1e6, 'MB', 'Mo'],
    [1e3, 'kB', 'ko'],
  ];
  for (const [size, en, fr] of units) {
    if (bytes >= size) {
      const value = bytes / size;
      const shown = value >= 100 ? String(Math.round(value)) : String(Math.round(value * 10) / 10);
      return { en: `${shown} ${en}`, fr: `${shown.replace(".", ",")} ${fr}` };
    }
  }
  return { en: `${Math.round(bytes)} bytes`, fr: `${Math.round(bytes)} octets` };
}

function breakdown(estimate: MemoryEstimate): Localized {
  const f = (n: number) => formatMemory(n);
  return {
    en: `${f(estimate.weights).en} of weights, ${f(estimate.gradients + estimate.optimizerState).en} of gradients and optimizer state, ${f(estimate.activations).en} of block outputs per batch`,
    fr: `${f(estimate.weights).fr} de poids, ${f(estimate.gradients + estimate.optimizerState).fr} de gradients et d’état de l’optimiseur, ${f(estimate.activations).fr} de sorties de blocs par lot`,
  };
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

const advice: Localized = {
  en: 'use smaller Input shapes or images, fewer units or filters, or a smaller batch size',
  fr: 'utilisez des formes d’Input ou des images plus petites, moins de neurones ou de filtres, ou des lots plus petits',
};

/**
 * A warning when training may not fit in `memoryBytes` (the estimate is over half of it: the data,
 * the app and the system need the rest), an error when it certainly cannot (the least that must
 * be held at once is more than all of it). Undefined when it fits.
 */
export function memoryIssue(analysis: Pick<GraphAnalysis, 'nodes' | 'totalParams' | 'trainableParams'>, training: Pick<TrainingSettings, 'batchSize' | 'optimizer' | 'momentum' | 'nesterov'>, memoryBytes: number): GraphIssue | undefined {
  const estimate = estimateTrainingMemory(analysis, training);
  const certain = estimate.minimum > memoryBytes;
  if (!certain && estimate.total <= memoryBytes / 2) return undefined;
  const need = formatMemory(certain ? estimate.minimum : estimate.total);
  const have = formatMemory(memoryBytes);
  const parts = breakdown(estimate);
  const block = largestBlock(analysis);
  const at = block ? { en: ` The largest is ${block.type} "${block.id}".`, fr: ` Le plus gros est ${block.type} « ${block.id} ».` } : { en: '', fr: '' };
  return certain
    ? issue(
        'error',
        'out-of-memory',
        {
          en: `Training this model needs at least ${need.en} of memory (${parts.en}, with batches of ${training.batchSize}), more than this computer's ${have.en}: it cannot be trained here.${at.en} To fix it, ${advice.en}.`,
          fr: `Entraîner ce modèle demande au moins ${need.fr} de mémoire (${parts.fr}, avec des lots de ${training.batchSize}), plus que les ${have.fr} de cet ordinateur : il ne peut pas être entraîné ici.${at.fr} Pour y remédier, ${advice.fr}.`,
        },
        block?.id,
      )
    : issue(
        'warning',
        'memory',
        {
          en: `Training this model needs about ${need.en} of memory (${parts.en}, with batches of ${training.batchSize}), more than half of this computer's ${have.en}: it may run out of memory.${at.en} If it does, ${advice.en}.`,
          fr: `Entraîner ce modèle demande environ ${need.fr} de mémoire (${parts.fr}, avec des lots de ${training.batchSize}), plus de la moitié des ${have.fr} de cet ordinateur : la mémoire pourrait manquer.${at.fr} Si c’est le cas, ${advice.fr}.`,
        },
        block?.id,
      );
}
