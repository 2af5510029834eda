import { describe, expect, it } from 'vitest';
import mnistJson from '../../../projects/mnist-cnn.json';
import { parseProject } from '../../../core/model/project-io';
import { checkConnection } from './connection-rules';
import { createEditorStore, emptyProject } from './editor-store';
import { COALESCE_MS } from './history';
import { chain } from '../../../core/model/test-graphs';
import { issueEn } from '../../../core/model/test-issues';

const mnist = () => parseProject(structuredClone(mnistJson));

/** Builds the course's CNN block by block, each added after the previous one, as the palette's Enter key does. */
function buildCourseCnn() {
  const store = createEditorStore(emptyProject('CNN'));
  const s = () => store.getState();
  const chain: [string, Record<string, unknown>][] = [
    ['Input', { shape: [28, 28, 1] }],
    ['Conv2D', { filters: 8, kernelSize: 3, activation: 'relu' }],
    ['MaxPooling2D', { poolSize: 2 }],
    ['Dropout', { rate: 0.2 }],
    ['Conv2D', { filters: 16, kernelSize: 3, activation: 'relu' }],
    ['MaxPooling2D', { poolSize: 2 }],
    ['Dropout', { rate: 0.2 }],
    ['Flatten', {}],
    ['Dense', { units: 100, activation: 'relu' }],
    ['Dropout', { rate: 0.5 }],
    ['Dense', { units: 10, activation: 'softmax' }],
  ];
  let previous: string | undefined;
  const ids: string[] = [];
  for (const [type, params] of chain) {
    const id = s().addBlock(type, { connectFrom: previous });
    for (const [name, value] of Object.entries(params)) s().setParam(id, name, value);
    ids.push(id);
    previous = id;
  }
  return { store, ids };
}

