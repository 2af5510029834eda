import { beforeEach, describe, expect, it } from 'vitest';
import type { DatasetPreview, NeuroblocksApi } from '../../../core/api/contract';
import type { DatasetRef } from '../../../core/model/project';
import { dataStore, loadPreview } from './data-store';

const preview = (columns: string[]): DatasetPreview => ({
  name: 'x.csv',
  kind: 'csv',
  inputShape: [columns.length - 1],
  classes: [],
  trainCount: 0,
  testCount: 0,
  warnings: [],
  skipped: [],
  columns,
});

/** A host whose CSV files are `files` (path → columns); the others cannot be read. */
function host(files: Record<string, string[]>) {
  return {
    previewDataset: async (ref: DatasetRef) => {
      const columns = ref.kind === 'csv' ? files[ref.path] : undefined;
      if (!columns) throw new Error(`Cannot read the CSV file ${ref.kind === 'csv' ? ref.path : ''}: it does not exist.`);
      if (ref.kind === 'csv' && !columns.includes(ref.labelColumn))
        throw Object.assign(new Error(`No column "${ref.labelColumn}".`), { code: 'data', details: { columns } });
      return preview(columns);
    },
  } as unknown as NeuroblocksApi;
}

beforeEach(() =>
  dataStore.setState({ key: undefined, preview: undefined, loading: false, error: undefined, columns: undefined, columnsFor: undefined }),
);

describe('the label columns offered for a CSV file', () => {
  it('are the columns of the file chosen, never those of the file chosen before', async () => {
    const api = host({ 'iris.csv': ['sepal', 'petal', 'species'] });
    await loadPreview(api, { kind: 'csv', path: 'iris.csv', labelColumn: 'species' }, '/p/a.nbproj');
    expect(dataStore.getState().columns).toEqual(['sepal', 'petal', 'species']);
    await loadPreview(api, { kind: 'csv', path: 'moved.csv', labelColumn: 'species' }, '/p/a.nbproj');
    expect(dataStore.getState()).toMatchObject({ columns: undefined, error: 'Cannot read the CSV file moved.csv: it does not exist.' });
  });

  it('stay offered while another label column of the same file is tried, also a wrong one', async () => {
    const api = host({ 'iris.csv': ['sepal', 'petal', 'species'] });
    await loadPreview(api, { kind: 'csv', path: 'iris.csv', labelColumn: 'species' });
    const loading = loadPreview(api, { kind: 'csv', path: 'iris.csv', labelColumn: 'petal' });
    expect(dataStore.getState()).toMatchObject({ loading: true, columns: ['sepal', 'petal', 'species'] });
    await loading;
    await loadPreview(api, { kind: 'csv', path: 'iris.csv', labelColumn: 'label' });
    expect(dataStore.getState()).toMatchObject({ error: 'No column "label".', columns: ['sepal', 'petal', 'species'] });
  });
});
