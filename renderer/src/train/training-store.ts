// The state of the Train panel, outside React: settings being edited, the run's progress and its
// curves. Curves are appended in place (charts redraw at most once per animation frame, reading
// `version`), so a burst of batch events never re-renders the page per point.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type {
  BackendInfo,
  DatasetInfo,
  TrainingEngineName,
  TrainingEngines,
  EpochMetrics,
  NeuroblocksApi,
  TrainingEvent,
  TrainingStartOptions,
  TrainingUpdate,
} from '../../../core/api/contract';
import type { Problem } from '../../../core/i18n/catalogue';
import { analyzeGraph } from '../../../core/model/analyze';
import type { DatasetRef, Project, TrainingSettings } from '../../../core/model/project';
import { trainInPage } from '../../../core/page-train/client';
import { editorStore } from '../store/index';
import { errorText } from '../ui/error-text';

export type PanelTab = 'data' | 'train' | 'evaluate' | 'try' | 'runs';
export type RunPhase = 'idle' | 'starting' | 'running' | 'paused' | 'stopping' | 'finished';

/** x: epochs as a real number (2.5 = half-way through epoch 3); series hold null where they have no point. */
export interface Curves {
  x: number[];
  loss: (number | null)[];
  accuracy: (number | null)[];
  epochLoss: (number | null)[];
  epochAccuracy: (number | null)[];
  valLoss: (number | null)[];
  valAccuracy: (number | null)[];
}

export interface SettingsForm {
  training: TrainingSettings;
  dataset?: DatasetRef;
  earlyStopping: boolean;
  patience: number;
}

type Started = Extract<TrainingEvent, { type: 'started' }>;
type Final = Extract<TrainingEvent, { type: 'final' }>;

export interface TrainingState {
  open: boolean;
  tab: PanelTab;
  form?: SettingsForm;
  /** The project the form was filled from. */
  formFor?: string;
  datasets: DatasetInfo[];
  backend?: BackendInfo;
  /** The engines found, once asked (the PyTorch part is looked for again when the Python setting changes). */
  engines?: TrainingEngines;
  /** The engine, device and number of processes of the next run. */
  engine: { name: TrainingEngineName; device: string; nproc: number };
  /** This page's GPU for the page engine, once looked for: the WebGPU adapter's name, or why there is none. */
  pageGpu?: { webgpu?: string; reason?: Problem };
  phase: RunPhase;
  sessionId?: string;
  started?: Started;
  startedAt: number;
  progress: { epoch: number; batch: number; batchesPerEpoch: number };
  history: EpochMetrics[];
  curves: Curves;
  /** Bumped when the curves change. */
  version: number;
  lastBatchLoss?: number;
  /** The learning rate the current or last run started with (the form may have changed since). */
  runLearningRate?: number;
  /** The run's warnings, said in the interface's language when shown. */
  warnings: Problem[];
  /** A built-in data set being downloaded before the run starts. */
  download?: { file: string; received: number; total?: number };
  /** The one pass of a frozen base over the images, before the first step (cleared by the first batch). */
  baseProgress?: { images: number; of: number };
  final?: Final;
  /** The final event of the last run that ended with a test evaluation (kept while the next one trains). */
  evaluated?: Final;
  /** Input shape of the model of that run. */
  evaluatedShape?: number[];
  error?: string;
  /** Set while the current run goes on with a recorded run of the project file. */
  continuing?: { recordedRunId: number; fromEpoch: number };
}

export const emptyCurves = (): Curves => ({
  x: [],
  loss: [],
  accuracy: [],
  epochLoss: [],
  epochAccuracy: [],
  valLoss: [],
  valAccuracy: [],
});

export const trainingStore = createStore<TrainingState>()(() => ({
  open: false,
  tab: 'train',
  datasets: [],
  engine: { name: 'tfjs', device: 'auto', nproc: 1 },
  phase: 'idle',
  startedAt: 0,
  progress: { epoch: 0, batch: 0, batchesPerEpoch: 0 },
  history: [],
  curves: emptyCurves(),
  version: 0,
  warnings: [],
}));

export function useTraining<T>(selector: (state: TrainingState) => T): T {
  return useStore(trainingStore, selector);
}

export function formFromProject(project: Project): SettingsForm {
  return {
    training: { ...project.training },
    dataset: project.dataset ? { ...project.dataset } : undefined,
    earlyStopping: project.training.earlyStopping !== undefined,
    patience: project.training.earlyStopping?.patience ?? 3,
  };
}

