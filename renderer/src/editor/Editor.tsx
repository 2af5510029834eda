import { ReactFlowProvider, useReactFlow } from '@xyflow/react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { Canvas } from './Canvas';
import { Inspector } from './Inspector';
import { Palette } from './Palette';
import { handleEditorKey } from './shortcuts';
import { SummaryPanel } from './SummaryPanel';
import { Toolbar } from './Toolbar';
import { SaveAsDialog } from './SaveAsDialog';
import { TrainingDock } from '../training/TrainingDock';
import { CodePanel } from '../code/CodePanel';
import { ExportDialog } from '../export/ExportDialog';
import { useGraphBesideDock } from './graph-beside-dock';

function EditorLayout() {
  const { t } = useTranslation();
  const { fitView } = useReactFlow();
  const dockOpen = useGraphBesideDock();
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => handleEditorKey(event, () => void fitView({ padding: 0.2, duration: 300, maxZoom: 1 }));
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [fitView]);
  return (
    <div className={`editor${dockOpen ? ' editor--dock-open' : ''}`}>
      <Toolbar />
      <main className="editor__body" aria-label={t('editor.label')}>
        <Palette />
        <Canvas />
        <div className="side">
          <Inspector />
          <SummaryPanel />
        </div>
      </main>
      <CodePanel />
      <TrainingDock />
      <SaveAsDialog />
      <ExportDialog />
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
