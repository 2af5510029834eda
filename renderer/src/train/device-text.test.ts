import { describe, expect, it } from 'vitest';
import { deviceText } from './device-text';

describe('where a run computes, in the interface language', () => {
  it('keeps the engines’ words in English', () => {
    const device = 'CPU (WASM, SIMD, 1 thread; Intel Xeon, 2 cores)';
    expect(deviceText(device, 'en')).toBe(device);
  });

  it('writes them in French, with singular and plural, keeping product names', () => {
    expect(deviceText('CPU (WASM, SIMD, 1 thread; Intel Xeon, 2 cores)', 'fr')).toBe('CPU (WASM, SIMD, 1 fil\u00a0; Intel Xeon, 2 cœurs)');
    expect(deviceText('CPU (pure JavaScript; unknown CPU, 1 core)', 'fr')).toBe('CPU (JavaScript pur\u00a0; processeur inconnu, 1 cœur)');
    expect(deviceText('CPU (native libtensorflow; AMD EPYC, 16 cores)', 'fr')).toBe('CPU (libtensorflow natif\u00a0; AMD EPYC, 16 cœurs)');
    expect(deviceText('GPU (NVIDIA H200; CUDA via libtensorflow)', 'fr')).toBe('GPU (NVIDIA H200\u00a0; CUDA par libtensorflow)');
    expect(deviceText('PyTorch 2.5.1 · CPU (4 threads) × 2 processes (DistributedDataParallel, gloo)', 'fr')).toBe(
      'PyTorch 2.5.1 · CPU (4 fils) × 2 processus (DistributedDataParallel, gloo)',
    );
    expect(deviceText('PyTorch 2.5.1 · CUDA NVIDIA H200 (140 GiB)', 'fr')).toBe('PyTorch 2.5.1 · CUDA NVIDIA H200 (140 Gio)');
    expect(deviceText('PyTorch 2.5.1 · Apple GPU (MPS)', 'fr')).toBe('PyTorch 2.5.1 · GPU Apple (MPS)');
  });
});
