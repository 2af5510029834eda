// The one API between the user interface and the rest of Neuroblocks. The three hosts (the desktop
// app's main process, the web host and tests) serve the same service code behind it, and the
// transport (./rpc) is generated from the method and event names listed here, so adding a method
// means adding it to `NeuroblocksApi` and to `apiMethods` — the compiler refuses a list that
// misses one.
//
// Browser-safe: types and plain data only.
import type { PretrainedBaseFacts } from '../model/bases/entries';
import type { GraphAnalysis } from '../model/analyze';
import type { Graph, Shape } from '../model/graph';
import type { ImageFit } from '../model/image-fit';
import type { GraphChange } from '../model/graph-diff';
import type { DatasetRef, Project } from '../model/project';
import type { ConvFilters, InspectRequest, ModelInside } from './inside';
import type { Problem } from '../i18n/catalogue';
import { LocalizedError } from '../model/localized';

export type { BlockOutput, ConvFilters, InsideBlock, InspectRequest, ModelInside } from './inside';

/** Stops delivering an event to the listener that subscribed. */
export type Unsubscribe = () => void;

export type HostKind = 'desktop' | 'web';

export interface AppInfo {
  name: string;
  version: string;
  host: HostKind;
  /** Native open/save dialogs exist (desktop). Without them the UI picks files in `projectsDirectory`. */
  nativeDialogs: boolean;
  /** Where project files are listed and saved by default; the user can change it. */
  projectsDirectory: string;
  /** Project file extensions this host reads and writes, e.g. `.json` (readable JSON) and `.nbproj` (SQLite, with the runs). */
  projectExtensions: string[];
  /** Endings of the network files `importNetwork` reads (`.onnx`, …), from the importers' table. */
  networkExtensions?: string[];
  platform: string;
  /** The memory of the computer that trains, in bytes: the editor warns when a model may not fit in it. */
  memoryBytes?: number;
}

/** Where training computes: the first rung of the backend ladder that loads on this machine. */
export interface BackendInfo {
  /** `tensorflow-gpu`, `tensorflow` (native CPU), `wasm` or `cpu` (pure JavaScript). */
  backend: string;
  /** Human-readable device, e.g. `CPU (WASM, SIMD, 1 thread; …)`. */
  device: string;
  /** Faster rungs that were skipped, each with why. */
  fallbacks: { backend: string; reason: Problem }[];
}

/** A device the user's PyTorch sees. */
export interface PythonDevice {
  kind: 'cuda' | 'mps' | 'cpu';
  /** E.g. `NVIDIA H100 80GB HBM3`, `Apple MPS`, `CPU`. */
  name: string;
  /** GPU memory. */
  memoryBytes?: number;
  /** CPU threads PyTorch uses. */
  threads?: number;
}

/** The user's PyTorch as the app found it (the setting, `NEUROBLOCKS_PYTHON`, then PATH). */
export interface PythonEngineInfo {
  available: boolean;
  /** The Python that was tried (found and run, or named by the setting). */
  python?: string;
  torchVersion?: string;
  devices: PythonDevice[];
  /** Why the engine cannot be used, in one line. */
  reason?: Problem;
}

/** `page`: TensorFlow.js in a Web Worker of the app's own page, on the computer's GPU (WebGPU, then WebGL). */
export type TrainingEngineName = 'tfjs' | 'pytorch' | 'page';

/** The engine that trained a run, from its recorded backend: the user's PyTorch records `pytorch`, the page's GPU engine `webgpu` or `webgl`, TensorFlow.js in the host its backend (`wasm`, `tensorflow`…). */
export function engineOfBackend(backend: string): TrainingEngineName {
  if (/torch/i.test(backend)) return 'pytorch';
  return backend === 'webgpu' || backend === 'webgl' ? 'page' : 'tfjs';
}

/** The engine's name as people know it. */
export const engineTitle: Record<TrainingEngineName, string> = { tfjs: 'TensorFlow.js', pytorch: 'PyTorch', page: 'TensorFlow.js (GPU)' };

/** One weight crossing the API (a checkpoint of a run trained in the page): its float32 or int32 values in base64. */
export interface WireWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  base64: string;
}

/**
 * A run on the page's GPU engine, as the host prepared it: what the page's worker trains, with the
 * data to fetch in parts (pageTrainingData): the training samples' values (float32), their labels
 * (int32), then the test samples' values and labels, one after another in little-endian order.
 */
export interface PageTrainingJob {
  sessionId: string;
  project: Project;
  /** The project's settings with the run's overrides (epochs, seed). */
  settings: import('../model/project').TrainingSettings;
  dataset: {
    name: string;
    inputShape: Shape;
    classNames: string[];
    skipped: SkippedItem[];
    trainCount: number;
    testCount: number;
  };
  outputUnits: number;
  /** Bytes of data in all, and the parts they come in. */
  bytes: number;
  parts: number;
  /** Set when a recorded run goes on from its last checkpoint. */
  resume?: { weights: WireWeight[]; optimizer?: WireWeight[]; fromEpoch: number; history: EpochMetrics[] };
  /** The project's pretrained weights a new run starts from: float32 values in the data after the test samples, at these byte offsets. */
  pretrained?: { name: string; shape: number[]; offset: number }[];
  /** The rung to try first: the one a continued run trained on before. */
  rung?: 'webgpu' | 'webgl';
}

/** What the page reports of a run it trains: one training event (checkpoints and the final event with their weights), or the rungs it could not use. */
export interface PageTrainingReport {
  sessionId: string;
  event?: Record<string, unknown>;
  /** No GPU rung works in this page: each with why; the host then trains on its own engine. */
  unavailable?: { backend: 'webgpu' | 'webgl'; reason: Problem }[];
}

/** The host's command to the page that trains a run. */
export interface PageTrainingCommand {
  sessionId: string;
  command: 'pause' | 'resume' | 'stop';
}

