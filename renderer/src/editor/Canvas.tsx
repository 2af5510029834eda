import { Background, Controls, MiniMap, ReactFlow, useNodesInitialized, useReactFlow, type Connection, type Edge, type FinalConnectionState, type IsValidConnection } from '@xyflow/react';
import { useCallback, useEffect, useRef, type DragEvent, type RefObject } from 'react';
import { useTranslation } from 'react-i18next';
import { checkConnection } from '../store/connection-rules';
import { toGraphNode, type BlockFlowNode, type ShapeFlowEdge } from '../store/flow-graph';
import { editorStore, uiStore, useEditor } from '../store/index';
import { addBlockNearSelection, connectBlocks, refusalText } from './actions';
import { BlockNode } from './BlockNode';
import { BLOCK_MIME } from './Palette';
import { ShapeEdge } from './ShapeEdge';

// Defined once, outside components, as React Flow requires for stable renders.
const nodeTypes = { block: BlockNode };
const edgeTypes = { shape: ShapeEdge };

const isValidConnection: IsValidConnection<ShapeFlowEdge> = (connection) => {
  const { nodes, edges } = editorStore.getState();
  return !checkConnection(nodes.map(toGraphNode), edges, connection.source, connection.target);
};

function miniMapColor(node: BlockFlowNode): string {
  const analysis = editorStore.getState().analysis.nodes[node.id];
  if (analysis?.issues.some((i) => i.severity === 'error')) return '#c62828';
  return '#5c6bc0';
}

/** Legible text on a projector: below this zoom, an opened graph is shown from its top rather than whole. */
const MIN_OPENING_ZOOM = 0.7;
const OPENING_ZOOM = 0.85;

/**
 * Frames an opened graph once its blocks are measured: the whole graph when it fits at a readable
 * zoom, otherwise its beginning (the Input) at a readable zoom. An empty canvas keeps its view, so
 * that the first drop does not move it.
 */
function useOpeningView(container: RefObject<HTMLDivElement | null>) {
  const initialized = useNodesInitialized();
  const { fitView, getNodesBounds, setViewport } = useReactFlow<BlockFlowNode, ShapeFlowEdge>();
  const done = useRef(editorStore.getState().nodes.length === 0);
  useEffect(() => {
    if (!initialized || done.current || !container.current) return;
    done.current = true;
    const nodes = editorStore.getState().nodes;
    const bounds = getNodesBounds(nodes);
    const { width, height } = container.current.getBoundingClientRect();
    const fitZoom = Math.min(width / (bounds.width * 1.2), height / (bounds.height * 1.2));
    if (fitZoom >= MIN_OPENING_ZOOM) {
      void fitView({ padding: 0.2, maxZoom: 1 });
    } else if (editorStore.getState().direction === 'LR') {
      void setViewport({ x: 24 - bounds.x * OPENING_ZOOM, y: height / 2 - (bounds.y + bounds.height / 2) * OPENING_ZOOM, zoom: OPENING_ZOOM });
    } else {
      void setViewport({ x: width / 2 - (bounds.x + bounds.width / 2) * OPENING_ZOOM, y: 24 - bounds.y * OPENING_ZOOM, zoom: OPENING_ZOOM });
    }
  }, [initialized, container, fitView, getNodesBounds, setViewport]);
}

export function Canvas() {
  const { t } = useTranslation();
  const nodes = useEditor((s) => s.nodes);
  const edges = useEditor((s) => s.edges);
  const onNodesChange = useEditor((s) => s.onNodesChange);
  const onEdgesChange = useEditor((s) => s.onEdgesChange);
  const { screenToFlowPosition } = useReactFlow();
  const container = useRef<HTMLDivElement>(null);
  useOpeningView(container);

  const onConnect = useCallback((c: Connection) => {
    connectBlocks(c.source, c.target);
  }, []);

  // isValidConnection keeps the refused connection from being made; this says why.
  const onConnectEnd = useCallback((_event: MouseEvent | TouchEvent, state: FinalConnectionState) => {
    if (state.isValid !== false || !state.fromNode || !state.toNode) return;
    const fromIsSource = state.fromHandle?.type !== 'target';
    const source = fromIsSource ? state.fromNode.id : state.toNode.id;
    const target = fromIsSource ? state.toNode.id : state.fromNode.id;
    const { nodes: all, edges: allEdges } = editorStore.getState();
    const refusal = checkConnection(all.map(toGraphNode), allEdges, source, target);
    if (refusal) uiStore.getState().showToast(refusalText(refusal), 'error');
  }, []);

  const onDragOver = useCallback((event: DragEvent) => {
    if (!event.dataTransfer.types.includes(BLOCK_MIME)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = 'copy';
  }, []);

  const onDrop = useCallback(
    (event: DragEvent) => {
      const type = event.dataTransfer.getData(BLOCK_MIME);
      if (!type) return;
      event.preventDefault();
      const position = screenToFlowPosition({ x: event.clientX, y: event.clientY });
      addBlockNearSelection(type, { x: position.x - 100, y: position.y - 30 });
    },
    [screenToFlowPosition],
  );

  const onEdgeDoubleClick = useCallback((_e: unknown, edge: Edge) => editorStore.getState().disconnect(edge.source, edge.target), []);

  return (
    <div className="canvas" ref={container} onDragOver={onDragOver} onDrop={onDrop} aria-label={t('canvas.label')} role="region">
      <ReactFlow<BlockFlowNode, ShapeFlowEdge>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        edgeTypes={edgeTypes}
        onNodesChange={onNodesChange}
        onEdgesChange={onEdgesChange}
        onConnect={onConnect}
        onConnectEnd={onConnectEnd}
        isValidConnection={isValidConnection}
        onEdgeDoubleClick={onEdgeDoubleClick}
        deleteKeyCode={null}
        selectionKeyCode="Shift"
        multiSelectionKeyCode={['Control', 'Meta']}
        minZoom={0.2}
        maxZoom={2}
        defaultEdgeOptions={{ type: 'shape' }}
        proOptions={{ hideAttribution: true }}
        ariaLabelConfig={{
          'node.a11yDescription.default': t('canvas.a11yNode'),
          'node.a11yDescription.keyboardDisabled': t('canvas.a11yNode'),
          'node.a11yDescription.ariaLiveMessage': ({ direction, x, y }) => t('canvas.moved', { direction, x, y }),
          'edge.a11yDescription.default': t('canvas.a11yEdge'),
          'handle.ariaLabel': t('canvas.handle'),
          'controls.ariaLabel': t('canvas.controls'),
          'controls.zoomIn.ariaLabel': t('canvas.zoomIn'),
          'controls.zoomOut.ariaLabel': t('canvas.zoomOut'),
          'controls.fitView.ariaLabel': t('canvas.fitView'),
          'controls.interactive.ariaLabel': t('canvas.interactive'),
          'minimap.ariaLabel': t('canvas.minimap'),
        }}
      >
        <Background gap={24} color="#d5d9e0" />
        <MiniMap pannable zoomable nodeColor={miniMapColor} ariaLabel={t('canvas.minimap')} />
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.2, maxZoom: 1, duration: 300 }} />
        {nodes.length === 0 && (
          <div className="canvas-empty" role="note">
            <p>{t('canvas.empty')}</p>
          </div>
        )}
      </ReactFlow>
    </div>
  );
}
