import { useEffect, useState } from 'react';
import { useModalDialogWhile } from '../ui/use-modal-dialog';
import { useTranslation } from 'react-i18next';
import { saveUnderFileName } from '../project-actions';
import { uiStore, useUi } from '../store/index';

/** The browser's Save As: asks for a file name in the projects folder (the desktop app uses the native dialog). */
export function SaveAsDialog() {
  const { t } = useTranslation();
  const suggested = useUi((s) => s.saveAsName);
  const [name, setName] = useState('');
  const dialog = useModalDialogWhile(suggested !== undefined);
  useEffect(() => {
    if (suggested !== undefined) setName(suggested);
  }, [suggested]);
  const close = () => uiStore.getState().askFileName(undefined);
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby="save-as-title" onClose={close}>
      <form
        method="dialog"
        onSubmit={async (e) => {
          e.preventDefault();
          const fileName = /\.(json|nbproj)$/i.test(name.trim()) ? name.trim() : `${name.trim()}.nbproj`;
          if (await saveUnderFileName(fileName)) close();
        }}
      >
        <h2 id="save-as-title">{t('ui-editor:saveAs.title')}</h2>
        <label className="field">
          <span className="field-label">{t('ui-editor:saveAs.fileName')}</span>
          <input value={name} onChange={(e) => setName(e.target.value)} autoFocus required aria-describedby="save-as-kind" />
        </label>
        <p className="field-help" id="save-as-kind" data-testid="save-as-kind">
          {/\.json$/i.test(name.trim()) ? t('ui-editor:saveAs.jsonNote') : t('ui-editor:saveAs.nbprojNote')}
        </p>
        <div className="button-row">
          <button type="button" onClick={close}>
            {t('ui-editor:saveAs.cancel')}
          </button>
          <button type="submit" className="primary">
            {t('ui-editor:toolbar.save')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
