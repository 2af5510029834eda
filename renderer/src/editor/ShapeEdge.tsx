import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { memo } from 'react';
import { useTranslation } from 'react-i18next';
import { formatShape } from '../../../core/model/graph';
import type { ShapeFlowEdge } from '../store/flow-graph';
import { useEditor } from '../store/index';

/** A connection labelled with the shape of the tensor that flows on it, e.g. `26×26×8`. */
function ShapeEdgeView({ id, source, target, sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition, selected, markerEnd }: EdgeProps<ShapeFlowEdge>) {
  const { t } = useTranslation();
  const shape = useEditor((s) => s.analysis.nodes[source]?.outputShape);
  const [path, labelX, labelY] = getBezierPath({ sourceX, sourceY, targetX, targetY, sourcePosition, targetPosition });
  const text = formatShape(shape);
  return (
    <>
      <BaseEdge id={id} path={path} markerEnd={markerEnd} className={selected ? 'edge-selected' : undefined} />
      <EdgeLabelRenderer>
        <div
          className={`edge-label${shape ? '' : ' is-unknown'}${selected ? ' is-selected' : ''}`}
          style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
          data-testid={`edge-label-${source}-${target}`}
          aria-label={t('edge.label', { source, target, shape: text })}
        >
          {text}
        </div>
      </EdgeLabelRenderer>
    </>
  );
}

export const ShapeEdge = memo(ShapeEdgeView);
