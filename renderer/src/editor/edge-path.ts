import { getBezierPath, type Position } from '@xyflow/react';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** How far a connection bows out to pass beside the blocks it jumps over (a skip connection). */
const BOW = 240;
const MARGIN = 8;

/** True when the straight line from (sx, sy) to (tx, ty) runs through one of the boxes. */
export function crossesAny(sx: number, sy: number, tx: number, ty: number, boxes: readonly Box[]): boolean {
  const steps = 24;
  for (let i = 1; i < steps; i++) {
    const x = sx + ((tx - sx) * i) / steps;
    const y = sy + ((ty - sy) * i) / steps;
    if (boxes.some((b) => x > b.x - MARGIN && x < b.x + b.width + MARGIN && y > b.y - MARGIN && y < b.y + b.height + MARGIN)) return true;
  }
  return false;
}

/**
 * The path of a connection and where its label goes. A connection that would run behind other
 * blocks (a skip connection in a straight stack) bows out to the side instead, so that it and its
 * shape label stay visible.
 */
export function edgePath(
  p: { sourceX: number; sourceY: number; targetX: number; targetY: number; sourcePosition: Position; targetPosition: Position },
  vertical: boolean,
  obstacles: readonly Box[],
): [path: string, labelX: number, labelY: number] {
  const [path, labelX, labelY] = routedPath(p, vertical, obstacles);
  // A connection that goes back up (or back left) to the next column (or row) of a wrapped
  // layout: its label goes right after its source, clear of the other column's labels.
  if (vertical ? p.targetY < p.sourceY : p.targetX < p.sourceX)
    return [path, vertical ? p.sourceX : p.sourceX + 48, vertical ? p.sourceY + 22 : p.sourceY];
  return [path, labelX, labelY];
}

function routedPath(
  p: { sourceX: number; sourceY: number; targetX: number; targetY: number; sourcePosition: Position; targetPosition: Position },
  vertical: boolean,
  obstacles: readonly Box[],
): [path: string, labelX: number, labelY: number] {
  if (!crossesAny(p.sourceX, p.sourceY, p.targetX, p.targetY, obstacles)) {
    const [path, labelX, labelY] = getBezierPath(p);
    return [path, labelX, labelY];
  }
  const { sourceX: sx, sourceY: sy, targetX: tx, targetY: ty } = p;
  const ox = vertical ? BOW : 0;
  const oy = vertical ? 0 : BOW;
  const path = `M ${sx},${sy} C ${sx + ox},${sy + (vertical ? Math.abs(ty - sy) / 4 : 0) + oy} ${tx + ox},${ty - (vertical ? Math.abs(ty - sy) / 4 : 0) + oy} ${tx},${ty}`;
  // The middle of a cubic Bézier curve: (P0 + 3·P1 + 3·P2 + P3) / 8.
  return [path, (sx + tx) / 2 + (3 * ox) / 4, (sy + ty) / 2 + (3 * oy) / 4];
}