/** The project with the panel's settings: what is trained, and what is saved. */
export function projectToTrain<P extends Omit<Project, 'graph'>>(project: P, form: SettingsForm): P {
  const { earlyStopping: _drop, ...training } = form.training;
  return {
    ...project,
    dataset: form.dataset,
    training: form.earlyStopping
      ? {
          ...training,
          earlyStopping: {
            monitor: 'valLoss',
            minDelta: 0,
            restoreBestWeights: true,
            ...project.training.earlyStopping,
            patience: form.patience,
          },
        }
      : training,
  };
}

/** The start options of the engine chosen: nothing for the built-in TensorFlow.js, the device and processes for PyTorch. */
export function engineOptions(engine: TrainingState['engine']): Pick<TrainingStartOptions, 'engine' | 'device' | 'nproc'> {
  if (engine.name === 'tfjs') return {};
  if (engine.name === 'page') return { engine: 'page' };
  return { engine: 'pytorch', device: engine.device, ...(engine.nproc > 1 ? { nproc: engine.nproc } : {}) };
}

/** Changes the panel's settings and the project's, so that saving the project keeps them. */
export function updateForm(form: SettingsForm): void {
  trainingStore.setState({ form });
  const editor = editorStore.getState();
  const project = projectToTrain(editor.project, form);
  if (project.dataset === undefined) delete project.dataset;
  if (JSON.stringify(project) === JSON.stringify(editor.project)) return;
  editorStore.setState({ project, dirty: editor.dirty || JSON.stringify(project) !== editor.savedProjectText });
}

/** Adds a point; a point at the same x as the last one (an epoch's end after its last batch) joins that row, as uPlot needs distinct x values. */
function push(curves: Curves, x: number, values: Partial<Record<Exclude<keyof Curves, 'x'>, number>>): void {
  const sameX = curves.x.length > 0 && curves.x[curves.x.length - 1] === x;
  if (!sameX) curves.x.push(x);
  for (const key of ['loss', 'accuracy', 'epochLoss', 'epochAccuracy', 'valLoss', 'valAccuracy'] as const) {
    const v = values[key];
    const value = typeof v === 'number' && Number.isFinite(v) ? v : null;
    if (!sameX) curves[key].push(value);
    else if (value !== null) curves[key][curves[key].length - 1] = value;
  }
}

/** Applies one event of the current run to the state. */
export function applyEvent(update: TrainingUpdate, inputShape?: number[]): void {
  const state = trainingStore.getState();
  if (state.sessionId && update.sessionId !== state.sessionId) return;
  const event = update.event;
  const set = trainingStore.setState;
  switch (event.type) {
    case 'download':
      set({ download: { file: event.file, received: event.received, total: event.total } });
      break;
    case 'started':
      set({
        download: undefined,
        started: event,
        phase: state.phase === 'starting' ? 'running' : state.phase,
        progress: { epoch: event.resumedFromEpoch ?? 1, batch: 0, batchesPerEpoch: event.batchesPerEpoch },
        startedAt: performance.now(),
      });
      break;
    case 'baseProgress':
      set({ baseProgress: { images: event.images, of: event.of } });
      break;
    case 'batch': {
      push(state.curves, event.epoch - 1 + event.batch / event.batchesPerEpoch, { loss: event.loss, accuracy: event.accuracy });
      set({
        baseProgress: undefined,
        progress: { epoch: event.epoch, batch: event.batch, batchesPerEpoch: event.batchesPerEpoch },
        lastBatchLoss: event.loss,
        version: state.version + 1,
      });
      break;
    }
    case 'epoch': {
      const { type: _type, ...metrics } = event;
      push(state.curves, event.epoch, {
        epochLoss: event.loss,
        epochAccuracy: event.accuracy,
        valLoss: event.valLoss,
        valAccuracy: event.valAccuracy,
      });
      set({ history: [...state.history, metrics], version: state.version + 1 });
      break;
    }
    case 'paused':
      set({ phase: 'paused' });
      break;
    case 'resumed':
      set({ phase: 'running' });
      break;
    case 'warning':
      set({ warnings: [...state.warnings, event.message] });
      break;
    case 'final':
      set({
        phase: 'finished',
        download: undefined,
        final: event,
        history: event.history.length >= state.history.length ? event.history : state.history,
        ...(event.test ? { evaluated: event, evaluatedShape: inputShape } : {}),
      });
      break;
    default:
      break;
  }
}

let unsubscribe: (() => void) | undefined;
let currentInputShape: number[] | undefined;

/** Listens to the host's training events once for the whole page. */
export function listenToTraining(api: NeuroblocksApi): void {
  unsubscribe ??= api.onTrainingEvent((update) => applyEvent(update, currentInputShape));
}

