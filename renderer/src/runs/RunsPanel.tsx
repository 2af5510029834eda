import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import { engineOfBackend, engineTitle, type RunDetailsInfo } from '../../../core/api/contract';
import { getApi } from '../api';
import { saveProjectAs } from '../project-actions';
import { RunActions, useRunActions } from './RunActions';
import { useEditor } from '../store/index';
import { GoToTrain } from '../train/NextSteps';
import { EPOCH_STEPS, epochRange, epochTicks, percentTicks } from '../ui/chart-axes';
import { deviceText } from '../train/device-text';
import { formatDuration } from '../train/progress';
import { useTraining } from '../train/training-store';
import { errorText, problemLine } from '../ui/error-text';
import { dateTimeText, formatNumber, percentText } from '../ui/format';
import { Table } from '../ui/Table';
import '../train/live-chart.css';
import '../ui/tables.css';
import { ErrorBox } from '../ui/ErrorBox';

const COLOURS = ['#2446b8', '#c25400', '#1b6e2f', '#8e24aa', '#b3261e', '#00796b'];
const AXIS_FONT = '15px system-ui, sans-serif';

/** Validation accuracy (or training accuracy when a run had no validation) per epoch of each selected run, on one chart. */
function Overlay({ runs }: { runs: RunDetailsInfo[] }) {
  const { t, i18n } = useTranslation();
  const language = i18n.language;
  const host = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = host.current;
    if (!element || runs.length === 0) return;
    const epochs = Math.max(1, ...runs.map((r) => r.epochMetrics.length));
    const x = Array.from({ length: epochs }, (_, i) => i + 1);
    const value = (run: RunDetailsInfo, epoch: number) => {
      const e = run.epochMetrics.find((m) => m.epoch === epoch);
      return e?.valAccuracy ?? e?.accuracy ?? null;
    };
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: 240,
        legend: { show: true, live: false },
        cursor: { show: false },
        scales: { x: { time: false, range: () => epochRange(x) }, y: { range: [0, 1] } },
        axes: [
          {
            label: t('ui-train:chart.epoch'),
            font: AXIS_FONT,
            labelFont: AXIS_FONT,
            incrs: EPOCH_STEPS,
            values: (_u, splits) => {
              const ticks = epochTicks(splits, (n) => formatNumber(n, language));
              element.dataset.xTicks = ticks.filter(Boolean).join(' ');
              return ticks;
            },
          },
          { font: AXIS_FONT, size: 70, values: (_u, splits) => percentTicks(splits, language) },
        ],
        series: [
          {},
          ...runs.map((run, i) => ({
            label: t('ui-runs:runLabel', { id: run.id }),
            stroke: COLOURS[i % COLOURS.length],
            width: 3,
            spanGaps: true,
            points: { show: true, size: 8 },
          })),
        ],
      },
      [x, ...runs.map((run) => x.map((epoch) => value(run, epoch)))] as uPlot.AlignedData,
      element,
    );
    return () => plot.destroy();
  }, [runs, t, language]);
  return (
    <figure className="live-chart">
      <figcaption className="live-chart__title">{t('ui-runs:overlayTitle')}</figcaption>
      <div ref={host} className="live-chart__plot" data-testid="runs-overlay" role="img" aria-label={t('ui-runs:overlayTitle')} />
    </figure>
  );
}

