import { useEffect, useState } from 'react';
import { useModalDialogWhile } from '../ui/use-modal-dialog';
import { useTranslation } from 'react-i18next';
import type { BaseDownloadProgress, PretrainedBaseInfo } from '../../../core/api/contract';
import { getApi } from '../api';
import { editorStore, uiStore, useEditor } from '../store/index';
import { errorText } from '../ui/error-text';
import { docLanguage } from '../ui/format';
import { openPretrainedDialog, pretrainedDialogStore, usePretrainedDialog } from './pretrained-store';
import './pretrained.css';

/** The palette's button that opens the catalogue of pretrained bases (blocks come from the palette; so does a whole pretrained base). */
export function PretrainedBasesButton() {
  const { t } = useTranslation();
  return (
    <button
      type="button"
      className="palette__pretrained"
      onClick={openPretrainedDialog}
      aria-haspopup="dialog"
      title={t('ui-pretrained:openHelp')}
    >
      {t('ui-pretrained:open')}
    </button>
  );
}

/** Bytes in megabytes, as the sentences show them. */
const megabytes = (bytes: number) => bytes / 1_000_000;

interface CardProps {
  base: PretrainedBaseInfo;
  progress?: BaseDownloadProgress;
  busy: boolean;
  error?: { text: string; offline: boolean };
  onDownload: () => void;
  /** Absent while the project has no `.nbproj` file to keep the weights in. */
  onAdd?: () => void;
}

function BaseCard({ base, progress, busy, error, onDownload, onAdd }: CardProps) {
  const { t, i18n } = useTranslation();
  const lang = docLanguage(i18n.language);
  // Busy on a base not downloaded yet: its download is under way (adding a downloaded base is busy too).
  const state =
    busy && base.state !== 'downloaded'
      ? t('ui-pretrained:stateDownloading')
      : base.state === 'downloaded'
        ? t('ui-pretrained:stateDownloaded', { size: megabytes(base.bytes ?? 0) })
        : base.state === 'partial'
          ? t('ui-pretrained:statePartial', { size: megabytes(base.bytes ?? 0) })
          : t('ui-pretrained:stateAbsent');
  return (
    <li className="pretrained-base" data-testid={`base-${base.id}`} aria-labelledby={`base-title-${base.id}`}>
      <h3 id={`base-title-${base.id}`}>{base.name}</h3>
      <dl className="pretrained-base__facts">
        <dt>{t('ui-pretrained:inputSize')}</dt>
        <dd>{t('ui-pretrained:inputSizeValue', { size: base.inputSize.default, min: base.inputSize.min })}</dd>
        <dt>{t('ui-pretrained:params')}</dt>
        <dd>
          {t('ui-pretrained:paramsValue', {
            params: base.params,
            shape: base.outputShape.join('×'),
          })}
        </dd>
        <dt>{t('ui-pretrained:licence')}</dt>
        <dd>
          {base.licence.name} — {base.licence.origin[lang]}
        </dd>
        <dt>{t('ui-pretrained:download')}</dt>
        <dd>
          <span className="pretrained-base__file">{base.download.file}</span> —{' '}
          {t('ui-pretrained:sizeNotPublished', { size: base.sizeWithClassifierMB })}
        </dd>
        <dt>{t('ui-pretrained:address')}</dt>
        <dd className="pretrained-base__address">{base.download.url}</dd>
        <dt>{t('ui-pretrained:checksum')}</dt>
        <dd className="pretrained-base__checksum">
          {base.download.checksum
            ? `${base.download.checksum.algorithm.toUpperCase()} ${base.download.checksum.value}`
            : t('ui-pretrained:noChecksum')}
        </dd>
        <dt>{t('ui-pretrained:preprocessing')}</dt>
        <dd>{base.preprocessing[lang]}</dd>
      </dl>
      {base.notes.length > 0 && (
        <ul className="pretrained-base__notes">
          {base.notes.map((note) => (
            <li key={note.en}>{note[lang]}</li>
          ))}
        </ul>
      )}
      <div className="pretrained-base__state">
        <span data-testid={`base-state-${base.id}`}>{state}</span>
        {busy && (
          <progress
            max={progress?.total ?? undefined}
            value={progress?.total ? progress.received : undefined}
            aria-label={t('ui-pretrained:progressLabel', { name: base.name })}
            data-testid={`base-progress-${base.id}`}
          />
        )}
        {busy && progress && (
          <span className="pretrained-base__received">
            {progress.total
              ? t('ui-pretrained:receivedOf', {
                  received: megabytes(progress.received),
                  total: megabytes(progress.total),
                })
              : t('ui-pretrained:received', { received: megabytes(progress.received) })}
          </span>
        )}
      </div>
      {error && (
        <div className="pretrained-base__error" role="alert" data-offline={error.offline}>
          <p>{error.text}</p>
        </div>
      )}
      <div className="button-row">
        <button
          type="button"
          className={base.state === 'downloaded' ? undefined : 'primary'}
          onClick={onDownload}
          disabled={busy || base.state === 'downloaded'}
        >
          {base.state === 'partial'
            ? t('ui-pretrained:resume')
            : base.state === 'downloaded'
              ? t('ui-pretrained:downloaded')
              : t('ui-pretrained:downloadButton')}
        </button>
        <button
          type="button"
          className={base.state === 'downloaded' ? 'primary' : undefined}
          onClick={onAdd}
          disabled={busy || base.state !== 'downloaded' || !onAdd}
          aria-describedby={`base-add-help-${base.id}`}
        >
          {t('ui-pretrained:add')}
        </button>
      </div>
      <p className="pretrained-base__add-help" id={`base-add-help-${base.id}`}>
        {onAdd ? t('ui-pretrained:addHelp') : t('ui-pretrained:addNeedsFile')}
      </p>
    </li>
  );
}

