import { describe, expect, it } from 'vitest';
import mnistJson from '../../projects/mnist-cnn.json';
import type { AutosaveUpdate, NeuroblocksApi } from '../../core/api/contract';
import { problem } from '../../core/i18n/catalogue';
import type { Project } from '../../core/model/project';
import { parseProject } from '../../core/model/project-io';
import { bindAutosave } from './project-actions';
import { editorStore, uiStore } from './store/index';
import { fakeEvent } from './test-events';

function fakeApi() {
  const calls: { location: string; project: Project }[] = [];
  const autosaved = fakeEvent<AutosaveUpdate>();
  const api = {
    autosaveProject: async (location: string, project: Project) => void calls.push({ location, project }),
    onAutosave: autosaved.on,
  } as unknown as NeuroblocksApi;
  return { api, calls, fire: autosaved.fire };
}

describe('autosave from the editor', () => {
  it('sends each change of a .nbproj project, none of project JSON, and shows a failure once', () => {
    const { api, calls, fire } = fakeApi();
    const stop = bindAutosave(api);
    const s = () => editorStore.getState();
    s().loadProject(parseProject(structuredClone(mnistJson)), '/p/cnn.nbproj');
    expect(calls).toHaveLength(0);
    s().renameProject('Renamed');
    const dense = s().nodes.find((n) => n.data.blockType === 'Dense')!.id;
    s().setParam(dense, 'units', 64);
    s().select([dense]);
    expect(calls.map((c) => c.location)).toEqual(['/p/cnn.nbproj', '/p/cnn.nbproj']);
    expect(calls[1].project.name).toBe('Renamed');
    expect(calls[1].project.graph.nodes.find((n) => n.id === dense)!.params.units).toBe(64);

    s().loadProject(parseProject(structuredClone(mnistJson)), '/p/cnn.json');
    s().renameProject('Not autosaved');
    expect(calls).toHaveLength(2);

    const before = uiStore.getState().toasts.length;
    const full = problem('project:autosaveFailed', { file: 'cnn.nbproj', reason: problem('project:fileReason', { context: 'full' }) });
    fire({ location: '/p/cnn.nbproj', error: full });
    fire({ location: '/p/cnn.nbproj', error: full });
    expect(uiStore.getState().toasts.slice(before)).toEqual([
      expect.objectContaining({ kind: 'error', text: expect.stringMatching(/disk is full/) }),
    ]);
    stop();
  });

  it('marks the editor saved once the file holds its edits, not when it changed again since', () => {
    const { api, fire } = fakeApi();
    const stop = bindAutosave(api);
    const s = () => editorStore.getState();
    s().loadProject(parseProject(structuredClone(mnistJson)), '/p/cnn.nbproj');
    s().renameProject('First edit');
    expect(s().dirty).toBe(true);
    fire({ location: '/p/cnn.nbproj', savedAt: new Date().toISOString() });
    expect(s().dirty).toBe(false);

    // A success for another file changes nothing here.
    s().renameProject('Second edit');
    fire({ location: '/p/other.nbproj', savedAt: new Date().toISOString() });
    expect(s().dirty).toBe(true);
    // While a block is dragged, its moves are not sent: a success then leaves the editor unsaved.
    editorStore.setState({ dragging: true, project: { ...s().project, name: 'Moved while dragging' } });
    fire({ location: '/p/cnn.nbproj', savedAt: new Date().toISOString() });
    expect(s().dirty).toBe(true);
    editorStore.setState({ dragging: false });
    fire({ location: '/p/cnn.nbproj', savedAt: new Date().toISOString() });
    expect(s().dirty).toBe(false);
    stop();
  });
});
