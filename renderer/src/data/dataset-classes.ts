// The editor's analysis checks the output against the data set's class count when it is known:
// the built-in sets' from the host's list, any other set's from its preview in the Data tab.
import type { NeuroblocksApi } from '../../../core/api/contract';
import type { DatasetRef } from '../../../core/model/project';
import { dataStore } from './data-store';
import { datasetKey } from '../store/editor-store';
import { editorStore } from '../store/index';

export function bindDatasetClasses(api: NeuroblocksApi): () => void {
  void api
    .listDatasets()
    .then((list) => {
      for (const d of list) editorStore.getState().setKnownClasses(datasetKey({ kind: 'builtin', name: d.name as 'mnist' }), d.classes);
    })
    .catch(() => undefined);
  return dataStore.subscribe((state, previous) => {
    if (!state.preview || state.preview === previous.preview || !state.key) return;
    const [ref] = JSON.parse(state.key) as [DatasetRef, string];
    editorStore.getState().setKnownClasses(datasetKey(ref), state.preview.classes.length);
  });
}