/** Clears the last run's progress for a new one. */
function beginRun(learningRate: number | undefined): void {
  trainingStore.setState({
    phase: 'starting',
    sessionId: undefined,
    started: undefined,
    final: undefined,
    history: [],
    curves: emptyCurves(),
    version: trainingStore.getState().version + 1,
    warnings: [],
    download: undefined,
    baseProgress: undefined,
    lastBatchLoss: undefined,
    runLearningRate: learningRate,
    error: undefined,
    continuing: undefined,
    progress: { epoch: 0, batch: 0, batchesPerEpoch: 0 },
  });
}

export async function startRun(
  api: NeuroblocksApi,
  project: Project,
  options: TrainingStartOptions,
  inputShape: number[] | undefined,
): Promise<void> {
  listenToTraining(api);
  currentInputShape = inputShape;
  beginRun(project.training.learningRate);
  try {
    const { sessionId } = await api.startTraining(project, options);
    // Events may have arrived before the id did; they carry it, so keep only this run's.
    trainingStore.setState({ sessionId });
    // The page's GPU engine: this page trains the run in a worker; the host records it.
    if (options.engine === 'page') void trainInPage(api);
  } catch (error) {
    trainingStore.setState({ phase: 'idle', error: errorText(error) });
  }
}

/**
 * Goes on with a stopped or interrupted run of the project file from its last checkpoint. Its
 * recorded epochs are drawn first, the new ones follow live. Resolves to an error message, if any.
 */
export async function continueRecordedRun(api: NeuroblocksApi, location: string, recordedRunId: number): Promise<string | undefined> {
  listenToTraining(api);
  beginRun(undefined);
  try {
    const continued = await api.continueRun(location, recordedRunId);
    const analysis = analyzeGraph(continued.project.graph);
    currentInputShape = analysis.inputs.length === 1 ? analysis.nodes[analysis.inputs[0]]?.outputShape : undefined;
    // Live events may have come before this answer: the recorded epochs go before them.
    const state = trainingStore.getState();
    const curves = emptyCurves();
    for (const m of continued.history)
      push(curves, m.epoch, { epochLoss: m.loss, epochAccuracy: m.accuracy, valLoss: m.valLoss, valAccuracy: m.valAccuracy });
    state.curves.x.forEach((x, i) =>
      push(
        curves,
        x,
        Object.fromEntries(
          (['loss', 'accuracy', 'epochLoss', 'epochAccuracy', 'valLoss', 'valAccuracy'] as const).map((k) => [
            k,
            state.curves[k][i] ?? undefined,
          ]),
        ),
      ),
    );
    trainingStore.setState({
      sessionId: continued.sessionId,
      continuing: { recordedRunId, fromEpoch: continued.fromEpoch },
      runLearningRate: continued.project.training.learningRate,
      curves,
      history: [...continued.history, ...state.history.filter((h) => h.epoch >= continued.fromEpoch)],
      version: state.version + 1,
    });
    // A run the page's GPU trained goes on in this page, as it started.
    if (continued.engine === 'page') void trainInPage(api).catch((error) => trainingStore.setState({ error: errorText(error) }));
    return undefined;
  } catch (error) {
    const message = errorText(error);
    trainingStore.setState({ phase: 'idle', error: message });
    return message;
  }
}

/**
 * Another project is shown: the progress, curves and results on display were the last project's,
 * so they go, and the training panel closes so that the palette and the canvas are in view. A run
 * still training goes on (its own project file records it) and stays shown until it ends.
 */
export function leaveRunOfAnotherProject(): void {
  const state = trainingStore.getState();
  const busy = state.phase === 'starting' || state.phase === 'running' || state.phase === 'paused' || state.phase === 'stopping';
  if (busy) {
    trainingStore.setState({ open: false });
    return;
  }
  trainingStore.setState({
    open: false,
    tab: 'train',
    phase: 'idle',
    sessionId: undefined,
    started: undefined,
    final: undefined,
    evaluated: undefined,
    evaluatedShape: undefined,
    history: [],
    curves: emptyCurves(),
    version: state.version + 1,
    warnings: [],
    lastBatchLoss: undefined,
    runLearningRate: undefined,
    error: undefined,
    continuing: undefined,
    progress: { epoch: 0, batch: 0, batchesPerEpoch: 0 },
  });
}

// A change of the project's settings made elsewhere (restoring a run, undo) shows in the panel.
editorStore.subscribe((state, previous) => {
  if (
    state.project === previous.project ||
    (state.project.training === previous.project.training && state.project.dataset === previous.project.dataset)
  )
    return;
  const { form } = trainingStore.getState();
  if (!form) return;
  const shown = projectToTrain(state.project, form);
  if (JSON.stringify([shown.training, shown.dataset]) !== JSON.stringify([state.project.training, state.project.dataset]))
    trainingStore.setState({ form: formFromProject(state.toProject()) });
});
