// The page's GPU engine, host side: a run trained by a Web Worker of the app's own page (WebGPU,
// then WebGL), while the host keeps the data and the records. The host loads and prepares the
// data as for any run and hands them to the page in parts; the page sends back the same training
// events the Node worker emits, which reach the recorder and the UI through a TrainingSession like
// any other. When no GPU rung works in the page, the run goes on in the host's own engine (WASM),
// with the page's reasons among its fallbacks. A page that goes away mid-run ends it `interrupted`.
import { UserFacingError, type PageTrainingCommand, type PageTrainingJob, type PageTrainingReport, type WireWeight } from '../api/contract';
import { problem, type Problem } from '../i18n/catalogue';
import { errorProblem } from '../model/localized';
import type { Project } from '../model/project';
import type { FinalResult, SerializedWeight, TrainingEvent } from '../train/events';
import type { TrainingListener, TrainingSession } from '../train/session';
import { Emitter } from './emitter';

/** Bytes of data per part: base64 adds a third, far below the transport's message limit. */
export const PAGE_DATA_PART_BYTES = 8 * 1024 * 1024;

const EVENT_TYPES = new Set<TrainingEvent['type']>([
  'started',
  'baseProgress',
  'batch',
  'epoch',
  'learningRate',
  'checkpoint',
  'paused',
  'resumed',
  'warning',
  'final',
]);

export function toWireWeights(weights: readonly SerializedWeight[]): WireWeight[] {
  return weights.map((w) => ({ name: w.name, shape: [...w.shape], dtype: w.dtype, base64: Buffer.from(w.data).toString('base64') }));
}

function fromWireWeights(weights: unknown, what: string): SerializedWeight[] {
  if (!Array.isArray(weights)) throw badReport(`${what} must be a list of weights`);
  return weights.map((w: WireWeight, i) => {
    if (
      !w ||
      typeof w.name !== 'string' ||
      !Array.isArray(w.shape) ||
      (w.dtype !== 'float32' && w.dtype !== 'int32') ||
      typeof w.base64 !== 'string'
    )
      throw badReport(`${what}[${i}] must have a name, a shape, a dtype (float32 or int32) and its values in base64`);
    const bytes = Buffer.from(w.base64, 'base64');
    const count = w.shape.reduce((a: number, b: number) => a * b, 1);
    if (bytes.byteLength !== count * 4)
      throw badReport(
        `${what}[${i}] ("${w.name}") holds ${bytes.byteLength} bytes, not the ${count * 4} of its shape [${w.shape.join(', ')}]`,
      );
    return {
      name: w.name,
      shape: w.shape,
      dtype: w.dtype,
      data: bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer,
    };
  });
}

function badReport(detail: string): UserFacingError {
  return new UserFacingError(problem('train:pageReportRefused', { detail }), 'bad-request');
}

const noPageRun = () => new UserFacingError(problem('train:noPageRun', {}), 'not-training');

/** What a run needs from the host besides the page. */
export interface PageRunHost {
  commands: Emitter<PageTrainingCommand>;
  /** Starts the run on the host's own engine, when no GPU rung works in the page. */
  startHostEngine(project: Project, options: Record<string, unknown>): Promise<TrainingSession>;
}

/** One run trained by the page; a TrainingSession for the recorder and the UI. */
export class PageTrainingSession implements TrainingSession {
  private readonly listeners = new Set<TrainingListener>();
  private settle!: (result: FinalResult) => void;
  readonly done = new Promise<FinalResult>((resolve) => (this.settle = resolve));
  private finished = false;
  private batches = 0;
  private readonly job: Promise<{ job: PageTrainingJob; data: Uint8Array }>;
  /** Set once a page has taken the job; cleared when it hands the run back to the host's engine. */
  private attached = false;
  private hostEngine?: TrainingSession;
  private history: FinalResult['history'] = [];
  private backend?: string;
  private device?: string;
  private readonly started = performance.now();
  private state: 'run' | 'pause' | 'stop' = 'run';

  constructor(
    readonly sessionId: string,
    private readonly project: Project,
    private readonly options: Record<string, unknown>,
    private readonly host: PageRunHost,
  ) {
    this.job = this.prepare();
    // A failure to prepare ends the run; pageTrainingJob answers with it too.
    this.job.catch((error) => this.finish(failedResult(errorProblem(error), 0, [])));
  }

