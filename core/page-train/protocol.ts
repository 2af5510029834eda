// Messages between the page (./client) and its training worker (./worker), and the base64 the
// API carries binary data in. Browser-safe: no Node built-ins.
import type { PageTrainingJob, PageTrainingReport, WireWeight } from '../api/contract';
import type { Dataset } from '../data/types';
import { problem, type Problem } from '../i18n/catalogue';
import { LocalizedError } from '../model/localized';

/** The GPU rungs of the page, fastest first. */
export type PageRung = 'webgpu' | 'webgl';
export const pageRungs: readonly PageRung[] = ['webgpu', 'webgl'];

export type ToWorker =
  /** `parts`: the run's data in base64, as the host sent them; `skip`: rungs not to try (a check that the next one takes over). */
  { type: 'start'; job: PageTrainingJob; parts: string[]; skip?: PageRung[] } | { type: 'command'; command: 'pause' | 'resume' | 'stop' };

export type FromWorker =
  /** A report ready to send to the host (weights already in base64). */
  | { type: 'report'; report: PageTrainingReport }
  /** The worker is done: the run's final event was among its reports, or no rung worked. */
  | { type: 'done' };

const CHUNK = 0x8000;

export function bytesToBase64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += CHUNK) text += String.fromCharCode(...bytes.subarray(i, i + CHUNK));
  return btoa(text);
}

export function base64ToBytes(base64: string): Uint8Array {
  const text = atob(base64);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

/** Weights as the training loop holds them (ArrayBuffers), from the API's base64. */
export function fromWire(
  weights: readonly WireWeight[],
): { name: string; shape: number[]; dtype: 'float32' | 'int32'; data: ArrayBuffer }[] {
  return weights.map((w) => ({ name: w.name, shape: w.shape, dtype: w.dtype, data: base64ToBytes(w.base64).buffer as ArrayBuffer }));
}

export function toWire(weights: readonly { name: string; shape: number[]; dtype: 'float32' | 'int32'; data: ArrayBuffer }[]): WireWeight[] {
  return weights.map((w) => ({ name: w.name, shape: w.shape, dtype: w.dtype, base64: bytesToBase64(new Uint8Array(w.data)) }));
}

/** Why a rung of the page was skipped: a problem of core's catalogue (the Train panel says it in the class's language). */
export interface PageReason {
  reason: Problem;
}

/** The page's reasons. */
export const pageReasons = {
  noWebGpu: (): PageReason => ({ reason: problem('train:pageNoWebGpu', {}) }),
  noAdapter: (): PageReason => ({ reason: problem('train:pageNoAdapter', {}) }),
  webGpuBackend: (): PageReason => ({ reason: problem('train:pageWebGpuBackend', {}) }),
  noWebGl: (): PageReason => ({ reason: problem('train:pageNoWebGl', {}) }),
  leftOut: (): PageReason => ({ reason: problem('train:pageLeftOut', {}) }),
  /** An error of the browser or of TensorFlow.js, whose own words are English. */
  error: (message: string): PageReason => ({ reason: problem('train:pageBrowserSaid', { message }) }),
  /** A run that failed on the rung before its first batch, with the problem it ended with. */
  trainingFailed: (why: Problem): PageReason => ({
    reason: problem('train:pageTrainingFailed', { why }),
  }),
  workerNotStarted: (message: string): PageReason => ({ reason: problem('train:pageWorkerNotStarted', { message }) }),
  workerFailed: (message?: string): PageReason => ({
    reason: message ? problem('train:pageWorkerFailed', { message }) : problem('train:pageWorkerNotLoaded', {}),
  }),
};

/** An error carrying its reason (its problem), thrown where a rung cannot be used. */
export class PageRungError extends LocalizedError {
  constructor(why: PageReason) {
    super(why.reason);
  }
}

/** What WebGPU's adapter says of itself (GPUAdapterInfo). */
export interface AdapterInfo {
  vendor?: string;
  architecture?: string;
  device?: string;
  description?: string;
}
export interface GpuNavigator {
  gpu?: {
    requestAdapter(options?: {
      powerPreference?: string;
    }): Promise<{ info?: AdapterInfo; requestAdapterInfo?(): Promise<AdapterInfo> } | null>;
  };
}

/** The adapter's name for people: its description, else vendor and architecture. */
export function adapterName(info: AdapterInfo | undefined): string {
  if (!info) return 'unnamed GPU';
  const parts = [info.description, [info.vendor, info.architecture, info.device].filter(Boolean).join(' ')].filter((p) => p && p.trim());
  return parts.length ? [...new Set(parts)].join(' · ') : 'unnamed GPU';
}

/** The run's data set from the parts the host sent: training values and labels, then test values and labels. */
export function datasetFromParts(job: PageTrainingJob, parts: readonly string[]): Dataset {
  return jobFromParts(job, parts).dataset;
}

/** The run's data set and the pretrained weights that follow it, from the parts of its data. */
export function jobFromParts(
  job: PageTrainingJob,
  parts: readonly string[],
): { dataset: Dataset; pretrained: { name: string; shape: number[]; data: Float32Array }[] } {
  const bytes = new Uint8Array(job.bytes);
  let offset = 0;
  for (const part of parts) {
    const chunk = base64ToBytes(part);
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  if (offset !== job.bytes) throw new Error(`the run's data are incomplete: ${offset} of ${job.bytes} bytes arrived`);
  const size = job.dataset.inputShape.reduce((a, b) => a * b, 1);
  const take = (count: number, start: number) => ({
    x: new Float32Array(bytes.buffer, start, count * size),
    y: new Int32Array(bytes.buffer, start + count * size * 4, count),
    count,
  });
  const dataset = {
    name: job.dataset.name,
    inputShape: job.dataset.inputShape,
    classNames: job.dataset.classNames,
    skipped: job.dataset.skipped,
    train: take(job.dataset.trainCount, 0),
    test: take(job.dataset.testCount, job.dataset.trainCount * (size + 1) * 4),
  };
  const pretrained = (job.pretrained ?? []).map((w) => {
    const count = w.shape.reduce((a, b) => a * b, 1);
    if (w.offset % 4 !== 0 || w.offset + count * 4 > job.bytes)
      throw new Error(`the pretrained weight ${w.name} lies outside the run's data`);
    return { name: w.name, shape: w.shape, data: new Float32Array(bytes.buffer, w.offset, count) };
  });
  return { dataset, pretrained };
}
