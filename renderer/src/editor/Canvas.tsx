import {
  Background,
  ControlButton,
  Controls,
  MiniMap,
  ReactFlow,
  useNodesInitialized,
  useReactFlow,
  useStore,
  useUpdateNodeInternals,
  type Connection,
  type Edge,
  type FinalConnectionState,
  type IsValidConnection,
  type NodeChange,
  type Viewport,
} from '@xyflow/react';
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type RefObject } from 'react';
import { getBlock } from '../../../core/model/blocks/index';
import { useTranslation } from 'react-i18next';
import { displayGraph, domainEnd, groupOfNodeId, type CanvasNode } from '../store/base-display';
import { checkConnection } from '../store/connection-rules';
import type { BlockFlowNode, ShapeFlowEdge } from '../store/flow-graph';
import { editorStore, uiStore, useEditor } from '../store/index';
import { addBlockNearSelection, connectBlocks, insertBlockOnEdge, refusalText, rewire } from './actions';
import { BaseFrame, BaseNode } from './BaseNode';
import { BlockNode } from './BlockNode';
import { BLOCK_MIME } from './Palette';
import { dropTargetStore, panelsStore, usePanels } from './panels';
import { ShapeEdge } from './ShapeEdge';
import { useReadableFit } from './use-fit';
import { keepGraphInView, minimapCorner } from '../ui/view';

// Defined once, outside components, as React Flow requires for stable renders.
const nodeTypes = { block: BlockNode, base: BaseNode, baseFrame: BaseFrame };
const edgeTypes = { shape: ShapeEdge };

/** A connection's ends as the domain graph knows them (a base block stands for its first or last block). */
function domainConnection(source: string, target: string): { source: string; target: string } {
  const { nodes, edges } = editorStore.getState();
  return { source: domainEnd(source, 'source', nodes, edges), target: domainEnd(target, 'target', nodes, edges) };
}

const isValidConnection: IsValidConnection<ShapeFlowEdge> = (connection) => {
  const { graph } = editorStore.getState();
  const ends = domainConnection(connection.source, connection.target);
  return !checkConnection(graph.nodes, graph.edges, ends.source, ends.target);
};

/**
 * Changes React Flow reports on the drawn nodes, as changes of the store's blocks: selecting or
 * moving a base block selects or moves its blocks; its measured size goes to the store's view as it is.
 */
function blockChanges(changes: NodeChange<CanvasNode>[], shown: readonly CanvasNode[]): NodeChange<BlockFlowNode>[] {
  const out: NodeChange<BlockFlowNode>[] = [];
  const nodes = editorStore.getState().nodes;
  for (const change of changes) {
    const group = 'id' in change ? groupOfNodeId(change.id) : undefined;
    if (!group) {
      out.push(change as NodeChange<BlockFlowNode>);
      continue;
    }
    const members = nodes.filter((n) => n.data.group === group);
    if (change.type === 'select') {
      for (const m of members) out.push({ type: 'select', id: m.id, selected: change.selected });
    } else if (change.type === 'position') {
      const from = shown.find((n) => n.id === change.id)?.position;
      const dx = change.position && from ? change.position.x - from.x : 0;
      const dy = change.position && from ? change.position.y - from.y : 0;
      for (const m of members)
        out.push({ type: 'position', id: m.id, position: { x: m.position.x + dx, y: m.position.y + dy }, dragging: change.dragging });
    } else if (change.type === 'dimensions') {
      out.push(change as NodeChange<BlockFlowNode>);
    }
  }
  return out;
}

/** The overview map draws blocks in their category's colour (as on the canvas), never in the error colour. */
const CATEGORY_COLOURS: Record<string, string> = {
  Input: '#00796b',
  Convolution: '#3949ab',
  Pooling: '#6a1b9a',
  Core: '#37474f',
  Regularisation: '#ad1457',
  Augmentation: '#bf360c',
  Merge: '#2e7d32',
};

export function miniMapColor(node: CanvasNode): string {
  if (node.type === 'base') return CATEGORY_COLOURS.Core;
  if (node.type === 'baseFrame') return 'transparent';
  return CATEGORY_COLOURS[getBlock((node as BlockFlowNode).data.blockType)?.category ?? ''] ?? '#5c6bc0';
}

const MINIMAP_SIZE = { width: 200, height: 150 };

/**
 * Frames an opened graph once its blocks are measured: the whole graph when it fits at a readable
 * zoom, otherwise its beginning at a readable zoom. An empty canvas keeps its view, so that the
 * first drop does not move it.
 */
function useOpeningView() {
  const initialized = useNodesInitialized();
  const fit = useReadableFit();
  const done = useRef(editorStore.getState().nodes.length === 0);
  useEffect(() => {
    if (!initialized || done.current) return;
    done.current = true;
    fit(0);
  }, [initialized, fit]);
}

