import { problem } from '../../i18n/catalogue';
import { analyzeGraph, type GraphAnalysis } from '../analyze';
import type { ResolvedParams } from '../block';
import { getBlock } from '../blocks/index';
import type { Graph, Shape } from '../graph';
import { ExportError } from './export-error';

export { blockName, blockNameFr, ExportError } from './export-error';
export { samePadding } from '../blocks/shape-rules';

export interface PlanNode {
  id: string;
  type: string;
  params: ResolvedParams;
  /** Ids of the nodes feeding this one, in the order of the graph's edges. */
  inputs: string[];
  inputShapes: Shape[];
  outputShape: Shape;
  /** Augmentation: random while training, identity (or its inference form) at inference. */
  trainingOnly: boolean;
  trainable: boolean;
}

/** A valid graph in topological order, with every shape known: what all generators and exporters start from. */
export interface ModelPlan {
  nodes: PlanNode[];
  byId: ReadonlyMap<string, PlanNode>;
  inputs: string[];
  outputs: string[];
  /** One Input, one output, each block fed by the one before it: Keras's Sequential can express it. */
  isChain: boolean;
  analysis: GraphAnalysis;
}

/** Analyses the graph and refuses, naming the blocks at fault, when it is not a valid model. */
export function planGraph(graph: Graph, options: { loss?: string } = {}): ModelPlan {
  const analysis = analyzeGraph(graph, options);
  if (!analysis.valid) {
    const errors = analysis.errors.map((e) => ({ ...(e.nodeId !== undefined ? { nodeId: e.nodeId } : {}), problem: e.problem }));
    throw new ExportError(problem('graph:cannotExport', { errors }), analysis.errors[0]?.nodeId);
  }
  const incoming = new Map<string, string[]>(analysis.order.map((id) => [id, []]));
  const seen = new Set<string>();
  for (const edge of graph.edges) {
    const key = `${edge.source}\u0000${edge.target}`;
    if (seen.has(key) || edge.source === edge.target) continue;
    seen.add(key);
    incoming.get(edge.target)?.push(edge.source);
  }
  const nodes: PlanNode[] = analysis.order.map((id) => {
    const n = analysis.nodes[id];
    return {
      id,
      type: n.type,
      params: n.params,
      inputs: incoming.get(id) ?? [],
      inputShapes: n.inputShapes,
      outputShape: n.outputShape ?? [],
      trainingOnly: getBlock(n.type)?.trainingOnly === true,
      trainable: n.params.trainable !== false,
    };
  });
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const isChain =
    analysis.inputs.length === 1 &&
    analysis.outputs.length === 1 &&
    nodes.every((n, i) => (i === 0 ? n.type === 'Input' : n.inputs.length === 1 && n.inputs[0] === nodes[i - 1].id));
  return { nodes, byId, inputs: analysis.inputs, outputs: analysis.outputs, isChain, analysis };
}

/** Blocks that do nothing at inference: left out of inference-only exports. */
export function isIdentityAtInference(node: PlanNode): boolean {
  if (getBlock(node.type)?.identityAtInference) return true;
  if (!node.trainingOnly) return false;
  return sameShape(node.inputShapes[0], node.outputShape);
}

export function sameShape(a: Shape | undefined, b: Shape | undefined): boolean {
  return !!a && !!b && a.length === b.length && a.every((v, i) => v === b[i]);
}

/**
 * The graph as it runs at inference: Dropout and augmentation blocks that are identity are removed
 * and their consumers rewired to what fed them. Augmentation blocks with an inference form
 * (a crop that changes the size) stay, for each format to express or refuse.
 */
export function inferencePlan(plan: ModelPlan): ModelPlan {
  const alias = new Map<string, string>();
  const resolve = (id: string): string => {
    let current = id;
    while (alias.has(current)) current = alias.get(current)!;
    return current;
  };
  const nodes: PlanNode[] = [];
  for (const node of plan.nodes) {
    if (node.type !== 'Input' && isIdentityAtInference(node)) {
      alias.set(node.id, node.inputs[0]);
      continue;
    }
    nodes.push({ ...node, inputs: node.inputs.map(resolve) });
  }
  const outputs = plan.outputs.map(resolve);
  const byId = new Map(nodes.map((n) => [n.id, n]));
  const isChain =
    plan.inputs.length === 1 &&
    outputs.length === 1 &&
    nodes.every((n, i) => (i === 0 ? n.type === 'Input' : n.inputs.length === 1 && n.inputs[0] === nodes[i - 1].id));
  return { nodes, byId, inputs: plan.inputs, outputs, isChain, analysis: plan.analysis };
}