/** Where training can run: the built-in TensorFlow.js engine and the user's PyTorch. */
export interface TrainingEngines {
  tfjs: BackendInfo;
  pytorch: PythonEngineInfo;
  /** The Python set in the app's settings, when one is. */
  pythonSetting?: string;
}

export interface ExampleSummary {
  /** File name without `.json`, e.g. `mnist-cnn`. */
  id: string;
  name: string;
  description?: string;
  blockCount: number;
  /** Total parameters, or undefined when the example graph has errors. */
  totalParams?: number;
}

/** A project as the UI holds it: the project and where it is saved (undefined until its first save). */
export interface OpenedProject {
  project: Project;
  location?: string;
}

/** Which run to reuse as a pretrained base, where to cut it, and which project receives it. */
export interface UseRunAsBaseRequest {
  /** The `.nbproj` project file of the run. */
  location: string;
  runId: number;
  /** The last block kept in the base (default: the block before the classifier). */
  upTo?: string;
  /** A project file (`.nbproj`, which keeps the weights) or a new project named `name` (default: after the run's project). */
  target: { kind: 'file'; location: string } | { kind: 'new'; name?: string };
}

/** A pretrained network file to import: a path on this computer (desktop), or a finished upload (browser). */
export type NetworkSource = { file: string } | { uploadId: string };

/** A network file read by `readNetwork`, before it is imported: its graph (to choose where to cut it) and what was read. */
export interface NetworkPreview {
  name: string;
  graph: Graph;
  summary: ImportedNetwork['summary'];
}

/** Where `importNetwork` puts a network as a base: the open project file, and the block the base is cut after (default: the whole network). */
export interface NetworkBaseTarget {
  location: string;
  project: Project;
  upTo?: string;
}

/** A network imported by `importNetwork`: the project file it opened or changed, and what was read. */
export interface ImportedNetwork extends OpenedProject {
  summary: {
    /** The file's name. */
    source: string;
    format: string;
    blocks: number;
    params: number;
    trainableParams: number;
    /** Facts worth telling (e.g. "BatchNormalization folded into Conv"). */
    notes: Problem[];
    /** The base group's id, when imported as a base. */
    group?: string;
  };
}

export interface ProjectFileInfo {
  /** Absolute path of the file, as given back to `openProject`. */
  location: string;
  /** File name, e.g. `my-cnn.json`. */
  fileName: string;
  /** The project's own name, or undefined when the file cannot be read as a project. */
  name?: string;
  modifiedAt: string;
}

export interface RecentProject {
  location: string;
  name: string;
  openedAt: string;
}

export interface SavedProject {
  location: string;
  savedAt: string;
}

/** An autosave of a `.nbproj` project written, or failed (disk full, file write-protected…). */
export interface AutosaveUpdate {
  location: string;
  /** When the edits reached the file; absent when it failed. */
  savedAt?: string;
  /** Why the edits could not be written (a problem of core's catalogue); they stay in the editor until saved. */
  error?: Problem;
}

export interface DatasetInfo {
  name: string;
  description: string;
  /** One sample's shape, without the batch dimension. */
  inputShape: Shape;
  classes: number;
  /** Samples that ship with the app; undefined for the 2-D sets generated on the fly (their size is the project's `dataset.size`). */
  samples?: number;
  /** Of those, the training images a size may take (MNIST, Fashion-MNIST: 60,000); the rest are the test split. */
  trainSamples?: number;
  generated: boolean;
}

export type ImportedDatasetKind = 'imageFolder' | 'csv' | 'idx' | 'cifar';

/** What the user sees of a data set before training on it. */
export interface DatasetPreview {
  name: string;
  kind: DatasetRef['kind'];
  /**
   * One sample's shape as the data hold it. Image folders: the most common image size and
   * `channels` (1 when every image is grey, else 3); they are resized to the Input block's shape.
   */
  inputShape: Shape;
  /**
   * Image folders whose images are larger than a model needs (over 128 pixels on a side): the Input
   * shape to suggest, the images' proportions scaled down to fit 128 × 128.
   */
  suggestedInputShape?: Shape;
  /** Image folders whose images do not all have the same size: the smallest and largest `[height, width]`. */
  sizeRange?: { smallest: [number, number]; largest: [number, number] };
  /**
   * Image folders too large to check whole: how many of the `images` were decoded (which finds a
   * truncated file) and how many had their header read (size, colour, whether it is an image); the
   * others are counted as images and checked when training loads them. Absent when all were decoded.
   */
  checked?: { decoded: number; headers: number; images: number };
  /** Per class, in class order: training and test counts and a few thumbnails (`data:image/png` URLs; none for tables and points). */
  classes: { name: string; count: number; testCount: number; thumbnails: string[] }[];
  trainCount: number;
  testCount: number;
  /** Imbalance and skipped files, as problems of the catalogue's `data` namespace. */
  warnings: Problem[];
  /** Files left out, or for a CSV its rows left out: the line, the column and the bad cell. */
  skipped: SkippedItem[];
  /** CSV: its columns, the label column and the first rows as written in the file. */
  columns?: string[];
  labelColumn?: string;
  table?: { header: string[]; rows: string[][]; totalRows: number };
  /** 2-D sets: some training points (first two features) with their class. */
  points?: { x: number; y: number; label: number }[];
  /** Absolute path of an image folder or CSV file. */
  path?: string;
}

/** A data set imported from a file or folder, as the project will name it. */
export interface ImportedDataset {
  ref: DatasetRef;
  /** Absolute path of the folder or file. */
  path: string;
  /** Files that were not imported, each with why. */
  refused: SkippedItem[];
  /** CSV: its header, to choose the label column from. */
  columns?: string[];
}

/** One file of an upload: its path inside the picked folder (`class/image.png`, or the CSV's name) and its bytes in base64. */
export interface DatasetUploadFile {
  path: string;
  base64: string;
  /** These bytes continue the file sent just before under the same path (a big file goes in parts of at most `UPLOAD_LIMITS.partBytes`, each small enough for one message). */
  append?: boolean;
  /** The whole file's size in bytes, sent with its first part: a file over its limit is refused before any of it is read or sent. */
  size?: number;
}

