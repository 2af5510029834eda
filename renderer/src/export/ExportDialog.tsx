import { useEffect, useRef, useState } from 'react';
import { useModalDialogWhile } from '../ui/use-modal-dialog';
import { Options } from '../ui/Field';
import { useTranslation } from 'react-i18next';
import { exportFormatNames, type AppInfo, type ExportFormatName, type ExportResult, type RunInfo } from '../../../core/api/contract';
import { getApi } from '../api';
import { editorStore, useEditor } from '../store/index';
import { defaultExportFolder, isFullPath } from './destination';
import { exportDialogStore, openExportDialog, useExportDialog } from './export-store';
import './export.css';
import { errorText } from '../ui/error-text';
import { ConfirmDialog } from '../ui/ConfirmDialog';
import type { TFunction } from 'i18next';

/** `untrained`, or a run's checkpoint: `3:best`, `3:last`. */
type WeightsChoice = string;

function weightOptions(runs: RunInfo[], t: TFunction): { value: WeightsChoice; label: string }[] {
  const options = [{ value: 'untrained', label: t('ui-export:untrained') }];
  for (const run of [...runs].reverse()) {
    if (run.hasBestCheckpoint) {
      const accuracy = run.bestValAccuracy === undefined ? '' : t('ui-export:accuracy', { value: run.bestValAccuracy });
      options.push({ value: `${run.id}:best`, label: t('ui-export:runBest', { id: run.id, accuracy }) });
    }
    if (run.hasLastCheckpoint) options.push({ value: `${run.id}:last`, label: t('ui-export:runLast', { id: run.id, count: run.epochs }) });
  }
  return options;
}

/** The files named by an export refused because the folder already holds them (code `export-exists`). */
function existingFiles(error: unknown): string[] | undefined {
  const { code, details } = (error ?? {}) as { code?: unknown; details?: { files?: unknown } };
  const files = details?.files;
  return code === 'export-exists' && Array.isArray(files) && files.every((f) => typeof f === 'string') ? files : undefined;
}

/** The toolbar button that opens the export dialog. */
export function ExportButton() {
  const { t } = useTranslation();
  return (
    <button type="button" onClick={openExportDialog} aria-haspopup="dialog">
      {t('ui-export:open')}
    </button>
  );
}