/**
 * When the layout's direction changes, every block's handles move (top/bottom ↔ left/right): React
 * Flow measures them again, all in one update. (A block mounted is measured by React Flow itself;
 * one update per block, each redrawing every connection, froze the page on a base of 150 blocks.)
 */
function useHandlesFollowDirection(nodes: RefObject<readonly CanvasNode[]>) {
  const direction = useEditor((s) => s.direction);
  const updateNodeInternals = useUpdateNodeInternals();
  const drawnFor = useRef(direction);
  useEffect(() => {
    if (drawnFor.current === direction) return;
    drawnFor.current = direction;
    updateNodeInternals(nodes.current.map((n) => n.id));
  }, [direction, nodes, updateNodeInternals]);
}

/**
 * Where the overview map goes: a corner of the canvas where it covers no block; when every corner
 * would, it fades and lets the pointer through (to the blocks, and to drops) until the view changes.
 */
function useMinimapPlace(container: RefObject<HTMLDivElement | null>): {
  corner: 'bottom-right' | 'top-right' | 'bottom-left' | 'top-left';
  clear: boolean;
} {
  const [x, y, zoom] = useStore((s) => s.transform);
  const width = useStore((s) => s.width);
  const height = useStore((s) => s.height);
  const nodes = useEditor((s) => s.nodes);
  return useMemo(() => {
    const blocks = nodes.map((n) => ({
      x: x + n.position.x * zoom,
      y: y + n.position.y * zoom,
      width: (n.measured?.width ?? 250) * zoom,
      height: (n.measured?.height ?? 100) * zoom,
    }));
    const corner = container.current || width ? minimapCorner(blocks, { width, height }, MINIMAP_SIZE) : 'bottom-right';
    return { corner: corner ?? 'bottom-right', clear: corner !== undefined };
  }, [nodes, x, y, zoom, width, height, container]);
}

/** The connection drawn (or labelled) under a screen point, where a dropped block is inserted. */
function connectionAt(clientX: number, clientY: number): ShapeFlowEdge | undefined {
  for (const element of document.elementsFromPoint(clientX, clientY)) {
    if (element.closest('.react-flow__node')) return undefined;
    const id =
      element.closest<HTMLElement | SVGElement>('.react-flow__edge')?.dataset.id ??
      element.closest<HTMLElement>('[data-edge-id]')?.dataset.edgeId;
    if (id) return editorStore.getState().edges.find((e) => e.id === id);
  }
  return undefined;
}