/** Upload limits: the page checks them before it reads a file, the host before it decodes one. */
export const UPLOAD_LIMITS = {
  /** One image larger than this is certainly not a training sample. */
  imageBytes: 25 * 1024 * 1024,
  csvBytes: 200 * 1024 * 1024,
  /** Bytes of file content per call (base64 adds a third): far below the transport's message limit. */
  partBytes: 8 * 1024 * 1024,
} as const;

// Training. Plain data, declared once for the engines (core/train re-exports them) and the API.

export interface EpochMetrics {
  /** 1-based. */
  epoch: number;
  loss: number;
  accuracy: number;
  valLoss?: number;
  valAccuracy?: number;
  learningRate: number;
  seconds: number;
  samplesPerSecond: number;
}

export interface TestEvaluation {
  loss: number;
  accuracy: number;
  samples: number;
  classNames: string[];
  /** confusionMatrix[actual][predicted] = count. */
  confusionMatrix: number[][];
}

/** `interrupted`: the page that trained it was closed (the page's GPU engine); its completed epochs are kept. */
export type FinalState = 'completed' | 'stopped' | 'early-stopped' | 'diverged' | 'failed' | 'interrupted';

/** Where a run computed: a TensorFlow.js backend (`webgpu` and `webgl` in the app's page), or the user's PyTorch (`pytorch`). */
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu' | 'webgpu' | 'webgl' | 'pytorch';

/** A file or a table's row that could not be used, with why, so that the user can fix it. */
export type SkippedItem = {
  file: string;
  /** Why, as a problem of the catalogue's `data` namespace (a few words, no full stop). */
  reason: Problem;
  /** A skipped row of a table: the line of the file it is on (the header is line 1). */
  line?: number;
  /** The column of the bad cell (none when the row has the wrong number of cells). */
  column?: string;
  /** The bad cell as written (shortened when long). */
  value?: string;
};

/** A feature column of a table and how training standardised it: (value − mean) / std, with the training rows' statistics. */
export interface TableColumn {
  name: string;
  mean: number;
  std: number;
  /** The smallest and largest value of the training rows. */
  min: number;
  max: number;
}

/** What a run records of a table: its label column and how each feature column was standardised. */
export interface RecordedTable {
  labelColumn: string;
  columns: TableColumn[];
}

/** The data set a run trains on, as its `started` event and its record describe it. */
export interface DatasetSummary {
  name: string;
  inputShape: Shape;
  classNames: string[];
  trainCount: number;
  testCount: number;
  /** Training samples per class, in class order. */
  countsPerClass: number[];
  /** Imbalance and skipped files, as problems of the catalogue's `data` namespace. */
  warnings: Problem[];
  skipped: SkippedItem[];
  /** Tables: the label column and each feature column's standardisation, recorded with the run. */
  table?: RecordedTable;
}

/** One weight of the model, serialised so that it can be stored or sent. */
export interface SerializedWeight {
  name: string;
  shape: number[];
  dtype: 'float32' | 'int32';
  data: ArrayBuffer;
}

/** How a run ended. */
export interface FinalResult {
  state: FinalState;
  /** Why it ended, as a problem of the catalogue (the error for `failed`, the advice for `diverged`; for a resumed run, where it resumed from). */
  message: Problem;
  epochsCompleted: number;
  history: EpochMetrics[];
  /** For `early-stopped` with restoreBestWeights: the epoch whose weights the model holds. */
  restoredEpoch?: number;
  /** Evaluation on the held-out test split, with the weights the run ended with (absent when it failed or held no finite weights). */
  test?: TestEvaluation;
  /** The model's weights as the run ended (after any restore), absent when it failed. */
  weights?: SerializedWeight[];
  backend?: BackendName;
  device?: string;
  seconds: number;
}

/**
 * The events of a training run as an engine emits them (core/train, the page's GPU engine, the
 * user's PyTorch): plain data that crosses the worker boundary unchanged. Checkpoints and the end
 * carry the weights; the API sends the same events without them (`TrainingEvent`).
 */
export type EngineTrainingEvent =
  | {
      type: 'started';
      backend: BackendName;
      device: string;
      fallbacks: { backend: BackendName; reason: Problem }[];
      paramCount: { total: number; trainable: number; nonTrainable: number };
      dataset: DatasetSummary;
      /** Samples used for training, for validation and for the final test. */
      sizes: { train: number; validation: number; test: number };
      epochs: number;
      batchesPerEpoch: number;
      seed: number;
      /** Set when the run goes on from a checkpoint: the first epoch trained now. */
      resumedFromEpoch?: number;
      /** Set when blocks are frozen: whether the frozen base is computed once per image (only the head trains), and why not, in one line. */
      frozenBase?: { blocks: number; cached: boolean; message: Problem };
    }
  /** While a frozen base is computed once, before the first epoch: images done of all (training and validation), a few times a second. */
  | { type: 'baseProgress'; images: number; of: number }
  /** About ten a second while an epoch runs. */
  | { type: 'batch'; epoch: number; batch: number; batchesPerEpoch: number; loss: number; accuracy: number }
  | ({ type: 'epoch' } & EpochMetrics)
  | { type: 'learningRate'; epoch: number; learningRate: number; reason: Problem }
  | {
      type: 'checkpoint';
      kind: 'best' | 'last';
      epoch: number;
      monitor: string;
      value: number;
      weights: SerializedWeight[];
      optimizer?: SerializedWeight[];
    }
  | { type: 'paused'; epoch: number; batch: number }
  | { type: 'resumed' }
  | { type: 'warning'; message: Problem }
  /** A built-in data set downloaded on first use, before training starts. */
  | { type: 'download'; file: string; received: number; total?: number }
  | ({ type: 'final' } & FinalResult);

/** An engine's event less the weights (and optimizer state) it carries. */
type WithoutWeights<E> = E extends { weights?: unknown } ? Omit<E, 'weights' | 'optimizer'> : E;

