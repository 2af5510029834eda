import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunComparisonInfo, RunSnapshot } from '../../../core/api/contract';
import { analyzeGraph } from '../../../core/model/analyze';
import { getBlock } from '../../../core/model/blocks/index';
import { formatShape } from '../../../core/model/graph';
import { formatParamValue, type GraphChange } from '../../../core/model/graph-diff';
import { getApi } from '../api';
import { dateTimeText, formatCount, percentText } from '../ui/format';
import { formatDuration } from '../train/progress';
import { changeText, settingLabel, settingValue, statusText } from './run-text';
import { errorText } from '../ui/error-text';
import { ModalDialog } from '../ui/ModalDialog';
import { Table } from '../ui/Table';
import { Section } from '../ui/Section';
import { runsMessagesEn } from './messages';
import { ErrorBox } from '../ui/ErrorBox';
import { categoryStyle } from '../ui/category-style';

type Mark = 'added' | 'removed' | 'changed';

function safeDescribe(type: string, params: Record<string, unknown>): string {
  try {
    return getBlock(type)?.describe(params) ?? '';
  } catch {
    return '';
  }
}

/** A run's graph drawn as its blocks in order, each with its key parameters, output shape and parameter count; changed blocks are marked. */
function GraphDrawing({
  run,
  marks,
  other,
}: {
  run: RunSnapshot;
  marks: Map<string, { mark: Mark; params: string[] }>;
  other?: RunSnapshot;
}) {
  const { t } = useTranslation();
  const analysis = useMemo(() => analyzeGraph(run.project.graph, { loss: run.training.loss }), [run]);
  const incoming = (id: string) => run.project.graph.edges.filter((e) => e.target === id).map((e) => e.source);
  const order = [...analysis.order, ...run.project.graph.nodes.map((node) => node.id).filter((id) => !analysis.order.includes(id))];
  const byId = new Map(run.project.graph.nodes.map((node) => [node.id, node]));
  const delta = run.params && other?.params ? run.params.total - other.params.total : undefined;
  return (
    <figure className="run-graph" data-testid={`run-graph-${run.id}`}>
      <figcaption>
        <strong>{t('ui-runs:runHistory.drawingTitle', { id: run.id })}</strong>
        <span className="run-graph__total" data-testid={`run-params-${run.id}`}>
          {run.params ? t('ui-runs:runHistory.params', { count: run.params.total }) : t('ui-runs:runHistory.paramsUnknown')}
          {delta !== undefined && delta !== 0 && other && (
            <> ({t('ui-runs:runHistory.paramsDelta', { sign: delta > 0 ? '+' : '−', difference: Math.abs(delta), id: other.id })})</>
          )}
        </span>
      </figcaption>
      <ol className="run-graph__blocks">
        {order.map((id, i) => {
          const node = byId.get(id);
          if (!node) return null;
          const info = analysis.nodes[id];
          const mark = marks.get(id);
          const inputs = incoming(id);
          const follows = inputs.length === 1 && inputs[0] === order[i - 1];
          const count = info ? info.paramCount.trainable + info.paramCount.nonTrainable : 0;
          return (
            <li
              key={id}
              className={`run-graph__block${mark ? ` run-graph__block--${mark.mark}` : ''}`}
              style={categoryStyle(getBlock(node.type)?.category)}
              data-testid={`run-${run.id}-block-${id}`}
            >
              {inputs.length > 0 && !follows && (
                <span className="run-graph__from">{t('ui-runs:runHistory.from', { ids: inputs.join(', ') })}</span>
              )}
              <span className="run-graph__head">
                <span className="run-graph__type">{node.type}</span>
                <span className="run-graph__id">{id}</span>
                <span className="run-graph__describe">{info ? safeDescribe(node.type, { ...info.params, ...node.params }) : ''}</span>
                {mark && (
                  <span className={`run-graph__badge run-graph__badge--${mark.mark}`}>{t(`ui-runs:runHistory.badge.${mark.mark}`)}</span>
                )}
              </span>
              <span className="run-graph__foot">
                <span>→ {formatShape(info?.outputShape)}</span>
                <span>{t('ui-runs:runHistory.params', { count })}</span>
              </span>
            </li>
          );
        })}
      </ol>
    </figure>
  );
}

