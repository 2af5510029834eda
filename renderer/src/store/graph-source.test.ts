import { describe, expect, it } from 'vitest';
import type { Graph } from '../../../core/model/graph';
import { parseProject } from '../../../core/model/project-io';
import { createEditorStore, redoLabel, undoLabel } from './editor-store';

/** Input → Flatten → Dense(10), placed one under the other. */
function smallProject() {
  return parseProject({
    format: 'neuroblocks.project',
    version: 1,
    name: 'Small',
    graph: {
      nodes: [
        { id: 'input', type: 'Input', params: { shape: [28, 28, 1] }, position: { x: 0, y: 0 } },
        { id: 'flatten', type: 'Flatten', params: {}, position: { x: 0, y: 150 } },
        { id: 'output', type: 'Dense', params: { units: 10, activation: 'softmax' }, position: { x: 0, y: 300 } },
      ],
      edges: [
        { source: 'input', target: 'flatten' },
        { source: 'flatten', target: 'output' },
      ],
    },
  });
}

const setup = () => {
  const store = createEditorStore(smallProject());
  return { store, s: () => store.getState() };
};
const flowNode = (state: ReturnType<ReturnType<typeof createEditorStore>['getState']>, id: string) => state.nodes.find((n) => n.id === id)!;

describe('the editor store keeps the domain graph, React Flow’s nodes are derived from it', () => {
  it('keeps the node of every block an edit did not touch (a params edit, a drag, a selection, a measure)', () => {
    const { s } = setup();
    const before = s().nodes;
    s().setParam('output', 'units', 12);
    expect(flowNode(s(), 'output')).not.toBe(before[2]);
    expect(flowNode(s(), 'output').data.params.units).toBe(12);
    expect(flowNode(s(), 'input')).toBe(before[0]);
    expect(flowNode(s(), 'flatten')).toBe(before[1]);

    const afterEdit = s().nodes;
    s().onNodesChange([{ type: 'position', id: 'flatten', position: { x: 40, y: 160 }, dragging: true }]);
    expect(flowNode(s(), 'flatten').position).toEqual({ x: 40, y: 160 });
    expect(flowNode(s(), 'input')).toBe(afterEdit[0]);
    expect(flowNode(s(), 'output')).toBe(afterEdit[2]);
    s().onNodesChange([{ type: 'position', id: 'flatten', position: { x: 40, y: 160 }, dragging: false }]);

    const afterDrag = s().nodes;
    s().onNodesChange([{ type: 'select', id: 'input', selected: true }]);
    expect(flowNode(s(), 'input').selected).toBe(true);
    expect(flowNode(s(), 'flatten')).toBe(afterDrag[1]);
    expect(flowNode(s(), 'output')).toBe(afterDrag[2]);

    const afterSelect = s().nodes;
    s().onNodesChange([{ type: 'dimensions', id: 'output', dimensions: { width: 254, height: 96 } }]);
    expect(flowNode(s(), 'output').measured).toEqual({ width: 254, height: 96 });
    expect(flowNode(s(), 'input')).toBe(afterSelect[0]);
    // The same size again changes nothing at all.
    const measured = s().nodes;
    s().onNodesChange([{ type: 'dimensions', id: 'output', dimensions: { width: 254, height: 96 } }]);
    expect(s().nodes).toBe(measured);
  });

  it('a drag moves the block in the graph, as one undo step, and leaves selection and sizes out of the graph', () => {
    const { s } = setup();
    const graph = s().graph;
    s().onNodesChange([{ type: 'select', id: 'flatten', selected: true }]);
    s().onNodesChange([{ type: 'dimensions', id: 'flatten', dimensions: { width: 250, height: 90 } }]);
    expect(s().graph).toBe(graph);
    expect(s().view.selectedNodes.has('flatten')).toBe(true);
    expect(s().dirty).toBe(false);

    const steps = s().past.length;
    s().onNodesChange([{ type: 'position', id: 'flatten', position: { x: 10.4, y: 170.6 }, dragging: true }]);
    s().onNodesChange([{ type: 'position', id: 'flatten', position: { x: 30, y: 190 }, dragging: true }]);
    s().onNodesChange([{ type: 'position', id: 'flatten', position: { x: 60, y: 210 }, dragging: false }]);
    expect(s().graph.nodes.find((n) => n.id === 'flatten')?.position).toEqual({ x: 60, y: 210 });
    expect(s().graph.nodes[0]).toBe(graph.nodes[0]);
    expect(s().past.length).toBe(steps + 1);
    expect(s().dirty).toBe(true);
    expect(s().dragging).toBe(false);

    s().undo();
    expect(s().graph).toBe(graph);
    expect(flowNode(s(), 'flatten').position).toEqual({ x: 0, y: 150 });
    expect(flowNode(s(), 'flatten').selected).toBe(true);
    expect(s().dirty).toBe(false);
  });

  it('a removal from React Flow deletes the block and its connections in the graph; undo takes both back', () => {
    const { s } = setup();
    const graph = s().graph;
    s().onNodesChange([{ type: 'select', id: 'flatten', selected: true }]);
    s().onNodesChange([{ type: 'remove', id: 'flatten' }]);
    expect(s().graph.nodes.map((n) => n.id)).toEqual(['input', 'output']);
    expect(s().graph.edges).toEqual([]);
    expect(s().edges).toEqual([]);
    expect(s().view.selectedNodes.size).toBe(0);
    expect(s().analysis.nodes.flatten).toBeUndefined();
    s().undo();
    expect(s().graph).toBe(graph);
    expect(s().edges.map((e) => e.id)).toEqual(['input->flatten', 'flatten->output']);

    // A connection removed from React Flow goes from the graph too; the blocks stay.
    s().onEdgesChange([{ type: 'remove', id: 'input->flatten' }]);
    expect(s().graph.edges).toEqual([{ source: 'flatten', target: 'output' }]);
    expect(s().graph.nodes).toHaveLength(3);
  });

  it('connect, disconnect and deleteSelection edit the graph; undo and redo walk back and forth through it', () => {
    const { s } = setup();
    s().disconnect('flatten', 'output');
    expect(s().graph.edges).toEqual([{ source: 'input', target: 'flatten' }]);
    const disconnected = s().graph;
    expect(s().connect('flatten', 'output')).toBeUndefined();
    expect(s().graph.edges).toEqual([
      { source: 'input', target: 'flatten' },
      { source: 'flatten', target: 'output' },
    ]);
    expect(s().analysis.totalParams).toBe(7850);
    s().undo();
    expect(s().graph).toBe(disconnected);
    expect(s().analysis.totalParams).toBe(0);
    s().redo();
    expect(s().graph.edges).toHaveLength(2);

    s().select(['output']);
    s().onEdgesChange([{ type: 'select', id: 'input->flatten', selected: true }]);
    expect(s().edges.find((e) => e.id === 'input->flatten')?.selected).toBe(true);
    expect(s().deleteSelection()).toBe('flatten');
    expect(s().graph.nodes.map((n) => n.id)).toEqual(['input', 'flatten']);
    expect(s().graph.edges).toEqual([]);
  });

  it('toProject() is the graph, through adding, editing, pasting, laying out and undoing', () => {
    const { s } = setup();
    const check = () => {
      expect(s().toProject().graph).toEqual(s().graph);
      expect(s().nodes.map((n) => ({ id: n.id, type: n.data.blockType, params: n.data.params, position: n.position }))).toEqual(
        s().graph.nodes.map((n) => ({ id: n.id, type: n.type, params: n.params, position: n.position })),
      );
      expect(s().edges.map((e) => [e.source, e.target])).toEqual(s().graph.edges.map((e) => [e.source, e.target]));
    };
    check();
    const dropout = s().addBlock('Dropout', { position: { x: 300.7, y: 80.2 } });
    expect(s().graph.nodes.at(-1)).toEqual({ id: dropout, type: 'Dropout', params: {}, position: { x: 301, y: 80 } });
    check();
    s().setParam(dropout, 'rate', 0.3);
    s().copySelection();
    const [pasted] = s().paste();
    expect(s().view.selectedNodes).toEqual(new Set([pasted]));
    check();
    s().applyPositions({ input: { x: 5, y: 5 } }, 'LR');
    check();
    s().undo();
    s().undo();
    check();
    // The project written is a copy: editing it does not edit the store.
    const project = s().toProject();
    project.graph.nodes[0].params.shape = [1];
    expect(s().graph.nodes[0].params.shape).toEqual([28, 28, 1]);
  });
});

