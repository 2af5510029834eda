import { useTranslation } from 'react-i18next';
import { editorStore, uiStore, useEditor } from '../store/index';
import { saveProject, saveProjectAs } from '../project-actions';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { TrainingButton } from '../dock/TrainingDock';
import { CodeButton } from '../code/CodePanel';
import { ExportButton } from '../export/ExportDialog';
import { autoLayout } from './actions';
import { panelsStore } from './panels';
import { useReadableFit } from './use-fit';

export function Toolbar() {
  const { t } = useTranslation();
  const name = useEditor((s) => s.project.name);
  const dirty = useEditor((s) => s.dirty);
  const saved = useEditor((s) => s.location !== undefined);
  const marker = dirty ? t('ui-editor:toolbar.unsaved') : saved ? t('ui-editor:toolbar.saved') : t('ui-editor:toolbar.neverSaved');
  const canUndo = useEditor((s) => s.past.length > 0);
  const canRedo = useEditor((s) => s.future.length > 0);
  const direction = useEditor((s) => s.direction);
  const readableFit = useReadableFit();
  const fit = () => readableFit();
  const store = editorStore.getState();
  const goHome = () => {
    if (dirty && !window.confirm(t('ui-editor:toolbar.leaveUnsaved'))) return;
    uiStore.getState().setScreen('home');
  };
  return (
    <header className="toolbar" role="toolbar" aria-label={t('ui-editor:toolbar.label')}>
      <button type="button" onClick={goHome} title={t('ui-editor:toolbar.home')}>
        <span aria-hidden="true">⌂</span> <span className="toolbar__label">{t('ui-editor:toolbar.home')}</span>
      </button>
      <input
        className="project-name"
        value={name}
        onChange={(e) => editorStore.getState().renameProject(e.target.value)}
        aria-label={t('ui-editor:toolbar.projectName')}
      />
      <span
        className="dirty-marker"
        data-state={dirty ? 'unsaved' : saved ? 'saved' : 'new'}
        data-testid="dirty-marker"
        aria-live="polite"
        title={marker}
      >
        <span className="toolbar__label">{marker}</span>
      </span>
      <div className="toolbar__group">
        <button type="button" onClick={() => void saveProject()} title={`${t('ui-editor:toolbar.save')} (Ctrl+S)`}>
          {t('ui-editor:toolbar.save')}
        </button>
        <button type="button" onClick={() => void saveProjectAs()}>
          {t('ui-editor:toolbar.saveAs')}
        </button>
      </div>
      <div className="toolbar__group">
        <button type="button" onClick={() => store.undo()} disabled={!canUndo} title={`${t('ui-editor:toolbar.undo')} (Ctrl+Z)`}>
          <span aria-hidden="true">↶</span> <span className="toolbar__label">{t('ui-editor:toolbar.undo')}</span>
        </button>
        <button type="button" onClick={() => store.redo()} disabled={!canRedo} title={`${t('ui-editor:toolbar.redo')} (Ctrl+Y)`}>
          <span aria-hidden="true">↷</span> <span className="toolbar__label">{t('ui-editor:toolbar.redo')}</span>
        </button>
      </div>
      <div className="toolbar__group">
        <button type="button" onClick={() => void autoLayout(undefined, fit)} title={`${t('ui-editor:toolbar.layout')} (L)`}>
          {t('ui-editor:toolbar.layout')}
        </button>
        <label className="inline-label">
          <span className="sr-only">{t('ui-editor:toolbar.direction')}</span>
          <select
            value={direction}
            onChange={(e) => void autoLayout(e.target.value as 'TB' | 'LR', fit)}
            aria-label={t('ui-editor:toolbar.direction')}
          >
            <option value="TB">{t('ui-editor:toolbar.topDown')}</option>
            <option value="LR">{t('ui-editor:toolbar.leftRight')}</option>
          </select>
        </label>
      </div>
      <div className="toolbar__group">
        <button
          type="button"
          onClick={() => panelsStore.getState().present(true)}
          title={`${t('ui-editor:panels.present')} (P)`}
          aria-label={t('ui-editor:panels.present')}
          aria-keyshortcuts="P"
        >
          <svg className="toolbar__icon" aria-hidden="true" viewBox="0 0 20 20" width="18" height="18">
            <rect x="2" y="3" width="16" height="10" rx="1" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M10 13v4M6 18h8" stroke="currentColor" strokeWidth="2" />
          </svg>
        </button>
      </div>
      <div className="toolbar__end">
        <CodeButton />
        <ExportButton />
        <TrainingButton />
        <LanguageSwitch />
      </div>
    </header>
  );
}
