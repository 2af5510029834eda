import { describe, expect, it } from 'vitest';
import { parseProject } from '../../../core/model/project-io';
import { baseNodeId, displayGraph, domainEnd, frameNodeId } from './base-display';
import { createEditorStore } from './editor-store';

/** Input → a frozen base of three blocks (conv, pool, conv) → Flatten → Dense(5): the base collapsed. */
function projectWithBase() {
  const at = (y: number) => ({ x: 100, y });
  return parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'Digits 5–9',
    graph: {
      nodes: [
        { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: at(0) },
        {
          id: 'base_conv1',
          type: 'Conv2D',
          params: { filters: 4, kernelSize: 3, activation: 'relu', trainable: false },
          position: at(120),
          group: 'base',
        },
        { id: 'base_pool1', type: 'MaxPooling2D', params: { poolSize: 2, trainable: false }, position: at(240), group: 'base' },
        {
          id: 'base_conv2',
          type: 'Conv2D',
          params: { filters: 8, kernelSize: 3, activation: 'relu', trainable: false },
          position: at(360),
          group: 'base',
        },
        { id: 'flatten', type: 'Flatten', params: {}, position: at(480) },
        { id: 'output', type: 'Dense', params: { units: 5, activation: 'softmax' }, position: at(600) },
      ],
      edges: [
        { source: 'input', target: 'base_conv1' },
        { source: 'base_conv1', target: 'base_pool1' },
        { source: 'base_pool1', target: 'base_conv2' },
        { source: 'base_conv2', target: 'flatten' },
        { source: 'flatten', target: 'output' },
      ],
      groups: [{ id: 'base', name: 'Digits 0–4 base', source: 'run 1 of Digits 0–4', collapsed: true }],
    },
  });
}

const trainableOf = (store: ReturnType<typeof createEditorStore>) =>
  Object.fromEntries(
    store
      .getState()
      .nodes.filter((n) => n.data.group)
      .map((n) => [n.id, n.data.params.trainable !== false]),
  );

