import { ReactFlowProvider } from '@xyflow/react';
import { useEffect, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from './Canvas';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { PanelStrip, HidePanelButton } from './PanelButtons';
import { panelsStore, usePanels } from './panels';
import { handleEditorKey } from './shortcuts';
import { SummaryPanel } from './SummaryPanel';
import { Toolbar } from './Toolbar';
import { SaveAsDialog } from './SaveAsDialog';
import { TrainingDock } from '../dock/TrainingDock';
import { CodePanel } from '../code/CodePanel';
import { ExportDialog } from '../export/ExportDialog';
import { PretrainedBasesDialog } from '../catalogue/PretrainedBasesDialog';
import { useGraphBesideDock } from './graph-beside-dock';
import { useReadableFit } from './use-fit';
import { autoLayout } from './actions';

const layOutAddedBase = () => void autoLayout();

function EditorLayout() {
  const { t } = useTranslation();
  const fit = useReadableFit();
  const dockOpen = useGraphBesideDock();
  const palette = usePanels((s) => s.palette);
  const inspector = usePanels((s) => s.inspector);
  const presenting = usePanels((s) => s.presenting);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => handleEditorKey(event, () => fit());
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fit]);
  // The canvas changed size (or the type did): the graph is fitted again, readable.
  const layout = `${palette}${inspector}${presenting}`;
  useEffect(() => {
    let second = 0;
    const first = requestAnimationFrame(() => (second = requestAnimationFrame(() => fit(0))));
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [layout, fit]);
  const skipToInspector = (event: MouseEvent) => {
    event.preventDefault();
    panelsStore.getState().show('inspector');
    requestAnimationFrame(() => document.getElementById('inspector')?.focus());
  };
  const classes = [
    'editor',
    dockOpen && 'editor--dock-open',
    presenting && 'editor--presenting',
    !palette && 'editor--no-palette',
    !inspector && 'editor--no-inspector',
  ];
  return (
    <div className={classes.filter(Boolean).join(' ')}>
      <a href="#inspector" className="skip-link" onClick={skipToInspector}>
        {t('ui-editor:panels.skipToInspector')}
      </a>
      <Toolbar />
      <main className="editor__body" aria-label={t('ui-editor:label')}>
        {palette ? <Palette /> : <PanelStrip panel="palette" />}
        <Canvas />
        {inspector ? (
          <div className="side" id="inspector" tabIndex={-1} aria-label={t('ui-editor:panels.side')} role="region">
            <HidePanelButton panel="inspector" />
            <Inspector />
            <SummaryPanel />
          </div>
        ) : (
          <PanelStrip panel="inspector" />
        )}
      </main>
      {presenting && (
        <button
          type="button"
          className="presentation-exit"
          onClick={() => panelsStore.getState().present(false)}
          title={t('ui-editor:panels.leavePresentation')}
        >
          {t('ui-editor:panels.leavePresentation')}
        </button>
      )}
      <CodePanel fit={fit} />
      <TrainingDock />
      <SaveAsDialog />
      <ExportDialog />
      <PretrainedBasesDialog layOut={layOutAddedBase} />
    </div>
  );
}

export function Editor() {
  return (
    <ReactFlowProvider>
      <EditorLayout />
    </ReactFlowProvider>
  );
}
