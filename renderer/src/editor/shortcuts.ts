import { editorStore } from '../store/index';
import { saveProject } from '../project-actions';
import { autoLayout, copySelection, deleteSelectionAndFocus } from './actions';
import { panelsStore } from './panels';

const isTextField = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));

/**
 * The editor's keyboard shortcuts (P presentation mode, [ and ] the side panels, Esc leaves
 * presentation mode or the selection). Inside a text field only Save, Undo and Redo apply
 * (every keystroke in a parameter field is already an edit of the store, so undo is the store's).
 */
export function handleEditorKey(event: KeyboardEvent, fitView: () => void): void {
  const mod = event.ctrlKey || event.metaKey;
  const key = event.key.toLowerCase();
  const store = editorStore.getState();
  const inField = isTextField(event.target);
  const run = (action: () => void) => {
    event.preventDefault();
    action();
  };
  if (mod && key === 's') return run(() => void saveProject());
  if (mod && key === 'z' && !event.shiftKey) return run(() => store.undo());
  if (mod && (key === 'y' || (key === 'z' && event.shiftKey))) return run(() => store.redo());
  const panels = panelsStore.getState();
  if (key === 'escape' && panels.presenting) return run(() => panels.present(false));
  // [ and ] whatever the modifiers: on a French keyboard they are typed with AltGr.
  if (!inField && key === '[') return run(() => panels.toggle('palette'));
  if (!inField && key === ']') return run(() => panels.toggle('inspector'));
  if (inField || event.altKey) return;
  if (mod && key === 'c') return run(copySelection);
  if (mod && key === 'x')
    return run(() => {
      copySelection();
      deleteSelectionAndFocus();
    });
  if (mod && key === 'v') return run(() => store.paste());
  if (mod && key === 'd') return run(() => store.duplicateSelection());
  if (mod && key === 'a') return run(() => store.selectAll());
  if (mod) return;
  if (key === 'delete' || key === 'backspace') return run(deleteSelectionAndFocus);
  if (key === 'l') return run(() => void autoLayout(undefined, fitView));
  if (key === 'f') return run(fitView);
  if (key === 'p') return run(() => panels.present(!panels.presenting));
  if (key === 'escape') return run(() => store.select([]));
}
