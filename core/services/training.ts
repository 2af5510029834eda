// Training behind the API: one run at a time in core/train's worker thread, its events relayed
// to the UI without the weights (they stay on this side).
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  UserFacingError,
  type ContinuedRun,
  type ConvFilters,
  type EvaluationProgress,
  type InspectRequest,
  type Mistakes,
  type ModelInside,
  type ModelInUse,
  type TableInput,
  type Prediction,
  type TestSamples,
  type TrainingEvent,
  type TrainingStartOptions,
  type TrainingUpdate,
} from '../api/contract';
import type { RecordedTable } from '../data/summary';
import type { DatasetInput } from '../store/types';
import { analyzeGraph } from '../model/analyze';
import { imageFitOf } from '../model/image-fit';
import { problem, type Problem } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import type { Project } from '../model/project';
import type { TrainingEvent as EngineEvent, TrainingSession } from '../train/index';
import { Emitter } from './emitter';
import { TrainedModel } from './inference';
import { convFilters, inspectModel } from './inside';
import { PageTraining } from './page-training';
import { checkedRunRequest, prepareRunModel } from './run-model';
import { asUserFacing, pretrainedOf, SQLITE_EXTENSION } from './sqlite-project-format';

/** The event as the API sends it: checkpoints and the end without their weights, which stay on this side. */
export function withoutWeights(event: EngineEvent): TrainingEvent {
  if (event.type === 'checkpoint' || event.type === 'final') {
    const { weights: _weights, optimizer: _optimizer, ...rest } = event as typeof event & { optimizer?: unknown };
    return rest;
  }
  return event;
}

const whole = (value: unknown, what: Problem, min: number, max: number): number | undefined => {
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new UserFacingError(problem('train:notWhole', { what, min, max, got: String(JSON.stringify(value)) }), 'bad-request');
  return value;
};

const DEVICE = /^(auto|cpu|mps|cuda(:\d{1,2})?)$/;

/** The engine, device and process count asked for, checked: they come from the UI over a process boundary. */
export function engineChoice(options: TrainingStartOptions): { engine?: 'tfjs' | 'pytorch' | 'page'; device?: string; nproc?: number } {
  const { engine, device } = options;
  if (engine !== undefined && engine !== 'tfjs' && engine !== 'pytorch' && engine !== 'page')
    throw new UserFacingError(problem('train:unknownEngine', { got: String(JSON.stringify(engine)) }), 'bad-request');
  const nproc = whole(options.nproc, problem('train:whatProcesses', {}), 1, 256);
  if (device !== undefined && (typeof device !== 'string' || !DEVICE.test(device)))
    throw new UserFacingError(problem('train:badDevice', { got: String(JSON.stringify(device)) }), 'bad-request');
  if (engine !== 'pytorch') {
    if ((device !== undefined && device !== 'auto') || (nproc !== undefined && nproc > 1))
      throw new UserFacingError(problem('train:deviceNeedsPytorch', {}), 'bad-request');
    return engine ? { engine } : {};
  }
  return { engine, ...(device !== undefined ? { device } : {}), ...(nproc !== undefined ? { nproc } : {}) };
}

export class TrainingRunner {
  readonly updates = new Emitter<TrainingUpdate>();
  private current?: { sessionId: string; session: TrainingSession };
  /** The model in use: the last run that ended with weights, or a recorded run loaded since; for trying it and looking at its test samples. */
  private trained?: TrainedModel;
  /** What the UI is told of the model in use. */
  private trainedInfo?: ModelInUse;
  /** Bumped whenever the model in use changes, so that a slower load never replaces a newer model. */
  private generation = 0;
  readonly evaluationProgress = new Emitter<EvaluationProgress>();
  private readonly progress = (sessionId: string, done: number, total: number) => this.evaluationProgress.fire({ sessionId, done, total });
  /** Runs trained by a Web Worker of the app's page, on its GPU. */
  readonly page = new PageTraining((project, options) => this.start(project, options));

  constructor(private readonly start: (project: Project, options: Record<string, unknown>) => Promise<TrainingSession> = defaultStart) {}