describe('editor store', () => {
  it('builds the course CNN block by block: shapes, 42,358 parameters, no errors', () => {
    const { store, ids } = buildCourseCnn();
    const { analysis, edges } = store.getState();
    expect(edges).toHaveLength(10);
    expect(analysis.nodes[ids[1]].outputShape).toEqual([26, 26, 8]);
    expect(analysis.nodes[ids[7]].outputShape).toEqual([400]);
    expect(analysis.totalParams).toBe(42_358);
    expect(analysis.errors).toEqual([]);
    expect(ids.slice(0, 3)).toEqual(['input_1', 'conv2d_1', 'maxpooling2d_1']);
  });

  it('connects blocks and refuses loops, a second input into a one-input block, and edges into an Input', () => {
    const store = createEditorStore(emptyProject('t'));
    const s = () => store.getState();
    const input = s().addBlock('Input');
    const dense = s().addBlock('Dense');
    const dense2 = s().addBlock('Dense');
    expect(s().connect(input, dense)).toBeUndefined();
    expect(s().connect(dense, dense2)).toBeUndefined();
    expect(s().connect(dense2, dense)?.key).toBe('ui-editor:connect.singleInput');
    expect(s().connect(dense, input)?.key).toBe('ui-editor:connect.intoInput');
    expect(s().connect(dense, dense2)?.key).toBe('ui-editor:connect.duplicate');
    const add = s().addBlock('Add');
    s().connect(dense, add);
    s().connect(dense2, add);
    expect(s().connect(add, dense)?.key).toBe('ui-editor:connect.singleInput');
    // A merge block takes several inputs, but never one that loops back through itself.
    const back = s().addBlock('Dense', { connectFrom: add });
    expect(s().connect(back, add)?.key).toBe('ui-editor:connect.cycle');
    const graphNodes = s().nodes.map((n) => ({ id: n.id, type: n.data.blockType, params: {} }));
    expect(checkConnection(graphNodes, s().edges, add, add)?.key).toBe('ui-editor:connect.self');
    expect(checkConnection(graphNodes, s().edges, 'nowhere', add)?.key).toBe('ui-editor:connect.unknown');
    expect(s().edges).toHaveLength(5);
  });

  it('refuses a connection that would close a loop', () => {
    const store = createEditorStore(emptyProject('t'));
    const s = () => store.getState();
    const a = s().addBlock('Add');
    const b = s().addBlock('Dense', { connectFrom: a });
    const c = s().addBlock('Dense', { connectFrom: b });
    expect(s().connect(c, a)?.key).toBe('ui-editor:connect.cycle');
    expect(s().edges).toHaveLength(2);
  });

  it('undoes and redoes every edit, parameters included', () => {
    const { store, ids } = buildCourseCnn();
    const s = () => store.getState();
    const conv = ids[4];
    s().setParam(conv, 'kernelSize', 30);
    expect(s().analysis.nodes[conv].issues.some((i) => i.severity === 'error')).toBe(true);
    expect(s().analysis.valid).toBe(false);
    s().undo();
    expect(s().nodes.find((n) => n.id === conv)?.data.params.kernelSize).toBe(3);
    expect(s().analysis.totalParams).toBe(42_358);
    s().redo();
    expect(s().nodes.find((n) => n.id === conv)?.data.params.kernelSize).toBe(30);
    s().undo();
    const before = s().nodes.length;
    s().select([ids[10]]);
    s().deleteSelection();
    expect(s().nodes).toHaveLength(before - 1);
    s().undo();
    expect(s().nodes).toHaveLength(before);
    expect(s().edges.some((e) => e.target === ids[10])).toBe(true);
  });

  it('treats a burst of typing in one field as one undo step', () => {
    const { store, ids } = buildCourseCnn();
    const s = () => store.getState();
    const dense = ids[8];
    const steps = s().past.length;
    for (const units of [1, 12, 128]) s().setParam(dense, 'units', units);
    expect(s().past.length).toBe(steps + 1);
    s().undo();
    expect(s().nodes.find((n) => n.id === dense)?.data.params.units).toBe(100);
    // Another field is another step.
    s().setParam(dense, 'units', 64);
    s().setParam(dense, 'activation', 'tanh');
    expect(s().past.length).toBe(steps + 2);
    expect(COALESCE_MS).toBeGreaterThan(0);
  });

  it('copies, pastes and duplicates with fresh ids and the edges between the copied blocks', () => {
    const { store, ids } = buildCourseCnn();
    const s = () => store.getState();
    s().select([ids[1], ids[2]]);
    expect(s().copySelection()).toBe(2);
    const pasted = s().paste();
    expect(pasted).toEqual(['conv2d_3', 'maxpooling2d_3']);
    expect(s().edges.some((e) => e.source === 'conv2d_3' && e.target === 'maxpooling2d_3')).toBe(true);
    expect(
      s()
        .nodes.filter((n) => n.selected)
        .map((n) => n.id),
    ).toEqual(pasted);
    const original = s().nodes.find((n) => n.id === ids[1])!;
    const copy = s().nodes.find((n) => n.id === 'conv2d_3')!;
    expect(copy.position.x).toBeGreaterThan(original.position.x);
    expect(copy.data.params).toEqual(original.data.params);
    const twice = s().paste();
    expect(twice).toEqual(['conv2d_4', 'maxpooling2d_4']);
    const dup = s().duplicateSelection();
    expect(dup).toHaveLength(2);
    expect(s().nodes).toHaveLength(11 + 6);
    s().undo();
    s().undo();
    s().undo();
    expect(s().nodes).toHaveLength(11);
  });

  it('renames block ids that cannot name a layer when a project is opened, keeping its connections, and marks it unsaved', () => {
    const project = parseProject(
      chain(
        ['entrée', 'Input', { shape: [2] }],
        ['hidden 1', 'Dense', { units: 4, activation: 'relu' }],
        ['dense(1)', 'Dense', { units: 2, activation: 'softmax' }],
      ),
    );
    const store = createEditorStore();
    const s = () => store.getState();
    s().loadProject(project, '/somewhere/odd.json');
    expect(s().toProject().graph).toEqual({
      nodes: [
        { id: 'entree', type: 'Input', params: { shape: [2] }, position: expect.anything() },
        { id: 'hidden_1', type: 'Dense', params: { units: 4, activation: 'relu' }, position: expect.anything() },
        { id: 'dense_1', type: 'Dense', params: { units: 2, activation: 'softmax' }, position: expect.anything() },
      ],
      edges: [
        { source: 'entree', target: 'hidden_1' },
        { source: 'hidden_1', target: 'dense_1' },
      ],
    });
    expect(s().analysis.valid).toBe(true);
    expect(s().dirty).toBe(true);
  });

  it('warns on the block at fault when training may not fit in the memory of the computer that trains', () => {
    const store = createEditorStore(mnist());
    const s = () => store.getState();
    expect(s().analysis.warnings).toEqual([]);
    s().setMachineMemory(64e9);
    expect(s().analysis.warnings).toEqual([]);
    // The course CNN with Adam and batches of 64 needs a few megabytes: on a 5 MB machine it may not fit.
    s().setMachineMemory(5e6);
    expect(s().analysis.warnings).toEqual([expect.objectContaining({ code: 'memory', nodeId: 'dense1' })]);
    expect(issueEn(s().analysis.warnings[0])).toContain('more than half of this computer');
    s().setMachineMemory(1e6);
    expect(s().analysis.valid).toBe(false);
    expect(s().analysis.errors.map((e) => e.code)).toEqual(['out-of-memory']);
  });

  it('round-trips a project through the store and tracks unsaved changes', () => {
    const project = mnist();
    const store = createEditorStore();
    const s = () => store.getState();
    s().loadProject(project, '/somewhere/mnist.json');
    expect(s().dirty).toBe(false);
    expect(s().analysis.totalParams).toBe(42_358);
    const out = s().toProject();
    expect(out).toEqual(project);
    s().setParam('dense1', 'units', 50);
    expect(s().dirty).toBe(true);
    s().markSaved();
    expect(s().dirty).toBe(false);
    expect(s().location).toBe('/somewhere/mnist.json');
    expect(
      s()
        .toProject()
        .graph.nodes.find((n) => n.id === 'dense1')?.params.units,
    ).toBe(50);
    s().renameProject('Mine');
    expect(s().dirty).toBe(true);
    expect(s().toProject().name).toBe('Mine');
    s().undo();
    expect(s().project.name).toBe('MNIST CNN');
    s().redo();
    expect(s().project.name).toBe('Mine');
  });

  it('moves blocks as one undo step per drag, and lays them out as one step', () => {
    const project = mnist();
    const store = createEditorStore(project);
    const s = () => store.getState();
    const start = s().nodes[0].position;
    s().onNodesChange([{ type: 'position', id: 'input', position: { x: 10, y: 10 }, dragging: true }]);
    s().onNodesChange([{ type: 'position', id: 'input', position: { x: 20, y: 20 }, dragging: true }]);
    s().onNodesChange([{ type: 'position', id: 'input', position: { x: 30, y: 30 }, dragging: false }]);
    expect(s().past).toHaveLength(1);
    expect(s().dirty).toBe(true);
    s().undo();
    expect(s().nodes[0].position).toEqual(start);
    s().applyPositions({ input: { x: 5, y: 6 } }, 'LR');
    expect(s().direction).toBe('LR');
    expect(s().nodes[0].position).toEqual({ x: 5, y: 6 });
  });

  it('selects all, and deleting a block removes its connections in the same step', () => {
    const store = createEditorStore(mnist());
    const s = () => store.getState();
    s().select(['flatten']);
    s().deleteSelection();
    expect(s().edges.some((e) => e.source === 'flatten' || e.target === 'flatten')).toBe(false);
    expect(s().analysis.valid).toBe(false);
    s().undo();
    expect(s().analysis.valid).toBe(true);
    s().selectAll();
    expect(s().nodes.every((n) => n.selected)).toBe(true);
    s().deleteSelection();
    expect(s().nodes).toHaveLength(0);
    expect(s().edges).toHaveLength(0);
  });

  it('deletes a selected connection alone, disconnects, and resets a parameter to its default', () => {
    const store = createEditorStore(mnist());
    const s = () => store.getState();
    s().onEdgesChange([{ type: 'select', id: 'flatten->dense1', selected: true }]);
    s().deleteSelection();
    expect(s().nodes).toHaveLength(11);
    expect(s().edges.some((e) => e.source === 'flatten' && e.target === 'dense1')).toBe(false);
    s().undo();
    s().disconnect('conv1', 'pool1');
    expect(s().edges).toHaveLength(9);
    s().undo();
    expect(s().edges).toHaveLength(10);
    s().resetParam('conv1', 'filters');
    expect(s().nodes.find((n) => n.id === 'conv1')?.data.params).not.toHaveProperty('filters');
    expect(s().analysis.nodes.conv1.outputShape).toEqual([26, 26, 32]);
    s().undo();
    expect(s().analysis.totalParams).toBe(42_358);
  });
});
