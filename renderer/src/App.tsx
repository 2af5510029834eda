import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Editor } from './editor/Editor';
import { Home } from './home/Home';
import { getApi } from './api';
import { editorStore, useEditor, useUi } from './store/index';
import { Toasts } from './ui/Toasts';
import { NetworkImportDialog } from './import/NetworkImport';

export function App() {
  const { t } = useTranslation();
  const screen = useUi((s) => s.screen);
  const name = useEditor((s) => s.project.name);
  const dirty = useEditor((s) => s.dirty);
  useEffect(() => {
    document.title = screen === 'editor' ? `${dirty ? '● ' : ''}${name} — Neuroblocks` : 'Neuroblocks';
  }, [screen, name, dirty]);
  useEffect(() => {
    // The editor warns when a model may not fit in the memory of the computer that trains it.
    getApi()
      .getAppInfo()
      .then(
        (info) => editorStore.getState().setMachineMemory(info.memoryBytes),
        () => undefined,
      );
  }, []);
  useEffect(() => {
    // Closing the tab with unsaved changes asks first.
    const onBeforeUnload = (event: BeforeUnloadEvent) => {
      if (dirty) event.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [dirty]);
  return (
    <>
      <a href="#main" className="skip-link">
        {t('ui-app:skip')}
      </a>
      <div id="main">{screen === 'home' ? <Home /> : <Editor />}</div>
      <NetworkImportDialog />
      <Toasts />
    </>
  );
}
