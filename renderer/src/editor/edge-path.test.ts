import { Position } from '@xyflow/react';
import { describe, expect, it } from 'vitest';
import { blockBoxesSelector, crossesAny, edgePath } from './edge-path';

const stack = [
  { x: 0, y: 100, width: 250, height: 96 },
  { x: 0, y: 260, width: 250, height: 96 },
];
const skip = { sourceX: 125, sourceY: 40, targetX: 125, targetY: 420, sourcePosition: Position.Bottom, targetPosition: Position.Top };

describe('connection paths', () => {
  it('sees a skip connection run behind the blocks it jumps over', () => {
    expect(crossesAny(125, 40, 125, 420, stack)).toBe(true);
    expect(crossesAny(125, 40, 125, 90, stack)).toBe(false);
    expect(crossesAny(400, 40, 400, 420, stack)).toBe(false);
  });

  it('bows a skip connection out to the side, with its label beside the blocks', () => {
    const [path, labelX, labelY] = edgePath(skip, true, stack);
    expect(path.startsWith('M 125,40 C ')).toBe(true);
    expect(labelX).toBeGreaterThan(250);
    expect(labelY).toBe(230);
    const [, lrX, lrY] = edgePath({ ...skip, sourceX: 40, sourceY: 50, targetX: 700, targetY: 50 }, false, [
      { x: 200, y: 0, width: 250, height: 96 },
    ]);
    expect(lrX).toBe(370);
    expect(lrY).toBeGreaterThan(96);
  });

  it('keeps the usual curve when nothing is in the way', () => {
    const [, labelX] = edgePath(skip, true, []);
    expect(labelX).toBe(125);
  });

  it('labels a connection that goes back to the next column of a wrapped layout right after its source', () => {
    const back = { sourceX: 125, sourceY: 600, targetX: 440, targetY: 40, sourcePosition: Position.Bottom, targetPosition: Position.Top };
    const [, labelX, labelY] = edgePath(back, true, []);
    expect([labelX, labelY]).toEqual([125, 622]);
    const [, lrX, lrY] = edgePath({ ...back, sourceX: 600, sourceY: 50, targetX: 40, targetY: 300 }, false, []);
    expect([lrX, lrY]).toEqual([648, 50]);
    // Also when it bows around the blocks in its way.
    const [, bowX, bowY] = edgePath(back, true, [{ x: 300, y: 200, width: 250, height: 96 }]);
    expect([bowX, bowY]).toEqual([125, 622]);
  });
});

describe('the blocks as boxes, shared by the connections', () => {
  const node = (id: string, x: number, y: number, group?: string) => ({
    id,
    type: 'block' as const,
    position: { x, y },
    data: { blockType: 'Dense', params: {}, ...(group ? { group } : {}) },
    measured: { width: 200, height: 80 },
  });
  const nodes = [node('a', 0, 0), node('b', 0, 200, 'base'), node('c', 0, 400)];

  it('leaves out the blocks of a collapsed base, and keeps those of an expanded one', () => {
    const boxes = blockBoxesSelector();
    expect(boxes({ nodes, groups: [{ id: 'base', name: 'Base', collapsed: true }] }).map((b) => b.id)).toEqual(['a', 'c']);
    expect(boxes({ nodes, groups: [{ id: 'base', name: 'Base', collapsed: false }] })).toEqual([
      { id: 'a', x: 0, y: 0, width: 200, height: 80 },
      { id: 'b', x: 0, y: 200, width: 200, height: 80 },
      { id: 'c', x: 0, y: 400, width: 200, height: 80 },
    ]);
  });

  it('gives the same array while no block moves or changes size (a selection), a new one when one does', () => {
    const boxes = blockBoxesSelector();
    const groups = [{ id: 'base', name: 'Base', collapsed: false }];
    const first = boxes({ nodes, groups });
    expect(boxes({ nodes: nodes.map((n) => ({ ...n, selected: true })), groups })).toBe(first);
    const moved = boxes({ nodes: [node('a', 0, 0), node('b', 40, 200, 'base'), node('c', 0, 400)], groups });
    expect(moved).not.toBe(first);
    expect(moved[1]).toEqual({ id: 'b', x: 40, y: 200, width: 200, height: 80 });
  });
});
