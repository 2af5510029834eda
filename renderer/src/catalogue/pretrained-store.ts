import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/** Whether the "Pretrained bases" dialog is open. */
export const pretrainedDialogStore = createStore<{ open: boolean }>()(() => ({ open: false }));

export function openPretrainedDialog(): void {
  pretrainedDialogStore.setState({ open: true });
}

export function usePretrainedDialog<T>(selector: (state: { open: boolean }) => T): T {
  return useStore(pretrainedDialogStore, selector);
}
