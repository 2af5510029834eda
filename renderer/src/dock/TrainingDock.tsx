import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { DataPanel } from '../data/DataPanel';
import { EvaluatePanel } from '../evaluate/EvaluatePanel';
import { RunsPanel } from '../runs/RunsPanel';
import { TrainPanel } from '../train/TrainPanel';
import { trainingStore, useTraining, type PanelTab } from '../train/training-store';
import { TryPanel } from '../try/TryPanel';
import '../ui/panel-tabs.css';
// After the tabs' rules, as the dock's `h3` has always come after theirs.
import './training.css';
import { closeSidePanel, PanelClose, PanelToggle, TabList } from '../ui/SidePanel';

const tabs: PanelTab[] = ['data', 'train', 'evaluate', 'try', 'runs'];

/** Closes the panel and gives the focus back to the button that opens it. */
const closeDock = () => closeSidePanel(trainingStore, 'train');

/** The toolbar button that opens and closes the training panel. */
export function TrainingButton() {
  const { t } = useTranslation();
  const open = useTraining((s) => s.open);
  const phase = useTraining((s) => s.phase);
  return (
    <PanelToggle kind="train" open={open} controls="training-dock" onToggle={() => trainingStore.setState({ open: !open })}>
      <span aria-hidden="true">{phase === 'running' ? '● ' : '▶ '}</span>
      {t('ui-train:open')}
    </PanelToggle>
  );
}

/** Training, evaluation, the try-it pad and the run history, beside the graph. */
export function TrainingDock() {
  const { t } = useTranslation();
  const open = useTraining((s) => s.open);
  const tab = useTraining((s) => s.tab);
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)) closeDock();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  return (
    <aside id="training-dock" className="training-dock" aria-label={t('ui-train:dockLabel')}>
      <div className="training-dock__header">
        <TabList
          tabs={tabs}
          selected={tab}
          label={t('ui-train:dockLabel')}
          className="training-dock__tabs"
          tabId={(name) => `train-tab-${name}`}
          panelId={(name) => `train-tabpanel-${name}`}
          tabLabel={(name) => t(`ui-train:tab.${name}`)}
          onSelect={(next) => trainingStore.setState({ tab: next })}
        />
        <PanelClose className="training-dock__close" label={t('ui-train:close')} onClose={closeDock} />
      </div>
      <div role="tabpanel" id={`train-tabpanel-${tab}`} aria-labelledby={`train-tab-${tab}`} className="training-dock__body" tabIndex={-1}>
        {tab === 'data' && <DataPanel />}
        {tab === 'train' && <TrainPanel />}
        {tab === 'evaluate' && <EvaluatePanel />}
        {tab === 'try' && <TryPanel />}
        {tab === 'runs' && <RunsPanel />}
      </div>
    </aside>
  );
}
