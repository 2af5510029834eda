// The training worker: runs one request and posts every event to the thread that started it.
import { parentPort, workerData } from 'node:worker_threads';
import { TrainingControl } from './control';
import type { TrainingEvent } from './events';
import { runTraining, type TrainingRequest } from './run';

export interface WorkerData {
  entry: string;
  request: TrainingRequest;
  control: SharedArrayBuffer;
}

const data = workerData as WorkerData;

function post(event: TrainingEvent): void {
  // Checkpoint buffers are moved, not copied.
  const weights =
    event.type === 'checkpoint' || event.type === 'final'
      ? [...(event.weights ?? []), ...(event.type === 'checkpoint' ? (event.optimizer ?? []) : [])]
      : [];
  const transfer = weights.map((w) => w.data);
  parentPort!.postMessage(event, transfer);
}

const result = await runTraining(data.request, post, new TrainingControl(data.control));
post({ type: 'final', ...result });
