import { BaseEdge, EdgeLabelRenderer, type EdgeProps } from '@xyflow/react';
import { memo, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShape } from '../../../core/model/graph';
import type { ShapeFlowEdge } from '../store/flow-graph';
import { useEditor } from '../store/index';
import { blockBoxesSelector, edgePath } from './edge-path';
import { useDropTarget } from './panels';

/** The blocks as boxes, shared by every connection. */
const blockBoxes = blockBoxesSelector();

/** A connection labelled with the shape of the tensor that flows on it, e.g. `26×26×8`. */
function ShapeEdgeView({
  id,
  source,
  target,
  sourceX,
  sourceY,
  targetX,
  targetY,
  sourcePosition,
  targetPosition,
  selected,
  markerEnd,
  data,
}: EdgeProps<ShapeFlowEdge>) {
  const { t } = useTranslation();
  // From a collapsed base block, the tensor is its last block's output.
  const shape = useEditor((s) => s.analysis.nodes[data?.from ?? source]?.outputShape);
  const vertical = useEditor((s) => s.direction === 'TB');
  // The other blocks, as boxes: a connection that would run behind them goes around. (One array
  // for all connections, the same while no block moves, so that an edge redraws only when needed.)
  const boxes = useEditor(blockBoxes);
  const obstacles = useMemo(() => boxes.filter((b) => b.id !== source && b.id !== target), [boxes, source, target]);
  const [path, labelX, labelY] = edgePath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition }, vertical, obstacles);
  const text = formatShape(shape);
  const dropHere = useDropTarget() === id;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        markerEnd={markerEnd}
        className={dropHere ? 'edge-drop-target' : selected ? 'edge-selected' : undefined}
      />
      <EdgeLabelRenderer>
        <div
          className={`edge-label${shape ? '' : ' is-unknown'}${selected ? ' is-selected' : ''}${dropHere ? ' is-drop-target' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-label-${source}-${target}`}
          data-edge-id={id}
          aria-label={t('ui-editor:edge.label', { source, target, shape: text })}
        >
          {text}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
