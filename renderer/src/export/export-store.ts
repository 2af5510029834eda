import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

export const exportDialogStore = createStore<{ open: boolean }>()(() => ({ open: false }));

export function openExportDialog(): void {
  exportDialogStore.setState({ open: true });
}

export function useExportDialog<T>(selector: (state: { open: boolean }) => T): T {
  return useStore(exportDialogStore, selector);
}
