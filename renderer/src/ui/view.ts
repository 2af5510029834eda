import type { Rect, Viewport } from '@xyflow/react';

/** The smallest text a class reads on a projector, in CSS pixels on screen. */
export const READABLE_PX = 12;

/** The smallest font size of the blocks' titles (type and id) at zoom 1, read from the page's styles. */
export function smallestTitlePx(root: ParentNode = document): number {
  let smallest = Infinity;
  for (const title of root.querySelectorAll<HTMLElement>('.react-flow__node .block-node__type, .react-flow__node .block-node__id')) {
    const size = parseFloat(getComputedStyle(title).fontSize);
    if (size > 0) smallest = Math.min(smallest, size);
  }
  return Number.isFinite(smallest) ? smallest : 14;
}

/** In presentation mode, for the back of the room. */
export const PRESENTING_PX = 15;

/** The lowest zoom at which every block's title is still at least `px` on screen. */
export function readableZoom(titlePx: number = smallestTitlePx(), px = READABLE_PX): number {
  return px / titlePx;
}

/** Room kept around a fitted graph, in screen pixels: more on the left, where the zoom buttons are. */
const FIT_MARGIN = 24;
const CONTROLS_MARGIN = 64;

/**
 * The view that shows a graph whole when it fits at a readable zoom (up to 100 %), and otherwise
 * its beginning (its top, its left: where the Input is) at the readable zoom, so that a long graph scrolls instead of shrinking below legibility.
 */
export function readableView(bounds: Rect, canvas: { width: number; height: number }, minZoom: number, maxZoom = 1): Viewport {
  const across = canvas.width - CONTROLS_MARGIN - FIT_MARGIN;
  const down = canvas.height - 2 * FIT_MARGIN;
  const fit = Math.min(across / bounds.width, down / bounds.height, maxZoom);
  const zoom = Math.max(fit, minZoom);
  const centreX = CONTROLS_MARGIN + across / 2 - (bounds.x + bounds.width / 2) * zoom;
  const centreY = canvas.height / 2 - (bounds.y + bounds.height / 2) * zoom;
  const fitsAcross = bounds.width * zoom <= across + 0.5;
  const fitsDown = bounds.height * zoom <= down + 0.5;
  const startX = CONTROLS_MARGIN - bounds.x * zoom;
  const startY = FIT_MARGIN - bounds.y * zoom;
  return { x: fitsAcross ? centreX : startX, y: fitsDown ? centreY : startY, zoom };
}

/**
 * While a connection or a block is dragged near the canvas's edge, the view pans; this keeps at
 * least `keep` of the canvas (or the whole graph, when smaller) showing the graph, so the view is
 * never thrown away. Returns the corrected viewport, or undefined when none is needed.
 */
export function keepGraphInView(
  viewport: Viewport,
  bounds: Rect,
  canvas: { width: number; height: number },
  keep = 0.3,
): Viewport | undefined {
  const { zoom } = viewport;
  const clampAxis = (offset: number, start: number, size: number, span: number) => {
    const left = offset + start * zoom;
    const right = left + size * zoom;
    const needed = Math.min(size * zoom, span * keep);
    if (right < needed) return offset + (needed - right);
    if (left > span - needed) return offset - (left - (span - needed));
    return offset;
  };
  const x = clampAxis(viewport.x, bounds.x, bounds.width, canvas.width);
  const y = clampAxis(viewport.y, bounds.y, bounds.height, canvas.height);
  return x === viewport.x && y === viewport.y ? undefined : { x, y, zoom };
}

export type Corner = 'bottom-right' | 'top-right' | 'bottom-left' | 'top-left';

const overlaps = (a: Rect, b: Rect) => a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

/**
 * Where the overview map goes: the first corner of the canvas where it covers no block (its
 * usual place first). `blocks` are the blocks' rectangles on screen, relative to the canvas.
 * Undefined when every corner would cover a block: the map then stays out of the way (faded and
 * letting the pointer through).
 */
export function minimapCorner(
  blocks: readonly Rect[],
  canvas: { width: number; height: number },
  map: { width: number; height: number },
  margin = 15,
  avoid: readonly Corner[] = ['bottom-left'],
): Corner | undefined {
  const corners: Corner[] = ['bottom-right', 'top-right', 'bottom-left', 'top-left'];
  for (const corner of corners) {
    if (avoid.includes(corner)) continue;
    const x = corner.endsWith('right') ? canvas.width - map.width - margin : margin;
    const y = corner.startsWith('bottom') ? canvas.height - map.height - margin : margin;
    const area = { x: x - 4, y: y - 4, width: map.width + 8, height: map.height + 8 };
    if (!blocks.some((b) => overlaps(b, area))) return corner;
  }
  return undefined;
}
