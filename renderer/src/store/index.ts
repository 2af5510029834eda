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
  /** While the pointer is over the messages or focus is in them, none closes by itself. */
  holdToasts(held: boolean): void;
  setScreen(screen: UiState['screen']): void;
  /** The file name being asked for by the in-page Save As dialog (no native dialogs in a browser). */
  saveAsName?: string;
  askFileName(suggested: string | undefined): void;
}

let nextToast = 1;
const toastTimers = new Map<number, ReturnType<typeof setTimeout>>();
let toastsHeld = false;

/** How long a message stays: long enough to be read aloud in class, errors longer than news. */
export function toastDuration(text: string, kind: Toast['kind']): number {
  const reading = text.length * 70;
  return kind === 'error' ? Math.min(Math.max(10_000, reading), 40_000) : Math.min(Math.max(5_000, reading), 15_000);
}

export const uiStore = createStore<UiState>()((set, get) => ({
  screen: 'home',
  toasts: [],
  showToast(text, kind = 'info') {
    const toast = { id: nextToast++, kind, text };
    const kept = get().toasts.slice(-3);
    for (const gone of get().toasts.slice(0, -3)) clearTimeout(toastTimers.get(gone.id));
    set({ toasts: [...kept, toast] });
    if (!toastsHeld) scheduleClose(toast);
  },
  dismissToast(id) {
    clearTimeout(toastTimers.get(id));
    toastTimers.delete(id);
    set({ toasts: get().toasts.filter((t) => t.id !== id) });
    // The pointer over the last one closed leaves no element to leave.
    if (get().toasts.length === 0) toastsHeld = false;
  },
  holdToasts(held) {
    if (held === toastsHeld) return;
    toastsHeld = held;
    for (const toast of get().toasts) {
      clearTimeout(toastTimers.get(toast.id));
      toastTimers.delete(toast.id);
      if (!held) scheduleClose(toast);
    }
  },
  setScreen(screen) {
    set({ screen });
  },
  askFileName(suggested) {
    set({ saveAsName: suggested });
  },
}));

function scheduleClose(toast: Toast): void {
  toastTimers.set(
    toast.id,
    setTimeout(() => uiStore.getState().dismissToast(toast.id), toastDuration(toast.text, toast.kind)),
  );
}

export function useUi<T>(selector: (state: UiState) => T): T {
  return useStore(uiStore, selector);
}