/** The events of a training run as the API sends them: the engine's, without the weights, which stay on the host's side. */
export type TrainingEvent = WithoutWeights<EngineTrainingEvent>;

export interface TrainingUpdate {
  sessionId: string;
  event: TrainingEvent;
}

export interface TrainingStartOptions {
  /** Overrides of the project's settings, e.g. fewer epochs for a quick try. */
  epochs?: number;
  seed?: number;
  /** Data set size (MNIST: training digits; 2-D sets: generated points). */
  size?: number;
  /** Where the project is saved, so that relative data paths resolve against its folder. */
  location?: string;
  /** Which engine trains (default `tfjs`, the built-in TensorFlow.js; `page`: this page's GPU, see pageTrainingJob). */
  engine?: TrainingEngineName;
  /** PyTorch only: `auto` (default), `cpu`, `mps`, `cuda` or `cuda:N` for one GPU. */
  device?: string;
  /** PyTorch only: processes training together with DistributedDataParallel (default 1). */
  nproc?: number;
}

export type RunStatus = 'running' | 'completed' | 'stopped' | 'early-stopped' | 'diverged' | 'interrupted' | 'failed';

/** One training run recorded in a SQLite project file. */
export interface RunInfo {
  id: number;
  status: RunStatus;
  epochs: number;
  plannedEpochs?: number;
  bestValAccuracy?: number;
  bestValLoss?: number;
  lastLoss?: number;
  backend: string;
  device?: string;
  seed: number;
  appVersion: string;
  graphVersionId: number;
  datasetHash?: string;
  startedAt: string;
  endedAt?: string;
  /** Seconds from start to end, or to the last completed epoch of a run that did not end cleanly. */
  durationSeconds?: number;
  /** Why a run that did not complete ended, as a problem of the catalogue (a file of an older version gives its English text, as `store:recordedText`). */
  error?: Problem;
  resumedFrom?: number;
  hasBestCheckpoint: boolean;
  hasLastCheckpoint: boolean;
}

/** Test samples of one cell of the confusion matrix, as the model in use classifies them. */
export interface TestSample {
  /** Position in the data set's test split. */
  index: number;
  /** The model's probability for the predicted class. */
  confidence: number;
  /** The sample's values before normalisation, row-major in `shape` (images: grey levels or RGB in [0, 1]). */
  values: number[];
}

export interface TestSamples {
  sessionId: string;
  actual: number;
  predicted: number;
  /** How many test samples fall in this cell (more than `samples` when limited). */
  total: number;
  shape: Shape;
  samples: TestSample[];
  /** Tables: the feature columns' names, in the order of each sample's values (the values as written in the file). */
  columns?: string[];
}

/** A table model's inputs, for a form with one field per feature column. */
export interface TableInput {
  /** The model in use they belong to. */
  sessionId: string;
  labelColumn: string;
  /**
   * The feature columns in the order of the model's inputs, each with its kind and the training
   * rows' range and mean (a typed value is standardised with the training rows' mean and σ).
   */
  columns: { name: string; kind: 'number'; min: number; max: number; mean: number }[];
  classNames: string[];
}

export interface Prediction {
  sessionId: string;
  classNames: string[];
  /** One probability per class, summing to 1. */
  probabilities: number[];
}

/** Which training image to put through the graph's augmentation blocks, and how many random draws. */
export interface AugmentationPreviewRequest {
  /** The project as edited: its graph (with the blocks' current parameters) and its data set. */
  project: Project;
  /** Where the project is saved, so that a relative image folder resolves against its folder. */
  location?: string;
  /** Position of the image in the training split (default 0). */
  sampleIndex?: number;
  /** Random draws besides the original (default 8, at most 32). */
  count?: number;
  /** Seeds the draws: the same seed gives the same images, another seed new ones (default 1). */
  seed?: number;
}

/** One training image as it is, and as the augmentation blocks after the Input block change it while training. */
export interface AugmentationPreview {
  /** The image before augmentation, row-major in `originalShape` (grey levels or RGB in [0, 1]). */
  original: number[];
  originalShape: Shape;
  /** One entry per random draw, row-major in `shape` (which differs from `originalShape` after a RandomCrop). */
  images: number[][];
  shape: Shape;
  sampleIndex: number;
  /** Images in the training split, to pick another one. */
  sampleCount: number;
  /** The image's class name. */
  label: string;
  seed: number;
  /** The augmentation blocks applied, in order. */
  applied: { id: string; type: string }[];
  /** Augmentation blocks left out because they do not come right after the Input block, with the block that feeds each. */
  notApplied: { id: string; type: string; after?: { id: string; type: string } }[];
}

/** The model Evaluate and Try it use: the weights a run of this session ended with, or a recorded run's checkpoint. */
export interface ModelInUse {
  /** The id its test samples, mistakes and predictions carry. */
  sessionId: string;
  /** The `.nbproj` file and the run recorded in it that the weights come from, when recorded. */
  location?: string;
  recordedRunId?: number;
  /** The checkpoint loaded, and its epoch; absent for the weights a run of this session ended with. */
  checkpoint?: 'best' | 'last';
  epoch?: number;
  inputShape: Shape;
  /** How the run's training fitted images to the Input: Try it fits a photo or a camera frame the same way. */
  imageFit?: ImageFit;
  /** On the held-out test split; absent when the run ended without one. */
  test?: TestEvaluation;
  /** True when the test evaluation was computed on loading, as none was recorded for these weights. */
  evaluatedNow?: boolean;
  /** Something the user should know, e.g. that the evaluation could not be kept in a read-only file. */
  warning?: Problem;
}

/** A built-in data set being downloaded on first use (Fashion-MNIST), while the Data tab previews it. */
export interface DownloadProgress {
  file: string;
  received: number;
  total?: number;
}

/** A pretrained base of the catalogue (its facts: core/catalogue/entries.ts), with the state of its weights file on this computer. */
export interface PretrainedBaseInfo extends PretrainedBaseFacts {
  /** The file is here and checked, partly downloaded (the download goes on from there), or absent. */
  state: 'downloaded' | 'partial' | 'absent';
  /** Bytes on disk: the whole file, or the part received so far. */
  bytes?: number;
}

