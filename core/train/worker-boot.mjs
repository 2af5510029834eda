// Entry of the training worker thread. The engine is TypeScript, so the worker first registers
// tsx's loader (resolved from this file, whatever the current directory) and then imports it.
import { workerData } from 'node:worker_threads';
import { register } from 'tsx/esm/api';

register();
await import(workerData.entry);
