// "Use as a pretrained base": a recorded run's network, cut after a block, with the run's best
// weights, becomes a frozen base group of another project. Node side, with an open ProjectStore.
import { UserFacingError } from '../api/contract';
import { problem } from '../i18n/catalogue';
import { analyzeGraph } from '../model/analyze';
import { baseCutChoices, defaultBaseCut } from '../model/base-cut';
import type { Graph, GraphNode } from '../model/graph';
import { parseProject } from '../model/project-io';
import { PROJECT_FORMAT, PROJECT_VERSION, type Project } from '../model/project';
import type { NamedWeight, ProjectStore } from '../store/index';
import { checkedRunId } from './run-history';

/** A run's network as a base: its name, where it comes from (in words), its graph and its weights. */
export interface RecordedBase {
  name: string;
  /** The run it comes from, in the file it was recorded in. */
  runId: number;
  source: string;
  graph: Graph;
  weights: NamedWeight[];
  /** The block the base is cut after. */
  upTo: string;
  /** The run project's training settings and data set, for a new project. */
  project: Project;
}

/** The run's network and its best weights (the last ones when it kept no best), refusing a run that cannot be a base, with why. */
export function recordedBase(store: ProjectStore, runIdValue: number, upToValue?: string): RecordedBase {
  const runId = checkedRunId(runIdValue);
  const summary = store.listRuns().find((r) => r.id === runId);
  if (!summary) throw new UserFacingError(problem('store:baseRunMissing', { runId }), 'not-found');
  if (summary.status === 'running') throw new UserFacingError(problem('store:baseRunTraining', { runId }), 'busy');
  const run = store.getRun(runId);
  const which = run.best ? 'best' : run.last ? 'last' : undefined;
  if (!which) throw new UserFacingError(problem('store:baseNoWeights', { runId }), 'no-weights');
  const graph = run.project.graph;
  const choices = baseCutChoices(graph);
  const upTo = upToValue ?? defaultBaseCut(graph);
  if (upTo === undefined) throw new UserFacingError(problem('store:baseNoClassifier', { runId, choices }), 'bad-request');
  if (!choices.includes(upTo))
    throw new UserFacingError(
      problem('store:baseNoBlock', { runId, upTo, choices, ...(graph.nodes.some((n) => n.id === upTo) ? { context: 'input' } : {}) }),
      'bad-request',
    );
  const { weights } = store.loadCheckpoint(runId, which);
  return {
    name: run.project.name,
    runId,
    source: `run ${runId} of ${run.project.name}`,
    graph,
    weights,
    upTo,
    project: { ...run.project, training: run.training },
  };
}

const inputOf = (graph: Graph): GraphNode | undefined => graph.nodes.find((n) => n.type === 'Input');

/**
 * Refuses a target whose Input takes other data than the base was trained on: the base's weights
 * fit its own input shape only. A target without an Input gets the base's. `targetName` is the
 * name of the target project, undefined for a new one.
 */
export function targetForBase(target: Project, base: RecordedBase, targetName: string | undefined): Project {
  const baseInput = inputOf(base.graph);
  const shape = baseInput?.params.shape as number[] | undefined;
  const input = inputOf(target.graph);
  if (!input) {
    const node: GraphNode = {
      id: target.graph.nodes.some((n) => n.id === 'input') ? 'base_input' : 'input',
      type: 'Input',
      params: { shape: [...(shape ?? [])] },
      position: { x: 250, y: 40 },
    };
    return { ...target, graph: { ...target.graph, nodes: [node, ...target.graph.nodes] } };
  }
  const targetShape = analyzeGraph(target.graph).nodes[input.id]?.outputShape;
  if (shape && targetShape && JSON.stringify(shape) !== JSON.stringify(targetShape))
    throw new UserFacingError(
      problem('store:baseShape', {
        runId: base.runId,
        project: base.name,
        shape,
        input: input.id,
        targetShape,
        ...(targetName === undefined ? {} : { target: targetName, context: 'named' }),
      }),
      'bad-request',
    );
  return target;
}

/**
 * A new project for a base: an Input shaped like the base's, then (once the base is inserted after
 * it) a new classifier — Flatten when the base's output is not a vector, and a softmax Dense with as
 * many units as the run's model had classes — with the run's training settings and data set.
 */
export function newProjectForBase(base: RecordedBase, name: string | undefined): Project {
  const analysis = analyzeGraph(base.graph);
  const cutShape = analysis.nodes[base.upTo]?.outputShape ?? [];
  const outputs = analysis.outputs.map((id) => analysis.nodes[id]?.outputShape?.at(-1)).filter((n): n is number => typeof n === 'number');
  const units = outputs[0] ?? 2;
  const shape = inputOf(base.graph)?.params.shape ?? [];
  const nodes: GraphNode[] = [{ id: 'input', type: 'Input', params: { shape }, position: { x: 250, y: 40 } }];
  if (cutShape.length > 1) nodes.push({ id: 'flatten', type: 'Flatten', params: {}, position: { x: 250, y: 150 } });
  nodes.push({ id: 'classifier', type: 'Dense', params: { units, activation: 'softmax' }, position: { x: 250, y: 260 } });
  const edges = nodes.slice(1).map((n, i) => ({ source: nodes[i].id, target: n.id }));
  return parseProject({
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: name?.trim() || `${base.name} + base`,
    graph: { nodes, edges },
    ...(base.project.dataset ? { dataset: base.project.dataset } : {}),
    training: base.project.training,
  });
}

/** Room a block takes in the column, and a collapsed base block (which is taller). */
const BLOCK_STEP = 140;
const BASE_STEP = 210;
/** Room above a base's first block for the frame's title when it is expanded. */
const FRAME_ROOM = 50;

/**
 * The blocks in one column, in graph order, from the Input down: a collapsed base takes one slot
 * (its blocks stacked from there, shown when it is expanded, when the blocks after it move down).
 */
export function columnLayout(project: Project): Project {
  const { graph } = project;
  const { order } = analyzeGraph(graph);
  const collapsed = new Set((graph.groups ?? []).filter((g) => g.collapsed !== false).map((g) => g.id));
  const input = inputOf(graph);
  const x = input?.position?.x ?? 250;
  let y = input?.position?.y ?? 40;
  const next = new Map<string, number>();
  const positions = new Map<string, { x: number; y: number }>();
  for (const id of [...order, ...graph.nodes.map((n) => n.id).filter((n) => !order.includes(n))]) {
    const group = graph.nodes.find((n) => n.id === id)?.group;
    if (group && collapsed.has(group)) {
      if (!next.has(group)) {
        y += FRAME_ROOM;
        next.set(group, y);
        y += BASE_STEP;
      }
      positions.set(id, { x, y: next.get(group)! });
      next.set(group, next.get(group)! + BLOCK_STEP);
    } else {
      positions.set(id, { x, y });
      y += BLOCK_STEP;
    }
  }
  return { ...project, graph: { ...graph, nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })) } };
}
