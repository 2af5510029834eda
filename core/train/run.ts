// One training run in the Node worker, start to finish: backend, data, then the shared training
// loop (./loop) with its callbacks and the final evaluation on the held-out test split. Runs inside
// the training worker (./worker), which forwards every event; it never throws, a failure is the final event.
import { totalmem } from 'node:os';
import { GraphError } from '../compile/errors';
import type { PretrainedWeight } from '../compile/pretrained';
import { loadDataset } from '../data/load';
import { seededRandom } from '../data/random';
import { checkModelFitsData, normalizeDataset } from '../data/summary';
import { analyzeGraph } from '../model/analyze';
import type { Project, TrainingSettings } from '../model/project';
import { selectBackend, type BackendName as TfjsBackendName } from './backend/index';
import type { TrainingControl } from './control';
import type { BackendName, FinalResult, TrainingEvent } from './events';
import { TrainingLoop, type PreparedData, type TrainingResume } from './loop';

/** What a frozen base's cached outputs may take on this machine when the run does not say: a quarter of its memory, at most 4 GB. */
export const hostFeatureCacheBytes = (): number => Math.min(totalmem() / 4, 4e9);

export { divergedMessage, endedMessage } from './final-words';
export { resumeNote, tensorLeakWarning, type TrainingResume } from './loop';

export interface TrainingOptions {
  /** Overrides of the project's training settings. */
  epochs?: number;
  seed?: number;
  backend?: BackendName;
  /** Overrides the data set's size (MNIST: training digits; 2-D sets: generated points). */
  size?: number;
  /** Folder that relative data paths are resolved against (the project file's folder). */
  baseDir?: string;
  /** Emit best and last weight checkpoints (default true). */
  checkpoints?: boolean;
  /** Least time between two batch events (default 100 ms, about 10 per second). */
  batchEventInterval?: number;
  /** The project's pretrained weights (`block/weight`): a new run starts from them for the blocks that have them. */
  pretrained?: readonly PretrainedWeight[];
  /** Goes on with a run cut short: starts from its last checkpoint instead of fresh weights. */
  resume?: TrainingResume;
  /** Computes a frozen base's outputs once per image and trains the head on them, where the graph allows (default true). */
  featureCache?: boolean;
  /** What those cached outputs may take, in bytes (default: a quarter of this computer's memory, at most 4 GB). */
  featureCacheBytes?: number;
  /** Which engine trains: TensorFlow.js in the worker (default) or the user's PyTorch. */
  engine?: TrainingEngine;
  /** PyTorch engine: where to compute (default `auto`: CUDA, then MPS, then the CPU). */
  device?: TorchDeviceChoice;
  /** PyTorch engine: the Python to use first (the app's setting); then NEUROBLOCKS_PYTHON and PATH. */
  python?: string;
  /** PyTorch engine: processes to train with (DistributedDataParallel); 1 by default. */
  nproc?: number;
  /** PyTorch engine on the CPU: threads per process (default: torch's own choice, shared among the processes). */
  threads?: number;
}

export type TrainingEngine = 'tfjs' | 'pytorch';
export type TorchDeviceChoice = 'auto' | 'cpu' | 'cuda' | 'mps';

export interface TrainingRequest {
  project: Project;
  options: TrainingOptions;
}
class Run {
  readonly loop: TrainingLoop;

  constructor(
    private readonly request: TrainingRequest,
    private readonly emit: (event: TrainingEvent) => void,
    control: TrainingControl,
  ) {
    this.loop = new TrainingLoop(
      { ...request.options, featureCacheBytes: request.options.featureCacheBytes ?? hostFeatureCacheBytes() },
      emit,
      control,
    );
  }

  async execute(): Promise<FinalResult> {
    const { project, options } = this.request;
    const { settings, data } = await prepareTraining(project, options, this.emit);
    const choice = await selectBackend(options.backend as TfjsBackendName | undefined);
    return this.loop.run(choice.tf, choice, project, settings, data);
  }
}

/**
 * The settings of a run and its data, loaded, checked against the model and normalised as the
 * settings say: what every TensorFlow.js engine trains on. The model is checked against this
 * computer's memory first, so one that cannot fit is refused before any data is loaded.
 */
export async function prepareTraining(
  project: Project,
  options: TrainingOptions,
  emit: (event: TrainingEvent) => void,
): Promise<{ settings: TrainingSettings; data: PreparedData }> {
  const settings: TrainingSettings = {
    ...project.training,
    ...(options.epochs !== undefined ? { epochs: options.epochs } : {}),
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
  };
  const analysis = analyzeGraph(project.graph, { loss: settings.loss, memory: { bytes: totalmem(), training: settings } });
  if (!analysis.valid) throw new GraphError(analysis.errors);
  for (const warning of analysis.warnings) if (warning.code === 'memory') emit({ type: 'warning', message: warning.problem });
  const inputShape = analysis.inputs.length === 1 ? analysis.nodes[analysis.inputs[0]].outputShape : undefined;
  const dataset = await loadDataset(project.dataset, {
    baseDir: options.baseDir,
    inputShape,
    size: options.size,
    onDownload: (p) => emit({ type: 'download', ...p }),
  });
  checkModelFitsData(project.graph, dataset, settings.loss);
  if (settings.normalize) normalizeDataset(dataset);
  return { settings, data: { dataset, inputShape: inputShape!, outputUnits: analysis.nodes[analysis.outputs[0]].outputShape![0] } };
}

/**
 * Runs a training request to its end and returns the final result; every other event goes to
 * `emit`. Unseeded random draws of TensorFlow.js (dropout) use Math.random, so it is seeded for
 * the run: the same project, seed and backend give the same metrics.
 */
export async function runTraining(
  request: TrainingRequest,
  emit: (event: TrainingEvent) => void,
  control: TrainingControl,
): Promise<FinalResult> {
  if (request.options.engine === 'pytorch' || request.options.backend === 'pytorch') {
    const { runPyTorchTraining } = await import('./pytorch/run');
    return runPyTorchTraining(request, emit, control);
  }
  const run = new Run(request, emit, control);
  const originalRandom = Math.random;
  Math.random = seededRandom(request.options.seed ?? request.project.training.seed);
  try {
    return await run.execute();
  } catch (error) {
    return run.loop.failed(error);
  } finally {
    Math.random = originalRandom;
  }
}