  /** `python`: the Python of the app's settings, for the PyTorch engine. */
  async startTraining(
    project: Project,
    options: TrainingStartOptions = {},
    host: { python?: string } = {},
  ): Promise<{ sessionId: string }> {
    if (this.current) throw new UserFacingError(problem('train:alreadyTraining', {}), 'busy');
    const engineOptions: Record<string, unknown> = { ...engineChoice(options) };
    if (engineOptions.engine === 'pytorch' && host.python) engineOptions.python = host.python;
    const epochs = whole(options.epochs, problem('train:whatEpochs', {}), 1, 100_000);
    const seed = whole(options.seed, problem('train:whatSeed', {}), 0, 2 ** 31 - 1);
    const size = whole(options.size, problem('train:whatSize', {}), 10, 1_000_000);
    if (epochs !== undefined) engineOptions.epochs = epochs;
    if (seed !== undefined) engineOptions.seed = seed;
    if (size !== undefined) engineOptions.size = size;
    if (typeof options.location === 'string' && options.location) engineOptions.baseDir = path.dirname(path.resolve(options.location));
    const sessionId = randomUUID();
    const recordedIn =
      typeof options.location === 'string' && path.extname(options.location).toLowerCase() === SQLITE_EXTENSION
        ? path.resolve(options.location)
        : undefined;
    // A new run starts from the project's pretrained weights (a base from another run, an imported network).
    const pretrained = await pretrainedOf(recordedIn);
    if (pretrained.length) engineOptions.pretrained = pretrained;
    // A table is recorded with the run (its bytes, kept in the project when small, and how its columns were standardised).
    const dataset = recordedIn ? await tableRecord(project, engineOptions.baseDir as string, seed ?? project.training.seed) : undefined;
    const session =
      engineOptions.engine === 'page' ? this.page.start(sessionId, project, engineOptions) : await this.launch(project, engineOptions);
    this.current = { sessionId, session };
    let recording: { runId(): number | undefined } | undefined;
    if (recordedIn) {
      try {
        recording = await recordInto(
          recordedIn,
          session,
          project,
          (message) => this.updates.fire({ sessionId, event: { type: 'warning', message } }),
          dataset,
        );
      } catch (error) {
        // recordInto stopped the session: the next run may start once it has ended.
        void session.done.finally(() => {
          if (this.current?.sessionId === sessionId) this.current = undefined;
        });
        throw error;
      }
    }
    this.follow(sessionId, session, project, engineOptions, recordedIn && recording ? { location: recordedIn, recording } : undefined);
    return { sessionId };
  }

