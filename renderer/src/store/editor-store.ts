import { applyNodeChanges, type EdgeChange, type NodeChange } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { analyzeGraph, type GraphAnalysis } from '../../../core/model/analyze';
import { getBlock } from '../../../core/model/blocks/index';
import type { Graph, GraphEdge, GraphNode, NodeGroup } from '../../../core/model/graph';
import { PROJECT_FORMAT, PROJECT_VERSION, type DatasetRef, type Project } from '../../../core/model/project';
import { withValidLayerNames } from '../../../core/model/layer-names';
import { parseProject } from '../../../core/model/project-io';
import { copiesOf, copyOf, movedAlong, type Clip } from './clipboard';
import { checkConnection, type Refusal } from './connection-rules';
import { freshId, toFlowEdge, toFlowNode, toGraph, toGraphNode, type BlockFlowNode, type ShapeFlowEdge } from './flow-graph';
import { emptyHistory, record, redo, undo, type History } from './history';

/** One undo step: the whole graph (with layout) as it was before an edit. Graphs are small, so whole copies stay cheap. */
interface Snapshot {
  nodes: GraphNode[];
  edges: GraphEdge[];
  /** The project's name, which is edited (and undone) like the graph. */
  name?: string;
  /** The base groups (pretrained networks) of the graph, with whether each is drawn as one block. */
  groups?: NodeGroup[];
  /** Training settings and data set, kept only by the steps that replace them (restoring a run). */
  settings?: Pick<Project, 'training' | 'dataset'>;
}

export type LayoutDirection = 'TB' | 'LR';

/** Everything of a project except its graph, which lives in `nodes`/`edges` while editing. */
export type ProjectInfo = Omit<Project, 'graph'>;

export interface EditorState extends History<Snapshot> {
  project: ProjectInfo;
  /** Where the project is saved (given by the host), or undefined before its first save. */
  location?: string;
  nodes: BlockFlowNode[];
  edges: ShapeFlowEdge[];
  /** The base groups (pretrained networks): their blocks carry the group's id; the domain graph keeps them. */
  groups: NodeGroup[];
  analysis: GraphAnalysis;
  /** The graph as last saved, to tell whether there are unsaved changes. */
  savedGraphText: string;
  savedProjectText: string;
  dirty: boolean;
  /** The blocks copied last (see clipboard.ts). */
  clipboard: Clip | null;
  direction: LayoutDirection;
  /** True while a node is being dragged: the whole drag is one undo step. */
  dragging: boolean;
  /** Class counts of the data sets seen (built-in list, previews), by `datasetKey`: the analysis checks the output against them. */
  knownClasses: Record<string, number>;
  /** Records how many classes a data set has; the analysis follows when it is the project's. */
  setKnownClasses(key: string, classes: number): void;

  loadProject(project: Project, location?: string): void;
  newProject(name: string): void;
  /** Puts another graph with its training settings and data set in place of the current ones, as one undoable step (the name stays). */
  replaceGraphAndSettings(project: Project): void;
  renameProject(name: string): void;
  /** The memory of the computer that trains (from the host): the analysis then warns when training may not fit in it. */
  machineMemory?: number;
  setMachineMemory(bytes: number | undefined): void;
  addBlock(type: string, options?: { position?: { x: number; y: number }; connectFrom?: string }): string;
  connect(source: string, target: string): Refusal | undefined;
  /** Adds a block on the connection source → target, in its middle (source → new → target), as one undo step. */
  insertOnEdge(type: string, position: { x: number; y: number }, source: string, target: string): { id: string; refusal?: Refusal };
  /** Moves one end of the connection source → target (to newSource → newTarget), as one undo step. */
  reconnect(source: string, target: string, newSource: string, newTarget: string): Refusal | undefined;
  disconnect(source: string, target: string): void;
  onNodesChange(changes: NodeChange<BlockFlowNode>[]): void;
  onEdgesChange(changes: EdgeChange<ShapeFlowEdge>[]): void;
  setParam(nodeId: string, name: string, value: unknown): void;
  resetParam(nodeId: string, name: string): void;
  select(nodeIds: string[]): void;
  selectAll(): void;
  /** Deletes the selected blocks and connections; returns the block that should take focus next (a neighbour), if any. */
  deleteSelection(): string | undefined;
  copySelection(): number;
  paste(): string[];
  duplicateSelection(): string[];
  undo(): void;
  redo(): void;
  applyPositions(positions: Record<string, { x: number; y: number }>, direction?: LayoutDirection): void;
  /** Draws a base group as one block (collapsed) or as its blocks in a frame; one undo step. */
  setGroupCollapsed(groupId: string, collapsed: boolean): void;
  /** Selects every block of a base group (the base block on the canvas). */
  selectGroup(groupId: string): void;
  /** Sets `trainable` on every block of a base group that has the parameter; one undo step. */
  setGroupTrainable(groupId: string, trainable: boolean): void;
  /** Fine-tuning: the last `count` blocks with weights of a base group (in graph order) become trainable, the others frozen; one undo step. */
  unfreezeLast(groupId: string, count: number): void;
  setDirection(direction: LayoutDirection): void;
  markSaved(location?: string): void;
  toProject(): Project;
  graph(): Graph;
}

