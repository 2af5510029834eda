import { describe, expect, it } from 'vitest';
import mnistJson from '../../../projects/mnist-cnn.json';
import { parseProject } from '../../../core/model/project-io';
import type { NeuroblocksApi } from '../../../core/api/contract';
import type { Project } from '../../../core/model/project';
import { bindAutosave } from '../project-actions';
import { createEditorStore } from './editor-store';
import { editorStore } from './index';

const mnist = () => parseProject(structuredClone(mnistJson));

describe('putting a run’s graph and settings back into the editor', () => {
  it('replaces the graph, the training settings and the data set as one undoable step, keeping the name', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    s().loadProject({ ...mnist(), name: 'Digits' }, '/p/digits.nbproj');
    const dense = s().nodes.find((n) => n.data.blockType === 'Dense')!.id;
    s().setParam(dense, 'units', 64);
    const edited = s().toProject();

    const run = mnist();
    run.name = 'Older name';
    run.graph.nodes = run.graph.nodes.map((n) => (n.id === dense ? { ...n, params: { ...n.params, units: 128 } } : n));
    run.training = { ...run.training, optimizer: 'sgd', learningRate: 0.05 };
    run.dataset = { kind: 'builtin', name: 'mnist', size: 400 };
    s().replaceGraphAndSettings(run);

    const restored = s().toProject();
    expect(restored.name).toBe('Digits');
    expect(restored.graph.nodes.find((n) => n.id === dense)!.params.units).toBe(128);
    expect(restored.training).toMatchObject({ optimizer: 'sgd', learningRate: 0.05 });
    expect(restored.dataset).toEqual({ kind: 'builtin', name: 'mnist', size: 400 });
    expect(s().analysis.valid).toBe(true);
    expect(s().dirty).toBe(true);

    s().undo();
    expect(s().toProject()).toEqual(edited);
    s().redo();
    expect(s().toProject()).toEqual(restored);
    s().undo();
    // The edit before the restore is undone on its own; the settings stay those it had.
    s().undo();
    expect(
      s()
        .toProject()
        .graph.nodes.find((n) => n.id === dense)!.params.units,
    ).toBe(mnist().graph.nodes.find((n) => n.id === dense)!.params.units);
    expect(s().toProject().training).toEqual(edited.training);
    expect(s().dirty).toBe(false);
  });

  it('refuses a project that is not valid without touching the editor', () => {
    const store = createEditorStore(mnist());
    const before = store.getState().toProject();
    expect(() => store.getState().replaceGraphAndSettings({ ...mnist(), graph: { nodes: [{ id: 'x' }], edges: [] } } as never)).toThrow();
    expect(store.getState().toProject()).toEqual(before);
    expect(store.getState().past).toEqual([]);
  });
});

describe('a restored run in a project file', () => {
  it('is autosaved like any edit', () => {
    const calls: Project[] = [];
    const api = {
      autosaveProject: async (_location: string, project: Project) => void calls.push(project),
      onAutosave: () => () => undefined,
    } as unknown as NeuroblocksApi;
    const stop = bindAutosave(api);
    try {
      const s = () => editorStore.getState();
      s().loadProject(mnist(), '/p/runs.nbproj');
      const run = mnist();
      run.training = { ...run.training, learningRate: 0.05 };
      run.graph.nodes = run.graph.nodes.filter((n) => n.type !== 'Dropout');
      run.graph.edges = [];
      s().replaceGraphAndSettings(run);
      expect(calls).toHaveLength(1);
      expect(calls[0].training.learningRate).toBe(0.05);
      expect(calls[0].graph.nodes.some((n) => n.type === 'Dropout')).toBe(false);
    } finally {
      stop();
    }
  });
});