  /**
   * Goes on with a stopped or interrupted run of the project file at `location` from its last
   * checkpoint, with the graph, settings and data it was started with, recording into the same run.
   */
  async continueRecordedRun(location: string, recordedRunId: number): Promise<ContinuedRun> {
    if (this.current) {
      throw new UserFacingError(problem('train:alreadyTrainingContinue', {}), 'busy');
    }
    const { ProjectStore } = await import('../store/index');
    const { recordTrainingRun, resumeRecordedRun } = await import('../store/record-training');
    let store: import('../store/index').ProjectStore;
    let resumed: import('../store/record-training').RunToResume;
    let recordedBackend: string | undefined;
    try {
      store = ProjectStore.open(location);
    } catch (error) {
      throw asUserFacing(error);
    }
    try {
      if (store.readOnly) {
        const reason = store.readOnlyProblem;
        const named = { run: recordedRunId, file: path.basename(location) };
        throw new UserFacingError(
          reason ? problem('train:cannotContinueReadOnlyWhy', { ...named, why: reason }) : problem('train:cannotContinueReadOnly', named),
          'store-read-only',
        );
      }
      if (store.listRuns().find((r) => r.id === recordedRunId)?.status === 'running')
        throw new UserFacingError(problem('train:runTrainingNow', { run: recordedRunId }), 'busy');
      recordedBackend = store.listRuns().find((r) => r.id === recordedRunId)?.backend;
      resumed = resumeRecordedRun(store, recordedRunId);
    } catch (error) {
      store.close();
      throw asUserFacing(error);
    }
    const engineOptions: Record<string, unknown> = {
      epochs: resumed.epochs,
      seed: resumed.seed,
      resume: resumed.resume,
      baseDir: path.dirname(location),
    };
    // The samples the run started with (a subset may have been asked for when it started), so that it goes on with the same data.
    if (resumed.sizes) engineOptions.size = resumed.sizes.train + resumed.sizes.validation;
    // A run the page's GPU trained goes on there, on the same rung when the page still has it.
    const rung = recordedBackend === 'webgpu' || recordedBackend === 'webgl' ? recordedBackend : undefined;
    const sessionId = randomUUID();
    let session: TrainingSession;
    try {
      session = rung
        ? this.page.start(sessionId, resumed.project, { ...engineOptions, engine: 'page', rung })
        : await this.launch(resumed.project, engineOptions);
    } catch (error) {
      // The run was marked running for this process; give it back its end.
      try {
        resumed.recorder.end('stopped', problem('train:notContinued', { why: errorProblem(error) }));
      } finally {
        store.close();
      }
      throw error;
    }
    this.current = { sessionId, session };
    const recording = recordTrainingRun(store, session, resumed.project, { resumed: resumed.recorder });
    void recording.done.then((result) => {
      if (result.error) {
        this.updates.fire({ sessionId, event: { type: 'warning', message: notRecorded(location, result.error) } });
      }
      store.close();
    });
    this.follow(sessionId, session, resumed.project, engineOptions, { location, recording });
    return {
      sessionId,
      project: resumed.project,
      fromEpoch: resumed.resume.fromEpoch,
      history: resumed.resume.history,
      ...(rung ? { engine: 'page' as const } : {}),
    };
  }

  private async launch(project: Project, engineOptions: Record<string, unknown>): Promise<TrainingSession> {
    try {
      return await this.start(project, engineOptions);
    } catch (error) {
      if (error instanceof Error && error.name === 'TrainingBusyError')
        throw new UserFacingError(problem('train:alreadyTraining', {}), 'busy');
      throw error;
    }
  }

  /** Relays a session's events and keeps the model it ends with (and which recorded run it is, when recorded). */
  private follow(
    sessionId: string,
    session: TrainingSession,
    project: Project,
    engineOptions: Record<string, unknown>,
    recorded?: { location: string; recording: { runId(): number | undefined } },
  ): void {
    const finish = () => {
      if (this.current?.sessionId === sessionId) this.current = undefined;
    };
    /** A table's standardisation as the run started with it. */
    let table: RecordedTable | undefined;
    session.on((event) => {
      if (event.type === 'started' && event.dataset.table) table = event.dataset.table;
      // Listeners hearing `final` may start the next run at once.
      if (event.type === 'final') {
        if (event.weights?.length) {
          const trained = new TrainedModel(
            {
              sessionId,
              project,
              size: engineOptions.size as number | undefined,
              baseDir: engineOptions.baseDir as string | undefined,
              weights: event.weights,
              ...(table ? { table } : {}),
            },
            { onProgress: (done, total) => this.progress(sessionId, done, total) },
          );
          const analysis = analyzeGraph(project.graph, { loss: project.training.loss });
          const inputShape = analysis.inputs.length === 1 ? (analysis.nodes[analysis.inputs[0]].outputShape ?? []) : [];
          const recordedRunId = recorded?.recording.runId();
          this.replaceModel(trained, {
            sessionId,
            ...(recorded && recordedRunId !== undefined ? { location: recorded.location, recordedRunId } : {}),
            inputShape,
            imageFit: imageFitOf(project.dataset),
            ...(event.test ? { test: event.test } : {}),
          });
        }
        finish();
      }
      this.updates.fire({ sessionId, event: withoutWeights(event) });
    });
    void session.done.finally(finish);
  }

  private active(): TrainingSession {
    if (!this.current) throw new UserFacingError(problem('train:notTraining', {}), 'not-training');
    return this.current.session;
  }

  async pause(): Promise<void> {
    this.active().pause();
  }

