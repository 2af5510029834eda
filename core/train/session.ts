// The Node-side face of training for the CLI, the storage layer and the hosts: starts a run in a
// worker thread (never on the caller's event loop) and relays its events and commands.
import { Worker } from 'node:worker_threads';
import { problem, type Problem } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import type { Project } from '../model/project';
import { TrainingControl } from './control';
import type { FinalResult, TrainingEvent } from './events';
import type { TrainingOptions } from './run';
import type { WorkerData } from './worker';

export type TrainingListener = (event: TrainingEvent) => void;

export interface TrainingSession {
  /** Subscribes to every event, the final one included; returns the unsubscribe function. */
  on(listener: TrainingListener): () => void;
  /** Takes effect after the current batch. */
  pause(): void;
  resume(): void;
  /** Ends the run after the current batch; the final state is `stopped`. */
  stop(): void;
  /** Batches the run has finished so far, exact even while their events are still on their way. */
  batchesCompleted(): number;
  readonly done: Promise<FinalResult>;
}

export class TrainingBusyError extends Error {
  constructor() {
    super('A model is already training. Stop it or wait until it ends before starting another.');
    this.name = 'TrainingBusyError';
  }
}

let active = false;

/** The end of a run whose worker died before it could send its own final event. */
export function workerFailure(cause: { error: unknown } | { exitCode: number }): FinalResult {
  const text: Problem =
    'error' in cause
      ? problem('train:workerFailed', { why: errorProblem(cause.error) })
      : problem('train:workerExited', { exitCode: cause.exitCode });
  return {
    state: 'failed',
    message: text,
    epochsCompleted: 0,
    history: [],
    seconds: 0,
  };
}

/** True while a run started here has not ended. */
export function isTraining(): boolean {
  return active;
}

/**
 * A file the worker thread reads, where it can read it: in the packaged desktop app the worker's
 * files are unpacked beside app.asar (build/electron-builder.yml), as a worker thread cannot read
 * the archive; elsewhere the URL itself.
 */
export function unpacked(url: URL): URL {
  return new URL(url.href.replace(/\/app\.asar\//, '/app.asar.unpacked/'));
}

/**
 * Starts training `project` in a worker thread. Only one run at a time: a second call while one
 * runs throws TrainingBusyError. Failures never throw here; they end the run with state `failed`.
 */
export function startTraining(project: Project, options: TrainingOptions = {}): TrainingSession {
  if (active) throw new TrainingBusyError();
  active = true;
  const control = new TrainingControl();
  const listeners = new Set<TrainingListener>();
  const data: WorkerData = {
    entry: unpacked(new URL('./worker.ts', import.meta.url)).href,
    request: { project, options },
    control: control.buffer,
  };
  const worker = new Worker(unpacked(new URL('./worker-boot.mjs', import.meta.url)), { workerData: data, stdout: false, stderr: false });

  let settle!: (result: FinalResult) => void;
  const done = new Promise<FinalResult>((resolve) => (settle = resolve));
  let finished = false;
  const finish = (result: FinalResult, emitFinal: boolean) => {
    if (finished) return;
    finished = true;
    active = false;
    if (emitFinal) for (const listener of listeners) listener({ type: 'final', ...result });
    settle(result);
    // The WASM backend may keep helper threads alive; the run is over, so end the worker.
    void worker.terminate();
  };

  worker.on('message', (event: TrainingEvent) => {
    if (finished) return;
    for (const listener of listeners) listener(event);
    if (event.type === 'final') {
      const { type: _type, ...result } = event;
      finish(result, false);
    }
  });
  worker.on('error', (error) => finish(workerFailure({ error }), true));
  worker.on('exit', (exitCode) => finish(workerFailure({ exitCode }), true));

  return {
    on(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    pause: () => control.pause(),
    resume: () => control.resume(),
    stop: () => control.stop(),
    batchesCompleted: () => control.batchesCompleted,
    done,
  };
}
