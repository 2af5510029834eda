import { inferencePlan, planGraph } from '../../model/codegen/plan';
import type { Project } from '../../model/project';
import type { BlockWeights } from '../weights';
import { buildOnnxModel } from './build';
import { encodeModel } from './protobuf';

export { OPSET } from './build';

/** The bytes of model.onnx for a project at inference, with the given weights. */
export function onnxExport(project: Project, weights: BlockWeights, producerVersion: string): Uint8Array {
  const plan = inferencePlan(planGraph(project.graph));
  return encodeModel(buildOnnxModel(plan, weights, { name: project.name, producerVersion, description: project.description }));
}