/**
 * The catalogue of well-known pretrained bases: each one's facts, its download and its state.
 * `layOut` places the blocks of a base added without places on the canvas (the editor's automatic layout).
 */
export function PretrainedBasesDialog({ layOut }: { layOut: () => void }) {
  const { t } = useTranslation();
  const open = usePretrainedDialog((s) => s.open);
  const dialog = useModalDialogWhile(open);
  const [bases, setBases] = useState<PretrainedBaseInfo[]>();
  const [listError, setListError] = useState<string>();
  const [busy, setBusy] = useState<Record<string, boolean>>({});
  const [progress, setProgress] = useState<Record<string, BaseDownloadProgress>>({});
  const [errors, setErrors] = useState<Record<string, { text: string; offline: boolean }>>({});

  useEffect(() => {
    if (!open) return;
    setListError(undefined);
    setErrors({});
    getApi()
      .listPretrainedBases()
      .then(setBases, (e: unknown) => setListError(errorText(e)));
    return getApi().onBaseDownloadProgress((p) => setProgress((all) => ({ ...all, [p.baseId]: p })));
  }, [open]);

  const location = useEditor((s) => s.location);
  const canAdd = location?.toLowerCase().endsWith('.nbproj') ?? false;
  const close = () => pretrainedDialogStore.setState({ open: false });
  const add = async (base: PretrainedBaseInfo) => {
    if (!location) return;
    setBusy((all) => ({ ...all, [base.id]: true }));
    setErrors(({ [base.id]: _dropped, ...rest }) => rest);
    try {
      const added = await getApi().addPretrainedBase({ location, project: editorStore.getState().toProject(), baseId: base.id });
      if (added.filled) editorStore.getState().loadProject(added.project, location);
      else {
        // One step of undo takes the base out again; the host has saved the file with it.
        editorStore.getState().applyGraph(added.project.graph, { label: base.name, saved: true, select: false });
        // The base's blocks come without places on the canvas: lay the graph out.
        layOut();
      }
      uiStore
        .getState()
        .showToast(t(added.filled ? 'ui-pretrained:filled' : 'ui-pretrained:added', { name: base.name, count: added.weights }));
      close();
    } catch (e) {
      setErrors((all) => ({ ...all, [base.id]: { text: errorText(e), offline: false } }));
    } finally {
      setBusy((all) => ({ ...all, [base.id]: false }));
    }
  };
  const download = async (base: PretrainedBaseInfo) => {
    setBusy((all) => ({ ...all, [base.id]: true }));
    setErrors(({ [base.id]: _dropped, ...rest }) => rest);
    try {
      const info = await getApi().downloadPretrainedBase(base.id);
      setBases((all) => all?.map((b) => (b.id === info.id ? info : b)));
    } catch (e) {
      setErrors((all) => ({ ...all, [base.id]: { text: errorText(e), offline: (e as { code?: string }).code === 'offline' } }));
      // A partial file may be kept: show what is on disk now.
      void getApi()
        .listPretrainedBases()
        .then(setBases, () => undefined);
    } finally {
      setBusy((all) => ({ ...all, [base.id]: false }));
    }
  };

  return (
    <dialog ref={dialog} className="dialog pretrained-dialog" aria-labelledby="pretrained-title" onClose={close}>
      <h2 id="pretrained-title">{t('ui-pretrained:title')}</h2>
      <p className="pretrained-dialog__intro">{t('ui-pretrained:intro')}</p>
      {listError && <p role="alert">{listError}</p>}
      {!bases && !listError && <p>{t('ui-pretrained:loading')}</p>}
      {bases && (
        <ul className="pretrained-list">
          {bases.map((base) => (
            <BaseCard
              key={base.id}
              base={base}
              progress={progress[base.id]}
              busy={busy[base.id] === true}
              error={errors[base.id]}
              onDownload={() => void download(base)}
              onAdd={canAdd ? () => void add(base) : undefined}
            />
          ))}
        </ul>
      )}
      <div className="button-row">
        <button type="button" onClick={close}>
          {t('ui-pretrained:close')}
        </button>
      </div>
    </dialog>
  );
}
