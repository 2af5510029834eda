import { useTranslation } from 'react-i18next';
import type { Prediction } from '../../../core/api/contract';
import { percentText } from './format';
import './prediction-bars.css';

/** The predicted class in words, then one bar per class with its probability. */
export function PredictionBars({ prediction }: { prediction: Prediction }) {
  const { t, i18n } = useTranslation();
  const best = prediction.probabilities.indexOf(Math.max(...prediction.probabilities));
  return (
    <>
      <p className="try-answer" data-testid="try-answer" aria-live="polite">
        {t('ui-try:answer', {
          label: prediction.classNames[best],
          probability: prediction.probabilities[best],
        })}
      </p>
      <ul className="prob-bars" data-testid="prob-bars">
        {prediction.probabilities.map((p, c) => (
          <li key={c} className={c === best ? 'prob-bars__best' : undefined}>
            <span className="prob-bars__label">{prediction.classNames[c]}</span>
            <span
              className="prob-bars__track"
              role="meter"
              aria-valuemin={0}
              aria-valuemax={100}
              aria-valuenow={Math.round(p * 100)}
              aria-valuetext={percentText(p, i18n.language)}
              data-probability={p}
              aria-label={t('ui-try:bar', { label: prediction.classNames[c] })}
            >
              <span className="prob-bars__fill" style={{ width: `${(p * 100).toFixed(1)}%` }} />
            </span>
            <span className="prob-bars__value">{percentText(p, i18n.language)}</span>
          </li>
        ))}
      </ul>
    </>
  );
}
