import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { engineOfBackend, engineTitle, type PythonEngineInfo } from '../../../core/api/contract';
import { addInterfaceFormatters } from '../ui/formatters';
import { interfaceCatalogue } from '../i18n/resources';
import { deviceChoices } from './EngineChoice';
import { engineOptions } from './training-store';

/** The interface's messages in a language, with its formats (a GPU's memory is a `figure`). */
async function translator(lng: 'en' | 'fr') {
  const i18n = i18next.createInstance();
  await i18n.init({ resources: interfaceCatalogue, lng, interpolation: { escapeValue: false } });
  addInterfaceFormatters(i18n);
  return i18n.t.bind(i18n) as (key: string, options?: Record<string, unknown>) => string;
}

const server: PythonEngineInfo = {
  available: true,
  python: '/usr/bin/python3',
  torchVersion: '2.5.1',
  devices: [
    { kind: 'cuda', name: 'NVIDIA H100 80GB HBM3', memoryBytes: 85_520_809_984 },
    { kind: 'cuda', name: 'NVIDIA A100-SXM4-40GB', memoryBytes: 42_949_672_960 },
    { kind: 'cpu', name: 'CPU', threads: 32 },
  ],
};

describe('the engine choice', () => {
  it('offers automatic, each GPU by number, name and memory, and the CPU with its threads, in English and French', async () => {
    expect(deviceChoices(server, await translator('en'))).toEqual([
      { value: 'auto', label: 'Automatic (best found)' },
      { value: 'cuda:0', label: 'GPU 0: NVIDIA H100 80GB HBM3, 79.6 GB' },
      { value: 'cuda:1', label: 'GPU 1: NVIDIA A100-SXM4-40GB, 40 GB' },
      { value: 'cpu', label: 'CPU (32 threads)' },
    ]);
    expect(deviceChoices(server, await translator('fr')).map((c) => c.label)).toEqual([
      'Automatique (le meilleur trouvé)',
      'GPU 0 : NVIDIA H100 80GB HBM3, 79,6 Go',
      'GPU 1 : NVIDIA A100-SXM4-40GB, 40 Go',
      'CPU (32 fils)',
    ]);
  });

  it('calls a single GPU cuda, names Apple GPUs, and always offers the CPU', async () => {
    const t = await translator('en');
    const laptop: PythonEngineInfo = { available: true, torchVersion: '2.4.0', devices: [{ kind: 'mps', name: 'Apple GPU (MPS)' }] };
    expect(deviceChoices(laptop, t)).toEqual([
      { value: 'auto', label: 'Automatic (best found)' },
      { value: 'mps', label: 'Apple GPU (MPS)' },
      { value: 'cpu', label: 'CPU' },
    ]);
    const oneGpu: PythonEngineInfo = {
      available: true,
      devices: [
        { kind: 'cuda', name: 'RTX 4090' },
        { kind: 'cpu', name: 'CPU', threads: 1 },
      ],
    };
    expect(deviceChoices(oneGpu, t).slice(1)).toEqual([
      { value: 'cuda', label: 'GPU 0: RTX 4090' },
      { value: 'cpu', label: 'CPU (1 thread)' },
    ]);
  });

  it('asks for PyTorch with its device and processes, and for nothing more with the built-in engine', () => {
    expect(engineOptions({ name: 'tfjs', device: 'cuda', nproc: 4 })).toEqual({});
    expect(engineOptions({ name: 'pytorch', device: 'auto', nproc: 1 })).toEqual({ engine: 'pytorch', device: 'auto' });
    expect(engineOptions({ name: 'pytorch', device: 'cpu', nproc: 2 })).toEqual({ engine: 'pytorch', device: 'cpu', nproc: 2 });
  });

  it('starts a run on this computer’s GPU with the page engine, whose runs are recorded as webgpu or webgl and shown as such', async () => {
    expect(engineOptions({ name: 'page', device: 'cuda:1', nproc: 4 })).toEqual({ engine: 'page' });
    expect(['webgpu', 'webgl', 'wasm', 'pytorch'].map(engineOfBackend)).toEqual(['page', 'page', 'tfjs', 'pytorch']);
    expect(engineTitle.page).toBe('TensorFlow.js (GPU)');
    expect((await translator('en'))('ui-train:engine.pageGpu', { name: 'Apple M2' })).toBe(
      'GPU: Apple M2 (WebGPU). Training runs in this window: keep it open.',
    );
    expect((await translator('fr'))('ui-train:engine.pageNoGpu', { reason: 'pas d’adaptateur' })).toBe(
      'Pas de WebGPU ici (pas d’adaptateur) : l’entraînement essaiera WebGL, puis le moteur intégré.',
    );
  });
});
