import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import { createEditorStore, type EditorState } from './editor-store';

/** The one editor store of the app, outside React so that shortcuts, menus and tests reach it too. */
export const editorStore = createEditorStore();

export function useEditor<T>(selector: (state: EditorState) => T): T {
  return useStore(editorStore, selector);
}

export interface Toast {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

interface UiState {
  screen: 'home' | 'editor';
  toasts: Toast[];
  showToast(text: string, kind?: Toast['kind']): void;
  dismissToast(id: number): void;
  setScreen(screen: UiState['screen']): void;
  /** The file name being asked for by the in-page Save As dialog (no native dialogs in a browser). */
  saveAsName?: string;
  askFileName(suggested: string | undefined): void;
}

let nextToast = 1;
const TOAST_MS = 6000;

export const uiStore = createStore<UiState>()((set, get) => ({
  screen: 'home',
  toasts: [],
  showToast(text, kind = 'info') {
    const id = nextToast++;
    set({ toasts: [...get().toasts.slice(-3), { id, kind, text }] });
    setTimeout(() => get().dismissToast(id), TOAST_MS);
  },
  dismissToast(id) {
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
  },
  setScreen(screen) {
    set({ screen });
  },
  askFileName(suggested) {
    set({ saveAsName: suggested });
  },
}));

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