/** A pretrained base's weights file being downloaded. */
export interface BaseDownloadProgress {
  baseId: string;
  received: number;
  total?: number;
}

/** A project with a pretrained base added in front of its blocks (its weights kept in the project file). */
export interface AddedPretrainedBase {
  project: Project;
  /** True when the project already held the base's layers (by Keras's names) and they were filled with its weights; otherwise the base was added as a group. */
  filled: boolean;
  /** The base group's id in the project's graph, when the base was added as one. */
  groupId?: string;
  /** How many weight tensors of the base the project file now keeps. */
  weights: number;
}

/** How far the model in use has got through the test split (loading a run, or finding its mistakes). */
export interface EvaluationProgress {
  sessionId: string;
  done: number;
  total: number;
}

/** A test sample the model got wrong. */
export interface Mistake extends TestSample {
  actual: number;
  predicted: number;
}

export interface Mistakes {
  sessionId: string;
  classNames: string[];
  shape: Shape;
  /** All the wrong answers on the test split (more than `samples` when limited). */
  total: number;
  /** The most confident first. */
  samples: Mistake[];
  /** Tables: the feature columns' names, in the order of each sample's values (the values as written in the file). */
  columns?: string[];
}

/** A recorded run with its settings and per-epoch curves, for the history table and overlays. */
export interface RunDetailsInfo extends RunInfo {
  training: import('../model/project').TrainingSettings;
  /** As recorded: a value is null where it was not finite (a diverged epoch). */
  epochMetrics: {
    epoch: number;
    loss?: number | null;
    accuracy?: number | null;
    valLoss?: number | null;
    valAccuracy?: number | null;
    seconds?: number | null;
  }[];
}

/** A recorded run with the project (graph, data set, settings) exactly as it trained it. */
export interface RunSnapshot extends RunInfo {
  training: import('../model/project').TrainingSettings;
  project: Project;
  /** Parameters of that graph, as Keras counts them; undefined when the graph cannot be analysed. */
  params?: { total: number; trainable: number; nonTrainable: number };
  /** Accuracy on the held-out test split, when the run was evaluated. */
  testAccuracy?: number;
}

/** Two runs side by side, the older first. */
export interface RunComparisonInfo {
  runs: [RunSnapshot, RunSnapshot];
  /** Every setting either run has (dotted keys such as `training.learningRate`, `dataset.size`, `backend`), with both values. */
  settings: { key: string; values: [unknown, unknown]; differs: boolean }[];
  /** How the second run's graph differs from the first's. */
  graphChanges: GraphChange[];
}

/** A stopped or interrupted run going on again, its live events under `sessionId` as for `startTraining`. */
export interface ContinuedRun {
  sessionId: string;
  /** The project the run trains (its own graph and settings, not the editor's). */
  project: Project;
  /** The first epoch trained now, and the recorded metrics of the epochs before it. */
  fromEpoch: number;
  history: EpochMetrics[];
  /** `page` when the run goes on on this page's GPU, as it trained before: the page then trains it (pageTrainingJob). */
  engine?: TrainingEngineName;
}

export const exportFormatNames = ['tfjs', 'onnx', 'pytorch', 'keras', 'notebook', 'web'] as const;
/** tfjs: TensorFlow.js layers model · onnx: model.onnx · pytorch: model.py + weights.npz · keras: a training script · notebook: a Jupyter notebook · web: a demo page. */
export type ExportFormatName = (typeof exportFormatNames)[number];

export interface ExportRequest {
  project: Project;
  format: ExportFormatName;
  /** Absolute folder to write into; by default `exports/<name>-<format>` in the projects folder. */
  outDir?: string;
  /** With `location` (a `.nbproj` file): export the weights of this recorded run instead of an untrained model. */
  runId?: number;
  location?: string;
  /** Which checkpoint of the run (default: best, or last when there is no best). */
  checkpoint?: 'best' | 'last';
  /**
   * Replace files of the export's names already in the folder. Without it, such files make the
   * export refuse with code `export-exists` and details `{ files }` (nothing is written), so the
   * user can be asked first.
   */
  overwrite?: boolean;
}

export interface ExportResult {
  format: ExportFormatName;
  outDir: string;
  /** File names written, relative to outDir. */
  files: string[];
  /** False for an untrained model (initial weights from the project's seed). */
  trained: boolean;
}

/**
 * Commands from the desktop app's native menus that the UI carries out (the web host has no
 * menus, so it never sends them). `openRecent` carries the file chosen in File › Open Recent.
 * On Windows and Linux the shortcuts shown in the menus stay with the page (its own keyboard
 * handling runs, as in the browser); a command arrives when the item is clicked. When a text field
 * has the focus then, cut/copy/paste/undo/redo/selectAll/delete are meant for that field.
 */
export type MenuCommand =
  | { command: 'new' }
  | { command: 'open' }
  | { command: 'openRecent'; location: string }
  | { command: 'save' }
  | { command: 'saveAs' }
  | { command: 'export' }
  | { command: 'undo' }
  | { command: 'redo' }
  | { command: 'cut' }
  | { command: 'copy' }
  | { command: 'paste' }
  | { command: 'delete' }
  | { command: 'selectAll' }
  | { command: 'fitView' }
  | { command: 'autoLayout' };

export type MenuCommandName = MenuCommand['command'];

/** The app itself and its example projects. */
export interface AppApi {
  getAppInfo(): Promise<AppInfo>;
  /** Loads TensorFlow.js the first time (a second or so); cached afterwards. */
  getBackendInfo(): Promise<BackendInfo>;
  /** The engines training can use; looks for Python and torch again at each call (`python` tries that one instead of the setting). */
  getTrainingEngines(options?: { python?: string }): Promise<TrainingEngines>;
  /** Saves the Python that the PyTorch engine runs with in the app's settings (empty: look for one), and says what it finds there. */
  setPythonPath(python: string): Promise<TrainingEngines>;