  private async prepare(): Promise<{ job: PageTrainingJob; data: Uint8Array }> {
    const { prepareTraining } = await import('../train/run');
    const { settings, data } = await prepareTraining(this.project, this.options, (event) => this.deliver(event));
    const { dataset } = data;
    const resume = this.options.resume as import('../train/loop').TrainingResume | undefined;
    // The pretrained weights a new run starts from travel after the data, in the same parts.
    const pretrained = resume
      ? []
      : ((this.options.pretrained as { name: string; shape: number[]; data: ArrayLike<number> }[] | undefined) ?? []);
    const arrays: ArrayBufferView[] = [dataset.train.x, dataset.train.y, dataset.test.x, dataset.test.y];
    let end = arrays.reduce((n, a) => n + a.byteLength, 0);
    const placed = pretrained.map((w) => {
      const values = Float32Array.from(w.data);
      arrays.push(values);
      const at = { name: w.name, shape: [...w.shape], offset: end };
      end += values.byteLength;
      return at;
    });
    const bytes = end;
    const buffer = new Uint8Array(bytes);
    let offset = 0;
    for (const array of arrays) {
      buffer.set(new Uint8Array(array.buffer, array.byteOffset, array.byteLength), offset);
      offset += array.byteLength;
    }
    const job: PageTrainingJob = {
      sessionId: this.sessionId,
      project: this.project,
      settings,
      dataset: {
        name: dataset.name,
        inputShape: dataset.inputShape,
        classNames: dataset.classNames,
        skipped: dataset.skipped,
        trainCount: dataset.train.count,
        testCount: dataset.test.count,
      },
      outputUnits: data.outputUnits,
      bytes,
      parts: Math.max(1, Math.ceil(bytes / PAGE_DATA_PART_BYTES)),
      ...(this.options.rung === 'webgpu' || this.options.rung === 'webgl' ? { rung: this.options.rung } : {}),
      ...(resume
        ? {
            resume: {
              weights: toWireWeights(resume.weights),
              ...(resume.optimizer ? { optimizer: toWireWeights(resume.optimizer) } : {}),
              fromEpoch: resume.fromEpoch,
              history: resume.history,
            },
          }
        : {}),
      ...(placed.length ? { pretrained: placed } : {}),
    };
    return { job, data: buffer };
  }

  /** The job, for the page that trains it: from now on, that page going away interrupts the run. */
  async takeJob(): Promise<PageTrainingJob> {
    const { job } = await this.job;
    if (this.finished) throw noPageRun();
    this.attached = true;
    if (this.state !== 'run') this.host.commands.fire({ sessionId: this.sessionId, command: this.state });
    return job;
  }

  async dataPart(part: number): Promise<{ base64: string }> {
    const { job, data } = await this.job;
    if (part >= job.parts) throw new UserFacingError(problem('train:noDataPart', { parts: job.parts, part }), 'bad-request');
    const start = part * PAGE_DATA_PART_BYTES;
    return {
      base64: Buffer.from(data.buffer, data.byteOffset + start, Math.min(PAGE_DATA_PART_BYTES, data.byteLength - start)).toString('base64'),
    };
  }

  /** An event from the page, or its word that no GPU rung works there. */
  async report(report: PageTrainingReport): Promise<void> {
    if (this.finished || this.hostEngine) return;
    if (report.unavailable) {
      if (this.backend) {
        // The page's worker failed after it had started training: the run ends here with why.
        const reasons = report.unavailable.map((u) => u.reason);
        this.finish({
          ...failedResult(problem('train:pageGpuStopped', { reasons }), this.history.length, this.history),
          seconds: (performance.now() - this.started) / 1000,
        });
        return;
      }
      this.attached = false;
      await this.startHostEngine(report.unavailable);
      return;
    }
    const raw = report.event;
    if (!raw || typeof raw.type !== 'string' || !EVENT_TYPES.has(raw.type as TrainingEvent['type']))
      throw badReport(`the event type ${JSON.stringify(raw?.type)} is not one of ${[...EVENT_TYPES].join(', ')}`);
    const event = { ...raw } as Record<string, unknown>;
    if (event.type === 'checkpoint') {
      event.weights = fromWireWeights(event.weights, "the checkpoint's weights");
      if (event.optimizer !== undefined) event.optimizer = fromWireWeights(event.optimizer, "the checkpoint's optimizer state");
    }
    if (event.type === 'final' && event.weights !== undefined) event.weights = fromWireWeights(event.weights, 'the final weights');
    this.deliver(event as TrainingEvent);
  }