describe('base groups in the editor', () => {
  it('draws a collapsed base as one block, with the connections into and out of it drawn to it', () => {
    const store = createEditorStore(projectWithBase());
    const { nodes, edges, groups } = store.getState();
    const shown = displayGraph(nodes, edges, groups);
    expect(shown.nodes.map((n) => n.id)).toEqual(['input', 'flatten', 'output', baseNodeId('base')]);
    const base = shown.nodes.find((n) => n.id === baseNodeId('base'))!;
    expect(base.type).toBe('base');
    expect(base.position).toEqual({ x: 100, y: 120 });
    expect(base.data).toMatchObject({
      name: 'Digits 0–4 base',
      source: 'run 1 of Digits 0–4',
      members: ['base_conv1', 'base_pool1', 'base_conv2'],
      entry: 'base_conv1',
      exit: 'base_conv2',
    });
    expect(shown.edges.map((e) => [e.source, e.target, e.data?.from])).toEqual([
      ['input', baseNodeId('base'), 'input'],
      [baseNodeId('base'), 'flatten', 'base_conv2'],
      ['flatten', 'output', undefined],
    ]);
    // A connection drawn to the base block is one to its first block, and from it one from its last.
    expect(domainEnd(baseNodeId('base'), 'target', nodes, edges)).toBe('base_conv1');
    expect(domainEnd(baseNodeId('base'), 'source', nodes, edges)).toBe('base_conv2');
    // The domain graph stays the whole network, with its group.
    const saved = store.getState().toProject().graph;
    expect(saved.nodes.filter((n) => n.group === 'base').map((n) => n.id)).toEqual(['base_conv1', 'base_pool1', 'base_conv2']);
    expect(saved.groups).toEqual([{ id: 'base', name: 'Digits 0–4 base', source: 'run 1 of Digits 0–4', collapsed: true }]);
    expect(store.getState().dirty).toBe(false);
  });

  it('expands into its blocks in a frame and collapses again, kept in the group, each one undo step', () => {
    const store = createEditorStore(projectWithBase());
    const s = () => store.getState();
    const flattenY = s().nodes.find((n) => n.id === 'flatten')!.position.y;
    s().setGroupCollapsed('base', false);
    expect(s().groups[0].collapsed).toBe(false);
    expect(s().toProject().graph.groups?.[0].collapsed).toBe(false);
    expect(s().dirty).toBe(true);
    const shown = displayGraph(s().nodes, s().edges, s().groups);
    expect(shown.nodes[0].id).toBe(frameNodeId('base'));
    expect(shown.nodes.map((n) => n.id)).toContain('base_pool1');
    expect(shown.edges.map((e) => `${e.source}->${e.target}`)).toContain('base_conv1->base_pool1');
    const frame = shown.nodes[0];
    expect(frame.position.y).toBeLessThan(120);
    expect(frame.position.y + (frame.height ?? 0)).toBeGreaterThan(360 + 96);
    // Expanding made room for the blocks again: what comes after the base moved down, and back up on collapsing.
    const expandedY = s().nodes.find((n) => n.id === 'flatten')!.position.y;
    expect(expandedY).toBeGreaterThan(flattenY);
    s().setGroupCollapsed('base', true);
    expect(s().nodes.find((n) => n.id === 'flatten')!.position.y).toBe(flattenY);
    s().undo();
    expect(s().groups[0].collapsed).toBe(false);
    s().undo();
    expect(s().groups[0].collapsed).toBe(true);
    expect(s().dirty).toBe(false);
  });

  it('switches the whole base trainable, or unfreezes its last N blocks with weights, in graph order', () => {
    const store = createEditorStore(projectWithBase());
    const s = () => store.getState();
    const frozen = s().analysis.nonTrainableParams;
    expect(frozen).toBe(4 * 9 + 4 + (9 * 4 * 8 + 8));
    s().setGroupTrainable('base', true);
    expect(trainableOf(store)).toEqual({ base_conv1: true, base_pool1: true, base_conv2: true });
    expect(s().analysis.nonTrainableParams).toBe(0);
    s().setGroupTrainable('base', false);
    expect(trainableOf(store)).toEqual({ base_conv1: false, base_pool1: false, base_conv2: false });
    s().unfreezeLast('base', 1);
    // The pooling block has no weights: the last block with weights is the second convolution.
    expect(trainableOf(store)).toEqual({ base_conv1: false, base_pool1: false, base_conv2: true });
    expect(s().analysis.nonTrainableParams).toBe(40);
    s().unfreezeLast('base', 2);
    expect(trainableOf(store)).toEqual({ base_conv1: true, base_pool1: false, base_conv2: true });
    s().undo();
    expect(trainableOf(store)).toEqual({ base_conv1: false, base_pool1: false, base_conv2: true });
    s().undo();
    s().undo();
    s().undo();
    expect(trainableOf(store)).toEqual({ base_conv1: false, base_pool1: false, base_conv2: false });
    expect(s().dirty).toBe(false);
  });

  it('deletes a selected base with its blocks and connections, undoably', () => {
    const store = createEditorStore(projectWithBase());
    const s = () => store.getState();
    s().selectGroup('base');
    expect(displayGraph(s().nodes, s().edges, s().groups).nodes.find((n) => n.id === baseNodeId('base'))?.selected).toBe(true);
    s().deleteSelection();
    expect(s().nodes.map((n) => n.id)).toEqual(['input', 'flatten', 'output']);
    expect(s().edges.map((e) => e.id)).toEqual(['flatten->output']);
    expect(s().groups).toEqual([]);
    expect(s().toProject().graph.groups).toBeUndefined();
    s().undo();
    expect(s().nodes.filter((n) => n.data.group === 'base')).toHaveLength(3);
    expect(s().groups).toEqual([{ id: 'base', name: 'Digits 0–4 base', source: 'run 1 of Digits 0–4', collapsed: true }]);
    expect(s().edges).toHaveLength(5);
  });

  it('copies a block of a base as a block of its own', () => {
    const store = createEditorStore(projectWithBase());
    const s = () => store.getState();
    s().select(['base_conv2']);
    s().copySelection();
    const [copy] = s().paste();
    expect(s().nodes.find((n) => n.id === copy)?.data.group).toBeUndefined();
    expect(s().nodes.filter((n) => n.data.group === 'base')).toHaveLength(3);
  });
});
