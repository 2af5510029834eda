import { getBezierPath, type Position } from '@xyflow/react';
import type { NodeGroup } from '../../../core/model/graph';
import type { BlockFlowNode } from '../store/flow-graph';

export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** A block drawn on the canvas, as a box a connection may run behind. */
export interface BlockBox extends Box {
  id: string;
}

/**
 * A memoised selector of the blocks drawn on the canvas as boxes (the blocks of a collapsed base are
 * not drawn). Every connection reads the same array, worked out once per change of the editor's
 * nodes (not once per connection), and kept while no box moved or changed size (a selection
 * changes the nodes, not the boxes), so that connections redraw only when a block moves.
 */
export function blockBoxesSelector(): (state: { nodes: readonly BlockFlowNode[]; groups: readonly NodeGroup[] }) => readonly BlockBox[] {
  let last: { nodes: readonly BlockFlowNode[]; groups: readonly NodeGroup[]; key: string; boxes: readonly BlockBox[] } | undefined;
  return ({ nodes, groups }) => {
    if (last && last.nodes === nodes && last.groups === groups) return last.boxes;
    const collapsed = new Set(groups.filter((g) => g.collapsed).map((g) => g.id));
    const boxes = nodes
      .filter((n) => !(n.data.group && collapsed.has(n.data.group)))
      .map((n) => ({ id: n.id, x: n.position.x, y: n.position.y, width: n.measured?.width ?? 250, height: n.measured?.height ?? 96 }));
    const key = boxes.map((b) => `${b.id},${b.x},${b.y},${b.width},${b.height}`).join(';');
    last = { nodes, groups, key, boxes: last?.key === key ? last.boxes : boxes };
    return last.boxes;
  };
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