  private async startHostEngine(unavailable: NonNullable<PageTrainingReport['unavailable']>): Promise<void> {
    const { engine: _engine, rung: _rung, ...options } = this.options;
    let session: TrainingSession;
    try {
      session = await this.host.startHostEngine(this.project, options);
    } catch (error) {
      this.finish(failedResult(errorProblem(error), 0, []));
      return;
    }
    this.hostEngine = session;
    if (this.state === 'pause') session.pause();
    if (this.state === 'stop') session.stop();
    session.on((event) => {
      if (event.type === 'started') this.deliver({ ...event, fallbacks: [...unavailable, ...event.fallbacks] } as TrainingEvent);
      else this.deliver(event);
    });
  }

  private deliver(event: TrainingEvent): void {
    if (this.finished) return;
    if (event.type === 'started') {
      this.backend = event.backend;
      this.device = event.device;
    }
    if (event.type === 'batch') this.batches++;
    if (event.type === 'epoch') {
      const { type: _type, ...metrics } = event;
      this.history = [...this.history, metrics];
    }
    if (event.type === 'final') {
      const { type: _type, ...result } = event;
      this.finish(result);
      return;
    }
    for (const listener of [...this.listeners]) listener(event);
  }

  private finish(result: FinalResult): void {
    if (this.finished) return;
    this.finished = true;
    for (const listener of [...this.listeners]) listener({ type: 'final', ...result });
    this.settle(result);
  }

  /** The page that took the job stopped listening for its commands (closed or reloaded) before the run ended. */
  pageGone(): void {
    if (!this.attached || this.finished || this.hostEngine) return;
    const epochs = this.history.length;
    this.finish({
      state: 'interrupted',
      message: problem('train:pageClosed', { count: epochs }),
      epochsCompleted: epochs,
      history: this.history,
      ...(this.backend ? { backend: this.backend as FinalResult['backend'] } : {}),
      ...(this.device ? { device: this.device } : {}),
      seconds: (performance.now() - this.started) / 1000,
    });
  }

  on(listener: TrainingListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private command(command: PageTrainingCommand['command']): void {
    if (this.finished) return;
    if (command === 'stop') this.state = 'stop';
    else if (this.state !== 'stop') this.state = command === 'pause' ? 'pause' : 'run';
    if (this.hostEngine) {
      if (command === 'pause') this.hostEngine.pause();
      else if (command === 'resume') this.hostEngine.resume();
      else this.hostEngine.stop();
      return;
    }
    if (!this.attached && command === 'stop') {
      // No page took the run yet: it ends here, before its first batch.
      this.finish({
        state: 'stopped',
        message: problem('train:stoppedBeforeStart', {}),
        epochsCompleted: 0,
        history: [],
        seconds: (performance.now() - this.started) / 1000,
      });
      return;
    }
    this.host.commands.fire({ sessionId: this.sessionId, command });
  }

  pause(): void {
    this.command('pause');
  }

  resume(): void {
    this.command('resume');
  }

  stop(): void {
    this.command('stop');
  }

  batchesCompleted(): number {
    return this.hostEngine ? this.hostEngine.batchesCompleted() : this.batches;
  }
}

/** The end of a run that failed, with why. */
function failedResult(message: Problem, epochsCompleted: number, history: FinalResult['history']): FinalResult {
  return { state: 'failed', message, epochsCompleted, history, seconds: 0 };
}

/** The host's side of the page engine: at most one run, reached through the API methods. */
export class PageTraining {
  readonly commands = new Emitter<PageTrainingCommand>();
  private current?: PageTrainingSession;

  constructor(private readonly startHostEngine: PageRunHost['startHostEngine']) {}

  /** Subscribes a page to the commands; when the last page stops listening, the run it trained is interrupted. */
  readonly onCommand = (listener: (command: PageTrainingCommand) => void): (() => void) => {
    const off = this.commands.event(listener);
    return () => {
      off();
      if (this.commands.size === 0) this.current?.pageGone();
    };
  };

  start(sessionId: string, project: Project, options: Record<string, unknown>): PageTrainingSession {
    const session = new PageTrainingSession(sessionId, project, options, {
      commands: this.commands,
      startHostEngine: this.startHostEngine,
    });
    this.current = session;
    void session.done.finally(() => {
      if (this.current === session) this.current = undefined;
    });
    return session;
  }

  private session(sessionId?: string): PageTrainingSession {
    if (!this.current || (sessionId !== undefined && this.current.sessionId !== sessionId)) throw noPageRun();
    return this.current;
  }

  async job(): Promise<PageTrainingJob> {
    return this.session().takeJob();
  }

  async data(sessionId: string, part: number): Promise<{ base64: string }> {
    return this.session(sessionId).dataPart(part);
  }

  async report(report: PageTrainingReport): Promise<void> {
    return this.session(report.sessionId).report(report);
  }
}