  listExamples(): Promise<ExampleSummary[]>;
  /** The example as a new, unsaved project (its `location` is undefined). */
  openExample(id: string): Promise<OpenedProject>;
}

/** Project files: new, open, save, autosave, recent, uploads, networks imported as projects or bases. */
export interface ProjectsApi {
  /**
   * A new project, empty or a copy of an example, created at once as a `.nbproj` file (which keeps
   * its runs) in the projects folder under a name not used yet; `location` is that file.
   */
  newProject(options?: { name?: string; fromExample?: string }): Promise<OpenedProject>;
  openProject(location: string): Promise<OpenedProject>;
  /** Reads project JSON given as text (a dropped or pasted file) into a new `.nbproj` project file, as `newProject` does. */
  importProject(text: string): Promise<OpenedProject>;
  /**
   * Browser: a `.nbproj` project file from this computer (e.g. received from a teacher), sent in
   * parts so that no message is too big: start, send the bytes in order, finish. Finishing checks
   * the file as opening one does and keeps it in the projects folder under a free name, then opens
   * it; a refused file is not kept, not even in part.
   */
  startProjectUpload(request: { fileName: string }): Promise<{ uploadId: string }>;
  uploadProjectPart(uploadId: string, base64: string): Promise<{ received: number }>;
  finishProjectUpload(uploadId: string): Promise<OpenedProject>;
  /**
   * A pretrained network file (the importers' extensions: `.onnx`, …) imported either as a new
   * project file in the projects folder, then opened (its graph, its weights as the project's
   * pretrained weights; no file is replaced), or, with `into`, as a frozen base group after the
   * Input of the open project file, saved there with its weights. A refused file changes nothing
   * and its error names the operator or layer. Browser: upload the file first, in parts.
   */
  importNetwork(source: NetworkSource, into?: NetworkBaseTarget): Promise<ImportedNetwork>;
  /**
   * Reads a network file without importing it, for the dialog that asks where to cut it: an upload
   * is kept until `importNetwork` or `discardNetworkUpload`. A refused file is said as `importNetwork` says it.
   */
  readNetwork(source: NetworkSource): Promise<NetworkPreview>;
  /** Removes an upload that will not be imported (the user cancelled). */
  discardNetworkUpload(uploadId: string): Promise<void>;
  startNetworkUpload(request: { fileName: string }): Promise<{ uploadId: string }>;
  uploadNetworkPart(uploadId: string, base64: string): Promise<{ received: number }>;
  /** Desktop: a network file picked with a native dialog; undefined when cancelled. */
  showNetworkDialog(): Promise<string | undefined>;
  /** Saves to a location the project already has (or one from `showSaveDialog`). */
  saveProject(location: string, project: Project): Promise<SavedProject>;
  /** Saves under a file name in the projects directory (the web UI's "Save As"); refuses to overwrite unless asked. */
  saveProjectAs(fileName: string, project: Project, options?: { overwrite?: boolean }): Promise<SavedProject>;
  listProjectFiles(): Promise<ProjectFileInfo[]>;
  setProjectsDirectory(path: string): Promise<AppInfo>;
  listRecentProjects(): Promise<RecentProject[]>;
  forgetRecentProject(location: string): Promise<RecentProject[]>;
  /**
   * Keeps a `.nbproj` file up to date with the editor: call it on every graph or settings change.
   * The write waits for a pause in the edits but never more than about a second, so a crash loses
   * at most the last second of edits. Results and failures arrive through `onAutosave`. Project
   * JSON files are not autosaved (refused with code `no-autosave`).
   */
  autosaveProject(location: string, project: Project): Promise<void>;

  /** Native dialogs (desktop only; `AppInfo.nativeDialogs`). Resolve to undefined when cancelled. */
  /** `weights`: only project files that keep weights (`.nbproj`), e.g. for a pretrained base. */
  showOpenDialog(options?: { weights?: boolean }): Promise<string | undefined>;
  showSaveDialog(suggestedName: string): Promise<string | undefined>;
  /** A folder, e.g. where to export a model. */
  showFolderDialog(): Promise<string | undefined>;
}

/** The graph checked as the editor changes it. */
export interface GraphApi {
  analyzeGraph(graph: Graph, options?: { loss?: string }): Promise<GraphAnalysis>;
}

/** Data sets: the built-in ones, previews, imports and uploads. */
export interface DataApi {
  listDatasets(): Promise<DatasetInfo[]>;
  /** Classes, counts, thumbnails, train/test sizes and warnings of a data set; `location` (the project file) resolves relative paths. */
  /** `inputShape`: the model's Input shape, which an image folder's thumbnails are fitted to, as training will. */
  previewDataset(ref: DatasetRef, options?: { location?: string; inputShape?: Shape }): Promise<DatasetPreview>;
  /** Desktop: picks an image folder or a CSV file with a native dialog; the data stay where they are. Undefined when cancelled. */
  showDatasetDialog(kind: ImportedDatasetKind, options?: { location?: string }): Promise<ImportedDataset | undefined>;
  /**
   * Browser: uploads a folder or a CSV into `datasets/<name>/` of the projects folder, in several
   * calls so that no message is too big: start, send files in batches, finish (which gives the
   * project's data set reference).
   */
  startDatasetUpload(request: { name: string; kind: ImportedDatasetKind }): Promise<{ uploadId: string }>;
  uploadDatasetFiles(uploadId: string, files: DatasetUploadFile[]): Promise<{ received: number; refused: SkippedItem[] }>;
  finishDatasetUpload(uploadId: string, options?: { location?: string }): Promise<ImportedDataset>;
}

