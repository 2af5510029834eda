// How each rung of the ladder is loaded. Every loader either activates its backend and says
// which device runs it, or throws an Error whose first line says what is missing.
import { execFile } from 'node:child_process';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import * as tfWasm from '@tensorflow/tfjs-backend-wasm';
import { problem } from '../../i18n/catalogue';
import { LocalizedError } from '../../model/localized';
import { registerWasmGradientKernels } from './wasm-gradients';

type Tf = typeof import('@tensorflow/tfjs');

export interface LoadedBackend {
  tf: Tf;
  device: string;
}

const require = createRequire(import.meta.url);

function cpuModel(): string {
  const cpus = os.cpus();
  const model = cpus[0]?.model.replace(/\s+/g, ' ').trim() || 'unknown CPU';
  return `${model}, ${cpus.length} ${cpus.length === 1 ? 'core' : 'cores'}`;
}

async function activate(instance: Tf, name: string): Promise<void> {
  // setBackend resolves to false (after logging) when the backend's initialisation fails.
  const ok = await instance.setBackend(name);
  if (!ok || instance.getBackend() !== name) throw new Error(`TensorFlow.js could not initialise its "${name}" backend`);
  await instance.ready();
}

let wasmPathsSet = false;

/** The directory holding the .wasm binaries, found from the installed package (works from any cwd). */
export function wasmBinaryDirectory(): string {
  return path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm')) + path.sep;
}

export async function loadWasm(): Promise<LoadedBackend> {
  if (!wasmPathsSet) {
    wasmPathsSet = true;
    try {
      tfWasm.setWasmPaths(wasmBinaryDirectory());
    } catch {
      // Already initialised elsewhere in this process: it found its binaries then.
    }
  }
  registerWasmGradientKernels(tf);
  await activate(tf, 'wasm');
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = tfWasm.getThreadsCount();
  return { tf, device: `CPU (WASM${simd ? ', SIMD' : ''}, ${threads} ${threads === 1 ? 'thread' : 'threads'}; ${cpuModel()})` };
}

export async function loadCpu(): Promise<LoadedBackend> {
  await activate(tf, 'cpu');
  return { tf, device: `CPU (pure JavaScript; ${cpuModel()})` };
}

function isMissingModule(error: unknown, packageName: string): boolean {
  const code = (error as { code?: string } | null)?.code;
  const message = error instanceof Error ? error.message : '';
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && message.includes(packageName);
}

async function importOptional(packageName: string): Promise<Tf> {
  // A variable specifier keeps TypeScript and bundlers from requiring the optional package.
  const specifier: string = packageName;
  let loaded: unknown;
  try {
    loaded = await import(specifier);
  } catch (error) {
    if (isMissingModule(error, packageName)) {
      throw notInstalled(packageName);
    }
    throw loadFailed(packageName, error);
  }
  const namespace = loaded as { default?: Tf } & Tf;
  return (typeof namespace.setBackend === 'function' ? namespace : namespace.default) as Tf;
}

/** A library's words without the paths of this computer: each absolute path (POSIX or Windows) becomes its file's name. */
export function withoutPaths(text: string): string {
  return text.replace(/(?<![\w:/.\\])(?:[A-Za-z]:)?[\\/](?:[^\s'"`()\\/]+[\\/])+([^\s'"`()\\/]+)/g, '$1');
}

/**
 * Why an installed package could not be loaded, in one short line that names no path of this
 * computer: its native binding missing (not built for this system), or the first line of what it
 * said, each path cut to its file's name. The whole error stays the cause, for the log.
 */
export function loadFailed(packageName: string, error: unknown): LocalizedError {
  const text = error instanceof Error ? error.message : String(error);
  const binding = /native addon module \(([^)\s]+)\) can not be found/i.exec(text);
  if (binding)
    return new LocalizedError(problem('train:backendBindingMissing', { package: packageName, file: binding[1] }), { cause: error });
  const why = withoutPaths((text.split('\n').find((line) => line.trim()) ?? text).trim()).slice(0, 200);
  return new LocalizedError(problem('train:backendLoadFailed', { package: packageName, why }), { cause: error });
}

function notInstalled(packageName: string): LocalizedError {
  return new LocalizedError(problem('train:backendNotInstalled', { package: packageName }));
}

async function gpuNames(): Promise<string[]> {
  try {
    const { stdout } = await promisify(execFile)('nvidia-smi', ['--query-gpu=name', '--format=csv,noheader'], { timeout: 5000 });
    return stdout
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean);
  } catch {
    return [];
  }
}

export async function loadNative(kind: 'gpu' | 'cpu'): Promise<LoadedBackend> {
  const packageName = kind === 'gpu' ? '@tensorflow/tfjs-node-gpu' : '@tensorflow/tfjs-node';
  try {
    require.resolve(packageName);
  } catch {
    throw notInstalled(packageName);
  }
  let gpus: string[] = [];
  if (kind === 'gpu') {
    gpus = await gpuNames();
    // Without a visible CUDA device libtensorflow silently computes on the CPU; say so instead.
    if (gpus.length === 0) throw new LocalizedError(problem('train:noCudaGpu', {}));
  }
  const native = await importOptional(packageName);
  // The native packages bring their own copy of TensorFlow.js; use the one where they registered.
  await activate(native, 'tensorflow');
  return {
    tf: native,
    device: kind === 'gpu' ? `GPU (${gpus.join(', ')}; CUDA via libtensorflow)` : `CPU (native libtensorflow; ${cpuModel()})`,
  };
}