  async resume(): Promise<void> {
    this.active().resume();
  }

  async stop(): Promise<void> {
    this.active().stop();
  }

  private replaceModel(model: TrainedModel, info: ModelInUse): void {
    this.generation++;
    this.trained?.dispose();
    this.trained = model;
    this.trainedInfo = info;
  }

  async modelInUse(): Promise<ModelInUse | undefined> {
    return this.trainedInfo;
  }

  /** Makes a recorded run's checkpoint the model in use, evaluating it when its evaluation was not recorded. */
  async loadRunModel(request: unknown, base: string): Promise<ModelInUse> {
    const checked = checkedRunRequest(request, base);
    const generation = ++this.generation;
    const prepared = await prepareRunModel(checked, this.progress);
    if (generation !== this.generation) {
      prepared.model.dispose();
      throw new UserFacingError(problem('train:modelReplaced', {}), 'model-replaced');
    }
    this.replaceModel(prepared.model, prepared.info);
    const generationInUse = this.generation;
    const info = await prepared.finish();
    if (generationInUse === this.generation) this.trainedInfo = info;
    return info;
  }

  async mistakes(request?: { limit?: number }): Promise<Mistakes> {
    const limit = request && typeof request === 'object' ? whole(request.limit, problem('train:whatMistakes', {}), 1, 1000) : undefined;
    return this.trainedModel().mistakes(limit);
  }

  private trainedModel(): TrainedModel {
    if (!this.trained) throw new UserFacingError(problem('train:noTrainedModel', {}), 'no-model');
    return this.trained;
  }

  async predict(values: number[]): Promise<Prediction> {
    return this.trainedModel().predict(values);
  }

  /** The table columns of the model in use; undefined when none is in use or it was not trained on a table. */
  async tableInput(): Promise<TableInput | undefined> {
    return this.trained?.tableInput();
  }

  async predictRow(cells: Record<string, string>): Promise<Prediction> {
    return this.trainedModel().predictRow(cells);
  }

  async testSamples(request: { actual: number; predicted: number; limit?: number }): Promise<TestSamples> {
    if (!request || typeof request !== 'object') throw new UserFacingError(problem('train:whichCell', {}), 'bad-request');
    return this.trainedModel().testSamples(request.actual, request.predicted, request.limit);
  }

  async inspect(request: InspectRequest): Promise<ModelInside> {
    return inspectModel(this.trainedModel(), request);
  }

  async filters(request: { nodeId?: string } = {}): Promise<ConvFilters> {
    return convFilters(this.trainedModel(), request?.nodeId);
  }
}

async function defaultStart(project: Project, options: Record<string, unknown>): Promise<TrainingSession> {
  const { startTraining } = await import('../train/index');
  return startTraining(project, options);
}

/** Records the run into the project file as it trains; a file that cannot be written stops the run with a warning. */
function notRecorded(location: string, error: unknown): Problem {
  return problem('train:notRecorded', { file: path.basename(location), why: errorProblem(error) });
}

/** The description of a project's CSV file for its run's record; undefined for other data, or a file that cannot be read (training then says why). */
async function tableRecord(project: Project, baseDir: string, seed: number): Promise<DatasetInput | undefined> {
  if (project.dataset?.kind !== 'csv') return undefined;
  const { describeDataset } = await import('../store/dataset-ref');
  return describeDataset(project.dataset, { baseDir, seed }).catch(() => undefined);
}

async function recordInto(
  location: string,
  session: TrainingSession,
  project: Project,
  warn: (message: Problem) => void,
  dataset?: DatasetInput,
): Promise<{ runId(): number | undefined }> {
  const { ProjectStore } = await import('../store/index');
  const { recordTrainingRun } = await import('../store/record-training');
  let store;
  try {
    store = ProjectStore.open(location);
  } catch (error) {
    session.stop();
    throw asUserFacing(error);
  }
  const opened = store;
  const recording = recordTrainingRun(opened, session, project, dataset ? { dataset } : {});
  void recording.done.then((result) => {
    if (result.error) warn(notRecorded(location, result.error));
    opened.close();
  });
  return recording;
}