/** The runs recorded in a project file. */
export interface RunsApi {
  /** The runs recorded in a `.nbproj` project file, newest first. Training a project saved as `.nbproj` records its run there. */
  listRuns(location: string): Promise<RunInfo[]>;
  /** Every recorded run of a `.nbproj` file with its training settings and epoch curves, newest first. */
  listRunDetails(location: string): Promise<RunDetailsInfo[]>;
  /** One run with the project it trained, e.g. to put its graph and settings back into the editor. */
  getRunSnapshot(location: string, runId: number): Promise<RunSnapshot>;
  /** Two runs' settings and graphs side by side, with what differs. */
  compareRuns(location: string, runIds: number[]): Promise<RunComparisonInfo>;
  /** Deletes a run with its epochs, checkpoints and evaluations; refused while it trains. */
  deleteRun(location: string, runId: number): Promise<void>;
  /**
   * Puts a finished run's network, up to a block (by default the one before the classifier), with
   * the run's best weights into another project as a frozen pretrained base: a project file, or a
   * new project. Gives the target project back, saved, to open in the editor.
   */
  useRunAsBase(request: UseRunAsBaseRequest): Promise<OpenedProject>;
}

/** Exports of a model. */
export interface ExportApi {
  exportModel(request: ExportRequest): Promise<ExportResult>;
}

/** Training: one run at a time, in a worker or in the page; progress arrives through onTrainingEvent. */
export interface TrainingApi {
  /** Refused while another run is going on. */
  startTraining(project: Project, options?: TrainingStartOptions): Promise<{ sessionId: string }>;
  /** Goes on with a stopped or interrupted run of a `.nbproj` file from its last checkpoint, recording into the same run. Refused while another run is going on. */
  continueRun(location: string, runId: number): Promise<ContinuedRun>;
  /** Pause, resume and stop take effect after the current batch. Refused when nothing is training. */
  pauseTraining(): Promise<void>;
  resumeTraining(): Promise<void>;
  stopTraining(): Promise<void>;
  /**
   * The page's GPU engine: the run started with engine `page`, once its data are ready (refused when
   * none is waiting). The page that calls it trains the run, listening to onPageTrainingCommand;
   * if it stops listening (closed) before the run ends, the run ends `interrupted`.
   */
  pageTrainingJob(): Promise<PageTrainingJob>;
  /** One part (from 0) of the run's data, in base64. */
  pageTrainingData(sessionId: string, part: number): Promise<{ base64: string }>;
  /** An event of the run the page trains, or that no GPU rung works there. */
  reportPageTraining(report: PageTrainingReport): Promise<void>;
}

/** The model in use: Evaluate, Try it, Look inside. */
export interface InferenceApi {
  /** The test samples of class `actual` classified as `predicted` by the model in use (see getModelInUse), most confident first (at most `limit`, 24 by default). */
  getTestSamples(request: { actual: number; predicted: number; limit?: number }): Promise<TestSamples>;
  /** Runs the model in use on one sample in the Input block's shape (e.g. 784 grey levels in [0, 1] for 28×28×1). */
  predict(values: number[]): Promise<Prediction>;
  /** The feature columns of the model in use when it was trained on a table (CSV), else undefined. */
  getTableInput(): Promise<TableInput | undefined>;
  /** Runs the model in use on one row typed by column name (the cells as text), prepared as training prepared the table's rows. */
  predictRow(cells: Record<string, string>): Promise<Prediction>;
  /** One training image of the project's data set, as it is and through the augmentation blocks right after its Input block in training mode, `count` times with seeded random draws. Refused for data that are not images. */
  previewAugmentation(request: AugmentationPreviewRequest): Promise<AugmentationPreview>;
  /** Runs one sample through the last finished run's model and gives what the asked blocks output for it (feature maps, activations). */
  inspectModel(request: InspectRequest): Promise<ModelInside>;
  /** The learned kernels of a Conv2D block of the last finished run's model (by default its first convolution). */
  getFilters(request?: { nodeId?: string }): Promise<ConvFilters>;
  /**
   * Makes a run recorded in a `.nbproj` file the model that Evaluate, Try it, getTestSamples and
   * predict use: its checkpoint (by default the one its recorded test evaluation was made with,
   * else best, else last) in the graph it trained. Without a recorded evaluation of these weights,
   * the test split is evaluated (progress arrives through onEvaluationProgress) and recorded.
   */
  loadRunModel(request: { location: string; runId: number; checkpoint?: 'best' | 'last' }): Promise<ModelInUse>;
  /** The model in use, or undefined when no run has finished or been loaded since the app started. */
  getModelInUse(): Promise<ModelInUse | undefined>;
  /** The test samples the model in use got wrong, most confident first (at most `limit`, 24 by default). */
  getConfidentMistakes(request?: { limit?: number }): Promise<Mistakes>;
}

/** The catalogue of well-known pretrained bases. */
export interface PretrainedBasesApi {
  /** The catalogue: each base's facts and whether its weights file is on this computer. */
  listPretrainedBases(): Promise<PretrainedBaseInfo[]>;
  /** Downloads a base's weights file into the user data folder (progress through onBaseDownloadProgress), checks it, and keeps it; a file already here is reused. Offline: an `offline` error that offers importing a network from a file. */
  downloadPretrainedBase(baseId: string): Promise<PretrainedBaseInfo>;
  /**
   * Adds a downloaded base to the project kept in the `.nbproj` file at `location`: frozen, with its
   * preprocessing, as a group right after the project's Input (whose square image size it takes);
   * a project that already holds the base's layers under Keras's names is filled with its weights
   * instead. The new graph and the weights are saved in the file; the editor loads the project returned.
   */
  addPretrainedBase(request: { location: string; project: Project; baseId: string }): Promise<AddedPretrainedBase>;
}

/** What the services tell the interface without being asked. */
export interface ApiEvents {
  onMenuCommand(listener: (command: MenuCommand) => void): Unsubscribe;
  onTrainingEvent(listener: (update: TrainingUpdate) => void): Unsubscribe;
  /** Pause, resume and stop for the page that trains a run on its GPU. */
  onPageTrainingCommand(listener: (command: PageTrainingCommand) => void): Unsubscribe;
  onAutosave(listener: (update: AutosaveUpdate) => void): Unsubscribe;
  onEvaluationProgress(listener: (progress: EvaluationProgress) => void): Unsubscribe;
  /** Progress of a built-in data set downloaded while it is previewed. */
  onDownloadProgress(listener: (progress: DownloadProgress) => void): Unsubscribe;
  /** Progress of a pretrained base's weights file being downloaded. */
  onBaseDownloadProgress(listener: (progress: BaseDownloadProgress) => void): Unsubscribe;
}

