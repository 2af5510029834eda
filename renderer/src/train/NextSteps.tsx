import { useTranslation } from 'react-i18next';
import { isImageShape, isMnistShape } from '../ui/image-input';
import { trainingStore, type PanelTab } from './training-store';

/** Opens another tab of the training panel and moves the focus to it, as a click on the tab would. */
export function openTab(tab: PanelTab): void {
  trainingStore.setState({ tab });
  requestAnimationFrame(() => document.getElementById(`train-tab-${tab}`)?.focus());
}

/** After a run that gave a model: the way on to its test results and to trying it. */
export function NextSteps({ inputShape }: { inputShape?: number[] }) {
  const { t } = useTranslation();
  return (
    <nav className="train-next" aria-label={t('ui-guide:nextLabel')} data-testid="train-next">
      <span className="train-next__label">{t('ui-guide:next')}</span>
      <button type="button" onClick={() => openTab('evaluate')}>
        {t('ui-guide:evaluate')}
      </button>
      {isImageShape(inputShape) && (
        <button type="button" className="primary" onClick={() => openTab('try')}>
          {isMnistShape(inputShape) ? t('ui-guide:tryDrawing') : t('ui-guide:tryImage')} <span aria-hidden="true">→</span>
        </button>
      )}
    </nav>
  );
}

/** Beside "train the model first": the way to the Train tab. */
export function GoToTrain() {
  const { t } = useTranslation();
  return (
    <button type="button" className="primary" onClick={() => openTab('train')}>
      <span aria-hidden="true">▶</span> {t('ui-guide:toTrain')}
    </button>
  );
}
