import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prediction, TableInput } from '../../../core/api/contract';
import type { Shape } from '../../../core/model/graph';
import { getApi } from '../api';
import { errorText } from '../ui/error-text';
import { formatNumber } from '../ui/format';
import { PredictionBars } from '../ui/PredictionBars';
import './table.css';
import { ErrorBox } from '../ui/ErrorBox';

/** The columns a refusal of the row names, to mark their fields. */
function badColumns(error: unknown): string[] {
  const columns = (error as { details?: { columns?: unknown } } | null)?.details?.columns;
  return Array.isArray(columns) ? columns.filter((c): c is string => typeof c === 'string') : [];
}

/**
 * Try it for a model trained on a table: one field per feature column, typed as in the file; the
 * host standardises the row as training did and answers with the class probabilities.
 */
export function TableTry({ sessionId, shape }: { sessionId: string; shape: Shape }) {
  const { t } = useTranslation();
  const [input, setInput] = useState<TableInput | null>();
  const [cells, setCells] = useState<Record<string, string>>({});
  const [prediction, setPrediction] = useState<Prediction>();
  const [error, setError] = useState<{ text: string; columns: string[] }>();
  /** Answers for another model than the one in use are dropped. */
  const current = useRef(sessionId);
  current.current = sessionId;

  useEffect(() => {
    let live = true;
    setInput(undefined);
    getApi()
      .getTableInput()
      .then(
        (found) => live && setInput(found ?? null),
        (e: unknown) => live && (setInput(null), setError({ text: errorText(e), columns: [] })),
      );
    return () => {
      live = false;
    };
  }, [sessionId]);

  const predict = useCallback((row: Record<string, string>) => {
    const asked = current.current;
    getApi()
      .predictRow(row)
      .then(
        (p) => {
          if (p.sessionId !== current.current || asked !== current.current) return;
          setPrediction(p);
          setError(undefined);
        },
        (e: unknown) => {
          setPrediction(undefined);
          setError({ text: errorText(e), columns: badColumns(e) });
        },
      );
  }, []);

  // Another model answers again for the row typed.
  const typed = useRef(cells);
  typed.current = cells;
  useEffect(() => {
    if (input && input.sessionId === sessionId && Object.keys(typed.current).length > 0) predict(typed.current);
  }, [input, sessionId, predict]);

  if (input === undefined) return error ? <ErrorBox text={error.text} /> : <p className="train-empty">{t('ui-evaluate:loading')}</p>;
  if (input === null) return <p className="train-empty">{t('ui-try:tryImage.notImageModel', { shape: shape.join(' × ') })}</p>;
  return (
    <div className="try-panel try-panel--table">
      <form
        className="table-form"
        data-testid="table-form"
        aria-labelledby="table-form-title"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          predict(cells);
        }}
      >
        <h3 id="table-form-title">{t('ui-try:table.formTitle')}</h3>
        <p className="train-hint">{t('ui-try:table.formHint', { label: input.labelColumn })}</p>
        <div className="table-form__fields">
          {input.columns.map((column, i) => {
            const invalid = error?.columns.includes(column.name) ?? false;
            return (
              <div key={column.name} className="table-form__field">
                <label className="table-form__name" htmlFor={`table-field-${i}`}>
                  {column.name}
                </label>
                <input
                  id={`table-field-${i}`}
                  type="text"
                  inputMode="decimal"
                  autoComplete="off"
                  spellCheck={false}
                  value={cells[column.name] ?? ''}
                  aria-invalid={invalid || undefined}
                  aria-describedby={`table-field-hint-${i}`}
                  onChange={(e) => setCells((old) => ({ ...old, [column.name]: e.target.value }))}
                />
                <span id={`table-field-hint-${i}`} className="table-form__hint">
                  {t('ui-try:table.fieldHint', { min: column.min, max: column.max })}
                </span>
              </div>
            );
          })}
        </div>
        <div className="table-form__actions">
          <button type="submit" className="primary">
            {t('ui-try:table.predict')}
          </button>
          <button
            type="button"
            onClick={() => setCells(Object.fromEntries(input.columns.map((c) => [c.name, String(Number(c.mean.toPrecision(3)))])))}
          >
            {t('ui-try:table.fillMean')}
          </button>
        </div>
      </form>
      <section className="try-result" aria-labelledby="try-result-title">
        <h3 id="try-result-title">{t('ui-try:probabilities')}</h3>
        <ErrorBox text={error?.text} />
        {prediction ? <PredictionBars prediction={prediction} /> : !error && <p>{t('ui-try:table.typeFirst')}</p>}
      </section>
    </div>
  );
}

/**
 * One row of a table as written in the file, column → value, in two aligned columns. Made of
 * spans, so that it may sit inside a button (a mistake opens its cell); read aloud as "name value" pairs.
 */
export function RowTable({ columns, values }: { columns: string[]; values: number[] }) {
  const { i18n } = useTranslation();
  return (
    <span className="row-table" data-testid="row-table">
      {columns.map((column, i) => (
        <span key={column} className="row-table__pair">
          <span className="row-table__name">{column}</span>
          <span className="row-table__value">{formatNumber(values[i], i18n.language)}</span>
        </span>
      ))}
    </span>
  );
}
