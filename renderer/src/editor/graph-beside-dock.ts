import { useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { editorStore } from '../store/index';
import { useTraining } from '../train/training-store';

/** Narrow windows (a projector's 1280 px or less): the training panel leaves the graph, alone, beside it (see styles.css). */
export const NARROW_WINDOW = '(max-width: 1400px)';

/**
 * Keeps the graph in sight when the training panel opens or closes in a narrow window: the canvas
 * changes width, so the graph is centred again across it, at the same zoom and height.
 */
export function useGraphBesideDock(): boolean {
  const open = useTraining((s) => s.open);
  const { getNodesBounds, getViewport, setViewport } = useReactFlow();
  useEffect(() => {
    if (!window.matchMedia?.(NARROW_WINDOW).matches) return;
    const frame = requestAnimationFrame(() => {
      const canvas = document.querySelector<HTMLElement>('.editor .canvas');
      const nodes = editorStore.getState().nodes;
      if (!canvas || nodes.length === 0) return;
      const bounds = getNodesBounds(nodes);
      const { y, zoom } = getViewport();
      void setViewport({ x: canvas.clientWidth / 2 - (bounds.x + bounds.width / 2) * zoom, y, zoom });
    });
    return () => cancelAnimationFrame(frame);
  }, [open, getNodesBounds, getViewport, setViewport]);
  return open;
}
