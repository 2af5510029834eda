import type { EdgeChange, NodeChange } from '@xyflow/react';
import { createStore, type StoreApi } from 'zustand/vanilla';
import { analyzeGraph, type GraphAnalysis } from '../../../core/model/analyze';
import { getBlock } from '../../../core/model/blocks/index';
import type { Graph, GraphNode, NodeGroup } from '../../../core/model/graph';
import { PROJECT_FORMAT, PROJECT_VERSION, type DatasetRef, type Project } from '../../../core/model/project';
import { withValidLayerNames } from '../../../core/model/layer-names';
import { parseProject } from '../../../core/model/project-io';
import { copiesOf, copyOf, movedAlong, type Clip } from './clipboard';
import { checkConnection, type Refusal } from './connection-rules';
import { edgeId, emptyView, flowSelector, freshId, type BlockFlowNode, type EditorView, type ShapeFlowEdge, type Size } from './flow-graph';
import { emptyHistory, record, redo, undo, type History } from './history';

/**
 * One undo step: the graph (with layout) as it was before an edit. The graph is never edited in
 * place (every edit makes a new one, sharing what did not change), so a step keeps it as it is.
 */
interface Snapshot {
  graph: Graph;
  /** The project's name, which is edited (and undone) like the graph. */
  name?: string;
  /** Training settings and data set, kept only by the steps that replace them (restoring a run). */
  settings?: Pick<Project, 'training' | 'dataset'>;
  /** What the step did, in words, when its caller named it ("Add the VGG16 base"). */
  label?: string;
}

export type LayoutDirection = 'TB' | 'LR';

/** Everything of a project except its graph, which the editor keeps in `graph`. */
export type ProjectInfo = Omit<Project, 'graph'>;

export interface EditorState extends History<Snapshot> {
  project: ProjectInfo;
  /** Where the project is saved (given by the host), or undefined before its first save. */
  location?: string;
  /**
   * The domain graph being edited, the source of truth: blocks (type, params, position, base group),
   * connections and base groups. Never edited in place: every edit puts a new graph here.
   */
  graph: Graph;
  /** What is selected and the sizes React Flow measured: drawing only, never saved nor undone. */
  view: EditorView;
  /** React Flow's nodes, derived from `graph` and `view` (an unchanged block keeps its node); never set them. */
  nodes: BlockFlowNode[];
  /** React Flow's edges, derived from `graph` and `view`; never set them. */
  edges: ShapeFlowEdge[];
  /** The graph's base groups (pretrained networks), derived from `graph`. */
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
  /**
   * Puts another graph in place of the current one (a base inserted into the graph by the host):
   * one undo step named `label` when `undoable` (the default), otherwise the history starts again.
   * The blocks new to the graph become the selection (none with `select: false`: a base of
   * hundreds of blocks selected at once slows the canvas down). With `saved`, the project file already holds
   * the new graph: the editor reads as saved. A graph that is not one (no nodes list…) is refused
   * with the project reader's message, and the editor is left as it was.
   */
  applyGraph(graph: Graph, options?: { undoable?: boolean; label?: string; saved?: boolean; select?: boolean }): void;
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
  /** React Flow's node changes as edits of the graph (moves, removals) and of the view (selection, sizes). */
  onNodesChange(changes: NodeChange<BlockFlowNode>[]): void;
  /** React Flow's edge changes as edits of the graph (removals) and of the view (selection). */
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
}

/** What undo and redo would take back, when the step was named (see `applyGraph`). */
export function undoLabel(state: Pick<EditorState, 'past'>): string | undefined {
  return state.past.at(-1)?.label;
}

export function redoLabel(state: Pick<EditorState, 'future'>): string | undefined {
  return state.future.at(-1)?.label;
}

export function emptyProject(name: string): Project {
  return parseProject({ format: PROJECT_FORMAT, version: PROJECT_VERSION, name, graph: { nodes: [], edges: [] } });
}

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

const NO_GROUPS: NodeGroup[] = [];

/** Positions are kept in whole pixels, as they are saved. */
const rounded = (p: { x: number; y: number }) => ({ x: Math.round(p.x), y: Math.round(p.y) });

/** A block as the editor keeps it: every block has a place, its keys in one order (so that equal graphs write the same text). */
function blockOf(node: GraphNode): GraphNode {
  return {
    id: node.id,
    type: node.type,
    params: structuredClone(node.params ?? {}),
    position: rounded(node.position ?? { x: 0, y: 0 }),
    ...(node.group ? { group: node.group } : {}),
  };
}