/** Exports the model in a format other tools read: which format, which weights, which folder. */
export function ExportDialog() {
  const { t } = useTranslation();
  const open = useExportDialog((s) => s.open);
  const projectName = useEditor((s) => s.project.name);
  const location = useEditor((s) => s.location);
  const dialog = useModalDialogWhile(open);
  const outcome = useRef<HTMLDivElement>(null);
  const [info, setInfo] = useState<AppInfo>();
  const [format, setFormat] = useState<ExportFormatName>('tfjs');
  const [weights, setWeights] = useState<WeightsChoice>('untrained');
  const [runs, setRuns] = useState<RunInfo[]>();
  const [folder, setFolder] = useState('');
  const [folderEdited, setFolderEdited] = useState(false);
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<ExportResult>();
  const [error, setError] = useState<string>();
  /** Files of the export already in the chosen folder, which the user is asked about before they are replaced. */
  const [replace, setReplace] = useState<{ files: string[]; outDir: string }>();
  const hasRuns = location?.toLowerCase().endsWith('.nbproj') ?? false;

  // Opening starts afresh; what the user has typed is kept while the dialog stays open, even when
  // the project's location arrives later (a new project is written to its file in the background).
  useEffect(() => {
    if (!open) return;
    setResult(undefined);
    setError(undefined);
    setReplace(undefined);
    setFolderEdited(false);
    void getApi()
      .getAppInfo()
      .then(setInfo, (e: unknown) => setError(errorText(e)));
  }, [open]);

  useEffect(() => {
    if (!open) return;
    setWeights('untrained');
    if (hasRuns && location) {
      setRuns(undefined);
      getApi()
        .listRuns(location)
        .then(
          (list) => {
            setRuns(list);
            const latest = [...list].reverse().find((r) => r.hasBestCheckpoint || r.hasLastCheckpoint);
            if (latest) setWeights(`${latest.id}:${latest.hasBestCheckpoint ? 'best' : 'last'}`);
          },
          (e: unknown) => setError(errorText(e)),
        );
    } else {
      setRuns([]);
    }
  }, [open, hasRuns, location]);

  // The folder follows the format and the name until the user writes or picks another.
  useEffect(() => {
    if (info && !folderEdited) setFolder(defaultExportFolder(info.projectsDirectory, projectName, format));
  }, [info, projectName, format, folderEdited]);

  // What was written, or why not, is brought into view: on a 720-pixel screen it is below the fold.
  useEffect(() => {
    if (result) outcome.current?.scrollIntoView({ block: 'nearest' });
    else if (error) dialog.current?.querySelector('.export-error')?.scrollIntoView({ block: 'nearest' });
  }, [result, error]);

  const close = () => exportDialogStore.setState({ open: false });
  const chooseFolder = async () => {
    const chosen = await getApi().showFolderDialog();
    if (chosen) {
      setFolder(chosen);
      setFolderEdited(true);
    }
  };
  const submit = async (overwrite = false) => {
    setResult(undefined);
    setError(undefined);
    const outDir = folder.trim();
    if (!outDir) return setError(t('ui-export:needFolder'));
    if (!isFullPath(outDir))
      return setError(
        t('ui-export:needFullPath', { example: info ? defaultExportFolder(info.projectsDirectory, projectName, format) : '/…' }),
      );
    const [runId, checkpoint] = weights === 'untrained' ? [] : weights.split(':');
    setBusy(true);
    try {
      const project = editorStore.getState().toProject();
      setResult(
        await getApi().exportModel({
          project,
          format,
          outDir,
          ...(location ? { location } : {}),
          ...(runId === undefined ? {} : { runId: Number(runId), checkpoint: checkpoint as 'best' | 'last' }),
          ...(overwrite ? { overwrite: true } : {}),
        }),
      );
    } catch (e) {
      const files = existingFiles(e);
      if (files) setReplace({ files, outDir });
      else setError(t('ui-export:failed', { message: errorText(e) }));
    } finally {
      setBusy(false);
    }
  };

  const options = weightOptions(runs ?? [], t);
  return (
    <dialog ref={dialog} className="dialog export-dialog" aria-labelledby="export-title" onClose={close}>
      <form
        method="dialog"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <h2 id="export-title">{t('ui-export:title')}</h2>
        <fieldset className="export-formats">
          <legend>{t('ui-export:format')}</legend>
          {exportFormatNames.map((name) => (
            <label key={name} className="export-format">
              <input
                type="radio"
                name="export-format"
                value={name}
                checked={format === name}
                onChange={() => setFormat(name)}
                aria-label={t(`ui-export:formats.${name}`)}
                aria-describedby={`export-help-${name}`}
              />
              <span>
                <strong>{t(`ui-export:formats.${name}`)}</strong>
                <span id={`export-help-${name}`} className="export-format__help">
                  {t(`ui-export:formatHelp.${name}`)}
                </span>
              </span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span className="field-label">{t('ui-export:weights')}</span>
          <select value={weights} onChange={(e) => setWeights(e.target.value)} disabled={runs === undefined}>
            <Options options={options} />
          </select>
        </label>
        {runs === undefined && <p className="export-note">{t('ui-export:loadingRuns')}</p>}
        {weights !== 'untrained' && <p className="export-note">{t('ui-export:runGraph')}</p>}
        {!hasRuns && <p className="export-note">{t('ui-export:weightsNeedFile')}</p>}
        <div className="field">
          <label className="field-label" htmlFor="export-folder">
            {t('ui-export:destination')}
          </label>
          <div className="export-folder">
            <input
              id="export-folder"
              value={folder}
              spellCheck={false}
              aria-describedby={info?.nativeDialogs ? undefined : 'export-folder-help'}
              onChange={(e) => {
                setFolder(e.target.value);
                setFolderEdited(true);
              }}
            />
            {info?.nativeDialogs && (
              <button type="button" onClick={() => void chooseFolder()}>
                {t('ui-export:choose')}
              </button>
            )}
          </div>
          {info && !info.nativeDialogs && (
            <span id="export-folder-help" className="export-note">
              {t('ui-export:destinationHelpWeb')}
            </span>
          )}
        </div>
        <div ref={outcome} role="status" aria-live="polite" className="export-outcome" data-testid="export-outcome">
          {result && (
            <>
              <p>{t('ui-export:written', { count: result.files.length, folder: result.outDir })}</p>
              <ul className="export-files">
                {result.files.map((file) => (
                  <li key={file}>{file}</li>
                ))}
              </ul>
              <p>{result.trained ? t('ui-export:trained') : t('ui-export:untrainedNote')}</p>
            </>
          )}
        </div>
        {error && (
          <p role="alert" className="export-error">
            {error}
          </p>
        )}
        {replace && (
          <ConfirmDialog
            title={t('ui-export:replaceTitle')}
            confirmLabel={t('ui-export:replace')}
            danger
            onCancel={() => setReplace(undefined)}
            onConfirm={() => {
              setReplace(undefined);
              void submit(true);
            }}
          >
            <p>{t('ui-export:replaceBody', { count: replace.files.length, folder: replace.outDir })}</p>
            <ul className="export-files">
              {replace.files.map((file) => (
                <li key={file}>{file}</li>
              ))}
            </ul>
            <p>{t('ui-export:replaceNote')}</p>
          </ConfirmDialog>
        )}
        <div className="button-row">
          <button type="button" onClick={close}>
            {t('ui-export:cancel')}
          </button>
          <button type="submit" className="primary" disabled={busy || runs === undefined}>
            {busy ? t('ui-export:exporting') : t('ui-export:export')}
          </button>
        </div>
      </form>
    </dialog>
  );
}
