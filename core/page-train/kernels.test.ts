// The page's WebGPU refusals: a graph holding a block listed as computed wrongly is refused naming
// the block, in English and French; the catalogue's blocks are all trained on WebGPU by
// e2e/webgpu-blocks.spec.ts, which keeps this list true.
import { describe, expect, it } from 'vitest';
import type { Graph } from '../model/graph';
import { problem } from '../i18n/catalogue';
import { problemTexts } from '../i18n/translate';
import { webgpuGaps, webgpuRefusal } from './kernels';

const graph: Graph = {
  nodes: [
    { id: 'in', type: 'Input', params: { shape: [8, 8, 3] } },
    { id: 'sep', type: 'SeparableConv2D', params: { filters: 4, kernelSize: 3, strides: 2 } },
    { id: 'out', type: 'Dense', params: { units: 2, activation: 'softmax' } },
  ],
  edges: [
    { source: 'in', target: 'sep' },
    { source: 'sep', target: 'out' },
  ],
};

describe('refusing a graph on WebGPU', () => {
  it('names the block at fault and why, in English and French, only for the parameters listed', () => {
    const gaps = {
      SeparableConv2D: (p: Record<string, unknown>) => (p.strides === 2 ? problem('train:pageWebGpuBackend') : undefined),
    };
    const refusal = webgpuRefusal(graph, gaps);
    expect(refusal?.code).toBe('train:webgpuRefused');
    expect(refusal && problemTexts(refusal)).toEqual({
      en: 'the block "sep" (SeparableConv2D) would not train correctly on WebGPU: the TensorFlow.js WebGPU backend could not start on this adapter',
      fr: 'le bloc « sep » (SeparableConv2D) ne s’entraînerait pas correctement sur WebGPU : le backend WebGPU de TensorFlow.js n’a pas pu démarrer sur cet adaptateur',
    });
    const unstrided = { ...graph, nodes: graph.nodes.map((n) => (n.id === 'sep' ? { ...n, params: { ...n.params, strides: 1 } } : n)) };
    expect(webgpuRefusal(unstrided, gaps)).toBeUndefined();
  });

  it('refuses nothing of the catalogue today: every block trains on WebGPU as on WASM', () => {
    expect(Object.keys(webgpuGaps)).toEqual([]);
    expect(webgpuRefusal(graph)).toBeUndefined();
  });
});
