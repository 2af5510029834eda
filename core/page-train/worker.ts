// The page's GPU engine: a Web Worker of the app's page (Electron's renderer or a browser) that
// trains one run with TensorFlow.js on WebGPU, else WebGL, on the data the host prepared, with the
// same training loop as the host's engine (../train/loop). The page's UI thread only draws. Every
// event goes back to the host, which records it; when no rung works here, the host is told why
// and trains the run itself.
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../data/random';
import type { SerializedWeight, TrainingEvent } from '../train/events';
import { TrainingLoop, type LoopBackend, type LoopControl } from '../train/loop';
import { webgpuRefusal } from './kernels';
import { problem, type Problem } from '../i18n/catalogue';
import {
  adapterName,
  fromWire,
  jobFromParts,
  pageReasons,
  PageRungError,
  pageRungs,
  toWire,
  type FromWorker,
  type GpuNavigator,
  type PageReason,
  type PageRung,
  type ToWorker,
} from './protocol';

interface WorkerScope {
  postMessage(message: FromWorker): void;
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
}
const scope = self as unknown as WorkerScope;

const control = new (class implements LoopControl {
  command: 'run' | 'pause' | 'stop' = 'run';
  private readonly channel = new MessageChannel();
  countBatch(): void {}
  async waitWhilePaused(): Promise<boolean> {
    while (this.command === 'pause') await new Promise((resolve) => setTimeout(resolve, 20));
    return this.command !== 'stop';
  }
  /** Yields to the worker's event loop (faster than a timer), so that a command posted meanwhile is seen before the next batch. */
  poll(): Promise<void> {
    return new Promise((resolve) => {
      this.channel.port1.onmessage = () => resolve();
      this.channel.port2.postMessage(0);
    });
  }
})();

/** Activates a rung, giving where it computes, or throws why it cannot. */
async function activate(rung: PageRung): Promise<string> {
  if (rung === 'webgpu') {
    const gpu = (navigator as unknown as GpuNavigator).gpu;
    if (!gpu) throw new PageRungError(pageReasons.noWebGpu());
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new PageRungError(pageReasons.noAdapter());
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.());
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await tf.setBackend('webgpu'))) throw new PageRungError(pageReasons.webGpuBackend());
    return `WebGPU · ${adapterName(info)}`;
  }
  // @tensorflow/tfjs brings the WebGL backend with it.
  if (!(await tf.setBackend('webgl'))) throw new PageRungError(pageReasons.noWebGl());
  let renderer = '';
  try {
    const gl = (tf.backend() as unknown as { gpgpu?: { gl: WebGLRenderingContext } }).gpgpu?.gl;
    const debug = gl?.getExtension('WEBGL_debug_renderer_info');
    renderer = gl ? String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER)) : '';
  } catch {
    renderer = '';
  }
  return `WebGL · ${renderer || 'unnamed GPU'}`;
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return (text.split('\n').find((line) => line.trim()) ?? 'unknown error').trim().slice(0, 300);
}

/** Why a rung could not be used, as a problem: the page's own reasons, or the browser's error. */
function reasonOf(error: unknown): PageReason {
  return error instanceof PageRungError ? { reason: error.problem } : pageReasons.error(oneLine(error));
}

function report(sessionId: string, event: TrainingEvent): void {
  const wire: Record<string, unknown> = { ...event };
  if ((event.type === 'checkpoint' || event.type === 'final') && event.weights) wire.weights = toWire(event.weights);
  if (event.type === 'checkpoint' && event.optimizer) wire.optimizer = toWire(event.optimizer);
  scope.postMessage({ type: 'report', report: { sessionId, event: wire } });
}

async function train(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const { job } = message;
  const { dataset, pretrained } = jobFromParts(job, message.parts);
  const resume = job.resume
    ? {
        weights: fromWire(job.resume.weights) as SerializedWeight[],
        ...(job.resume.optimizer ? { optimizer: fromWire(job.resume.optimizer) as SerializedWeight[] } : {}),
        fromEpoch: job.resume.fromEpoch,
        history: job.resume.history,
      }
    : undefined;

  const fallbacks: (LoopBackend['fallbacks'][number] & PageReason)[] = [];
  // A continued run tries the rung it trained on first.
  const rungs = job.rung ? [job.rung, ...pageRungs.filter((r) => r !== job.rung)] : pageRungs;
  for (const rung of rungs) {
    if (message.skip?.includes(rung)) {
      fallbacks.push({ backend: rung, ...pageReasons.leftOut() });
      continue;
    }
    // A graph with a block this rung computes wrongly or not at all is refused before anything runs.
    const refusal = rung === 'webgpu' ? webgpuRefusal(job.project.graph) : undefined;
    if (refusal) {
      fallbacks.push({ backend: rung, reason: refusal });
      continue;
    }
    let device: string;
    try {
      device = await activate(rung);
    } catch (error) {
      fallbacks.push({ backend: rung, ...reasonOf(error) });
      continue;
    }
    // Events are held back until the first batch has trained: a rung that fails before (a kernel
    // this GPU backend lacks) hands over to the next one, and the host records one run only.
    const held: TrainingEvent[] = [];
    let trained = false;
    const emit = (event: TrainingEvent) => {
      if (!trained && (event.type === 'batch' || event.type === 'epoch')) {
        trained = true;
        for (const e of held.splice(0)) report(job.sessionId, e);
      }
      if (trained) report(job.sessionId, event);
      else held.push(event);
    };
    const loop = new TrainingLoop({ resume, checkpoints: true, pretrained }, emit, control);
    const originalRandom = Math.random;
    Math.random = seededRandom(job.settings.seed);
    let result;
    try {
      result = await loop.run(tf, { backend: rung, device, fallbacks: [...fallbacks] }, job.project, job.settings, {
        dataset,
        inputShape: job.dataset.inputShape,
        outputUnits: job.outputUnits,
      });
    } catch (error) {
      result = loop.failed(error);
    } finally {
      Math.random = originalRandom;
    }
    if (!trained && result.state === 'failed' && control.command !== 'stop') {
      fallbacks.push({
        backend: rung,
        ...pageReasons.trainingFailed(result.message),
      });
      continue;
    }
    for (const e of held.splice(0)) report(job.sessionId, e);
    report(job.sessionId, { type: 'final', ...result });
    scope.postMessage({ type: 'done' });
    return;
  }
  scope.postMessage({
    type: 'report',
    report: { sessionId: job.sessionId, unavailable: fallbacks as { backend: PageRung; reason: Problem }[] },
  });
  scope.postMessage({ type: 'done' });
}

scope.onmessage = (event) => {
  const message = event.data;
  if (message.type === 'command') {
    if (message.command === 'stop') control.command = 'stop';
    else if (control.command !== 'stop') control.command = message.command === 'pause' ? 'pause' : 'run';
    return;
  }
  void train(message).catch((error) => {
    report(message.job.sessionId, {
      type: 'final',
      state: 'failed',
      message: problem('train:pageRunFailed', { why: oneLine(error) }),
      epochsCompleted: 0,
      history: [],
      seconds: 0,
    });
    scope.postMessage({ type: 'done' });
  });
};
