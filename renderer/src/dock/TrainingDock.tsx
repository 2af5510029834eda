import { useEffect, useRef } from 'react';
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

const tabs: PanelTab[] = ['data', 'train', 'evaluate', 'try', 'runs'];

/** Closes the panel and gives the focus back to the button that opens it. */
function closeDock(): void {
  trainingStore.setState({ open: false });
  document.querySelector<HTMLButtonElement>('.train-toggle')?.focus();
}

/** The toolbar button that opens and closes the training panel. */
export function TrainingButton() {
  const { t } = useTranslation();
  const open = useTraining((s) => s.open);
  const phase = useTraining((s) => s.phase);
  return (
    <button
      type="button"
      className={`train-toggle${open ? ' train-toggle--open' : ''}`}
      aria-expanded={open}
      aria-controls="training-dock"
      onClick={() => trainingStore.setState({ open: !open })}
    >
      <span aria-hidden="true">{phase === 'running' ? '● ' : '▶ '}</span>
      {t('ui-train:open')}
    </button>
  );
}

/** Training, evaluation, the try-it pad and the run history, beside the graph. */
export function TrainingDock() {
  const { t } = useTranslation();
  const open = useTraining((s) => s.open);
  const tab = useTraining((s) => s.tab);
  const tabRefs = useRef<Record<string, HTMLButtonElement | null>>({});
  useEffect(() => {
    if (!open) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape' && !(event.target instanceof HTMLInputElement || event.target instanceof HTMLSelectElement)) closeDock();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open]);
  if (!open) return null;
  const select = (next: PanelTab) => {
    trainingStore.setState({ tab: next });
    tabRefs.current[next]?.focus();
  };
  return (
    <aside id="training-dock" className="training-dock" aria-label={t('ui-train:dockLabel')}>
      <div className="training-dock__header">
        <div role="tablist" aria-label={t('ui-train:dockLabel')} className="training-dock__tabs">
          {tabs.map((name, i) => (
            <button
              key={name}
              ref={(el) => {
                tabRefs.current[name] = el;
              }}
              type="button"
              role="tab"
              id={`train-tab-${name}`}
              aria-selected={tab === name}
              aria-controls={`train-tabpanel-${name}`}
              tabIndex={tab === name ? 0 : -1}
              onClick={() => select(name)}
              onKeyDown={(e) => {
                if (e.key === 'ArrowRight') select(tabs[(i + 1) % tabs.length]);
                if (e.key === 'ArrowLeft') select(tabs[(i + tabs.length - 1) % tabs.length]);
              }}
            >
              {t(`ui-train:tab.${name}`)}
            </button>
          ))}
        </div>
        <button
          type="button"
          className="training-dock__close"
          onClick={closeDock}
          aria-label={t('ui-train:close')}
          title={t('ui-train:close')}
        >
          ×
        </button>
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
