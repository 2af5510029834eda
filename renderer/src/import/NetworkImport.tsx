// "Import a network…" (home screen) and "Add a pretrained base from a file…" (editor): a network
// file chosen on this computer becomes a new project file, or a frozen base in the open one. A
// dialog shows the import going (a large network takes seconds), then its parameter count and
// notes, or the refusal, which names the operator or layer. A base is read first: the dialog shows
// the network and asks where to cut it (the block before the classifier unless the user chooses),
// then inserts it as one undoable edit of the editor.
import i18next from 'i18next';
import { useEffect, useState } from 'react';
import { useModalDialogWhile } from '../ui/use-modal-dialog';
import { useTranslation } from 'react-i18next';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { ImportedNetwork, NetworkPreview, NetworkSource } from '../../../core/api/contract';
import { analyzeGraph } from '../../../core/model/analyze';
import { getApi } from '../api';
import { showProject } from '../project-actions';
import { editorStore } from '../store/index';
import { BATCH_BYTES, toBase64 } from '../data/data-import';
import { errorText, problemLine } from '../ui/error-text';
import { BaseCutSelect, initialBaseCut } from '../runs/BaseCutSelect';
import './network-import.css';
import { ErrorBox } from '../ui/ErrorBox';

export type NetworkImportMode = 'project' | 'base';

type ImportState =
  | { phase: 'idle' }
  | { phase: 'sending'; fileName: string; mode: NetworkImportMode; sent: number; size: number }
  | { phase: 'reading'; fileName: string; mode: NetworkImportMode }
  | { phase: 'choosing'; fileName: string; mode: 'base'; source: NetworkSource; preview: NetworkPreview; upTo: string }
  | { phase: 'inserting'; fileName: string; mode: 'base' }
  | {
      phase: 'done';
      fileName: string;
      mode: NetworkImportMode;
      summary: ImportedNetwork['summary'];
      base?: { upTo: string; blocks: number; frozenParams: number };
    }
  | { phase: 'refused'; fileName: string; mode: NetworkImportMode; error: string };

const importStore = createStore<ImportState>(() => ({ phase: 'idle' }));

/** Imports a network file: a `File` of the browser is sent in parts first; a path (desktop) is read where it is. */
export async function importNetwork(chosen: File | string, mode: NetworkImportMode): Promise<void> {
  const api = getApi();
  const fileName = typeof chosen === 'string' ? chosen.split(/[\\/]/).pop() || chosen : chosen.name;
  let source: NetworkSource | undefined;
  try {
    if (mode === 'base' && !editorStore.getState().location) throw new Error(i18next.t('ui-network:saveFirst'));
    if (typeof chosen === 'string') source = { file: chosen };
    else {
      importStore.setState({ phase: 'sending', fileName, mode, sent: 0, size: chosen.size }, true);
      const { uploadId } = await api.startNetworkUpload({ fileName });
      source = { uploadId };
      for (let start = 0; start < chosen.size; start += BATCH_BYTES) {
        const { received } = await api.uploadNetworkPart(uploadId, toBase64(await chosen.slice(start, start + BATCH_BYTES).arrayBuffer()));
        importStore.setState({ phase: 'sending', fileName, mode, sent: received, size: chosen.size }, true);
      }
    }
    importStore.setState({ phase: 'reading', fileName, mode }, true);
    if (mode === 'base') {
      // The network is shown first, to choose where to cut it; the upload waits for the choice.
      const preview = await api.readNetwork(source);
      importStore.setState({ phase: 'choosing', fileName, mode, source, preview, upTo: initialBaseCut(preview.graph) }, true);
      return;
    }
    const imported = await api.importNetwork(source);
    await showProject({ project: imported.project, location: imported.location });
    importStore.setState({ phase: 'done', fileName, mode, summary: imported.summary }, true);
  } catch (error) {
    if (source && 'uploadId' in source) void api.discardNetworkUpload(source.uploadId).catch(() => undefined);
    importStore.setState({ phase: 'refused', fileName, mode, error: errorText(error) }, true);
  }
}

/** Inserts the base being chosen, cut after its chosen block, into the open project file; the editor takes it as one undoable edit. */
async function insertChosenBase(): Promise<void> {
  const state = importStore.getState();
  if (state.phase !== 'choosing') return;
  const { fileName, mode, source, upTo } = state;
  importStore.setState({ phase: 'inserting', fileName, mode }, true);
  try {
    const editor = editorStore.getState();
    if (!editor.location) throw new Error(i18next.t('ui-network:saveFirst'));
    const imported = await getApi().importNetwork(source, { location: editor.location, project: editor.toProject(), upTo });
    // The saved graph with the base replaces the shown one as an undoable step; the file already holds it.
    editorStore.getState().replaceGraphAndSettings(imported.project);
    editorStore.getState().markSaved(imported.location);
    const graph = imported.project.graph;
    const members = new Set(graph.nodes.filter((n) => n.group === imported.summary.group).map((n) => n.id));
    const analysis = analyzeGraph(graph);
    const frozenParams = [...members].reduce(
      (sum, id) => sum + (analysis.nodes[id] ? analysis.nodes[id].paramCount.trainable + analysis.nodes[id].paramCount.nonTrainable : 0),
      0,
    );
    importStore.setState(
      { phase: 'done', fileName, mode, summary: imported.summary, base: { upTo, blocks: members.size, frozenParams } },
      true,
    );
  } catch (error) {
    importStore.setState({ phase: 'refused', fileName, mode, error: errorText(error) }, true);
  }
}

