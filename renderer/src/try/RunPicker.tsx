import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunInfo } from '../../../core/api/contract';
import { getApi } from '../api';
import { useEditor } from '../store/index';
import { isProjectFile, loadRun, modelFor, syncModel, useModel } from '../train/model-store';
import { GoToTrain } from '../train/NextSteps';
import { useTraining } from '../train/training-store';
import { problemLine } from '../ui/error-text';
import { CodeText } from '../ui/CodeText';
import '../ui/fields.css';
import './run-picker.css';

/** Keeps the model store in step with the host: on opening a tab, another project, or the end of a run. */
export function useModelSync(): void {
  const location = useEditor((s) => s.location);
  const final = useTraining((s) => s.final);
  useEffect(() => {
    void syncModel(getApi(), location);
  }, [location, final]);
}

/** Which recorded run (and which of its checkpoints) Evaluate and Try it use, in .nbproj projects. */
export function RunPicker() {
  const { t } = useTranslation();
  const location = useEditor((s) => s.location);
  const state = useModel((s) => s);
  if (!isProjectFile(location)) return null;
  const runs = state.runsFor === location ? (state.runs ?? []) : [];
  const model = modelFor(state, location);
  const recorded = model?.location === location ? model : undefined;
  const selectedId = state.loading?.runId ?? recorded?.recordedRunId;
  const selected = runs.find((r) => r.id === selectedId);
  const api = getApi();

  const describe = (run: RunInfo) => {
    const parts = [t('ui-try:runModel.option', { id: run.id, date: run.startedAt }), t('ui-try:runModel.epochs', { count: run.epochs })];
    if (run.bestValAccuracy !== undefined) parts.push(t('ui-try:runModel.validation', { accuracy: run.bestValAccuracy }));
    if (run.status !== 'completed') parts.push(t(`ui-try:runModel.state.${run.status === 'early-stopped' ? 'earlyStopped' : run.status}`));
    return parts.join(' · ');
  };

  // The weights of the selected run that can be chosen: as the run of this session ended, its best or its last checkpoint.
  const weights: ('ended' | 'best' | 'last')[] = [];
  if (selected && recorded?.recordedRunId === selected.id && recorded.checkpoint === undefined && !state.loading) weights.push('ended');
  if (selected?.hasBestCheckpoint) weights.push('best');
  if (selected?.hasLastCheckpoint) weights.push('last');
  const weightValue = state.loading
    ? (state.loading.checkpoint ?? '')
    : recorded?.recordedRunId === selectedId
      ? (recorded?.checkpoint ?? 'ended')
      : '';

  const progress = state.loading && state.progress && state.progress.done < state.progress.total ? state.progress : undefined;
  return (
    <div className="run-picker" data-testid="run-picker">
      {runs.length === 0 && state.runsFor === location ? (
        // A new project file has no run yet: the way to make one is right here.
        <div className="train-empty">
          <p className="run-picker__status">{t('ui-try:runModel.noRuns')}</p>
          <GoToTrain />
        </div>
      ) : (
        <div className="run-picker__fields">
          <label className="train-field run-picker__run">
            <span>{t('ui-try:runModel.run')}</span>
            {/* A run no longer listed (deleted since it was loaded) is not shown as another one. */}
            <select
              aria-label={t('ui-try:runModel.runLabel')}
              value={selected?.id ?? ''}
              onChange={(e) => void loadRun(api, location, Number(e.target.value))}
            >
              {!selected && <option value="">{t('ui-try:runModel.choose')}</option>}
              {runs.map((run) => (
                <option key={run.id} value={run.id}>
                  {describe(run)}
                </option>
              ))}
            </select>
          </label>
          {weights.length > 1 && (
            <label className="train-field run-picker__weights">
              <span>{t('ui-try:runModel.weights')}</span>
              <select
                value={weightValue}
                onChange={(e) =>
                  selected && e.target.value !== 'ended' && void loadRun(api, location, selected.id, e.target.value as 'best' | 'last')
                }
              >
                {weightValue === '' && <option value="">—</option>}
                {weights.map((w) => (
                  <option key={w} value={w}>
                    {t(`ui-try:runModel.${w}`)}
                  </option>
                ))}
              </select>
            </label>
          )}
        </div>
      )}
      <div className="run-picker__status" aria-live="polite" data-testid="run-picker-status">
        {state.loading ? (
          <>
            <span>
              {progress
                ? t('ui-try:runModel.evaluating', { id: state.loading.runId, done: progress.done, total: progress.total })
                : t('ui-try:runModel.loading', { id: state.loading.runId })}
            </span>
            <progress aria-label={t('ui-try:runModel.progressLabel')} max={progress?.total ?? 1} value={progress?.done} />
          </>
        ) : state.error ? (
          <span className="error-box" role="alert">
            <CodeText text={state.error} />
          </span>
        ) : recorded ? (
          <>
            <span>
              {recorded.checkpoint === undefined
                ? t('ui-try:runModel.inUseEnded', { id: recorded.recordedRunId })
                : t(recorded.checkpoint === 'best' ? 'ui-try:runModel.inUseBest' : 'ui-try:runModel.inUseLast', {
                    id: recorded.recordedRunId,
                    epoch: recorded.epoch,
                  })}
              {recorded.evaluatedNow && recorded.test && !recorded.warning
                ? ` ${t('ui-try:runModel.evaluatedNow', { samples: recorded.test.samples })}`
                : ''}
            </span>
            {recorded.warning && <span className="run-picker__warning">{problemLine(recorded.warning)}</span>}
          </>
        ) : null}
      </div>
    </div>
  );
}
