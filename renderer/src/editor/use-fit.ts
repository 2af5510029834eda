import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import type { BlockFlowNode, ShapeFlowEdge } from '../store/flow-graph';
import { editorStore } from '../store/index';
import { panelsStore } from './panels';
import { PRESENTING_PX, READABLE_PX, readableView, readableZoom } from '../ui/view';

/**
 * Fits the graph into the canvas, never below the zoom at which block titles stay readable
 * (READABLE_PX): a graph too long for that is shown from its beginning, and scrolls.
 */
export function useReadableFit(): (duration?: number) => void {
  const { getNodesBounds, setViewport } = useReactFlow<BlockFlowNode, ShapeFlowEdge>();
  return useCallback(
    (duration = 300) => {
      const nodes = editorStore.getState().nodes;
      const canvas = document.querySelector<HTMLElement>('.editor .canvas');
      if (!nodes.length || !canvas) return;
      const { width, height } = canvas.getBoundingClientRect();
      if (!width || !height) return;
      void setViewport(
        readableView(
          getNodesBounds(nodes),
          { width, height },
          readableZoom(undefined, panelsStore.getState().presenting ? PRESENTING_PX : READABLE_PX),
        ),
        duration ? { duration } : undefined,
      );
    },
    [getNodesBounds, setViewport],
  );
}