describe('applyGraph: a graph put in place by the host (a base inserted) is one undo step', () => {
  const withBase = (graph: Graph): Graph => ({
    nodes: [
      graph.nodes[0],
      { id: 'vgg_conv', type: 'Conv2D', params: { filters: 4, kernelSize: 3, trainable: false }, group: 'vgg' },
      { id: 'vgg_pool', type: 'MaxPooling2D', params: { poolSize: 2, trainable: false }, group: 'vgg' },
      ...graph.nodes.slice(1),
    ],
    edges: [
      { source: 'input', target: 'vgg_conv' },
      { source: 'vgg_conv', target: 'vgg_pool' },
      { source: 'vgg_pool', target: 'flatten' },
      { source: 'flatten', target: 'output' },
    ],
    groups: [{ id: 'vgg', name: 'VGG16', source: 'catalogue', collapsed: true }],
  });

  it('inserts the base as one named step, selects its blocks, and undo removes it whole', () => {
    const { s } = setup();
    const graph = s().graph;
    const output = flowNode(s(), 'output');
    const steps = s().past.length;
    s().applyGraph(withBase(s().toProject().graph), { label: 'Add the VGG16 base' });
    expect(s().past.length).toBe(steps + 1);
    expect(undoLabel(s())).toBe('Add the VGG16 base');
    expect(s().groups).toEqual([{ id: 'vgg', name: 'VGG16', source: 'catalogue', collapsed: true }]);
    expect([...s().view.selectedNodes]).toEqual(['vgg_conv', 'vgg_pool']);
    expect(s().graph.nodes.find((n) => n.id === 'vgg_conv')?.position).toEqual({ x: 0, y: 0 });
    expect(s().analysis.errors).toEqual([]);
    expect(s().dirty).toBe(true);
    expect(s().toProject().graph).toEqual(s().graph);
    // The blocks that were there keep their React Flow node.
    expect(flowNode(s(), 'output')).toBe(output);
    // Drawn with its blocks, then one block again: the graph keeps it, and the project says it.
    s().setGroupCollapsed('vgg', false);
    expect(s().toProject().graph.groups?.[0].collapsed).toBe(false);
    expect(s().toProject().graph).toEqual(s().graph);
    s().undo();
    expect(s().graph.groups?.[0].collapsed).toBe(true);

    s().undo();
    expect(s().graph).toBe(graph);
    expect(s().groups).toEqual([]);
    expect(s().dirty).toBe(false);
    expect(redoLabel(s())).toBe('Add the VGG16 base');
    s().redo();
    expect(s().graph.nodes.map((n) => n.id)).toEqual(['input', 'vgg_conv', 'vgg_pool', 'flatten', 'output']);
  });

  it('with saved, reads as saved (the file already holds it); not undoable, it starts the history again', () => {
    const { s } = setup();
    s().addBlock('Dropout');
    s().applyGraph(withBase(smallProject().graph), { saved: true });
    expect(s().dirty).toBe(false);
    expect(s().past.length).toBe(2);
    s().applyGraph(smallProject().graph, { undoable: false });
    expect(s().past).toEqual([]);
    expect(s().groups).toEqual([]);
  });

  it('refuses what is not a graph with the project reader’s message, and leaves the editor as it was', () => {
    const { s } = setup();
    const graph = s().graph;
    expect(() => s().applyGraph({ nodes: 'none' } as unknown as Graph)).toThrow(/nodes/);
    expect(s().graph).toBe(graph);
    expect(s().past).toEqual([]);
  });
});
