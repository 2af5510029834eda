// Puts a pretrained network into a project as a frozen base: its blocks (without its Input, and
// without those after the block it is cut at) go right after the project's Input, as one group
// drawn as one block, with every weight kept under the blocks' new ids (the group's id, then
// their own). Browser-safe.
import { problem } from '../i18n/catalogue';
import { getBlock } from './blocks/index';
import type { Graph, GraphEdge, GraphNode, NodeGroup } from './graph';
import { LocalizedError } from './localized';
import type { Project } from './project';

export interface BaseNetwork<W extends { name: string }> {
  /** What the base is called on the canvas, e.g. "Digits 0–4". */
  name: string;
  /** Where it came from, in words: "run 3 of Digits 0–4", "resnet18.onnx". */
  source: string;
  graph: Graph;
  /** Its weights, named `block/weight` by its own block ids. */
  weights: readonly W[];
}

export interface InsertedBase<W> {
  project: Project;
  /** The base's weights, renamed to the blocks' ids in the project. */
  weights: W[];
  group: NodeGroup;
}

export class BaseError extends LocalizedError {}

function uniqueId(base: string, taken: (id: string) => boolean): string {
  if (!taken(base)) return base;
  for (let i = 2; ; i++) if (!taken(`${base}_${i}`)) return `${base}_${i}`;
}

/** The blocks `upTo` depends on, itself included. */
function ancestors(graph: Graph, upTo: string): Set<string> {
  const into = new Map<string, string[]>();
  for (const e of graph.edges) into.set(e.target, [...(into.get(e.target) ?? []), e.source]);
  const seen = new Set<string>([upTo]);
  const stack = [upTo];
  while (stack.length)
    for (const source of into.get(stack.pop()!) ?? []) {
      if (seen.has(source)) continue;
      seen.add(source);
      stack.push(source);
    }
  return seen;
}

/**
 * The project with `base` inserted after its Input as a frozen group (every block that has the
 * `trainable` parameter set to false), the Input's former connections leaving from the base's last
 * block. Without `upTo`, the whole network is kept and must end in one block.
 */
export function insertBase<W extends { name: string }>(
  project: Project,
  base: BaseNetwork<W>,
  options: { upTo?: string } = {},
): InsertedBase<W> {
  const baseInputs = base.graph.nodes.filter((n) => n.type === 'Input');
  if (baseInputs.length !== 1) throw new BaseError(problem('project:baseInputs', { name: base.name, count: baseInputs.length }));
  const baseInput = baseInputs[0].id;
  let kept: Set<string>;
  if (options.upTo !== undefined) {
    if (!base.graph.nodes.some((n) => n.id === options.upTo))
      throw new BaseError(problem('project:baseNoBlock', { name: base.name, block: options.upTo }));
    if (options.upTo === baseInput) throw new BaseError(problem('project:baseCutAtInput', {}));
    kept = ancestors(base.graph, options.upTo);
  } else kept = new Set(base.graph.nodes.map((n) => n.id));
  kept.delete(baseInput);
  const keptEdges = base.graph.edges.filter((e) => kept.has(e.target) && (kept.has(e.source) || e.source === baseInput));
  const sinks = [...kept].filter((id) => !keptEdges.some((e) => e.source === id));
  if (sinks.length !== 1) throw new BaseError(problem('project:baseEnds', { name: base.name, count: sinks.length, ends: sinks }));
  const last = sinks[0];

  const graph = project.graph;
  const inputs = graph.nodes.filter((n) => n.type === 'Input');
  if (inputs.length > 1) throw new BaseError(problem('project:projectInputs', { count: inputs.length }));
  const ids = new Set(graph.nodes.map((n) => n.id));
  const groups = graph.groups ?? [];
  // Block ids stay valid names for every exporter (Keras refuses "/" in a layer's name).
  const groupId = uniqueId(
    base.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '_')
      .replace(/^_+|_+$/g, '') || 'base',
    (id) => groups.some((g) => g.id === id) || [...kept].some((n) => ids.has(`${id}_${n}`)),
  );
  const rename = (id: string) => `${groupId}_${id}`;

  // A project without an Input takes the base's.
  const input: GraphNode = inputs[0] ?? { ...structuredClone(baseInputs[0]), id: uniqueId('input', (id) => ids.has(id)) };
  const origin = input.position ?? { x: 0, y: 0 };
  const baseOrigin = baseInputs[0].position ?? { x: 0, y: 0 };
  const nodes: GraphNode[] = base.graph.nodes
    .filter((n) => kept.has(n.id))
    .map((n) => {
      const frozen = getBlock(n.type)?.params.trainable !== undefined;
      const node: GraphNode = {
        id: rename(n.id),
        type: n.type,
        params: { ...structuredClone(n.params), ...(frozen ? { trainable: false } : {}) },
        group: groupId,
      };
      if (n.position) node.position = { x: origin.x + n.position.x - baseOrigin.x, y: origin.y + n.position.y - baseOrigin.y };
      return node;
    });
  const edges: GraphEdge[] = [
    ...graph.edges.map((e) => (e.source === input.id ? { source: rename(last), target: e.target } : e)),
    ...keptEdges.map((e) => ({ source: e.source === baseInput ? input.id : rename(e.source), target: rename(e.target) })),
  ];
  const group: NodeGroup = { id: groupId, name: base.name, source: base.source, collapsed: true };
  const weights = base.weights.flatMap((w) => {
    const cut = w.name.lastIndexOf('/');
    const block = w.name.slice(0, cut);
    return cut > 0 && kept.has(block) ? [{ ...w, name: `${rename(block)}/${w.name.slice(cut + 1)}` }] : [];
  });
  return {
    project: { ...project, graph: { nodes: [...(inputs[0] ? [] : [input]), ...graph.nodes, ...nodes], edges, groups: [...groups, group] } },
    weights,
    group,
  };
}
