import { pytorchModule, type PyTorchModule } from '../model/codegen/pytorch';
import type { Project } from '../model/project';
import { encodeNpz, type NpyArray } from './npz';
import { toTargetLayout } from '../model/weight-layout';
import { blockWeight, type BlockWeights } from './weights';

export interface PyTorchExport {
  module: PyTorchModule;
  /** model.py */
  code: string;
  /** weights.npz: the module's state dict, already in PyTorch's layouts. */
  weights: Uint8Array;
}

/** model.py and weights.npz for a project, from weights grouped by block. */
export function pytorchExport(project: Project, weights: BlockWeights): PyTorchExport {
  const module = pytorchModule(project.graph, { name: project.name, description: project.description });
  const arrays: Record<string, NpyArray> = {};
  for (const entry of module.state) {
    arrays[entry.key] = toTargetLayout(blockWeight(weights, entry.nodeId, entry.weight), entry.layout);
  }
  for (const key of module.counters) arrays[key] = { shape: [], data: new BigInt64Array([0n]) };
  return { module, code: module.code, weights: encodeNpz(arrays) };
}