/** A graph as the editor keeps it (a copy: the caller's graph is never shared). */
function editorGraph(graph: Graph): Graph {
  return tidy({
    nodes: graph.nodes.map(blockOf),
    edges: graph.edges.map((e) => ({ source: e.source, target: e.target })),
    groups: structuredClone(graph.groups ?? []),
  });
}

/** A base group whose blocks are all gone (deleted) goes with them; no `groups` at all when there are none. The same graph when nothing goes. */
function tidy(graph: Graph): Graph {
  if (!graph.groups) return graph;
  const used = new Set(graph.nodes.map((n) => n.group));
  const kept = graph.groups.filter((g) => used.has(g.id));
  if (kept.length === graph.groups.length && kept.length) return graph;
  const { groups: _groups, ...rest } = graph;
  return kept.length ? { ...rest, groups: kept } : rest;
}

/** The graph with some of its blocks changed by `edit` (undefined: unchanged); the others stay the same objects. */
function editNodes(graph: Graph, edit: (node: GraphNode) => GraphNode | undefined): Graph {
  let changed = false;
  const nodes = graph.nodes.map((n) => {
    const next = edit(n);
    if (!next || next === n) return n;
    changed = true;
    return next;
  });
  return changed ? { ...graph, nodes } : graph;
}

/** The graph with the blocks that equal the previous graph's taken from it, so that their React Flow nodes stay the same. */
function sharing(graph: Graph, previous: Graph): Graph {
  const before = new Map(previous.nodes.map((n) => [n.id, n]));
  return editNodes(graph, (n) => {
    const old = before.get(n.id);
    return old && JSON.stringify(old) === JSON.stringify(n) ? old : undefined;
  });
}

const sameSize = (a: Size | undefined, b: Size) => a?.width === b.width && a?.height === b.height;