export function RunsPanel() {
  const { t, i18n } = useTranslation();
  const location = useEditor((s) => s.location);
  const finishedRuns = useTraining((s) => (s.final ? s.sessionId : undefined));
  const startedRun = useTraining((s) => s.started);
  const [reloads, setReloads] = useState(0);
  const reload = useCallback(() => setReloads((n) => n + 1), []);
  const [runs, setRuns] = useState<RunDetailsInfo[]>();
  const [error, setError] = useState<string>();
  const [selected, setSelected] = useState<number[]>([]);
  const recorded = location?.toLowerCase().endsWith('.nbproj') ?? false;

  useEffect(() => {
    if (!location || !recorded) return;
    getApi()
      .listRunDetails(location)
      .then(
        (list) => {
          setRuns([...list].sort((a, b) => b.id - a.id));
          setError(undefined);
        },
        (e: unknown) => setError(errorText(e)),
      );
  }, [location, recorded, finishedRuns, startedRun, reloads]);
  const actions = useRunActions(location, reload, (id) => setSelected((s) => s.filter((x) => x !== id)));

  const overlay = useMemo(() => (runs ?? []).filter((r) => selected.includes(r.id)), [runs, selected]);
  if (!recorded)
    return (
      <div className="train-empty">
        <p>{t('ui-runs:needFile')}</p>
        <button type="button" className="primary" onClick={() => void saveProjectAs('nbproj')}>
          {t('ui-guide:saveProjectFile')}
        </button>
      </div>
    );
  if (error) return <ErrorBox text={error} />;
  if (!runs) return <p>{t('ui-evaluate:loading')}</p>;
  if (runs.length === 0)
    return (
      <div className="train-empty">
        <p>{t('ui-runs:none')}</p>
        <GoToTrain />
      </div>
    );
  const toggle = (id: number) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  return (
    <div className="runs-panel">
      <RunActions actions={actions} runs={runs} selected={selected} />
      <div className="runs-table-scroll">
        <Table
          className="runs-table"
          testId="runs-table"
          columns={[
            t('ui-runs:compare'),
            t('ui-runs:run'),
            t('ui-runs:date'),
            t('ui-runs:runHistory.graphVersion'),
            t('ui-runs:settings'),
            t('ui-runs:bestVal'),
            t('ui-runs:duration'),
            t('ui-runs:backend'),
            t('ui-runs:status'),
            t('ui-runs:runHistory.actions'),
          ]}
        >
          {runs.map((run) => (
            <tr key={run.id} data-testid={`run-row-${run.id}`}>
              <td>
                <input
                  type="checkbox"
                  checked={selected.includes(run.id)}
                  onChange={() => toggle(run.id)}
                  aria-label={t('ui-runs:select', { id: run.id })}
                />
              </td>
              <td>#{run.id}</td>
              <td>{dateTimeText(run.startedAt, i18n.language)}</td>
              <td title={t('ui-runs:runHistory.graphVersionTitle', { id: run.graphVersionId })}>
                {t('ui-runs:runHistory.graphVersionValue', { id: run.graphVersionId })}
              </td>
              <td>
                {t('ui-runs:settingsText', {
                  optimizer: run.training.optimizer,
                  rate: run.training.learningRate,
                  batch: run.training.batchSize,
                  epochs: run.epochs,
                  planned: run.plannedEpochs ?? run.training.epochs,
                  count: run.plannedEpochs ?? run.training.epochs,
                })}
              </td>
              <td>{percentText(run.bestValAccuracy, i18n.language)}</td>
              <td>{run.durationSeconds === undefined ? '—' : formatDuration(run.durationSeconds)}</td>
              <td title={run.device && deviceText(run.device, i18n.language)} data-testid={`run-engine-${run.id}`}>
                {engineTitle[engineOfBackend(run.backend)]}
                {engineOfBackend(run.backend) === 'tfjs'
                  ? ` (${run.backend})`
                  : run.device
                    ? ` (${deviceText(run.device, i18n.language)})`
                    : ''}
              </td>
              <td data-testid={`run-status-${run.id}`}>
                {t(`ui-runs:state.${run.status === 'early-stopped' ? 'earlyStopped' : run.status}`)}
                {run.error && <span className="run-ended-why">{problemLine(run.error, i18n.language)}</span>}
              </td>
              <td>{actions.rowButtons(run)}</td>
            </tr>
          ))}
        </Table>
      </div>
      {overlay.length > 0 ? <Overlay runs={overlay} /> : <p className="train-hint">{t('ui-runs:overlayHint')}</p>}
    </div>
  );
}
