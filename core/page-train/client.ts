// The page's side of the GPU engine, for the renderer: takes the run the host prepared, fetches
// its data in parts, trains it in a Web Worker (./worker) and sends every event back to the host;
// the host's pause, resume and stop reach the worker. The page only draws meanwhile.
import type { NeuroblocksApi, PageTrainingReport } from '../api/contract';
import type { Problem } from '../i18n/catalogue';
import { adapterName, pageReasons, type FromWorker, type GpuNavigator, type PageRung, type ToWorker } from './protocol';

export type { PageRung } from './protocol';

/** What this page offers for training on its GPU, before any run: the WebGPU adapter by name, or why there is none (in English and French). */
export async function describePageGpu(): Promise<{ webgpu?: string; reason?: Problem }> {
  const gpu = (navigator as unknown as GpuNavigator).gpu;
  if (!gpu) return pageReasons.noWebGpu();
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return pageReasons.noAdapter();
    return { webgpu: adapterName(adapter.info ?? (await adapter.requestAdapterInfo?.())) };
  } catch (error) {
    return pageReasons.error(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Trains the run the host is waiting to have trained here, to its end. `skip` leaves rungs out (to
 * check that the next one takes over). Resolves once the run's last event has reached the host.
 */
export async function trainInPage(api: NeuroblocksApi, options: { skip?: PageRung[] } = {}): Promise<void> {
  let worker: Worker | undefined;
  let lastCommand: ToWorker | undefined;
  // Listening first: the host hears when this page goes away, and no command is missed.
  const stopListening = api.onPageTrainingCommand((command) => {
    lastCommand = { type: 'command', command: command.command };
    worker?.postMessage(lastCommand);
  });
  let sent: Promise<unknown> = Promise.resolve();
  const send = (report: PageTrainingReport) => {
    sent = sent.then(() => api.reportPageTraining(report)).catch(() => undefined);
    return sent;
  };
  try {
    const job = await api.pageTrainingJob();
    const parts: string[] = [];
    for (let part = 0; part < job.parts; part++) parts.push((await api.pageTrainingData(job.sessionId, part)).base64);
    await new Promise<void>((resolve) => {
      try {
        worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'neuroblocks-training' });
      } catch (error) {
        void send({
          sessionId: job.sessionId,
          unavailable: [{ backend: 'webgpu', ...pageReasons.workerNotStarted(error instanceof Error ? error.message : String(error)) }],
        }).then(() => resolve());
        return;
      }
      worker.onmessage = (event: MessageEvent<FromWorker>) => {
        const message = event.data;
        if (message.type === 'report') void send(message.report);
        else void sent.then(() => resolve());
      };
      worker.onerror = (event) => {
        event.preventDefault();
        void send({ sessionId: job.sessionId, unavailable: [{ backend: 'webgpu', ...pageReasons.workerFailed(event.message) }] }).then(() =>
          resolve(),
        );
      };
      const start: ToWorker = { type: 'start', job, parts, ...(options.skip?.length ? { skip: options.skip } : {}) };
      worker.postMessage(start);
      if (lastCommand) worker.postMessage(lastCommand);
    });
  } finally {
    worker?.terminate();
    stopListening();
  }
}
