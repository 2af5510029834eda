import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { RunDetailsInfo, RunSnapshot } from '../../../core/api/contract';
import { getApi } from '../api';
import { layoutPositions } from '../store/layout';
import { toFlowEdge, toFlowNode } from '../store/flow-graph';
import { editorStore, useEditor } from '../store/index';
import { followRun } from '../train/model-store';
import { continueRecordedRun, trainingStore, useTraining } from '../train/training-store';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import { RunComparison } from './RunComparison';
import { statusText } from './run-text';
import { UseAsBaseDialog } from './UseAsBaseDialog';
import './runs.css';
import { errorText } from '../ui/error-text';

type Pending = { kind: 'restore'; snapshot: RunSnapshot } | { kind: 'delete'; run: RunDetailsInfo } | { kind: 'base'; run: RunDetailsInfo };

export interface RunActionsState {
  rowButtons(run: RunDetailsInfo): ReactNode;
  pending?: Pending;
  setPending(pending: Pending | undefined): void;
  comparing?: [number, number];
  setComparing(ids: [number, number] | undefined): void;
  message?: { kind: 'ok' | 'error'; text: string };
  setMessage(message: { kind: 'ok' | 'error'; text: string } | undefined): void;
  location?: string;
  reload(): void;
  onDeleted(id: number): void;
}

const fileName = (location: string) => location.split(/[\\/]/).pop() ?? location;

/** Continue, restore and delete for each row of the run history, and the state of their dialogs. */
export function useRunActions(location: string | undefined, reload: () => void, onDeleted: (id: number) => void): RunActionsState {
  const { t } = useTranslation();
  const phase = useTraining((s) => s.phase);
  const [pending, setPending] = useState<Pending>();
  const [comparing, setComparing] = useState<[number, number]>();
  const [message, setMessage] = useState<{ kind: 'ok' | 'error'; text: string }>();
  const [loading, setLoading] = useState<number>();
  const training = phase === 'starting' || phase === 'running' || phase === 'paused' || phase === 'stopping';
  const fail = (e: unknown) => setMessage({ kind: 'error', text: errorText(e) });

  const askRestore = async (run: RunDetailsInfo) => {
    if (!location) return;
    setLoading(run.id);
    setMessage(undefined);
    try {
      setPending({ kind: 'restore', snapshot: await getApi().getRunSnapshot(location, run.id) });
    } catch (e) {
      fail(e);
    } finally {
      setLoading(undefined);
    }
  };

  const goOn = (run: RunDetailsInfo) => {
    if (!location) return;
    setMessage(undefined);
    trainingStore.setState({ tab: 'train' });
    void continueRecordedRun(getApi(), location, run.id).finally(reload);
  };

  const rowButtons = (run: RunDetailsInfo) => {
    const resumable = (run.status === 'stopped' || run.status === 'interrupted') && run.hasLastCheckpoint;
    return (
      <span className="runs-row-actions">
        {resumable && (
          <button
            type="button"
            onClick={() => goOn(run)}
            disabled={training}
            aria-label={t('ui-runs:runHistory.continueLabel', { id: run.id })}
            title={training ? t('ui-runs:runHistory.continueBusy') : t('ui-runs:runHistory.continueLabel', { id: run.id })}
          >
            <span aria-hidden="true">▶ </span>
            {t('ui-runs:runHistory.continue')}
          </button>
        )}
        {run.status !== 'running' && run.status !== 'failed' && run.hasLastCheckpoint && (
          <button
            type="button"
            onClick={() => {
              setMessage(undefined);
              setPending({ kind: 'base', run });
            }}
            aria-label={t('ui-runs:useAsBase.buttonLabel', { id: run.id })}
            title={t('ui-runs:useAsBase.buttonLabel', { id: run.id })}
            data-testid={`use-as-base-${run.id}`}
          >
            <span aria-hidden="true">⧉ </span>
            {t('ui-runs:useAsBase.button')}
          </button>
        )}
        <button
          type="button"
          onClick={() => void askRestore(run)}
          disabled={loading === run.id}
          aria-label={t('ui-runs:runHistory.restoreLabel', { id: run.id })}
          title={t('ui-runs:runHistory.restoreLabel', { id: run.id })}
        >
          <span aria-hidden="true">↺ </span>
          {t('ui-runs:runHistory.restore')}
        </button>
        <button
          type="button"
          className="danger"
          onClick={() => {
            setMessage(undefined);
            setPending({ kind: 'delete', run });
          }}
          disabled={run.status === 'running'}
          aria-label={t('ui-runs:runHistory.deleteLabel', { id: run.id })}
          title={t('ui-runs:runHistory.deleteLabel', { id: run.id })}
        >
          <span aria-hidden="true">✕ </span>
          {t('ui-runs:runHistory.delete')}
        </button>
      </span>
    );
  };

  return { rowButtons, pending, setPending, comparing, setComparing, message, setMessage, location, reload, onDeleted };
}