export function emptyProject(name: string): Project {
  return parseProject({ format: PROJECT_FORMAT, version: PROJECT_VERSION, name, graph: { nodes: [], edges: [] } });
}

const graphText = (nodes: readonly BlockFlowNode[], edges: readonly ShapeFlowEdge[], groups: readonly NodeGroup[] = []) => JSON.stringify(toGraph(nodes, edges, groups));

/** About the size of a base block on the canvas: the room a collapsed base takes. */
export const BASE_BLOCK_SIZE = { width: 300, height: 150 };

/** Whether a block type has the `trainable` parameter (weights or not, every block but Input has it). */
const hasTrainable = (type: string) => Boolean(getBlock(type)?.params.trainable);

/** A block's params with `trainable` set: false is written, true (the default) is left out. */
function withTrainable(params: Record<string, unknown>, trainable: boolean): Record<string, unknown> {
  const { trainable: _old, ...rest } = params;
  return trainable ? rest : { ...rest, trainable: false };
}

/** Where a data set's class count is filed: built-in sets by name, files by their path as the project names them. */
export function datasetKey(ref: DatasetRef): string {
  if (ref.kind === 'builtin') return ref.classes ? `builtin:${ref.name}:${ref.classes.join(',')}` : `builtin:${ref.name}`;
  return ref.kind === 'csv' ? `csv:${ref.path}:${ref.labelColumn ?? ''}` : `${ref.kind}:${ref.path}`;
}

/** The class count of a data set when it is known: a built-in set's class filter says it, otherwise the sets seen so far. */
export function knownClassCount(ref: DatasetRef | undefined, known: Record<string, number>): number | undefined {
  if (!ref) return undefined;
  if (ref.kind === 'builtin' && ref.classes) return ref.classes.length;
  return known[datasetKey(ref)];
}

function infoOf(project: Project): ProjectInfo {
  const { graph: _graph, ...info } = project;
  return structuredClone(info);
}

