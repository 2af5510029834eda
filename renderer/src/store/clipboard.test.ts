import { describe, expect, it } from 'vitest';
import type { GraphEdge, GraphNode } from '../../../core/model/graph';
import { copiesOf, copyOf, movedAlong, PASTE_OFFSET } from './clipboard';

const nodes: GraphNode[] = [
  { id: 'input_1', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
  { id: 'conv2d_1', type: 'Conv2D', params: { filters: 8, kernelSize: 3 }, position: { x: 0, y: 120 }, group: 'vgg16' },
  { id: 'dense_1', type: 'Dense', params: { units: 10 }, position: { x: 0, y: 240 } },
];
const edges: GraphEdge[] = [
  { source: 'input_1', target: 'conv2d_1' },
  { source: 'conv2d_1', target: 'dense_1' },
];

describe('clipboard', () => {
  it('copies the chosen blocks and only the connections between them', () => {
    const clip = copyOf(nodes, edges, new Set(['conv2d_1', 'dense_1']));
    expect(clip.nodes.map((n) => n.id)).toEqual(['conv2d_1', 'dense_1']);
    expect(clip.edges).toEqual([{ source: 'conv2d_1', target: 'dense_1' }]);
    // A copy, not the blocks themselves: editing the graph afterwards leaves the clip as it was.
    nodes[2].params.units = 99;
    expect(clip.nodes[1].params).toEqual({ units: 10 });
    nodes[2].params.units = 10;
  });

  it('pastes blocks with fresh ids, moved by the paste offset, outside their base, with their connections renamed', () => {
    const clip = copyOf(nodes, edges, new Set(['conv2d_1', 'dense_1']));
    const pasted = copiesOf(clip, new Set(nodes.map((n) => n.id)));
    expect(pasted.nodes).toEqual([
      { id: 'conv2d_2', type: 'Conv2D', params: { filters: 8, kernelSize: 3 }, position: { x: PASTE_OFFSET, y: 120 + PASTE_OFFSET } },
      { id: 'dense_2', type: 'Dense', params: { units: 10 }, position: { x: PASTE_OFFSET, y: 240 + PASTE_OFFSET } },
    ]);
    expect(pasted.edges).toEqual([{ source: 'conv2d_2', target: 'dense_2' }]);
    expect(PASTE_OFFSET).toBeGreaterThan(0);
  });

  it('gives two copies of one type two ids, and skips the ids already taken', () => {
    const clip = copyOf(
      [
        { id: 'a', type: 'Dense', params: {} },
        { id: 'b', type: 'Dense', params: {} },
      ],
      [{ source: 'a', target: 'b' }],
      new Set(['a', 'b']),
    );
    const pasted = copiesOf(clip, new Set(['dense_1', 'dense_3']), 10);
    expect(pasted.nodes.map((n) => n.id)).toEqual(['dense_2', 'dense_4']);
    // A block without a place is pasted near the origin.
    expect(pasted.nodes[0].position).toEqual({ x: 10, y: 10 });
    expect(pasted.edges).toEqual([{ source: 'dense_2', target: 'dense_4' }]);
  });

  it('places each new paste further along than the last, never on top of it', () => {
    const clip = copyOf(nodes, edges, new Set(['dense_1']));
    const first = copiesOf(clip, new Set(nodes.map((n) => n.id)));
    const taken = new Set([...nodes.map((n) => n.id), ...first.nodes.map((n) => n.id)]);
    const second = copiesOf(movedAlong(clip), taken);
    expect(first.nodes[0]).toMatchObject({ id: 'dense_2', position: { x: PASTE_OFFSET, y: 240 + PASTE_OFFSET } });
    expect(second.nodes[0]).toMatchObject({ id: 'dense_3', position: { x: 2 * PASTE_OFFSET, y: 240 + 2 * PASTE_OFFSET } });
    expect(clip.nodes[0].position).toEqual({ x: 0, y: 240 });
  });
});