/** Puts a run's graph and settings in the editor, laid out first when its blocks have no positions. */
async function restore(snapshot: RunSnapshot): Promise<void> {
  const project = structuredClone(snapshot.project);
  if (project.graph.nodes.some((n) => !n.position)) {
    const positions = await layoutPositions(
      project.graph.nodes.map((n) => toFlowNode(n)),
      project.graph.edges.map((e) => toFlowEdge(e)),
      editorStore.getState().direction,
    );
    for (const node of project.graph.nodes) node.position = positions[node.id] ?? node.position;
  }
  editorStore.getState().replaceGraphAndSettings(project);
  // Evaluate and Try it follow: the restored run's model is the one they show next.
  const { location } = editorStore.getState();
  if (location) followRun(location, snapshot.id);
}

/** The compare button above the history table, the outcome of the last action, and the dialogs. */
export function RunActions({ actions, runs, selected }: { actions: RunActionsState; runs: RunDetailsInfo[]; selected: number[] }) {
  const { t } = useTranslation();
  const blockCount = useEditor((s) => s.nodes.length);
  const { pending, setPending, comparing, setComparing, message, setMessage, location } = actions;
  const two = selected.length === 2 ? ([selected[0], selected[1]] as [number, number]) : undefined;
  const known = new Set(runs.map((r) => r.id));
  // The deleted run's buttons are gone: the focus goes to the message saying so, once it is shown (it is hidden until then).
  const messageRef = useRef<HTMLParagraphElement>(null);
  const focusMessage = useRef(false);
  useEffect(() => {
    if (!message || !focusMessage.current) return;
    focusMessage.current = false;
    messageRef.current?.focus();
  }, [message]);
  /**
   * The answers to a restore or delete confirmation. Either closes it; confirming then does `work`
   * and shows its outcome (the sentence it returns, or its error), then calls `after`.
   */
  const answers = (work: () => Promise<string>, after?: () => void) => ({
    onCancel: () => setPending(undefined),
    onConfirm: () => {
      setPending(undefined);
      void work()
        .then(
          (text) => setMessage({ kind: 'ok', text }),
          (e: unknown) => setMessage({ kind: 'error', text: errorText(e) }),
        )
        .finally(after);
    },
  });

  return (
    <>
      <div className="runs-toolbar">
        <button type="button" className="primary" disabled={!two} onClick={() => two && setComparing(two)}>
          <span aria-hidden="true">⇆ </span>
          {t('ui-runs:runHistory.compareButton')}
        </button>
        {!two && <span className="train-hint">{t('ui-runs:runHistory.compareHint')}</span>}
      </div>
      <p
        className={message?.kind === 'error' ? 'error-box' : 'runs-message'}
        role={message?.kind === 'error' ? 'alert' : 'status'}
        data-testid="runs-message"
        hidden={!message}
        ref={messageRef}
        tabIndex={-1}
      >
        {message?.text}
      </p>
      {comparing && location && comparing.every((id) => known.has(id)) && (
        <RunComparison location={location} runIds={comparing} onClose={() => setComparing(undefined)} />
      )}
      {pending?.kind === 'restore' && (
        <ConfirmDialog
          title={t('ui-runs:runHistory.restoreTitle', { id: pending.snapshot.id })}
          confirmLabel={t('ui-runs:runHistory.restoreConfirm', { id: pending.snapshot.id })}
          {...answers(async () => {
            await restore(pending.snapshot);
            return t('ui-runs:runHistory.restored', { id: pending.snapshot.id });
          })}
        >
          <p>
            {t('ui-runs:runHistory.restoreBody', {
              id: pending.snapshot.id,
              current: t('ui-runs:runHistory.blocks', { count: blockCount }),
              restored: t('ui-runs:runHistory.blocks', { count: pending.snapshot.project.graph.nodes.length }),
              settings: t('ui-runs:settingsText', {
                optimizer: pending.snapshot.training.optimizer,
                rate: pending.snapshot.training.learningRate,
                batch: pending.snapshot.training.batchSize,
                epochs: pending.snapshot.epochs,
                planned: pending.snapshot.plannedEpochs ?? pending.snapshot.training.epochs,
                count: pending.snapshot.plannedEpochs ?? pending.snapshot.training.epochs,
              }),
            })}
          </p>
        </ConfirmDialog>
      )}
      {pending?.kind === 'base' && location && (
        <UseAsBaseDialog location={location} run={pending.run} onClose={() => setPending(undefined)} />
      )}
      {pending?.kind === 'delete' && location && (
        <ConfirmDialog
          danger
          title={t('ui-runs:runHistory.deleteTitle', { id: pending.run.id })}
          confirmLabel={t('ui-runs:runHistory.deleteConfirm', { id: pending.run.id })}
          {...answers(async () => {
            await getApi().deleteRun(location, pending.run.id);
            actions.onDeleted(pending.run.id);
            focusMessage.current = true;
            return t('ui-runs:runHistory.deleted', { id: pending.run.id });
          }, actions.reload)}
        >
          <p>
            {t('ui-runs:runHistory.deleteBody', {
              id: pending.run.id,
              date: pending.run.startedAt,
              status: statusText(t, pending.run.status),
              epochs: t('ui-runs:runHistory.epochs', { count: pending.run.epochs }),
              file: fileName(location),
            })}
          </p>
        </ConfirmDialog>
      )}
    </>
  );
}