export function Canvas() {
  const { t } = useTranslation();
  const storeNodes = useEditor((s) => s.nodes);
  const storeEdges = useEditor((s) => s.edges);
  const groups = useEditor((s) => s.groups);
  const onStoreNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  // Base blocks are drawn, not stored in the graph: React Flow's measure of them is in the view.
  const measured = useEditor((s) => s.view.measured);
  const { nodes, edges } = useMemo(
    () => displayGraph(storeNodes, storeEdges, groups, measured),
    [storeNodes, storeEdges, groups, measured],
  );
  // The nodes drawn, for the callbacks: they stay the same functions (React Flow takes a new one as a change of its own state).
  const drawn = useRef(nodes);
  drawn.current = nodes;
  useHandlesFollowDirection(drawn);
  const onNodesChange = useCallback(
    (changes: NodeChange<CanvasNode>[]) => {
      const forBlocks = blockChanges(changes, drawn.current);
      if (forBlocks.length) onStoreNodesChange(forBlocks);
    },
    [onStoreNodesChange],
  );
  const { screenToFlowPosition, getNodesBounds, setViewport } = useReactFlow<CanvasNode, ShapeFlowEdge>();
  const container = useRef<HTMLDivElement>(null);
  useOpeningView();
  const fit = useReadableFit();
  const showMinimap = usePanels((s) => s.minimap);
  const minimap = useMinimapPlace(container);
  const connecting = useStore((s) => s.connection.inProgress);
  const draggingBlock = useEditor((s) => s.dragging);
  const [dropping, setDropping] = useState(false);
  const dragging = connecting || draggingBlock || dropping;

  // Near the canvas's edge a drag pans the view; never so far that the graph leaves it.
  const onMove = useCallback(
    (_event: unknown, viewport: Viewport) => {
      if (!dragging || !container.current) return;
      if (!drawn.current.length) return;
      const { width, height } = container.current.getBoundingClientRect();
      const kept = keepGraphInView(viewport, getNodesBounds(drawn.current), { width, height });
      if (kept) void setViewport(kept);
    },
    [dragging, getNodesBounds, setViewport],
  );

  const onReconnect = useCallback((old: ShapeFlowEdge, c: Connection) => {
    const was = domainConnection(old.source, old.target);
    const now = domainConnection(c.source, c.target);
    rewire(was.source, was.target, now.source, now.target);
  }, []);

  const onConnect = useCallback((c: Connection) => {
    const ends = domainConnection(c.source, c.target);
    connectBlocks(ends.source, ends.target);
  }, []);

  // isValidConnection keeps the refused connection from being made; this says why.
  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode) return;
    const fromIsSource = state.fromHandle?.type !== 'target';
    const { source, target } = domainConnection(
      fromIsSource ? state.fromNode.id : state.toNode.id,
      fromIsSource ? state.toNode.id : state.fromNode.id,
    );
    const { graph } = editorStore.getState();
    const refusal = checkConnection(graph.nodes, graph.edges, source, target);
    if (refusal) uiStore.getState().showToast(refusalText(refusal), 'error');
  }, []);

  const setDropOn = (edge: string | undefined) => dropTargetStore.setState({ edge });
  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(BLOCK_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
    setDropping(true);
    const edge = connectionAt(event.clientX, event.clientY);
    setDropOn(edge?.id);
  }, []);

  const onDragLeave = useCallback((event: DragEvent) => {
    if (event.currentTarget.contains(event.relatedTarget as Node | null)) return;
    setDropping(false);
    setDropOn(undefined);
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      setDropping(false);
      setDropOn(undefined);
      const type = event.dataTransfer.getData(BLOCK_MIME);
      if (!type) return;
      event.preventDefault();
      const point = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      const position = { x: point.x - 125, y: point.y - 30 };
      const edge = connectionAt(event.clientX, event.clientY);
      if (edge) insertBlockOnEdge(type, position, edge.source, edge.target);
      else addBlockNearSelection(type, position);
    },
    [screenToFlowPosition],
  );

  const onEdgeDoubleClick = useCallback((_e: unknown, edge: Edge) => {
    const ends = domainConnection(edge.source, edge.target);
    editorStore.getState().disconnect(ends.source, ends.target);
  }, []);

  return (
    <div
      className={`canvas${dragging ? ' is-dragging' : ''}`}
      ref={container}
      onDragOver={onDragOver}
      onDragLeave={onDragLeave}
      onDrop={onDrop}
      aria-label={t('ui-editor:canvas.label')}
      role="region"
      tabIndex={-1}
    >
      <ReactFlow<CanvasNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        edgesReconnectable
        onReconnect={onReconnect}
        reconnectRadius={14}
        onMove={onMove}
        autoPanSpeed={6}
        isValidConnection={isValidConnection}
        onEdgeDoubleClick={onEdgeDoubleClick}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        // An empty project's first block lands clear of the zoom buttons on the left.
        defaultViewport={{ x: 72, y: 24, zoom: 1 }}
        minZoom={0.2}
        maxZoom={2}
        defaultEdgeOptions={{ type: 'shape' }}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{
          'node.a11yDescription.default': t('ui-editor:canvas.a11yNode'),
          'node.a11yDescription.keyboardDisabled': t('ui-editor:canvas.a11yNode'),
          'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('ui-editor:canvas.moved', { direction, x, y }),
          'edge.a11yDescription.default': t('ui-editor:canvas.a11yEdge'),
          'handle.ariaLabel': t('ui-editor:canvas.handle'),
          'controls.ariaLabel': t('ui-editor:canvas.controls'),
          'controls.zoomIn.ariaLabel': t('ui-editor:canvas.zoomIn'),
          'controls.zoomOut.ariaLabel': t('ui-editor:canvas.zoomOut'),
          'controls.fitView.ariaLabel': t('ui-editor:canvas.fitView'),
          'controls.interactive.ariaLabel': t('ui-editor:canvas.interactive'),
          'minimap.ariaLabel': t('ui-editor:canvas.minimap'),
        }}
      >
        <Background gap={24} color="#d5d9e0" />
        {showMinimap && (
          <MiniMap
            pannable
            zoomable
            nodeColor={miniMapColor}
            nodeStrokeColor="#1b1f27"
            nodeStrokeWidth={2}
            ariaLabel={t('ui-editor:canvas.minimap')}
            position={minimap.corner}
            className={minimap.clear ? undefined : 'is-over-blocks'}
            style={MINIMAP_SIZE}
          />
        )}
        <Controls showInteractive={false} showFitView={false}>
          <ControlButton onClick={() => fit()} aria-label={t('ui-editor:canvas.fitView')} title={`${t('ui-editor:canvas.fitView')} (F)`}>
            <span aria-hidden="true">⤢</span>
          </ControlButton>
          <ControlButton
            onClick={() => panelsStore.getState().toggle('minimap')}
            aria-label={t(showMinimap ? 'ui-editor:canvas.hideMinimap' : 'ui-editor:canvas.showMinimap')}
            title={t(showMinimap ? 'ui-editor:canvas.hideMinimap' : 'ui-editor:canvas.showMinimap')}
            aria-pressed={showMinimap}
          >
            <span aria-hidden="true">▦</span>
          </ControlButton>
        </Controls>
        {nodes.length === 0 && (
          <div className="canvas-empty" role="note">
            <p>{t('ui-editor:canvas.empty')}</p>
          </div>
        )}
      </ReactFlow>
    </div>
  );
}