/** The API every host serves (Electron's IPC, the web host's WebSocket), composed of its areas. */
export type NeuroblocksApi = AppApi &
  ProjectsApi &
  GraphApi &
  DataApi &
  RunsApi &
  ExportApi &
  TrainingApi &
  InferenceApi &
  PretrainedBasesApi &
  ApiEvents;

type ApiKey = keyof NeuroblocksApi & string;
export type ApiEventName = { [K in ApiKey]: K extends `on${string}` ? K : never }[ApiKey];
export type ApiMethodName = Exclude<ApiKey, ApiEventName>;
/** The payload an event delivers to its listeners. */
export type ApiEventPayload<E extends ApiEventName> = Parameters<Parameters<NeuroblocksApi[E]>[0]>[0];
/** The methods alone: what a service implements. Events are pushed by the host through an emitter. */
export type ApiMethods = Pick<NeuroblocksApi, ApiMethodName>;

/** Every member of an area's interface, checked both ways by the compiler (none missing, none foreign). */
type Exactly<Area, Listed extends readonly string[]> = [Exclude<keyof Area, Listed[number]>] extends [never]
  ? [Exclude<Listed[number], keyof Area>] extends [never]
    ? Listed
    : never
  : never;
const areaMembers =
  <Area>() =>
  <const Listed extends readonly string[]>(listed: Exactly<Area, Listed>) =>
    listed;

/** The API's members by area: one service class serves each (core/services/<area>-service.ts). */
export const apiAreas = {
  app: areaMembers<AppApi>()(['getAppInfo', 'getBackendInfo', 'getTrainingEngines', 'setPythonPath', 'listExamples', 'openExample']),
  projects: areaMembers<ProjectsApi>()([
    'newProject',
    'openProject',
    'importProject',
    'startProjectUpload',
    'uploadProjectPart',
    'finishProjectUpload',
    'importNetwork',
    'readNetwork',
    'discardNetworkUpload',
    'startNetworkUpload',
    'uploadNetworkPart',
    'showNetworkDialog',
    'saveProject',
    'saveProjectAs',
    'listProjectFiles',
    'setProjectsDirectory',
    'listRecentProjects',
    'forgetRecentProject',
    'autosaveProject',
    'showOpenDialog',
    'showSaveDialog',
    'showFolderDialog',
  ]),
  graph: areaMembers<GraphApi>()(['analyzeGraph']),
  data: areaMembers<DataApi>()([
    'listDatasets',
    'previewDataset',
    'showDatasetDialog',
    'startDatasetUpload',
    'uploadDatasetFiles',
    'finishDatasetUpload',
  ]),
  runs: areaMembers<RunsApi>()(['listRuns', 'listRunDetails', 'getRunSnapshot', 'compareRuns', 'deleteRun', 'useRunAsBase']),
  export: areaMembers<ExportApi>()(['exportModel']),
  training: areaMembers<TrainingApi>()([
    'startTraining',
    'continueRun',
    'pauseTraining',
    'resumeTraining',
    'stopTraining',
    'pageTrainingJob',
    'pageTrainingData',
    'reportPageTraining',
  ]),
  inference: areaMembers<InferenceApi>()([
    'getTestSamples',
    'predict',
    'getTableInput',
    'predictRow',
    'previewAugmentation',
    'inspectModel',
    'getFilters',
    'loadRunModel',
    'getModelInUse',
    'getConfidentMistakes',
  ]),
  pretrained: areaMembers<PretrainedBasesApi>()(['listPretrainedBases', 'downloadPretrainedBase', 'addPretrainedBase']),
  events: areaMembers<ApiEvents>()([
    'onMenuCommand',
    'onTrainingEvent',
    'onPageTrainingCommand',
    'onAutosave',
    'onEvaluationProgress',
    'onDownloadProgress',
    'onBaseDownloadProgress',
  ]),
} as const;

export const apiMethods = [
  ...apiAreas.app,
  ...apiAreas.projects,
  ...apiAreas.graph,
  ...apiAreas.data,
  ...apiAreas.runs,
  ...apiAreas.export,
  ...apiAreas.training,
  ...apiAreas.inference,
  ...apiAreas.pretrained,
] as const satisfies readonly ApiMethodName[];

export const apiEvents = apiAreas.events satisfies readonly ApiEventName[];

// Compile-time proof that the lists name every method and event of the interface.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : { missing: Exclude<All, Listed> };
const _allMethodsListed: Missing<ApiMethodName, (typeof apiMethods)[number]> = true;
const _allEventsListed: Missing<ApiEventName, (typeof apiEvents)[number]> = true;
void _allMethodsListed;
void _allEventsListed;

export function isApiMethod(name: unknown): name is ApiMethodName {
  return typeof name === 'string' && (apiMethods as readonly string[]).includes(name);
}

export function isApiEvent(name: unknown): name is ApiEventName {
  return typeof name === 'string' && (apiEvents as readonly string[]).includes(name);
}

/**
 * An error meant for the person using the app: its text says what went wrong and how to fix it.
 * Built from a Problem (a code of the message catalogue and its parameters), the transport carries the
 * problem and the other end says it in its own language; `message` (English, for logs) and `fr` come
 * from the catalogue. `code` and `details` cross unchanged.
 */
export class UserFacingError extends LocalizedError {
  constructor(
    text: Problem,
    readonly code: string = 'user',
    readonly details?: unknown,
  ) {
    super(text);
    this.name = 'UserFacingError';
  }
}

/** Name of the global the desktop app's preload exposes the API under (`window.neuroblocks`). */
export const API_GLOBAL = 'neuroblocks';
