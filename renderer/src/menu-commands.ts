import type { MenuCommand, NeuroblocksApi } from '../../core/api/contract';
import { copySelection, deleteSelectionAndFocus } from './editor/actions';
import { openExportDialog } from './export/export-store';
import { openWithDialog, openProject, saveProject, saveProjectAs } from './project-actions';
import { editorStore, uiStore } from './store/index';

/** Carries out the desktop app's native menu commands (the web host never sends any). */
export function bindMenuCommands(api: NeuroblocksApi): () => void {
  return api.onMenuCommand((command: MenuCommand) => {
    const store = editorStore.getState();
    switch (command.command) {
      case 'new':
        // The home screen offers an empty project or an example.
        return uiStore.getState().setScreen('home');
      case 'open':
        return void openWithDialog();
      case 'openRecent':
        return void openProject(command.location);
      case 'save':
        return void saveProject();
      case 'saveAs':
        return void saveProjectAs();
      case 'export':
        return openExportDialog();
      case 'undo':
        return store.undo();
      case 'redo':
        return store.redo();
      case 'cut':
        copySelection();
        return deleteSelectionAndFocus();
      case 'copy':
        return copySelection();
      case 'paste':
        return void store.paste();
      case 'delete':
        return deleteSelectionAndFocus();
      case 'selectAll':
        return store.selectAll();
      case 'fitView':
        return window.dispatchEvent(new KeyboardEvent('keydown', { key: 'f' }));
      case 'autoLayout':
        return window.dispatchEvent(new KeyboardEvent('keydown', { key: 'l' }));
    }
  });
}
