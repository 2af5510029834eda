// The model that Evaluate and Try it show, as the host holds it: the weights the last run of this
// session ended with, or a run recorded in the project file, chosen in the run picker. In a .nbproj
// project that has recorded runs, the newest is loaded when the host holds no model of that file,
// so that a project reopened the next day can be evaluated and tried at once.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { EvaluationProgress, ModelInUse, NeuroblocksApi, RunInfo } from '../../../core/api/contract';
import { trainingStore } from './training-store';
import { errorText } from '../ui/error-text';

export interface ModelState {
  /** The host's model in use; undefined when it has none. */
  inUse?: ModelInUse;
  /** The host has been asked at least once. */
  known: boolean;
  /** The recorded runs of `runsFor` that have saved weights, newest first. */
  runs?: RunInfo[];
  runsFor?: string;
  /** The recorded run being loaded. */
  loading?: { location: string; runId: number; checkpoint?: 'best' | 'last' };
  /** The latest evaluation progress the host reported (loading a run, or finding its mistakes). */
  progress?: EvaluationProgress;
  error?: string;
  /** A model that belongs to no file, trained in a project that was since left for another: not shown again. */
  leftBehind?: string;
  /** A recorded run put back into the editor (Restore): Evaluate and Try it load it when they are next shown. */
  follow?: { location: string; runId: number };
}

export const modelStore = createStore<ModelState>()(() => ({ known: false }));

export function useModel<T>(selector: (state: ModelState) => T): T {
  return useStore(modelStore, selector);
}

export const isProjectFile = (location: string | undefined): location is string => location?.toLowerCase().endsWith('.nbproj') ?? false;

/** The model in use when it belongs to the project at `location` (or to no file: a run of an unsaved or JSON project). */
export function modelFor(state: ModelState, location: string | undefined): ModelInUse | undefined {
  const model = state.inUse;
  if (!model || model.sessionId === state.leftBehind) return undefined;
  return model.location === undefined || model.location === location ? model : undefined;
}

/** Another project is opened: a model trained in the one left, and recorded in no file, is not its model. */
export function leaveUnrecordedModel(): void {
  const { inUse } = modelStore.getState();
  if (inUse && inUse.location === undefined) modelStore.setState({ leftBehind: inUse.sessionId });
}

/** The run picker already says that this project file has no run to load (so the panels need not say it again). */
export function noRunsToPick(state: ModelState, location: string | undefined): boolean {
  return isProjectFile(location) && state.runsFor === location && (state.runs?.length ?? 0) === 0;
}

/** Runs whose model can be loaded (ended, with a checkpoint), newest first. */
export function loadableRuns(runs: readonly RunInfo[]): RunInfo[] {
  return runs.filter((run) => run.status !== 'running' && (run.hasBestCheckpoint || run.hasLastCheckpoint)).sort((a, b) => b.id - a.id);
}

const message = (error: unknown) => errorText(error);
const replaced = (error: unknown) => (error as { code?: string })?.code === 'model-replaced';

let listening: (() => void) | undefined;

function listen(api: NeuroblocksApi): void {
  listening ??= api.onEvaluationProgress((progress) => modelStore.setState({ progress }));
}

/** The latest loadRun, so that an answer to an earlier one neither replaces nor ends it. */
let latestLoad: object | undefined;

/** Asks the host again which model it holds, unless another run has been asked for since. */
async function refreshInUse(api: NeuroblocksApi, token: object): Promise<void> {
  const inUse = await api.getModelInUse().catch(() => modelStore.getState().inUse);
  if (latestLoad === token) modelStore.setState({ inUse, known: true });
}

/** Makes a recorded run the model in use. */
export async function loadRun(api: NeuroblocksApi, location: string, runId: number, checkpoint?: 'best' | 'last'): Promise<void> {
  listen(api);
  const token = {};
  latestLoad = token;
  modelStore.setState({ loading: { location, runId, checkpoint }, error: undefined, progress: undefined });
  try {
    const inUse = await api.loadRunModel({ location, runId, ...(checkpoint ? { checkpoint } : {}) });
    if (latestLoad === token) modelStore.setState({ inUse, known: true, loading: undefined });
  } catch (error) {
    if (latestLoad !== token) return;
    // Replaced (by a run of this session that ended meanwhile) or refused: the host holds another model than this one.
    modelStore.setState({ loading: undefined, ...(replaced(error) ? {} : { error: message(error) }) });
    await refreshInUse(api, token);
  }
}

/** After Restore: the restored run becomes the one Evaluate and Try it show (loaded when one of them is next shown, not while the editor is being changed). */
export function followRun(location: string, runId: number): void {
  modelStore.setState({ follow: { location, runId } });
}

let syncing: { key: string; done: Promise<void>; token: object } | undefined;

/**
 * Asks the host which model is in use and, for a .nbproj project, which runs it records; loads
 * the newest run when the host holds no model of this file.
 */
export function syncModel(api: NeuroblocksApi, location: string | undefined): Promise<void> {
  const key = `${location ?? ''}\u0000${trainingStore.getState().final ? trainingStore.getState().sessionId : ''}`;
  if (syncing?.key === key) return syncing.done;
  const token = {};
  const done = (async () => {
    listen(api);
    try {
      const [inUse, runs] = await Promise.all([
        api.getModelInUse(),
        isProjectFile(location) ? api.listRuns(location).then(loadableRuns) : Promise.resolve(undefined),
      ]);
      // Another project was opened (or another run ended) while this one was asked about.
      if (syncing?.token !== token) return;
      modelStore.setState({ inUse, known: true, runs, runsFor: location });
      const state = modelStore.getState();
      const follow =
        location !== undefined && state.follow?.location === location ? runs?.find((r) => r.id === state.follow!.runId) : undefined;
      if (location !== undefined && follow) {
        modelStore.setState({ follow: undefined });
        const shown = inUse !== undefined && inUse.location === location && inUse.recordedRunId === follow.id;
        if (!state.loading && !shown) await loadRun(api, location, follow.id);
      } else if (isProjectFile(location) && runs?.length && !state.loading && (!inUse || inUse.location !== location))
        await loadRun(api, location, runs[0].id);
    } catch (error) {
      if (syncing?.token === token) modelStore.setState({ known: true, error: message(error) });
    } finally {
      if (syncing?.token === token) syncing = undefined;
    }
  })();
  syncing = { key, done, token };
  return done;
}
