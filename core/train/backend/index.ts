// The backend ladder: native GPU → native CPU → WASM → pure JavaScript.
// The native packages are optional dependencies. Each rung that cannot load (package missing,
// CUDA/cuDNN missing, ABI mismatch) is skipped with a one-line reason; only a backend the user
// forced and that cannot load is an error.
import { problem, type Problem } from '../../i18n/catalogue';
import { problemText } from '../../i18n/translate';
import { LocalizedError } from '../../model/localized';
import { loadCpu, loadNative, loadWasm, withoutPaths, type LoadedBackend } from './loaders';

export type Tf = typeof import('@tensorflow/tfjs');
export type BackendName = 'tensorflow-gpu' | 'tensorflow' | 'wasm' | 'cpu';

export interface BackendChoice {
  /** The TensorFlow.js instance whose active backend is `backend` (native packages bring their own). */
  tf: Tf;
  backend: BackendName;
  /** Human-readable description of where the numbers are computed. */
  device: string;
  /** Rungs tried before this one, with why each was skipped. */
  fallbacks: { backend: BackendName; reason: Problem }[];
}

/** From the fastest to the most portable. */
export const backendLadder: readonly BackendName[] = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'];

export function isBackendName(value: string): value is BackendName {
  return (backendLadder as readonly string[]).includes(value);
}

const loaders: Record<BackendName, () => Promise<LoadedBackend>> = {
  'tensorflow-gpu': () => loadNative('gpu'),
  tensorflow: () => loadNative('cpu'),
  wasm: loadWasm,
  cpu: loadCpu,
};

const descriptions: Record<BackendName, string> = {
  'tensorflow-gpu': 'the native GPU backend (@tensorflow/tfjs-node-gpu with CUDA)',
  tensorflow: 'the native CPU backend (@tensorflow/tfjs-node)',
  wasm: 'the WebAssembly backend (@tensorflow/tfjs-backend-wasm)',
  cpu: 'the pure JavaScript CPU backend',
};

export class BackendUnavailableError extends Error {
  constructor(
    readonly backend: BackendName,
    readonly reason: string,
  ) {
    super(`The "${backend}" backend was requested but ${descriptions[backend]} cannot be used: ${reason}`);
    this.name = 'BackendUnavailableError';
  }
}

function oneLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const first = text.split('\n').find((line) => line.trim() !== '') ?? 'unknown error';
  return first.trim().slice(0, 300);
}

/**
 * Activates a backend and returns the TensorFlow.js instance to use with it.
 * Without `requested`, walks the ladder and takes the first rung that loads.
 */
export async function selectBackend(requested?: BackendName): Promise<BackendChoice> {
  if (requested !== undefined) {
    if (!isBackendName(requested)) {
      throw new Error(`Unknown backend "${String(requested)}". Choose one of: ${backendLadder.join(', ')}.`);
    }
    try {
      const loaded = await loaders[requested]();
      return { ...loaded, backend: requested, fallbacks: [] };
    } catch (error) {
      throw new BackendUnavailableError(requested, withoutPaths(oneLine(error)));
    }
  }
  const fallbacks: BackendChoice['fallbacks'] = [];
  for (const backend of backendLadder) {
    try {
      const loaded = await loaders[backend]();
      return { ...loaded, backend, fallbacks };
    } catch (error) {
      // A loader's own problem (not installed, no GPU), or the first line of what the library said.
      const reason =
        error instanceof LocalizedError && error.problem ? error.problem : problem('train:backendFailed', { why: oneLine(error) });
      fallbacks.push({ backend, reason });
    }
  }
  throw new Error(`No TensorFlow.js backend could be loaded: ${fallbacks.map((f) => `${f.backend}: ${problemText(f.reason)}`).join('; ')}`);
}

export { registerWasmGradientKernels, addedWasmKernels } from './wasm-gradients';
