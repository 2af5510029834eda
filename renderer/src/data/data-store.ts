// The Data tab's state outside React: the preview of the chosen data set and the import under way.
import { createStore } from 'zustand/vanilla';
import { useStore } from 'zustand';
import type { DatasetPreview, NeuroblocksApi, SkippedItem } from '../../../core/api/contract';
import type { Shape } from '../../../core/model/graph';
import type { DatasetRef } from '../../../core/model/project';
import { errorText } from '../ui/error-text';

export interface DataState {
  /** The reference (and project location) the preview is for. */
  key?: string;
  preview?: DatasetPreview;
  loading: boolean;
  error?: string;
  /** A CSV's columns, to choose the label column from (also when the chosen one is missing). */
  columns?: string[];
  /** The CSV file (and project location) the columns are those of. */
  columnsFor?: string;
  importing?: { name: string; sent: number; total: number };
  imported?: { name: string; count: number };
  refused: SkippedItem[];
  importError?: string;
}

export const dataStore = createStore<DataState>()(() => ({ loading: false, refused: [] }));

export function useData<T>(selector: (state: DataState) => T): T {
  return useStore(dataStore, selector);
}

export const previewKey = (ref: DatasetRef, location?: string, inputShape?: Shape) =>
  JSON.stringify([ref, location ?? '', inputShape ?? null]);

/**
 * Loads the preview of `ref` unless it is already shown; an answer for a reference chosen since is
 * dropped. `inputShape`: the model's Input, which an image folder's thumbnails are fitted to.
 */
export async function loadPreview(api: NeuroblocksApi, ref: DatasetRef, location?: string, inputShape?: Shape): Promise<void> {
  const key = previewKey(ref, location, inputShape);
  if (dataStore.getState().key === key) return;
  // Another label column of the same file keeps its columns to choose from; another file does not.
  const columnsFor = ref.kind === 'csv' ? JSON.stringify([ref.path, location ?? '']) : undefined;
  const keep = columnsFor !== undefined && dataStore.getState().columnsFor === columnsFor;
  dataStore.setState({
    key,
    loading: true,
    error: undefined,
    preview: undefined,
    ...(keep ? {} : { columns: undefined, columnsFor: undefined }),
  });
  try {
    const preview = await api.previewDataset(ref, { ...(location ? { location } : {}), ...(inputShape ? { inputShape } : {}) });
    if (dataStore.getState().key !== key) return;
    dataStore.setState({ preview, loading: false, ...(preview.columns ? { columns: preview.columns, columnsFor } : {}) });
  } catch (error) {
    if (dataStore.getState().key !== key) return;
    const details = (error as { details?: { columns?: unknown } }).details;
    const columns = Array.isArray(details?.columns) ? (details.columns as string[]) : undefined;
    dataStore.setState({ loading: false, error: errorText(error), ...(columns ? { columns, columnsFor } : {}) });
  }
}

/** Forgets the preview, so that the next look reads the data again (after an import into the same place). */
export function forgetPreview(): void {
  dataStore.setState({ key: undefined });
}
