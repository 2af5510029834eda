// The page's GPU engine: a Web Worker of the app's page (Electron's renderer or a browser) that
// trains one run with TensorFlow.js on WebGPU, else WebGL, on the data the host prepared, with the
// same training loop as the host's engine (../train/loop). The page's UI thread only draws. Every
// event goes back to the host, which records it; when no rung works here, the host is told why
// and trains the run itself.
import * as tf from '@tensorflow/tfjs';
import { seededRandom } from '../data/random';
import type { SerializedWeight, TrainingEvent } from '../train/events';
import { TrainingLoop, type LoopBackend, type LoopControl } from '../train/loop';
import { adapterName, fromWire, jobFromParts, pageRungs, toWire, type FromWorker, type GpuNavigator, type PageRung, type ToWorker } from './protocol';

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
    if (!gpu) throw new Error('this browser offers no WebGPU (navigator.gpu is missing)');
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) throw new Error('WebGPU found no usable GPU adapter (the GPU may be blocked or its driver too old)');
    const info = adapter.info ?? (await adapter.requestAdapterInfo?.());
    await import('@tensorflow/tfjs-backend-webgpu');
    if (!(await tf.setBackend('webgpu'))) throw new Error('the TensorFlow.js WebGPU backend could not start on this adapter');
    return `WebGPU · ${adapterName(info)}`;
  }
  // @tensorflow/tfjs brings the WebGL backend with it.
  if (!(await tf.setBackend('webgl'))) throw new Error('WebGL is not available to this page’s workers');
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

function report(runId: string, event: TrainingEvent): void {
  const wire: Record<string, unknown> = { ...event };
  if ((event.type === 'checkpoint' || event.type === 'final') && event.weights) wire.weights = toWire(event.weights);
  if (event.type === 'checkpoint' && event.optimizer) wire.optimizer = toWire(event.optimizer);
  scope.postMessage({ type: 'report', report: { runId, event: wire } });
}

async function train(message: Extract<ToWorker, { type: 'start' }>): Promise<void> {
  const { job } = message;
  const { dataset, pretrained } = jobFromParts(job, message.parts);
  const resume = job.resume
    ? { weights: fromWire(job.resume.weights) as SerializedWeight[], ...(job.resume.optimizer ? { optimizer: fromWire(job.resume.optimizer) as SerializedWeight[] } : {}), fromEpoch: job.resume.fromEpoch, history: job.resume.history }
    : undefined;

  const fallbacks: LoopBackend['fallbacks'] = [];
  for (const rung of pageRungs) {
    if (message.skip?.includes(rung)) {
      fallbacks.push({ backend: rung, reason: 'left out for this run' });
      continue;
    }
    let device: string;
    try {
      device = await activate(rung);
    } catch (error) {
      fallbacks.push({ backend: rung, reason: oneLine(error) });
      continue;
    }
    // Events are held back until the first batch has trained: a rung that fails before (a kernel
    // this GPU backend lacks) hands over to the next one, and the host records one run only.
    const held: TrainingEvent[] = [];
    let trained = false;
    const emit = (event: TrainingEvent) => {
      if (!trained && (event.type === 'batch' || event.type === 'epoch')) {
        trained = true;
        for (const e of held.splice(0)) report(job.runId, e);
      }
      if (trained) report(job.runId, event);
      else held.push(event);
    };
    const loop = new TrainingLoop({ resume, checkpoints: true, pretrained }, emit, control);
    const originalRandom = Math.random;
    Math.random = seededRandom(job.settings.seed);
    let result;
    try {
      result = await loop.run(tf, { backend: rung, device, fallbacks: [...fallbacks] }, job.project, job.settings, { dataset, inputShape: job.dataset.inputShape, outputUnits: job.outputUnits });
    } catch (error) {
      result = loop.failed(error);
    } finally {
      Math.random = originalRandom;
    }
    if (!trained && result.state === 'failed' && control.command !== 'stop') {
      fallbacks.push({ backend: rung, reason: `training failed on it: ${oneLine(result.message)}` });
      continue;
    }
    for (const e of held.splice(0)) report(job.runId, e);
    report(job.runId, { type: 'final', ...result });
    scope.postMessage({ type: 'done' });
    return;
  }
  scope.postMessage({ type: 'report', report: { runId: job.runId, unavailable: fallbacks as { backend: PageRung; reason: string }[] } });
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
    report(message.job.runId, { type: 'final', state: 'failed', message: `Training in this page failed: ${oneLine(error)}`, epochsCompleted: 0, history: [], seconds: 0 });
    scope.postMessage({ type: 'done' });
  });
};