export function createEditorStore(initial: Project = emptyProject('Untitled')): StoreApi<EditorState> {
  const store = createStore<EditorState>()((set, get) => {
    /** Analysed for training: with the loss, the data set's class count when it is known, and the machine's memory. */
    const analyse = (nodes: readonly BlockFlowNode[], edges: readonly ShapeFlowEdge[], project = get().project, memory = get()?.machineMemory) => {
      const classes = knownClassCount(project.dataset, get()?.knownClasses ?? {});
      return analyzeGraph(toGraph(nodes, edges), {
        loss: project.training.loss,
        ...(classes !== undefined ? { classes } : {}),
        ...(memory ? { memory: { bytes: memory, training: project.training } } : {}),
      });
    };

    const snapshot = (withSettings = false): Snapshot => {
      const { nodes, edges, project, groups } = get();
      const settings = withSettings ? { settings: structuredClone({ training: project.training, dataset: project.dataset }) } : {};
      return { nodes: nodes.map(toGraphNode), edges: edges.map((e) => ({ source: e.source, target: e.target })), name: project.name, groups: structuredClone(groups), ...settings };
    };

    /** Records the current graph as an undo step, unless this edit continues a burst with the same key. */
    const remember = (coalesceKey?: string, withSettings = false) => {
      set(record(get(), () => snapshot(withSettings), { key: coalesceKey }));
    };

    /** The project info with a snapshot's name and, when it has them, its settings and data set. */
    const infoFrom = (s: Snapshot): ProjectInfo => {
      const info = { ...get().project, name: s.name ?? get().project.name };
      if (!s.settings) return info;
      // Keys keep their order, so that undoing back to the saved state reads as saved again.
      info.training = structuredClone(s.settings.training);
      if (s.settings.dataset) info.dataset = structuredClone(s.settings.dataset);
      else delete info.dataset;
      return info;
    };

    /** Replaces the graph and refreshes analysis and the dirty flag. */
    const commit = (nodes: BlockFlowNode[], edges: ShapeFlowEdge[], extra: Partial<EditorState> = {}) => {
      const project = extra.project ?? get().project;
      // A base group whose blocks are all gone (deleted) goes with them.
      const used = new Set(nodes.map((n) => n.data.group));
      const groups = (extra.groups ?? get().groups).filter((g) => used.has(g.id));
      set({
        nodes,
        edges,
        analysis: analyse(nodes, edges, project),
        dirty: graphText(nodes, edges, groups) !== get().savedGraphText || JSON.stringify(project) !== get().savedProjectText,
        ...extra,
        groups,
        ...extra,
      });
    };

    const restore = (s: Snapshot) => {
      const selected = new Set(get().nodes.filter((n) => n.selected).map((n) => n.id));
      commit(
        s.nodes.map((n) => toFlowNode(n, selected.has(n.id))),
        s.edges.map((e) => toFlowEdge(e)),
        { lastEdit: undefined, project: infoFrom(s), groups: structuredClone(s.groups ?? []) },
      );
    };

    const takenIds = () => new Set(get().nodes.map((n) => n.id));

    /** Adds copies of a clip's blocks (with fresh ids) and the edges between them; the copies become the selection. */
    const insertCopies = (clip: Clip): string[] => {
      if (!clip.nodes.length) return [];
      remember();
      const copies = copiesOf(clip, takenIds());
      const { nodes: current, edges: currentEdges } = get();
      commit(
        [...current.map((n) => (n.selected ? { ...n, selected: false } : n)), ...copies.nodes.map((n) => toFlowNode(n, true))],
        [...currentEdges.map((e) => (e.selected ? { ...e, selected: false } : e)), ...copies.edges.map((e) => toFlowEdge(e))],
      );
      return copies.nodes.map((c) => c.id);
    };

    const selection = (): Clip => {
      const { nodes, edges } = get();
      const selected = nodes.filter((n) => n.selected);
      return copyOf(selected.map(toGraphNode), edges, new Set(selected.map((n) => n.id)));
    };

    const initialNodes = initial.graph.nodes.map((n) => toFlowNode(n));
    const initialEdges = initial.graph.edges.map((e) => toFlowEdge(e));
    const initialInfo = infoOf(initial);
    const initialGroups = structuredClone(initial.graph.groups ?? []);

    return {
      project: initialInfo,
      location: undefined,
      nodes: initialNodes,
      edges: initialEdges,
      groups: initialGroups,
      analysis: analyzeGraph(initial.graph, { loss: initial.training.loss }),
      ...emptyHistory<Snapshot>(),
      savedGraphText: graphText(initialNodes, initialEdges, initialGroups),
      savedProjectText: JSON.stringify(initialInfo),
      dirty: false,
      clipboard: null,
      direction: 'TB',
      dragging: false,
      knownClasses: {},

      setKnownClasses(key, classes) {
        if (get().knownClasses[key] === classes) return;
        set({ knownClasses: { ...get().knownClasses, [key]: classes } });
        set({ analysis: analyse(get().nodes, get().edges) });
      },

      loadProject(project, location) {
        // Ids that cannot name a layer (typed into a JSON file: "hidden 1", "couché1") are renamed
        // on opening, so that the project trains and exports; the renamed project is unsaved.
        const { graph, renamed } = withValidLayerNames(project.graph);
        const nodes = graph.nodes.map((n) => toFlowNode(n));
        const edges = graph.edges.map((e) => toFlowEdge(e));
        const info = infoOf(project);
        const groups = structuredClone(graph.groups ?? []);
        set({
          project: info,
          location,
          nodes,
          edges,
          groups,
          analysis: analyse(nodes, edges, info),
          ...emptyHistory<Snapshot>(),
          savedGraphText: renamed.size ? graphText(project.graph.nodes.map((n) => toFlowNode(n)), project.graph.edges.map((e) => toFlowEdge(e)), groups) : graphText(nodes, edges, groups),
          savedProjectText: JSON.stringify(info),
          dirty: renamed.size > 0,
        });
      },

      newProject(name) {
        get().loadProject(emptyProject(name));
      },

      replaceGraphAndSettings(replacement) {
        const parsed = parseProject(replacement);
        remember(undefined, true);
        const { graph } = withValidLayerNames(parsed.graph);
        const nodes = graph.nodes.map((n) => toFlowNode(n));
        const edges = graph.edges.map((e) => toFlowEdge(e));
        commit(nodes, edges, { project: infoFrom({ nodes: [], edges: [], settings: { training: parsed.training, dataset: parsed.dataset } }), groups: structuredClone(graph.groups ?? []) });
      },

      setMachineMemory(bytes) {
        if (bytes === get().machineMemory) return;
        set({ machineMemory: bytes, analysis: analyse(get().nodes, get().edges, get().project, bytes) });
      },

      renameProject(name) {
        if (name === get().project.name) return;
        remember('rename');
        const project = { ...get().project, name };
        commit(get().nodes, get().edges, { project });
      },

      addBlock(type, options = {}) {
        if (!getBlock(type)) throw new Error(`Unknown block type "${type}".`);
        remember();
        const { nodes, edges } = get();
        const id = freshId(type, takenIds());
        const from = options.connectFrom ? nodes.find((n) => n.id === options.connectFrom) : undefined;
        const position =
          options.position ??
          (from
            ? get().direction === 'TB'
              ? { x: from.position.x, y: from.position.y + (from.measured?.height ?? 90) + 60 }
              : { x: from.position.x + (from.measured?.width ?? 220) + 80, y: from.position.y }
            : { x: 0, y: 0 });
        const node = toFlowNode({ id, type, params: {}, position }, true);
        let newEdges = edges;
        if (from) {
          const graphNodes = [...nodes.map(toGraphNode), toGraphNode(node)];
          if (!checkConnection(graphNodes, edges, from.id, id)) newEdges = [...edges, toFlowEdge({ source: from.id, target: id })];
        }
        commit([...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], newEdges);
        return id;
      },

      connect(source, target) {
        const { nodes, edges } = get();
        const refusal = checkConnection(nodes.map(toGraphNode), edges, source, target);
        if (refusal) return refusal;
        remember();
        commit(nodes, [...edges, toFlowEdge({ source, target })]);
        return undefined;
      },

      insertOnEdge(type, position, source, target) {
        if (!getBlock(type)) throw new Error(`Unknown block type "${type}".`);
        const { nodes, edges } = get();
        const id = freshId(type, takenIds());
        const node = toFlowNode({ id, type, params: {}, position }, true);
        const graphNodes = [...nodes.map(toGraphNode), toGraphNode(node)];
        const without = edges.filter((e) => !(e.source === source && e.target === target));
        const refusal = checkConnection(graphNodes, without, source, id) ?? checkConnection(graphNodes, [...without, toFlowEdge({ source, target: id })], id, target);
        remember();
        const kept = refusal ? edges : [...without, toFlowEdge({ source, target: id }), toFlowEdge({ source: id, target })];
        commit([...nodes.map((n) => (n.selected ? { ...n, selected: false } : n)), node], kept);
        return { id, refusal };
      },

      reconnect(source, target, newSource, newTarget) {
        const { nodes, edges } = get();
        if (source === newSource && target === newTarget) return undefined;
        const without = edges.filter((e) => !(e.source === source && e.target === target));
        const refusal = checkConnection(nodes.map(toGraphNode), without, newSource, newTarget);
        if (refusal) return refusal;
        remember();
        commit(nodes, [...without, toFlowEdge({ source: newSource, target: newTarget })]);
        return undefined;
      },

      disconnect(source, target) {
        const { nodes, edges } = get();
        if (!edges.some((e) => e.source === source && e.target === target)) return;
        remember();
        commit(nodes, edges.filter((e) => !(e.source === source && e.target === target)));
      },

      onNodesChange(changes) {
        // Removal goes through deleteSelection so that it is one undo step with its edges.
        const kept = changes.filter((c) => c.type !== 'remove' && c.type !== 'add' && c.type !== 'replace');
        if (!kept.length) return;
        const moves = kept.filter((c) => c.type === 'position');
        const draggingNow = moves.some((c) => c.type === 'position' && c.dragging);
        const dragEnded = moves.some((c) => c.type === 'position' && c.dragging === false) && get().dragging;
        if (draggingNow && !get().dragging) {
          remember();
          set({ dragging: true });
        } else if (moves.length && !draggingNow && !get().dragging && moves.some((c) => c.type === 'position' && c.position)) {
          // Keyboard moves (arrow keys) arrive without a drag: a burst of them is one step.
          remember('move');
        }
        const nodes = applyNodeChanges(kept, get().nodes);
        if (moves.length) {
          // Positions never change the analysis; skip it while dragging.
          set({ nodes, dirty: graphText(nodes, get().edges) !== get().savedGraphText || get().dirty });
          if (dragEnded) set({ dragging: false });
        } else {
          set({ nodes });
        }
      },

      onEdgesChange(changes) {
        let edges = get().edges;
        let changed = false;
        for (const change of changes) {
          if (change.type !== 'select') continue;
          edges = edges.map((e) => (e.id === change.id ? { ...e, selected: change.selected } : e));
          changed = true;
        }
        if (changed) set({ edges });
      },

      setParam(nodeId, name, value) {
        const { nodes, edges } = get();
        const node = nodes.find((n) => n.id === nodeId);
        if (!node) return;
        if (JSON.stringify(node.data.params[name]) === JSON.stringify(value)) return;
        remember(`param:${nodeId}:${name}`);
        const params = { ...node.data.params, [name]: structuredClone(value) };
        commit(
          nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, params } } : n)),
          edges,
        );
      },

      resetParam(nodeId, name) {
        const { nodes, edges } = get();
        const node = nodes.find((n) => n.id === nodeId);
        if (!node || !(name in node.data.params)) return;
        remember();
        const { [name]: _removed, ...params } = node.data.params;
        commit(
          nodes.map((n) => (n.id === nodeId ? { ...n, data: { ...n.data, params } } : n)),
          edges,
        );
      },

      select(nodeIds) {
        const ids = new Set(nodeIds);
        set((s) => ({
          nodes: s.nodes.map((n) => (Boolean(n.selected) === ids.has(n.id) ? n : { ...n, selected: ids.has(n.id) })),
          edges: s.edges.map((e) => (e.selected ? { ...e, selected: false } : e)),
        }));
      },

      selectAll() {
        set((s) => ({ nodes: s.nodes.map((n) => (n.selected ? n : { ...n, selected: true })), edges: s.edges.map((e) => (e.selected ? e : { ...e, selected: true })) }));
      },

      deleteSelection() {
        const { nodes, edges } = get();
        const doomed = new Set(nodes.filter((n) => n.selected).map((n) => n.id));
        const doomedEdges = edges.filter((e) => e.selected || doomed.has(e.source) || doomed.has(e.target));
        if (!doomed.size && !doomedEdges.length) return undefined;
        // The block before the deleted ones (where the data came from), else the one after, else the nearest.
        const before = edges.find((e) => doomed.has(e.target) && !doomed.has(e.source))?.source;
        const after = edges.find((e) => doomed.has(e.source) && !doomed.has(e.target))?.target;
        const gone = nodes.filter((n) => doomed.has(n.id));
        const kept = nodes.filter((n) => !doomed.has(n.id));
        const distance = (n: BlockFlowNode) => Math.min(...gone.map((g) => Math.hypot(g.position.x - n.position.x, g.position.y - n.position.y)));
        const nearest = gone.length ? [...kept].sort((a, b) => distance(a) - distance(b))[0]?.id : undefined;
        remember();
        commit(kept, edges.filter((e) => !doomedEdges.includes(e)));
        return before ?? after ?? nearest;
      },

      copySelection() {
        const copied = selection();
        if (copied.nodes.length) set({ clipboard: copied });
        return copied.nodes.length;
      },

      paste() {
        const { clipboard } = get();
        if (!clipboard) return [];
        const ids = insertCopies(clipboard);
        // Pasting again places the next copies further along, not on top of these.
        set({ clipboard: movedAlong(clipboard) });
        return ids;
      },

      duplicateSelection() {
        return insertCopies(selection());
      },

      // A step that replaced the settings (restoring a run) takes them back with the graph, both ways.
      undo() {
        const back = undo(get(), (step) => snapshot(step.settings !== undefined));
        if (!back) return;
        set(back.history);
        restore(back.step);
      },

      redo() {
        const forth = redo(get(), (step) => snapshot(step.settings !== undefined));
        if (!forth) return;
        set(forth.history);
        restore(forth.step);
      },

      applyPositions(positions, direction) {
        remember();
        commit(
          get().nodes.map((n) => (positions[n.id] ? { ...n, position: positions[n.id] } : n)),
          get().edges,
          direction ? { direction } : {},
        );
      },

      setGroupCollapsed(groupId, collapsed) {
        const group = get().groups.find((g) => g.id === groupId);
        if (!group || Boolean(group.collapsed) === collapsed) return;
        remember();
        // The blocks after the base move up into the room its blocks leave (or down to make it again), so the graph stays compact.
        const { nodes, direction } = get();
        const members = nodes.filter((n) => n.data.group === groupId);
        const axis = direction === 'TB' ? 'y' : 'x';
        const extent = (n: BlockFlowNode) => (axis === 'y' ? (n.measured?.height ?? 96) : (n.measured?.width ?? 254));
        const start = Math.min(...members.map((n) => n.position[axis]));
        const end = Math.max(...members.map((n) => n.position[axis] + extent(n)));
        const gap = end - (start + (axis === 'y' ? BASE_BLOCK_SIZE.height : BASE_BLOCK_SIZE.width));
        const after = (n: BlockFlowNode) => n.data.group !== groupId && n.position[axis] >= (collapsed ? end : start + (axis === 'y' ? BASE_BLOCK_SIZE.height : BASE_BLOCK_SIZE.width)) - 1;
        const moved = gap > 0 ? nodes.map((n) => (after(n) ? { ...n, position: { ...n.position, [axis]: n.position[axis] + (collapsed ? -gap : gap) } } : n)) : nodes;
        commit(moved, get().edges, { groups: get().groups.map((g) => (g.id === groupId ? { ...g, collapsed } : g)) });
      },

      selectGroup(groupId) {
        get().select(get().nodes.filter((n) => n.data.group === groupId).map((n) => n.id));
      },

      setGroupTrainable(groupId, trainable) {
        const { nodes, edges } = get();
        const members = nodes.filter((n) => n.data.group === groupId && hasTrainable(n.data.blockType));
        if (members.every((n) => (n.data.params.trainable !== false) === trainable)) return;
        remember();
        commit(
          nodes.map((n) => (members.includes(n) ? { ...n, data: { ...n.data, params: withTrainable(n.data.params, trainable) } } : n)),
          edges,
        );
      },

      unfreezeLast(groupId, count) {
        const { nodes, edges, analysis } = get();
        const byId = new Map(nodes.map((n) => [n.id, n]));
        const members = analysis.order.map((id) => byId.get(id)!).filter((n) => n && n.data.group === groupId && hasTrainable(n.data.blockType));
        const weighted = members.filter((n) => {
          const c = analysis.nodes[n.id]?.paramCount;
          return c !== undefined && c.trainable + c.nonTrainable > 0;
        });
        const unfrozen = new Set(weighted.slice(Math.max(0, weighted.length - Math.max(0, Math.floor(count)))).map((n) => n.id));
        const next = nodes.map((n) => {
          if (!members.includes(n)) return n;
          const trainable = unfrozen.has(n.id);
          return (n.data.params.trainable !== false) === trainable ? n : { ...n, data: { ...n.data, params: withTrainable(n.data.params, trainable) } };
        });
        if (next.every((n, i) => n === nodes[i])) return;
        remember();
        commit(next, edges);
      },

      setDirection(direction) {
        set({ direction });
      },

      markSaved(location) {
        const { nodes, edges, project, groups } = get();
        set({ savedGraphText: graphText(nodes, edges, groups), savedProjectText: JSON.stringify(project), dirty: false, location: location ?? get().location });
      },

      toProject() {
        const { project, nodes, edges, groups } = get();
        return { ...structuredClone(project), graph: toGraph(nodes, edges, groups) };
      },

      graph() {
        return toGraph(get().nodes, get().edges, get().groups);
      },
    };
  });
  // The loss or the data set changed without an edit of the graph (the Train panel's settings): the analysis follows.
  store.subscribe((state, previous) => {
    if (state.project.training.loss === previous.project.training.loss && state.project.dataset === previous.project.dataset) return;
    const { project } = state;
    const classes = knownClassCount(project.dataset, state.knownClasses);
    store.setState({ analysis: analyzeGraph(toGraph(state.nodes, state.edges), { loss: project.training.loss, ...(classes !== undefined ? { classes } : {}) }) });
  });
  return store;
}