/** Cancels the choice of a cut: an upload is removed, nothing is written. */
function cancelChoice(): void {
  const state = importStore.getState();
  if (state.phase === 'choosing' && 'uploadId' in state.source)
    void getApi()
      .discardNetworkUpload(state.source.uploadId)
      .catch(() => undefined);
  importStore.setState({ phase: 'idle' }, true);
}

/** The file chooser: the native dialog on the desktop, the browser's own elsewhere. */
export function ImportNetworkButton({ mode, className }: { mode: NetworkImportMode; className?: string }) {
  const { t } = useTranslation();
  const [accept, setAccept] = useState<string[]>();
  const [native, setNative] = useState(false);
  useEffect(() => {
    getApi()
      .getAppInfo()
      .then((info) => {
        setAccept(info.networkExtensions);
        setNative(info.nativeDialogs);
      })
      .catch(() => undefined);
  }, []);
  const label = mode === 'project' ? t('ui-network:importProject') : t('ui-network:addBase');
  // Under the palette's "Pretrained bases…" a short text fits; the full one is the control's name and tooltip.
  const shown = mode === 'project' ? label : t('ui-network:addBaseShort');
  if (native)
    return (
      <button
        type="button"
        className={className}
        title={label}
        aria-label={label}
        onClick={() =>
          void getApi()
            .showNetworkDialog()
            .then(
              (file) => (file ? importNetwork(file, mode) : undefined),
              (error: unknown) => importStore.setState({ phase: 'refused', fileName: '', mode, error: errorText(error) }, true),
            )
        }
      >
        {shown}
      </button>
    );
  return (
    <label className={`file-pick ${className ?? ''}`} title={label} data-testid={`import-network-${mode}`}>
      {/* Only the extensions the importers read; a file named otherwise is refused with their list. */}
      <input
        type="file"
        className="sr-only"
        accept={accept?.join(',')}
        aria-label={label}
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void importNetwork(file, mode);
        }}
      />
      <span aria-hidden="true">{shown}</span>
    </label>
  );
}

/** A step under way: what it does, and its progress bar (`done` of `of`, or moving without an end when neither is known). */
function Step({ text, label = text, of, done }: { text: string; label?: string; of?: number; done?: number }) {
  return (
    <>
      <p role="status">{text}</p>
      <progress max={of} value={done} aria-label={label} />
    </>
  );
}

/** The dialog that follows an import, from the first byte sent to its result. */
export function NetworkImportDialog() {
  const { t, i18n } = useTranslation();
  const state = useStore(importStore);
  const dialog = useModalDialogWhile(state.phase !== 'idle');
  const close = () => (importStore.getState().phase === 'choosing' ? cancelChoice() : importStore.setState({ phase: 'idle' }, true));
  if (state.phase === 'idle') return <dialog ref={dialog} className="dialog" />;
  const busy = state.phase === 'sending' || state.phase === 'reading' || state.phase === 'inserting';
  return (
    <dialog
      ref={dialog}
      className="dialog network-import"
      aria-labelledby="network-import-title"
      aria-busy={busy}
      data-testid="network-import"
      onCancel={(e) => {
        // An import cannot be called back once sent; the dialog stays until it ends.
        if (busy) e.preventDefault();
      }}
      onClose={close}
    >
      <h2 id="network-import-title">
        {state.mode === 'project'
          ? t('ui-network:titleProject', { file: state.fileName })
          : t('ui-network:titleBase', { file: state.fileName })}
      </h2>
      {state.phase === 'sending' && (
        <Step
          text={t('ui-network:sending', { sent: state.sent / 1e6, size: state.size / 1e6 })}
          label={t('ui-network:sendingLabel')}
          of={state.size || 1}
          done={state.sent}
        />
      )}
      {state.phase === 'reading' && <Step text={t('ui-network:reading')} />}
      {state.phase === 'choosing' && (
        <>
          <p data-testid="network-import-facts">
            {t('ui-network:chooseIntro', {
              name: state.preview.name,
              blocks: state.preview.summary.blocks,
              params: state.preview.summary.params,
              format: state.preview.summary.format.toUpperCase(),
            })}
          </p>
          <BaseCutSelect
            id="network-import-cut"
            graph={state.preview.graph}
            value={state.upTo}
            onChange={(upTo) => importStore.setState({ ...state, upTo }, true)}
          />
          <p className="muted">{t('ui-runs:useAsBase.frozenNote')}</p>
        </>
      )}
      {state.phase === 'inserting' && <Step text={t('ui-network:inserting')} />}
      {state.phase === 'done' && (
        <>
          <p role="status" data-testid="network-import-result">
            {state.base
              ? t('ui-network:doneBase', {
                  upTo: state.base.upTo,
                  blocks: state.base.blocks,
                  params: state.base.frozenParams,
                })
              : t('ui-network:doneProject', {
                  blocks: state.summary.blocks,
                  params: state.summary.params,
                })}
          </p>
          {state.summary.notes.length > 0 && (
            <ul className="network-import__notes">
              {state.summary.notes.map((n, i) => (
                <li key={i}>{problemLine(n, i18n.language)}</li>
              ))}
            </ul>
          )}
        </>
      )}
      <ErrorBox text={state.phase === 'refused' && state.error} testId="network-import-error" />
      {state.phase === 'choosing' ? (
        <div className="button-row">
          <button type="button" onClick={cancelChoice}>
            {t('ui-network:cancel')}
          </button>
          <button type="button" className="primary" onClick={() => void insertChosenBase()} disabled={!state.upTo} autoFocus>
            {t('ui-network:insert')}
          </button>
        </div>
      ) : (
        !busy && (
          <div className="button-row">
            <button type="button" className="primary" onClick={close} autoFocus>
              {t('ui-network:close')}
            </button>
          </div>
        )
      )}
    </dialog>
  );
}