export function createEditorStore(initial: Project = emptyProject('Untitled')): StoreApi<EditorState> {
  const flow = flowSelector();
  /** The graph with what is derived from it (React Flow's nodes and edges, the groups). */
  const derived = (graph: Graph, view: EditorView) => ({ graph, view, ...flow(graph, view), groups: graph.groups ?? NO_GROUPS });

  const store = createStore<EditorState>()((set, get) => {
    /** Analysed for training: with the loss, the data set's class count when it is known, and the machine's memory. */
    const analyse = (graph: Graph, project = get().project, memory = get()?.machineMemory) => {
      const classes = knownClassCount(project.dataset, get()?.knownClasses ?? {});
      return analyzeGraph(graph, {
        loss: project.training.loss,
        ...(classes !== undefined ? { classes } : {}),
        ...(memory ? { memory: { bytes: memory, training: project.training } } : {}),
      });
    };

    const isDirty = (graph: Graph, project: ProjectInfo) =>
      JSON.stringify(graph) !== get().savedGraphText || JSON.stringify(project) !== get().savedProjectText;

    const snapshot = (withSettings = false, label?: string): Snapshot => {
      const { graph, project } = get();
      const settings = withSettings ? { settings: structuredClone({ training: project.training, dataset: project.dataset }) } : {};
      return { graph, name: project.name, ...settings, ...(label ? { label } : {}) };
    };

    /** Records the current graph as an undo step, unless this edit continues a burst with the same key. */
    const remember = (coalesceKey?: string, withSettings = false, label?: string) => {
      set(record(get(), () => snapshot(withSettings, label), { key: coalesceKey }));
    };

    /** The project info with a snapshot's name and, when it has them, its settings and data set. */
    const infoFrom = (s: Pick<Snapshot, 'name' | 'settings'>): ProjectInfo => {
      const info = { ...get().project, name: s.name ?? get().project.name };
      if (!s.settings) return info;
      // Keys keep their order, so that undoing back to the saved state reads as saved again.
      info.training = structuredClone(s.settings.training);
      if (s.settings.dataset) info.dataset = structuredClone(s.settings.dataset);
      else delete info.dataset;
      return info;
    };

    /** The view without the selection of blocks and connections the graph no longer has (the same view when there are none). */
    const pruned = (view: EditorView, graph: Graph): EditorView => {
      const ids = new Set(graph.nodes.map((n) => n.id));
      const edgeIds = new Set(graph.edges.map((e) => edgeId(e.source, e.target)));
      const nodesGone = [...view.selectedNodes].some((id) => !ids.has(id));
      const edgesGone = [...view.selectedEdges].some((id) => !edgeIds.has(id));
      if (!nodesGone && !edgesGone) return view;
      return {
        ...view,
        selectedNodes: nodesGone ? new Set([...view.selectedNodes].filter((id) => ids.has(id))) : view.selectedNodes,
        selectedEdges: edgesGone ? new Set([...view.selectedEdges].filter((id) => edgeIds.has(id))) : view.selectedEdges,
      };
    };

    /** Puts an edited graph in place, and refreshes what is derived from it, the analysis and the dirty flag. */
    const commit = (next: Graph, extra: Partial<EditorState> = {}) => {
      const graph = tidy(next);
      const project = extra.project ?? get().project;
      const view = pruned(extra.view ?? get().view, graph);
      set({ ...extra, ...derived(graph, view), analysis: analyse(graph, project), dirty: isDirty(graph, project) });
    };

    const setView = (view: EditorView) => {
      if (view !== get().view) set(derived(get().graph, view));
    };

    const restore = (s: Snapshot) => {
      commit(s.graph, { lastEdit: undefined, project: infoFrom(s) });
    };

    const takenIds = () => new Set(get().graph.nodes.map((n) => n.id));
    const nodeOf = (id: string) => get().graph.nodes.find((n) => n.id === id);

    /** Deletes blocks (with their connections) and connections, as one undo step. */
    const remove = (nodeIds: ReadonlySet<string>, edgeIds: ReadonlySet<string>): boolean => {
      const { graph } = get();
      const doomedEdges = graph.edges.filter(
        (e) => edgeIds.has(edgeId(e.source, e.target)) || nodeIds.has(e.source) || nodeIds.has(e.target),
      );
      const doomed = graph.nodes.filter((n) => nodeIds.has(n.id));
      if (!doomed.length && !doomedEdges.length) return false;
      remember();
      commit({
        ...graph,
        nodes: graph.nodes.filter((n) => !nodeIds.has(n.id)),
        edges: graph.edges.filter((e) => !doomedEdges.includes(e)),
      });
      return true;
    };

    /** Adds copies of a clip's blocks (with fresh ids) and the edges between them; the copies become the selection. */
    const insertCopies = (clip: Clip): string[] => {
      if (!clip.nodes.length) return [];
      remember();
      const copies = copiesOf(clip, takenIds());
      const { graph, view } = get();
      const ids = copies.nodes.map((c) => c.id);
      commit(
        { ...graph, nodes: [...graph.nodes, ...copies.nodes.map(blockOf)], edges: [...graph.edges, ...copies.edges] },
        { view: { ...view, selectedNodes: new Set(ids), selectedEdges: new Set() } },
      );
      return ids;
    };

    const selection = (): Clip => {
      const { graph, view } = get();
      return copyOf(graph.nodes, graph.edges, view.selectedNodes);
    };

    const initialGraph = editorGraph(initial.graph);
    const initialInfo = infoOf(initial);

    return {
      project: initialInfo,
      location: undefined,
      ...derived(initialGraph, emptyView()),
      analysis: analyzeGraph(initialGraph, { loss: initial.training.loss }),
      ...emptyHistory<Snapshot>(),
      savedGraphText: JSON.stringify(initialGraph),
      savedProjectText: JSON.stringify(initialInfo),
      dirty: false,
      clipboard: null,
      direction: 'TB',
      dragging: false,
      knownClasses: {},

      setKnownClasses(key, classes) {
        if (get().knownClasses[key] === classes) return;
        set({ knownClasses: { ...get().knownClasses, [key]: classes } });
        set({ analysis: analyse(get().graph) });
      },

      loadProject(project, location) {
        // Ids that cannot name a layer (typed into a JSON file: "hidden 1", "couché1") are renamed
        // on opening, so that the project trains and exports; the renamed project is unsaved.
        const { graph: valid, renamed } = withValidLayerNames(project.graph);
        const graph = editorGraph(valid);
        const info = infoOf(project);
        set({
          project: info,
          location,
          ...derived(graph, emptyView()),
          analysis: analyse(graph, info),
          ...emptyHistory<Snapshot>(),
          savedGraphText: JSON.stringify(renamed.size ? editorGraph(project.graph) : graph),
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
        commit(sharing(editorGraph(graph), get().graph), {
          project: infoFrom({ settings: { training: parsed.training, dataset: parsed.dataset } }),
        });
      },

      applyGraph(replacement, options = {}) {
        const { undoable = true, label, saved = false, select = true } = options;
        // The project reader checks the graph (and says what is wrong with it) before anything changes.
        const parsed = parseProject({ ...get().toProject(), graph: replacement }).graph;
        const graph = sharing(editorGraph(withValidLayerNames(parsed).graph), get().graph);
        const before = takenIds();
        if (undoable) remember(undefined, false, label);
        else set(emptyHistory<Snapshot>());
        const added = graph.nodes.filter((n) => !before.has(n.id)).map((n) => n.id);
        commit(graph, { view: { ...get().view, selectedNodes: new Set(select ? added : []), selectedEdges: new Set() } });
        if (saved) get().markSaved();
      },

      setMachineMemory(bytes) {
        if (bytes === get().machineMemory) return;
        set({ machineMemory: bytes, analysis: analyse(get().graph, get().project, bytes) });
      },

      renameProject(name) {
        if (name === get().project.name) return;
        remember('rename');
        commit(get().graph, { project: { ...get().project, name } });
      },

      addBlock(type, options = {}) {
        if (!getBlock(type)) throw new Error(`Unknown block type "${type}".`);
        remember();
        const { graph, view, direction } = get();
        const id = freshId(type, takenIds());
        const from = options.connectFrom ? nodeOf(options.connectFrom) : undefined;
        const at = from?.position ?? { x: 0, y: 0 };
        const size = from ? view.measured[from.id] : undefined;
        const position =
          options.position ??
          (from
            ? direction === 'TB'
              ? { x: at.x, y: at.y + (size?.height ?? 90) + 60 }
              : { x: at.x + (size?.width ?? 220) + 80, y: at.y }
            : { x: 0, y: 0 });
        const node: GraphNode = { id, type, params: {}, position: rounded(position) };
        const nodes = [...graph.nodes, node];
        const edges =
          from && !checkConnection(nodes, graph.edges, from.id, id) ? [...graph.edges, { source: from.id, target: id }] : graph.edges;
        commit({ ...graph, nodes, edges }, { view: { ...view, selectedNodes: new Set([id]) } });
        return id;
      },

      connect(source, target) {
        const { graph } = get();
        const refusal = checkConnection(graph.nodes, graph.edges, source, target);
        if (refusal) return refusal;
        remember();
        commit({ ...graph, edges: [...graph.edges, { source, target }] });
        return undefined;
      },

      insertOnEdge(type, position, source, target) {
        if (!getBlock(type)) throw new Error(`Unknown block type "${type}".`);
        const { graph, view } = get();
        const id = freshId(type, takenIds());
        const nodes = [...graph.nodes, { id, type, params: {}, position: rounded(position) }];
        const without = graph.edges.filter((e) => !(e.source === source && e.target === target));
        const refusal =
          checkConnection(nodes, without, source, id) ?? checkConnection(nodes, [...without, { source, target: id }], id, target);
        remember();
        const edges = refusal ? graph.edges : [...without, { source, target: id }, { source: id, target }];
        commit({ ...graph, nodes, edges }, { view: { ...view, selectedNodes: new Set([id]) } });
        return { id, refusal };
      },

      reconnect(source, target, newSource, newTarget) {
        const { graph } = get();
        if (source === newSource && target === newTarget) return undefined;
        const without = graph.edges.filter((e) => !(e.source === source && e.target === target));
        const refusal = checkConnection(graph.nodes, without, newSource, newTarget);
        if (refusal) return refusal;
        remember();
        commit({ ...graph, edges: [...without, { source: newSource, target: newTarget }] });
        return undefined;
      },

      disconnect(source, target) {
        remove(new Set(), new Set([edgeId(source, target)]));
      },

      onNodesChange(changes) {
        // A removal (React Flow's delete key) deletes the blocks with their connections, as one undo step.
        const removed = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
        if (removed.size) remove(removed, new Set());

        const { view } = get();
        let selectedNodes = view.selectedNodes;
        let measured = view.measured;
        const placed = new Map<string, { x: number; y: number }>();
        let draggingNow = false;
        let dragEnded = false;
        for (const change of changes) {
          if (change.type === 'select') {
            if (selectedNodes.has(change.id) === change.selected) continue;
            const next = new Set(selectedNodes);
            if (change.selected) next.add(change.id);
            else next.delete(change.id);
            selectedNodes = next;
          } else if (change.type === 'dimensions' && change.dimensions) {
            if (!sameSize(measured[change.id], change.dimensions))
              measured = { ...measured, [change.id]: { width: change.dimensions.width, height: change.dimensions.height } };
          } else if (change.type === 'position') {
            if (change.dragging) draggingNow = true;
            else if (change.dragging === false && get().dragging) dragEnded = true;
            if (change.position) placed.set(change.id, rounded(change.position));
          }
        }
        const moved = editNodes(get().graph, (n) => {
          const p = placed.get(n.id);
          return p && (p.x !== n.position?.x || p.y !== n.position?.y) ? { ...n, position: p } : undefined;
        });
        if (draggingNow && !get().dragging) {
          remember();
          set({ dragging: true });
        } else if (moved !== get().graph && !draggingNow && !get().dragging) {
          // Keyboard moves (arrow keys) arrive without a drag: a burst of them is one step.
          remember('move');
        }
        const nextView = selectedNodes !== view.selectedNodes || measured !== view.measured ? { ...view, selectedNodes, measured } : view;
        // Positions never change the analysis; it is not redone while dragging.
        if (moved !== get().graph) set({ ...derived(moved, nextView), dirty: isDirty(moved, get().project) });
        else setView(nextView);
        if (dragEnded) set({ dragging: false });
      },

      onEdgesChange(changes) {
        const removed = new Set(changes.flatMap((c) => (c.type === 'remove' ? [c.id] : [])));
        if (removed.size) remove(new Set(), removed);
        const { view } = get();
        let selectedEdges = view.selectedEdges;
        for (const change of changes) {
          if (change.type !== 'select' || selectedEdges.has(change.id) === change.selected) continue;
          const next = new Set(selectedEdges);
          if (change.selected) next.add(change.id);
          else next.delete(change.id);
          selectedEdges = next;
        }
        if (selectedEdges !== view.selectedEdges) setView({ ...view, selectedEdges });
      },

      setParam(nodeId, name, value) {
        const node = nodeOf(nodeId);
        if (!node) return;
        if (JSON.stringify(node.params[name]) === JSON.stringify(value)) return;
        remember(`param:${nodeId}:${name}`);
        const params = { ...node.params, [name]: structuredClone(value) };
        commit(editNodes(get().graph, (n) => (n.id === nodeId ? { ...n, params } : undefined)));
      },

      resetParam(nodeId, name) {
        const node = nodeOf(nodeId);
        if (!node || !(name in node.params)) return;
        remember();
        const { [name]: _removed, ...params } = node.params;
        commit(editNodes(get().graph, (n) => (n.id === nodeId ? { ...n, params } : undefined)));
      },

      select(nodeIds) {
        const known = takenIds();
        setView({ ...get().view, selectedNodes: new Set(nodeIds.filter((id) => known.has(id))), selectedEdges: new Set() });
      },

      selectAll() {
        const { graph, view } = get();
        setView({
          ...view,
          selectedNodes: new Set(graph.nodes.map((n) => n.id)),
          selectedEdges: new Set(graph.edges.map((e) => edgeId(e.source, e.target))),
        });
      },

      deleteSelection() {
        const { graph, view } = get();
        const doomed = view.selectedNodes;
        // The block before the deleted ones (where the data came from), else the one after, else the nearest.
        const before = graph.edges.find((e) => doomed.has(e.target) && !doomed.has(e.source))?.source;
        const after = graph.edges.find((e) => doomed.has(e.source) && !doomed.has(e.target))?.target;
        const gone = graph.nodes.filter((n) => doomed.has(n.id));
        const kept = graph.nodes.filter((n) => !doomed.has(n.id));
        const at = (n: GraphNode) => n.position ?? { x: 0, y: 0 };
        const distance = (n: GraphNode) => Math.min(...gone.map((g) => Math.hypot(at(g).x - at(n).x, at(g).y - at(n).y)));
        const nearest = gone.length ? [...kept].sort((a, b) => distance(a) - distance(b))[0]?.id : undefined;
        if (!remove(doomed, view.selectedEdges)) return undefined;
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
        const back = undo(get(), (step) => snapshot(step.settings !== undefined, step.label));
        if (!back) return;
        set(back.history);
        restore(back.step);
      },

      redo() {
        const forth = redo(get(), (step) => snapshot(step.settings !== undefined, step.label));
        if (!forth) return;
        set(forth.history);
        restore(forth.step);
      },

      applyPositions(positions, direction) {
        remember();
        commit(
          editNodes(get().graph, (n) => (positions[n.id] ? { ...n, position: rounded(positions[n.id]) } : undefined)),
          direction ? { direction } : {},
        );
      },

      setGroupCollapsed(groupId, collapsed) {
        const { graph, direction, view } = get();
        const group = graph.groups?.find((g) => g.id === groupId);
        if (!group || Boolean(group.collapsed) === collapsed) return;
        remember();
        // The blocks after the base move up into the room its blocks leave (or down to make it again), so the graph stays compact.
        const members = graph.nodes.filter((n) => n.group === groupId);
        const axis = direction === 'TB' ? 'y' : 'x';
        const place = (n: GraphNode) => (n.position ?? { x: 0, y: 0 })[axis];
        const extent = (n: GraphNode) => (axis === 'y' ? (view.measured[n.id]?.height ?? 96) : (view.measured[n.id]?.width ?? 254));
        const start = Math.min(...members.map(place));
        const end = Math.max(...members.map((n) => place(n) + extent(n)));
        const baseExtent = axis === 'y' ? BASE_BLOCK_SIZE.height : BASE_BLOCK_SIZE.width;
        const gap = end - (start + baseExtent);
        const after = (n: GraphNode) => n.group !== groupId && place(n) >= (collapsed ? end : start + baseExtent) - 1;
        const moved =
          gap > 0
            ? editNodes(graph, (n) =>
                after(n) ? { ...n, position: rounded({ ...n.position!, [axis]: place(n) + (collapsed ? -gap : gap) }) } : undefined,
              )
            : graph;
        commit({ ...moved, groups: (graph.groups ?? []).map((g) => (g.id === groupId ? { ...g, collapsed } : g)) });
      },

      selectGroup(groupId) {
        get().select(
          get()
            .graph.nodes.filter((n) => n.group === groupId)
            .map((n) => n.id),
        );
      },

      setGroupTrainable(groupId, trainable) {
        const { graph } = get();
        const members = graph.nodes.filter((n) => n.group === groupId && hasTrainable(n.type));
        if (members.every((n) => (n.params.trainable !== false) === trainable)) return;
        remember();
        commit(editNodes(graph, (n) => (members.includes(n) ? { ...n, params: withTrainable(n.params, trainable) } : undefined)));
      },

      unfreezeLast(groupId, count) {
        const { graph, analysis } = get();
        const byId = new Map(graph.nodes.map((n) => [n.id, n]));
        const members = analysis.order.map((id) => byId.get(id)!).filter((n) => n && n.group === groupId && hasTrainable(n.type));
        const weighted = members.filter((n) => {
          const c = analysis.nodes[n.id]?.paramCount;
          return c !== undefined && c.trainable + c.nonTrainable > 0;
        });
        const unfrozen = new Set(weighted.slice(Math.max(0, weighted.length - Math.max(0, Math.floor(count)))).map((n) => n.id));
        const next = editNodes(graph, (n) => {
          if (!members.includes(n)) return undefined;
          const trainable = unfrozen.has(n.id);
          return (n.params.trainable !== false) === trainable ? undefined : { ...n, params: withTrainable(n.params, trainable) };
        });
        if (next === graph) return;
        remember();
        commit(next);
      },

      setDirection(direction) {
        set({ direction });
      },

      markSaved(location) {
        const { graph, project } = get();
        set({
          savedGraphText: JSON.stringify(graph),
          savedProjectText: JSON.stringify(project),
          dirty: false,
          location: location ?? get().location,
        });
      },

      toProject() {
        const { project, graph } = get();
        return { ...structuredClone(project), graph: structuredClone(graph) };
      },
    };
  });
  // The loss or the data set changed without an edit of the graph (the Train panel's settings): the analysis follows.
  store.subscribe((state, previous) => {
    if (state.project.training.loss === previous.project.training.loss && state.project.dataset === previous.project.dataset) return;
    const { project } = state;
    const classes = knownClassCount(project.dataset, state.knownClasses);
    store.setState({ analysis: analyzeGraph(state.graph, { loss: project.training.loss, ...(classes !== undefined ? { classes } : {}) }) });
  });
  return store;
}
