import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { problemText } from '../../i18n/translate';
import { BackendUnavailableError, backendLadder, isBackendName, selectBackend, type BackendName } from './index';
import { loadFailed, wasmBinaryDirectory, withoutPaths } from './loaders';

describe('selectBackend', () => {
  it('walks the ladder and explains, in one line each, why earlier rungs were skipped', async () => {
    const choice = await selectBackend();
    const rung = backendLadder.indexOf(choice.backend);
    expect(rung).toBeGreaterThanOrEqual(0);
    expect(choice.fallbacks.map((f) => f.backend)).toEqual(backendLadder.slice(0, rung));
    for (const fallback of choice.fallbacks) {
      expect(fallback.reason.code).toMatch(/^train:(backendNotInstalled|backendLoadFailed|backendBindingMissing|noCudaGpu)$/);
      const said = problemText(fallback.reason, 'en');
      expect(said.length).toBeGreaterThan(10);
      expect(said).not.toContain('\n');
      // No path of this computer in what the Train panel shows.
      expect(said).not.toMatch(/node_modules|[\\/]\S+[\\/]/);
      expect(said).not.toContain(process.cwd());
      // In French too, for the Train panel of a French class.
      expect(problemText(fallback.reason, 'fr')).toMatch(/n’est pas installé|n’a pas pu être chargé|partie native|aucun GPU CUDA/);
    }
    expect(choice.tf.getBackend()).toBe(choice.backend === 'tensorflow-gpu' ? 'tensorflow' : choice.backend);
    expect(choice.device.length).toBeGreaterThan(3);
  });

  it('says why an installed library could not load in one short line, without the paths of this computer', async () => {
    // What @tensorflow/tfjs-node says when its native part was not built for this system.
    const missing = new Error(
      'The Node.js native addon module (tfjs_binding.node) can not be found at path: /home/ada/course/node_modules/@tensorflow/tfjs-node/lib/napi-v8/tfjs_binding.node. \n' +
        "Please run command 'npm rebuild @tensorflow/tfjs-node --build-addon-from-source' to rebuild the native addon module.",
    );
    const error = loadFailed('@tensorflow/tfjs-node', missing);
    expect(error.problem?.code).toBe('train:backendBindingMissing');
    expect(error.message).toBe(
      '@tensorflow/tfjs-node is installed but its native part (tfjs_binding.node) is missing: it was not built for this computer (`npm rebuild @tensorflow/tfjs-node` builds it)',
    );
    expect(error.fr).toBe(
      '@tensorflow/tfjs-node est installé mais sa partie native (tfjs_binding.node) est absente : elle n’a pas été compilée pour cet ordinateur (`npm rebuild @tensorflow/tfjs-node` la compile)',
    );
    // The whole text stays with the error, for the log.
    expect(error.cause).toBe(missing);
    // Any other failure: its first line, each path cut to its file's name (POSIX and Windows).
    const other = loadFailed(
      '@tensorflow/tfjs-node-gpu',
      new Error('libcudnn.so.8: cannot open shared object file (needed by /opt/app/node_modules/x/lib/tfjs_binding.node)\nat dlopen'),
    );
    expect(other.message).toBe(
      '@tensorflow/tfjs-node-gpu is installed but failed to load: libcudnn.so.8: cannot open shared object file (needed by tfjs_binding.node)',
    );
    expect(withoutPaths('not found: C:\\Users\\ada\\node_modules\\b\\binding.node; see https://example.org/a/b')).toBe(
      'not found: binding.node; see https://example.org/a/b',
    );
    // The library installed here, when it cannot load, is said the same way.
    const real = await import('@tensorflow/tfjs-node' as string).then(
      () => undefined,
      (e: unknown) => e,
    );
    if (real) expect(loadFailed('@tensorflow/tfjs-node', real).message).not.toMatch(/node_modules|[\\/]\S+[\\/]/);
  });

  it('activates the WASM backend with its binaries and says whether SIMD is used', async () => {
    const choice = await selectBackend('wasm');
    expect(choice.backend).toBe('wasm');
    expect(choice.fallbacks).toEqual([]);
    expect(choice.tf.getBackend()).toBe('wasm');
    expect(choice.device).toMatch(/^CPU \(WASM(, SIMD)?, \d+ threads?; /);
    // It computes for real.
    const sum = choice.tf.tidy(
      () =>
        choice.tf
          .add(choice.tf.tensor1d([1, 2]), 3)
          .sum()
          .dataSync()[0],
    );
    expect(sum).toBe(9);
  });

  it('finds the .wasm binaries from the installed package, whatever the working directory', () => {
    const dir = wasmBinaryDirectory();
    expect(path.isAbsolute(dir)).toBe(true);
    for (const file of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) expect(existsSync(path.join(dir, file))).toBe(true);
  });

  it('can switch to the pure-JS backend and back', async () => {
    const cpu = await selectBackend('cpu');
    expect(cpu.tf.getBackend()).toBe('cpu');
    expect(cpu.device).toMatch(/pure JavaScript/);
    const wasm = await selectBackend('wasm');
    expect(wasm.tf.getBackend()).toBe('wasm');
  });

  it.each(['tensorflow', 'tensorflow-gpu'] as BackendName[])(
    'a forced native backend %s either loads or says what is missing',
    async (name) => {
      const result = await selectBackend(name).catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
      if (result instanceof Error) {
        expect(result).toBeInstanceOf(BackendUnavailableError);
        expect(result.message).toContain(`"${name}" backend was requested`);
        expect(result.message).toMatch(name === 'tensorflow' ? /@tensorflow\/tfjs-node\b/ : /tfjs-node-gpu|CUDA/);
      } else {
        expect(result.backend).toBe(name);
        expect(result.tf.getBackend()).toBe('tensorflow');
      }
    },
  );

  it('rejects an unknown backend name with the list of valid ones', async () => {
    expect(isBackendName('wasm')).toBe(true);
    expect(isBackendName('webgpu')).toBe(false);
    await expect(selectBackend('webgpu' as BackendName)).rejects.toThrow(/tensorflow-gpu, tensorflow, wasm, cpu/);
  });
});
