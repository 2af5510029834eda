import { describe, expect, it } from 'vitest';
import { findAugmentationChain, isAugmentationBlock } from './augmentation-chain';
import type { Graph } from './graph';
import { chainEdges } from './test-graphs';

/** Blocks without parameters, `{ id: type }` in their order, and paths of connections: `['in', 'flip', 'conv']` is in → flip → conv. */
const graph = (types: Record<string, string>, ...paths: string[][]): Graph => ({
  nodes: Object.entries(types).map(([id, type]) => ({ id, type, params: {} })),
  edges: paths.flatMap((path) => chainEdges(...path)),
});

describe('the augmentation blocks an image goes through', () => {
  it('knows the augmentation block types', () => {
    expect(
      ['RandomFlip', 'RandomRotation', 'RandomZoom', 'RandomTranslation', 'RandomCrop', 'RandomContrast', 'RandomBrightness'].every(
        isAugmentationBlock,
      ),
    ).toBe(true);
    expect(['Input', 'Conv2D', 'Dropout', 'Rescaling', 'Nope'].some(isAugmentationBlock)).toBe(false);
  });

  it('follows the chain right after the Input in the order of the edges, not of the nodes', () => {
    const g = graph({ rot: 'RandomRotation', in: 'Input', flip: 'RandomFlip', conv: 'Conv2D' }, ['in', 'flip', 'rot', 'conv']);
    expect(findAugmentationChain(g)).toEqual({
      input: { id: 'in', type: 'Input' },
      chain: [
        { id: 'flip', type: 'RandomFlip' },
        { id: 'rot', type: 'RandomRotation' },
      ],
      outside: [],
    });
  });

  it('leaves out, and names, augmentation blocks after another block or unconnected', () => {
    // `loose` is connected to nothing.
    const types = { in: 'Input', flip: 'RandomFlip', conv: 'Conv2D', zoom: 'RandomZoom', loose: 'RandomContrast' };
    const g = graph(types, ['in', 'flip', 'conv', 'zoom']);
    const { chain, outside } = findAugmentationChain(g);
    expect(chain.map((b) => b.id)).toEqual(['flip']);
    expect(outside).toEqual([
      { id: 'zoom', type: 'RandomZoom', after: { id: 'conv', type: 'Conv2D' } },
      { id: 'loose', type: 'RandomContrast' },
    ]);
  });

  it('stops at the first block that is not an augmentation, and takes the Input that leads to augmentation', () => {
    const g = graph(
      { a: 'Input', b: 'Input', dense: 'Dense', crop: 'RandomCrop', flip: 'RandomFlip' },
      ['a', 'dense'],
      ['b', 'crop', 'flip'],
    );
    const found = findAugmentationChain(g);
    expect(found.input?.id).toBe('b');
    expect(found.chain.map((b) => b.id)).toEqual(['crop', 'flip']);
  });

  it('follows the first of two augmentation branches and lists the other', () => {
    const g = graph({ in: 'Input', left: 'RandomFlip', right: 'RandomRotation' }, ['in', 'left'], ['in', 'right']);
    const found = findAugmentationChain(g);
    expect(found.chain.map((b) => b.id)).toEqual(['left']);
    expect(found.outside).toEqual([{ id: 'right', type: 'RandomRotation', after: { id: 'in', type: 'Input' } }]);
  });

  it('has no Input and no chain in an empty graph', () => {
    expect(findAugmentationChain({ nodes: [], edges: [] })).toEqual({ input: undefined, chain: [], outside: [] });
  });
});
