import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Mistakes } from '../../../core/api/contract';
import { getApi } from '../api';
import { formatNumber } from '../ui/format';
import { isImageShape } from '../ui/image-input';
import { useModel } from '../train/model-store';
import { SampleImage } from '../ui/SampleImage';
import { RowTable } from '../try/TableTry';
import { errorText } from '../ui/error-text';
import { ErrorBox } from '../ui/ErrorBox';

const LIMIT = 24;

/** The test samples the model in use got wrong with the most confidence; clicking one opens its confusion cell. */
export function MistakesSection({
  sessionId,
  onOpen,
}: {
  sessionId: string;
  onOpen(actual: number, predicted: number, index: number): void;
}) {
  const { t, i18n } = useTranslation();
  const [mistakes, setMistakes] = useState<Mistakes>();
  const [error, setError] = useState<string>();
  const progress = useModel((s) => (s.progress?.sessionId === sessionId && s.progress.done < s.progress.total ? s.progress : undefined));

  useEffect(() => {
    let current = true;
    setMistakes(undefined);
    setError(undefined);
    getApi()
      .getConfidentMistakes({ limit: LIMIT })
      .then(
        (found) => current && found.sessionId === sessionId && setMistakes(found),
        (e: unknown) => current && (e as { code?: string })?.code !== 'model-replaced' && setError(errorText(e)),
      );
    return () => {
      current = false;
    };
  }, [sessionId]);

  return (
    <section className="mistakes" aria-labelledby="mistakes-title" data-testid="mistakes">
      <h3 id="mistakes-title">{t('ui-evaluate:mistakes.title')}</h3>
      <p className="train-hint">{t('ui-evaluate:mistakes.hint')}</p>
      <ErrorBox text={error} />
      {!mistakes && !error && (
        <div className="mistakes__progress" aria-live="polite">
          <span>
            {progress ? t('ui-evaluate:mistakes.finding', { done: progress.done, total: progress.total }) : t('ui-evaluate:loading')}
          </span>
          {progress && <progress aria-label={t('ui-try:runModel.progressLabel')} max={progress.total} value={progress.done} />}
        </div>
      )}
      {mistakes && mistakes.total === 0 && <p>{t('ui-evaluate:mistakes.none')}</p>}
      {mistakes && mistakes.total > 0 && (
        <>
          <p>{t('ui-evaluate:mistakes.shown', { count: mistakes.total, shown: mistakes.samples.length, total: mistakes.total })}</p>
          <ul className="mistakes__grid">
            {mistakes.samples.map((m) => {
              const labels = {
                actual: mistakes.classNames[m.actual],
                predicted: mistakes.classNames[m.predicted],
                confidence: m.confidence,
                index: m.index,
              };
              return (
                <li key={m.index}>
                  <button
                    type="button"
                    className="mistake"
                    aria-label={t('ui-evaluate:mistakes.open', labels)}
                    onClick={() => onOpen(m.actual, m.predicted, m.index)}
                  >
                    {mistakes.columns ? (
                      <RowTable columns={mistakes.columns} values={m.values} />
                    ) : isImageShape(mistakes.shape) ? (
                      <SampleImage values={m.values} shape={mistakes.shape} size={84} label={t('ui-evaluate:mistakes.label', labels)} />
                    ) : (
                      <code>{m.values.map((v) => formatNumber(v, i18n.language, 2)).join(', ')}</code>
                    )}
                    <span className="mistake__label">{t('ui-evaluate:mistakes.label', labels)}</span>
                  </button>
                </li>
              );
            })}
          </ul>
        </>
      )}
    </section>
  );
}
