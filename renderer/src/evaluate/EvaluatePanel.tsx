import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TestSamples } from '../../../core/api/contract';
import { getApi } from '../api';
import { useEditor } from '../store/index';
import { perClassMetrics } from './metrics';
import { MistakesSection } from './MistakesSection';
import { modelFor, noRunsToPick, useModel } from '../train/model-store';
import { GoToTrain } from '../train/NextSteps';
import { RunPicker, useModelSync } from '../try/RunPicker';
import { SampleImage } from '../ui/SampleImage';
import { RowTable } from '../try/TableTry';
import { errorText } from '../ui/error-text';
import { formatCount, formatNumber, percentText } from '../ui/format';
import { Table } from '../ui/Table';
import { Section } from '../ui/Section';
import '../ui/tables.css';
import './evaluate.css';
import { ErrorBox } from '../ui/ErrorBox';

export function EvaluatePanel() {
  const { t, i18n } = useTranslation();
  const percent = (v: number | undefined) => percentText(v, i18n.language);
  useModelSync();
  const location = useEditor((s) => s.location);
  const model = useModel((s) => modelFor(s, location));
  const known = useModel((s) => s.known && !noRunsToPick(s, location));
  const loading = useModel((s) => s.loading !== undefined);
  const [cell, setCell] = useState<{ actual: number; predicted: number; highlight?: number }>();
  const [samples, setSamples] = useState<TestSamples>();
  const [error, setError] = useState<string>();
  const cellSection = useRef<HTMLElement>(null);
  const sessionId = model?.sessionId;
  // Another model's cells are not this one's.
  useEffect(() => {
    setCell(undefined);
    setSamples(undefined);
  }, [sessionId]);
  useEffect(() => {
    if (cell) cellSection.current?.scrollIntoView?.({ behavior: 'smooth', block: 'nearest' });
  }, [cell]);
  const test = model?.test;
  if (!test) {
    return (
      <>
        <RunPicker />
        {known && (
          <div className="train-empty">
            <p>{t('ui-evaluate:none')}</p>
            <GoToTrain />
          </div>
        )}
      </>
    );
  }
  const names = test.classNames;
  const metrics = perClassMetrics(test.confusionMatrix);
  const max = Math.max(1, ...test.confusionMatrix.flat());
  const open = (actual: number, predicted: number, highlight?: number) => {
    setCell({ actual, predicted, highlight });
    setSamples(undefined);
    setError(undefined);
    getApi()
      .getTestSamples({ actual, predicted, limit: 30 })
      .then(
        (found) => found.sessionId === sessionId && setSamples(found),
        (e: unknown) => setError(errorText(e)),
      );
  };
  const isImage = (shape: number[]) => shape.length === 3 && (shape[2] === 1 || shape[2] === 3);

  return (
    <div className="evaluate-panel" aria-busy={loading}>
      <RunPicker />
      <p className="evaluate-accuracy" data-testid="test-accuracy">
        {t('ui-evaluate:accuracy', { accuracy: test.accuracy, samples: test.samples })}
      </p>
      <div className="evaluate-columns">
        <Section id="confusion-title" title={t('ui-evaluate:confusion')}>
          <p className="train-hint">{t('ui-evaluate:confusionHint')}</p>
          <table className="confusion" data-testid="confusion-matrix">
            <thead>
              <tr>
                <th scope="col" className="confusion__corner">
                  {t('ui-evaluate:actualPredicted')}
                </th>
                {names.map((name) => (
                  <th key={name} scope="col">
                    {name}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {test.confusionMatrix.map((row, actual) => (
                <tr key={actual}>
                  <th scope="row">{names[actual]}</th>
                  {row.map((count, predicted) => {
                    const strength = count / max;
                    const right = actual === predicted;
                    const selected = cell?.actual === actual && cell.predicted === predicted;
                    return (
                      <td key={predicted}>
                        <button
                          type="button"
                          className={`confusion__cell${right ? ' confusion__cell--right' : ''}${selected ? ' confusion__cell--selected' : ''}`}
                          style={{
                            background:
                              count === 0
                                ? undefined
                                : right
                                  ? `rgba(27, 110, 47, ${0.15 + 0.85 * strength})`
                                  : `rgba(179, 38, 30, ${0.15 + 0.85 * strength})`,
                            color: strength > 0.5 ? '#fff' : undefined,
                          }}
                          aria-label={t('ui-evaluate:cell', { count, actual: names[actual], predicted: names[predicted] })}
                          aria-pressed={selected}
                          disabled={count === 0}
                          onClick={() => open(actual, predicted)}
                        >
                          {formatCount(count, i18n.language)}
                        </button>
                      </td>
                    );
                  })}
                </tr>
              ))}
            </tbody>
          </table>
        </Section>
        <Section id="per-class-title" title={t('ui-evaluate:perClass')}>
          <Table
            className="per-class"
            testId="per-class"
            columns={[t('ui-evaluate:class'), t('ui-evaluate:precision'), t('ui-evaluate:recall'), t('ui-evaluate:support')]}
          >
            {metrics.map((m, c) => (
              <tr key={c}>
                <th scope="row">{names[c]}</th>
                <td>{percent(m.precision)}</td>
                <td>{percent(m.recall)}</td>
                <td>{m.support}</td>
              </tr>
            ))}
          </Table>
          <p className="train-hint">{t('ui-evaluate:metricsHint')}</p>
        </Section>
      </div>
      {cell && (
        <section ref={cellSection} className="cell-samples" aria-labelledby="cell-title" data-testid="cell-samples">
          <h3 id="cell-title">{t('ui-evaluate:cellTitle', { actual: names[cell.actual], predicted: names[cell.predicted] })}</h3>
          <ErrorBox text={error} />
          {!samples && !error && <p>{t('ui-evaluate:loading')}</p>}
          {samples && (
            <>
              <p>{t('ui-evaluate:shown', { shown: samples.samples.length, total: samples.total })}</p>
              <ul className="cell-samples__grid">
                {samples.samples.map((s) => (
                  <li key={s.index} className={s.index === cell.highlight ? 'cell-samples__highlight' : undefined}>
                    {samples.columns ? (
                      <RowTable columns={samples.columns} values={s.values} />
                    ) : isImage(samples.shape) ? (
                      <SampleImage
                        values={s.values}
                        shape={samples.shape}
                        size={84}
                        label={t('ui-evaluate:sample', { index: s.index, confidence: s.confidence })}
                      />
                    ) : (
                      <code>{s.values.map((v) => formatNumber(v, i18n.language, 2)).join(', ')}</code>
                    )}
                    <span>{percent(s.confidence)}</span>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {sessionId && <MistakesSection sessionId={sessionId} onOpen={open} />}
    </div>
  );
}