/** Marks of the blocks of each run: removed or changed in the first, added or changed in the second. */
function blockMarks(
  changes: GraphChange[],
): [Map<string, { mark: Mark; params: string[] }>, Map<string, { mark: Mark; params: string[] }>] {
  const first = new Map<string, { mark: Mark; params: string[] }>();
  const second = new Map<string, { mark: Mark; params: string[] }>();
  for (const change of changes) {
    if (change.kind === 'removed') first.set(change.id, { mark: 'removed', params: [] });
    if (change.kind === 'added') second.set(change.id, { mark: 'added', params: [] });
    if (change.kind === 'param' || change.kind === 'type') {
      for (const map of [first, second]) {
        const entry = map.get(change.id) ?? { mark: 'changed' as const, params: [] };
        if (change.kind === 'param') entry.params.push(change.param);
        map.set(change.id, entry);
      }
    }
  }
  return [first, second];
}

/** Two runs side by side: results, settings (differences highlighted) and graphs (changes listed and marked). */
export function RunComparison({ location, runIds, onClose }: { location: string; runIds: [number, number]; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const [comparison, setComparison] = useState<RunComparisonInfo>();
  const [error, setError] = useState<string>();
  const [onlyDifferences, setOnlyDifferences] = useState(false);
  const [a, b] = [...runIds].sort((x, y) => x - y);

  useEffect(() => {
    let live = true;
    getApi()
      .compareRuns(location, [a, b])
      .then(
        (result) => live && setComparison(result),
        (e: unknown) => live && setError(errorText(e)),
      );
    return () => {
      live = false;
    };
  }, [location, a, b]);

  const marks = useMemo(() => (comparison ? blockMarks(comparison.graphChanges) : undefined), [comparison]);
  const n = (v: number) => formatCount(v, i18n.language);
  const percent = (v: number | undefined) => percentText(v, i18n.language);

  const results: { key: keyof typeof runsMessagesEn.runHistory.row; values: [string, string] }[] = comparison
    ? (
        [
          ['date', (r: RunSnapshot) => dateTimeText(r.startedAt, i18n.language)],
          ['status', (r: RunSnapshot) => statusText(t, r.status)],
          ['epochsTrained', (r: RunSnapshot) => `${r.epochs} / ${r.plannedEpochs ?? r.training.epochs}`],
          ['bestVal', (r: RunSnapshot) => percent(r.bestValAccuracy)],
          ['testAccuracy', (r: RunSnapshot) => percent(r.testAccuracy)],
          ['duration', (r: RunSnapshot) => (r.durationSeconds === undefined ? '—' : formatDuration(r.durationSeconds))],
          ['params', (r: RunSnapshot) => (r.params ? n(r.params.total) : '—')],
          ['graphVersion', (r: RunSnapshot) => t('ui-runs:runHistory.graphVersionValue', { id: r.graphVersionId })],
        ] as const
      ).map(([key, value]) => ({ key, values: [value(comparison.runs[0]), value(comparison.runs[1])] }))
    : [];
  const settings = comparison ? comparison.settings.filter((s) => !onlyDifferences || s.differs) : [];
  const changedSettings = comparison ? comparison.settings.filter((s) => s.differs) : [];
  const runColumns = [t('ui-runs:runHistory.runColumn', { id: a }), t('ui-runs:runHistory.runColumn', { id: b })];
  /** A table of the two runs side by side: what each row is, then one column per run. */
  const compareTable = (testId: string, caption: string, first: string) => ({
    className: 'run-compare__table',
    testId,
    caption,
    columns: [first, ...runColumns],
  });
  const paramsChanged =
    comparison?.runs[0].params && comparison.runs[1].params && comparison.runs[0].params.total !== comparison.runs[1].params.total;

  return (
    <ModalDialog className="run-compare" labelledBy="run-compare-title" testId="run-compare" onClose={onClose}>
      <div className="run-compare__header">
        <h2 id="run-compare-title">{t('ui-runs:runHistory.compareTitle', { a, b })}</h2>
        <button type="button" className="primary" onClick={onClose} autoFocus>
          {t('ui-runs:runHistory.close')}
        </button>
      </div>
      <ErrorBox text={error} />
      {!comparison && !error && <p>{t('ui-runs:runHistory.working')}</p>}
      {comparison && marks && (
        <div className="run-compare__body">
          <Section
            id="run-compare-summary"
            title={t('ui-runs:runHistory.summaryTitle', { a, b })}
            className="run-compare__summary"
            testId="compare-summary"
          >
            {changedSettings.length === 0 && comparison.graphChanges.length === 0 ? (
              <p>{t('ui-runs:runHistory.nothingChanged')}</p>
            ) : (
              <ul className="run-compare__changes">
                {changedSettings.map((row) => (
                  <li key={row.key} className="run-compare__change run-compare__change--setting">
                    {t('ui-runs:runHistory.settingChange', {
                      label: settingLabel(t, row.key),
                      before: settingValue(t, row.values[0], row.key, i18n.language),
                      after: settingValue(t, row.values[1], row.key, i18n.language),
                    })}
                  </li>
                ))}
                {comparison.graphChanges.map((change, i) => (
                  <li key={i} className={`run-compare__change run-compare__change--${change.kind}`} data-testid="graph-change">
                    {changeText(t, change, formatParamValue)}
                  </li>
                ))}
                {paramsChanged && (
                  <li className="run-compare__change">
                    {t('ui-runs:runHistory.paramsChange', {
                      before: comparison.runs[0].params!.total,
                      after: comparison.runs[1].params!.total,
                    })}
                  </li>
                )}
              </ul>
            )}
          </Section>

          <Section id="run-compare-results" title={t('ui-runs:runHistory.results')}>
            <Table {...compareTable('compare-results', t('ui-runs:runHistory.resultsCaption'), t('ui-runs:runHistory.result'))}>
              {results.map((row) => (
                <tr key={row.key}>
                  <th scope="row">{t(`ui-runs:runHistory.row.${row.key}`)}</th>
                  <td>{row.values[0]}</td>
                  <td>{row.values[1]}</td>
                </tr>
              ))}
            </Table>
          </Section>

          <Section
            id="run-compare-settings"
            title={t('ui-runs:runHistory.settingsTitle')}
            headClassName="run-compare__section-head"
            aside={
              <label className="run-compare__filter">
                <input type="checkbox" checked={onlyDifferences} onChange={(e) => setOnlyDifferences(e.target.checked)} />
                {t('ui-runs:runHistory.onlyDifferences')}
              </label>
            }
          >
            {settings.length === 0 ? (
              <p>{t('ui-runs:runHistory.noSettingDifference')}</p>
            ) : (
              <Table {...compareTable('compare-settings', t('ui-runs:runHistory.settingsCaption'), t('ui-runs:runHistory.setting'))}>
                {settings.map((row) => (
                  <tr
                    key={row.key}
                    className={row.differs ? 'run-compare__row--differs' : undefined}
                    data-differs={row.differs ? 'true' : undefined}
                  >
                    <th scope="row">
                      {settingLabel(t, row.key)}
                      {row.differs && <span className="run-compare__differs"> ≠ {t('ui-runs:runHistory.differs')}</span>}
                    </th>
                    <td>{settingValue(t, row.values[0], row.key, i18n.language)}</td>
                    <td>{settingValue(t, row.values[1], row.key, i18n.language)}</td>
                  </tr>
                ))}
              </Table>
            )}
          </Section>

          <Section id="run-compare-graph" title={t('ui-runs:runHistory.graphTitle')}>
            {comparison.graphChanges.length === 0 && <p>{t('ui-runs:runHistory.sameGraph')}</p>}
            <div className="run-compare__graphs">
              <GraphDrawing run={comparison.runs[0]} marks={marks[0]} />
              <GraphDrawing run={comparison.runs[1]} marks={marks[1]} other={comparison.runs[0]} />
            </div>
          </Section>
        </div>
      )}
    </ModalDialog>
  );
}
