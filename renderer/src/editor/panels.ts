import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';

/**
 * Which parts of the editor are shown: the palette, the inspector (with the summary), the overview
 * map, and presentation mode (only the graph and the panel in use, in larger type). The panels are
 * remembered per window (sessionStorage), so that a teacher's projector window keeps its layout
 * across a reload while another window keeps its own; presentation mode is not (a reload starts
 * with the toolbar).
 */
export interface PanelsState {
  palette: boolean;
  inspector: boolean;
  minimap: boolean;
  presenting: boolean;
  toggle(panel: 'palette' | 'inspector' | 'minimap'): void;
  show(panel: 'palette' | 'inspector'): void;
  present(on: boolean): void;
}

const STORAGE_KEY = 'neuroblocks.editor.panels';
type Shown = Pick<PanelsState, 'palette' | 'inspector' | 'minimap'>;
const DEFAULTS: Shown = { palette: true, inspector: true, minimap: true };

function storage(): Storage | undefined {
  try {
    return globalThis.sessionStorage;
  } catch {
    return undefined;
  }
}

function load(): Shown {
  try {
    const saved = JSON.parse(storage()?.getItem(STORAGE_KEY) ?? '{}') as Partial<Shown>;
    const pick = (key: keyof Shown) => (typeof saved[key] === 'boolean' ? saved[key] : DEFAULTS[key]);
    return { palette: pick('palette'), inspector: pick('inspector'), minimap: pick('minimap') };
  } catch {
    return DEFAULTS;
  }
}

export const panelsStore = createStore<PanelsState>()((set, get) => {
  const save = (next: Partial<PanelsState>) => {
    set(next);
    const { palette, inspector, minimap } = get();
    try {
      storage()?.setItem(STORAGE_KEY, JSON.stringify({ palette, inspector, minimap }));
    } catch {
      // A window without storage (private mode) still works; it only forgets.
    }
  };
  return {
    ...load(),
    presenting: false,
    toggle: (panel) => save({ [panel]: !get()[panel] }),
    show: (panel) => save({ [panel]: true, presenting: false }),
    present: (on) => save({ presenting: on }),
  };
});

export function usePanels<T>(selector: (state: PanelsState) => T): T {
  return useStore(panelsStore, selector);
}

/** The connection a dragged block would be inserted on if dropped now (highlighted on the canvas). */
export const dropTargetStore = createStore<{ edge?: string }>()(() => ({}));

export function useDropTarget(): string | undefined {
  return useStore(dropTargetStore, (s) => s.edge);
}
