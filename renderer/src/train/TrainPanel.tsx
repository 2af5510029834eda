import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { optimizers } from '../../../core/model/project';
import { issueText } from '../../../core/model/issues';
import { getApi } from '../api';
import { editorStore, useEditor } from '../store/index';
import { percentText } from '../ui/format';
import { adviseOnRun, type Guidance } from './guidance';
import { LiveChart, type ChartSeries } from './LiveChart';
import { NextSteps } from './NextSteps';
import { deviceText } from './device-text';
import { formatDuration, remainingSeconds } from './progress';
import { useSettingsForm } from './use-settings-form';
import { chosenDeviceLabel, EngineChoice, refreshEngines } from './EngineChoice';
import {
  engineOptions,
  listenToTraining,
  projectToTrain,
  startRun,
  trainingStore,
  updateForm,
  useTraining,
  type SettingsForm,
} from './training-store';
import { problemLine } from '../ui/error-text';
import { CodeText } from '../ui/CodeText';
import { Field } from '../ui/Field';
import '../ui/fields.css';
import './train.css';
import { ErrorBox } from '../ui/ErrorBox';

const chartSource = {
  subscribe: (listener: () => void) => trainingStore.subscribe(listener),
  get: () => trainingStore.getState(),
};
const ACCURACY_RANGE: [number, number] = [0, 1];
const datasetTitle = (name: string) =>
  name === 'mnist' ? 'MNIST' : name === 'fashion-mnist' ? 'Fashion-MNIST' : name === 'xor' ? 'XOR' : name[0].toUpperCase() + name.slice(1);

/** The numbers of a download's progress line, in megabytes. */
const downloadTexts = (d: { file: string; received: number; total?: number }) => ({
  file: d.file,
  received: (d.received / 1e6).toFixed(1),
  total: d.total ? (d.total / 1e6).toFixed(1) : '?',
});

/** The training settings typed as numbers, in the form's order: each with its field's id, its bounds and its step, or rounded to a whole number. */
const numberSettings: {
  key: 'learningRate' | 'batchSize' | 'epochs' | 'validationSplit' | 'seed';
  id: string;
  min: number;
  max: number;
  step?: number | 'any';
  whole?: boolean;
}[] = [
  { key: 'learningRate', id: 'train-lr', min: 1e-7, max: 10, step: 'any' },
  { key: 'batchSize', id: 'train-batch', min: 1, max: 65536, whole: true },
  { key: 'epochs', id: 'train-epochs', min: 1, max: 100000, whole: true },
  { key: 'validationSplit', id: 'train-val', min: 0, max: 0.9, step: 0.05 },
  { key: 'seed', id: 'train-seed', min: 0, max: 2 ** 31 - 1, whole: true },
];

function NumberField({
  label,
  value,
  onChange,
  min,
  max,
  step,
  disabled,
  id,
}: {
  label: string;
  value: number;
  onChange(v: number): void;
  min: number;
  max?: number;
  step?: number | 'any';
  disabled?: boolean;
  id: string;
}) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  return (
    <Field id={id} label={label}>
      <input
        id={id}
        type="number"
        inputMode="decimal"
        value={text}
        min={min}
        max={max}
        step={step ?? 1}
        disabled={disabled}
        onChange={(e) => {
          setText(e.target.value);
          const v = Number(e.target.value);
          if (e.target.value.trim() !== '' && Number.isFinite(v) && v >= min && (max === undefined || v <= max)) onChange(v);
        }}
      />
    </Field>
  );
}

function GuidanceList({ advice }: { advice: Guidance[] }) {
  const { t } = useTranslation();
  const rates = (rate: number) => ({ rate, lower: rate / 10 });
  if (advice.length === 0) return null;
  return (
    <ul className="train-guidance" aria-live="polite" data-testid="train-guidance">
      {advice.map((g) => (
        <li key={g.kind} className={`train-guidance__item train-guidance__item--${g.kind}`}>
          {g.kind === 'diverged' && t('ui-train:guidance.diverged', rates(g.learningRate))}
          {g.kind === 'lossRising' && t('ui-train:guidance.lossRising', rates(g.learningRate))}
          {g.kind === 'overfitting' && t('ui-train:guidance.overfitting', { epoch: g.sinceEpoch })}
          {g.kind === 'underfitting' && t('ui-train:guidance.underfitting', { accuracy: g.accuracy })}
        </li>
      ))}
    </ul>
  );
}

