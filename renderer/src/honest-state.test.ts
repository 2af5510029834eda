import { describe, expect, it } from 'vitest';
import mnistJson from '../../projects/mnist-cnn.json';
import { parseProject } from '../../core/model/project-io';
import { createEditorStore, datasetKey } from './store/editor-store';
import { emptyCurves, leaveRunOfAnotherProject, trainingStore } from './train/training-store';
import { plainText, splitCode } from './ui/CodeText';

const mnist = () => parseProject(structuredClone(mnistJson));

describe("the editor analyses the graph for training, with the data set's classes when known", () => {
  it('Dense on 6×6×32 is an error in the editor, not "valid"', () => {
    const store = createEditorStore();
    const s = () => store.getState();
    const input = s().addBlock('Input');
    s().setParam(input, 'shape', [6, 6, 32]);
    const dense = s().addBlock('Dense', { connectFrom: input });
    s().setParam(dense, 'units', 3);
    s().setParam(dense, 'activation', 'softmax');
    expect(s().analysis.valid).toBe(false);
    expect(s().analysis.errors.map((e) => e.code)).toEqual(['output-not-flat']);
  });

  it("the class count of the project's data set is checked once known, and a change of loss or data set re-analyses", () => {
    const project = mnist();
    project.graph.nodes.find((n) => n.id === 'output')!.params.units = 5;
    const store = createEditorStore(project);
    const s = () => store.getState();
    expect(s().analysis.valid).toBe(true);
    s().setKnownClasses(datasetKey({ kind: 'builtin', name: 'mnist' }), 10);
    expect(s().analysis.errors.map((e) => [e.code, e.nodeId, e.param])).toEqual([['output-units-classes', 'output', 'units']]);
    // Another data set (set from the Train panel, not by an edit of the graph) with 5 classes.
    s().setKnownClasses(datasetKey({ kind: 'csv', path: 'five.csv', labelColumn: 'label' }), 5);
    store.setState({ project: { ...s().project, dataset: { kind: 'csv', path: 'five.csv', labelColumn: 'label' } } });
    expect(s().analysis.valid).toBe(true);
    store.setState({ project: { ...s().project, training: { ...s().project.training, loss: 'binaryCrossentropy' } } });
    expect(s().analysis.errors.map((e) => e.code)).toEqual(['binary-needs-sigmoid']);
  });
});

describe("another project shows none of the last project's run", () => {
  it("clears the finished run's progress, curves and results and closes the panel", () => {
    const curves = emptyCurves();
    curves.x.push(1);
    curves.loss.push(0.5);
    trainingStore.setState({
      open: true,
      tab: 'evaluate',
      phase: 'finished',
      sessionId: 'r1',
      history: [{ epoch: 1, loss: 0.5, accuracy: 0.8 } as never],
      curves,
      final: { type: 'final' } as never,
      evaluated: { type: 'final' } as never,
    });
    leaveRunOfAnotherProject();
    const state = trainingStore.getState();
    expect(state).toMatchObject({
      open: false,
      tab: 'train',
      phase: 'idle',
      sessionId: undefined,
      final: undefined,
      evaluated: undefined,
      history: [],
    });
    expect(state.curves.x).toEqual([]);
  });

  it('a run still training keeps going and stays shown; only the panel closes', () => {
    trainingStore.setState({ open: true, phase: 'running', sessionId: 'r2', history: [{ epoch: 1 } as never] });
    leaveRunOfAnotherProject();
    expect(trainingStore.getState()).toMatchObject({ open: false, phase: 'running', sessionId: 'r2' });
  });
});

describe('`code` in messages', () => {
  it('splits marked spans out and leaves no backtick', () => {
    expect(splitCode('Set `units` to 10 and `activation` to "softmax".')).toEqual([
      { text: 'Set ', code: false },
      { text: 'units', code: true },
      { text: ' to 10 and ', code: false },
      { text: 'activation', code: true },
      { text: ' to "softmax".', code: false },
    ]);
    expect(plainText('réglez `shape` sur [28, 28, 1]')).toBe('réglez shape sur [28, 28, 1]');
    expect(splitCode('no code here')).toEqual([{ text: 'no code here', code: false }]);
  });
});
