// Blocks the page's WebGPU rung would compute wrongly: a graph holding one is refused before
// anything runs, with the block named, and the run goes on on the next rung (WebGL, then the host's
// WASM engine). A block whose kernel is merely missing needs no entry: TensorFlow.js throws before
// the first batch, and the page hands the run over with that error. e2e/webgpu-blocks.spec.ts trains
// every block of the catalogue for a step on WebGPU and compares it with WASM; with
// TensorFlow.js 4.22 on SwiftShader every block agrees (each weight's step within 1e-3, relative),
// so no block is refused today. Browser-safe.
import type { Graph } from '../model/graph';
import { problem, type Problem } from '../i18n/catalogue';

/** Why a block cannot train on WebGPU, for a block of that type with these parameters (undefined: it can). */
export type WebGpuGap = (params: Record<string, unknown>) => Problem | undefined;

/** The blocks known to train wrongly on WebGPU, by type: none with TensorFlow.js 4.22. */
export const webgpuGaps: Readonly<Record<string, WebGpuGap>> = {};

/** Why the page's WebGPU rung refuses this graph, naming the first block at fault; undefined when it trains it. */
export function webgpuRefusal(graph: Graph, gaps: Readonly<Record<string, WebGpuGap>> = webgpuGaps): Problem | undefined {
  for (const node of graph.nodes) {
    const why = gaps[node.type]?.(node.params ?? {});
    if (why) return problem('train:webgpuRefused', { id: node.id, type: node.type, why });
  }
  return undefined;
}