export function TrainPanel() {
  const { t, i18n } = useTranslation();
  const api = getApi();
  const location = useEditor((s) => s.location);
  const valid = useEditor((s) => s.analysis.valid);
  const firstError = useEditor((s) => s.analysis.errors[0]);
  const errorCount = useEditor((s) => s.analysis.errors.length);
  const inputShape = useEditor((s) => (s.analysis.inputs.length === 1 ? s.analysis.nodes[s.analysis.inputs[0]]?.outputShape : undefined));
  const form = useSettingsForm();
  const datasets = useTraining((s) => s.datasets);
  const backend = useTraining((s) => s.backend);
  const engines = useTraining((s) => s.engines);
  const engineChoice = useTraining((s) => s.engine);
  const phase = useTraining((s) => s.phase);
  const started = useTraining((s) => s.started);
  const pageGpu = useTraining((s) => s.pageGpu);
  const progress = useTraining((s) => s.progress);
  const startedAt = useTraining((s) => s.startedAt);
  const history = useTraining((s) => s.history);
  const lastBatchLoss = useTraining((s) => s.lastBatchLoss);
  const runRate = useTraining((s) => s.runLearningRate);
  const final = useTraining((s) => s.final);
  const error = useTraining((s) => s.error);
  const warnings = useTraining((s) => s.warnings);
  const download = useTraining((s) => s.download);
  const baseProgress = useTraining((s) => s.baseProgress);
  const continuing = useTraining((s) => s.continuing);
  // A run that starts brings its progress and charts into view (a projector's window shows little below the settings).
  const runSection = useRef<HTMLElement>(null);
  useEffect(() => {
    if (started) runSection.current?.scrollIntoView?.({ block: 'start', behavior: 'smooth' });
  }, [started]);

  useEffect(() => {
    listenToTraining(api);
    void api.listDatasets().then((list) => trainingStore.setState({ datasets: list }));
    if (!trainingStore.getState().engines) void refreshEngines(api).catch(() => undefined);
  }, [api]);

  const series = useMemo<{ loss: ChartSeries[]; accuracy: ChartSeries[] }>(
    () => ({
      loss: [
        { key: 'loss', label: t('ui-train:chart.trainBatches'), color: '#9fb1e6', width: 1.5 },
        { key: 'epochLoss', label: t('ui-train:chart.trainEpochs'), color: '#2446b8', width: 3, points: true },
        { key: 'valLoss', label: t('ui-train:chart.validation'), color: '#c25400', width: 3, dash: [8, 5], points: true },
      ],
      accuracy: [
        { key: 'accuracy', label: t('ui-train:chart.trainBatches'), color: '#9fb1e6', width: 1.5 },
        { key: 'epochAccuracy', label: t('ui-train:chart.trainEpochs'), color: '#2446b8', width: 3, points: true },
        { key: 'valAccuracy', label: t('ui-train:chart.validation'), color: '#c25400', width: 3, dash: [8, 5], points: true },
      ],
    }),
    [t],
  );

  if (!form) return null;
  const busy = phase === 'starting' || phase === 'running' || phase === 'paused' || phase === 'stopping';
  const update = (change: (f: SettingsForm) => SettingsForm) => updateForm(change(form));
  const setTraining = <K extends keyof SettingsForm['training']>(key: K, value: SettingsForm['training'][K]) =>
    update((f) => ({ ...f, training: { ...f.training, [key]: value } }));
  const builtin = form.dataset?.kind === 'builtin' ? form.dataset : undefined;
  const dataset = builtin ? datasets.find((d) => d.name === builtin.name) : undefined;
  const shapeFits = (shape: number[]) => !inputShape || shape.join('×') === inputShape.join('×');

  const start = () => {
    const toTrain = projectToTrain(editorStore.getState().toProject(), form);
    void startRun(api, toTrain, { ...(location ? { location } : {}), ...engineOptions(trainingStore.getState().engine) }, inputShape);
  };
  const epochs = started?.epochs ?? form.training.epochs;
  const done =
    progress.batchesPerEpoch > 0
      ? ((progress.epoch - 1) * progress.batchesPerEpoch + progress.batch) / (epochs * progress.batchesPerEpoch)
      : 0;
  const elapsed = startedAt ? (performance.now() - startedAt) / 1000 : 0;
  const left = phase === 'running' ? remainingSeconds({ ...progress, epochs, elapsedSeconds: elapsed }) : undefined;
  const firstBatchLoss = trainingStore.getState().curves.loss.find((v) => v !== null) ?? undefined;
  const advice = adviseOnRun(history, {
    diverged: final?.state === 'diverged',
    firstBatchLoss,
    lastBatchLoss,
    learningRate: runRate ?? form.training.learningRate,
  });
  const pytorchChosen = engineChoice.name === 'pytorch' && engines?.pytorch.available ? engines.pytorch : undefined;
  const shownBackend = started
    ? { backend: started.backend, device: started.device }
    : pytorchChosen
      ? {
          backend: 'pytorch',
          device: `PyTorch ${pytorchChosen.torchVersion} · ${chosenDeviceLabel(pytorchChosen, engineChoice.device, t)}`,
        }
      : engineChoice.name === 'page' && pageGpu?.webgpu
        ? { backend: 'webgpu', device: pageGpu.webgpu }
        : backend;

  return (
    <div className="train-panel">
      <section className="train-settings" aria-labelledby="train-settings-title">
        <h3 id="train-settings-title">{t('ui-train:settings')}</h3>
        <fieldset disabled={busy} className="train-settings__grid">
          <label className="train-field train-field--wide train-field--dataset" htmlFor="train-dataset">
            <span>{t('ui-train:dataset')}</span>
            <select
              id="train-dataset"
              value={form.dataset?.kind === 'builtin' ? form.dataset.name : ''}
              onChange={(e) => update((f) => ({ ...f, dataset: { kind: 'builtin', name: e.target.value as 'mnist' } }))}
            >
              {form.dataset && form.dataset.kind !== 'builtin' && <option value="">{form.dataset.path.split(/[\\/]/).pop()}</option>}
              {!form.dataset && <option value="">{t('ui-train:chooseDataset')}</option>}
              {datasets.map((d) => (
                <option
                  key={d.name}
                  value={d.name}
                  disabled={!shapeFits(d.inputShape)}
                  title={t(`ui-data:builtinDescription.${d.name}`, { defaultValue: d.description })}
                >
                  {t(`ui-data:builtinName.${d.name}`, { defaultValue: datasetTitle(d.name) })} — {d.inputShape.join('×')},{' '}
                  {t('ui-train:classes', { count: d.classes })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="train-data-link" onClick={() => trainingStore.setState({ tab: 'data' })}>
            {t('ui-data:openTab')}
          </button>
          {form.dataset?.kind === 'builtin' && (
            <NumberField
              id="train-size"
              label={dataset?.generated ? t('ui-train:points') : t('ui-train:samples')}
              value={form.dataset.size ?? (dataset?.generated ? 500 : (dataset?.trainSamples ?? 8000))}
              min={10}
              max={dataset?.generated ? 1_000_000 : (dataset?.trainSamples ?? 8000)}
              onChange={(v) =>
                update((f) => ({ ...f, dataset: f.dataset?.kind === 'builtin' ? { ...f.dataset, size: Math.round(v) } : f.dataset }))
              }
            />
          )}
          {form.dataset?.kind === 'builtin' && dataset?.trainSamples && (
            <button
              type="button"
              className="train-data-link train-all-samples"
              title={t('ui-train:allSamplesHint', { count: dataset.trainSamples })}
              disabled={form.dataset.size === undefined || form.dataset.size === dataset.trainSamples}
              onClick={() =>
                update((f) => ({ ...f, dataset: f.dataset?.kind === 'builtin' ? { ...f.dataset, size: dataset.trainSamples } : f.dataset }))
              }
            >
              {t('ui-train:allSamples', { count: dataset.trainSamples })}
            </button>
          )}
          <Field id="train-optimizer" label={t('ui-train:optimizer')}>
            <select
              id="train-optimizer"
              value={form.training.optimizer}
              onChange={(e) => setTraining('optimizer', e.target.value as (typeof optimizers)[number])}
            >
              {optimizers.map((o) => (
                <option key={o} value={o}>
                  {o === 'sgd' ? 'SGD' : o === 'rmsprop' ? 'RMSprop' : o === 'adam' ? 'Adam' : 'Adagrad'}
                </option>
              ))}
            </select>
          </Field>
          {numberSettings.map((setting) => (
            <NumberField
              key={setting.key}
              id={setting.id}
              label={t(`ui-train:${setting.key}`)}
              value={form.training[setting.key]}
              min={setting.min}
              max={setting.max}
              step={setting.step}
              onChange={(v) => setTraining(setting.key, setting.whole ? Math.round(v) : v)}
            />
          ))}
          <label className="train-field train-field--check" htmlFor="train-early">
            <input
              id="train-early"
              type="checkbox"
              checked={form.earlyStopping}
              onChange={(e) => update((f) => ({ ...f, earlyStopping: e.target.checked }))}
            />
            <span>{t('ui-train:earlyStopping')}</span>
          </label>
          <NumberField
            id="train-patience"
            label={t('ui-train:patience')}
            value={form.patience}
            min={0}
            max={10000}
            disabled={!form.earlyStopping}
            onChange={(v) => update((f) => ({ ...f, patience: Math.round(v) }))}
          />
        </fieldset>
        <EngineChoice api={api} disabled={busy} />
        <p className="train-backend" data-testid="train-backend">
          {shownBackend
            ? t('ui-train:backend', { backend: shownBackend.backend, device: deviceText(shownBackend.device, i18n.language) })
            : t('ui-train:backendLoading')}
        </p>
        {started && started.fallbacks.length > 0 && (
          <ul className="train-backend__skipped" data-testid="train-fallbacks">
            {started.fallbacks.map((f) => (
              <li key={f.backend}>
                {t('ui-train:engine.skipped', {
                  backend: f.backend,
                  reason: problemLine(f.reason, i18n.language),
                })}
              </li>
            ))}
          </ul>
        )}
        {started?.frozenBase && (
          <p className="train-backend" data-testid="train-frozen-base">
            {problemLine(started.frozenBase.message, i18n.language)}
          </p>
        )}
      </section>

      <section ref={runSection} className="train-run" aria-labelledby="train-run-title">
        <h3 id="train-run-title" className="sr-only">
          {t('ui-train:run')}
        </h3>
        <div className="train-controls">
          {!busy && (
            <button
              type="button"
              className="primary"
              onClick={start}
              disabled={!valid || !form.dataset}
              aria-describedby={!valid || !form.dataset ? 'train-start-why' : undefined}
              data-testid="train-start"
            >
              <span aria-hidden="true">▶</span> {t('ui-train:start')}
            </button>
          )}
          {!busy && (!valid || !form.dataset) && (
            // Why Start cannot be pressed, beside it (and its accessible description).
            <span className="train-why" id="train-start-why" data-testid="train-start-why">
              {!form.dataset && t('ui-train:why.noData')}
              {!form.dataset && !valid && ' '}
              {!valid && firstError && (
                <>
                  {t('ui-train:why.graphErrors', { count: errorCount })} <CodeText text={issueText(firstError, i18n.language)} />
                </>
              )}
            </span>
          )}
          {phase === 'running' && (
            <button type="button" onClick={() => void api.pauseTraining()}>
              <span aria-hidden="true">❚❚</span> {t('ui-train:pause')}
            </button>
          )}
          {phase === 'paused' && (
            <button type="button" className="primary" onClick={() => void api.resumeTraining()}>
              <span aria-hidden="true">▶</span> {t('ui-train:resume')}
            </button>
          )}
          {(phase === 'running' || phase === 'paused') && (
            <button
              type="button"
              onClick={() => {
                trainingStore.setState({ phase: 'stopping' });
                void api.stopTraining();
              }}
            >
              <span aria-hidden="true">■</span> {t('ui-train:stop')}
            </button>
          )}
          <span className="train-status" role="status" data-testid="train-status">
            {phase === 'starting' && !download && t('ui-train:phase.starting')}
            {phase === 'starting' && download && (
              <>
                <progress
                  max={download.total ?? 1}
                  value={download.total ? download.received : undefined}
                  aria-label={t('ui-data:downloading', downloadTexts(download))}
                />{' '}
                {t('ui-data:downloading', downloadTexts(download))}
              </>
            )}
            {phase === 'running' && baseProgress && (
              <>
                <progress max={baseProgress.of} value={baseProgress.images} aria-label={t('ui-train:phase.base', baseProgress)} />{' '}
                {t('ui-train:phase.base', baseProgress)}
              </>
            )}
            {phase === 'running' && !baseProgress && t('ui-train:phase.running')}
            {phase === 'paused' && t('ui-train:phase.paused')}
            {phase === 'stopping' && t('ui-train:phase.stopping')}
            {phase === 'finished' && final && t(`ui-train:final.${final.state === 'early-stopped' ? 'earlyStopped' : final.state}`)}
          </span>
        </div>
        <ErrorBox text={error} />
        {continuing && (
          <p className="train-hint" data-testid="train-continuing">
            {t(phase === 'finished' ? 'ui-runs:runHistory.continued' : 'ui-runs:runHistory.continuing', {
              id: continuing.recordedRunId,
              epoch: continuing.fromEpoch,
            })}
          </p>
        )}
        {started && (
          <div className="train-progress">
            <progress max={1} value={Math.min(1, done)} aria-label={t('ui-train:progressLabel')} />
            <p data-testid="train-progress-text">
              {t('ui-train:progress', {
                epoch: Math.min(progress.epoch, epochs),
                epochs,
                batch: progress.batch,
                batches: progress.batchesPerEpoch,
              })}
              {left !== undefined && ` · ${t('ui-train:timeLeft', { time: formatDuration(left) })}`}
              {' · '}
              {t('ui-train:sizes', { train: started.sizes.train, validation: started.sizes.validation, test: started.sizes.test })}
            </p>
          </div>
        )}
        {final && (
          <p className={`train-final train-final--${final.state}`} data-testid="train-final">
            {problemLine(final.message, i18n.language)}
            {final.test && ` ${t('ui-train:testAccuracy', { accuracy: percentText(final.test.accuracy, i18n.language) })}`}
          </p>
        )}
        {phase === 'finished' && final?.test && <NextSteps inputShape={inputShape} />}
        <GuidanceList advice={advice} />
        {warnings.map((w, i) => (
          <p key={i} className="warning-box">
            {problemLine(w, i18n.language)}
          </p>
        ))}
        {phase === 'idle' && !final ? (
          <p className="train-hint">{t('ui-train:chartsHint')}</p>
        ) : (
          <div className="train-charts">
            <LiveChart
              title={t('ui-train:chart.loss')}
              xLabel={t('ui-train:chart.epoch')}
              series={series.loss}
              source={chartSource}
              testId="chart-loss"
            />
            <LiveChart
              title={t('ui-train:chart.accuracy')}
              xLabel={t('ui-train:chart.epoch')}
              series={series.accuracy}
              source={chartSource}
              yRange={ACCURACY_RANGE}
              testId="chart-accuracy"
            />
          </div>
        )}
      </section>
    </div>
  );
}
