import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ProjectFileInfo, RunDetailsInfo, RunSnapshot } from '../../../core/api/contract';
import { getApi } from '../api';
import { showProject } from '../project-actions';
import { uiStore } from '../store/index';
import { errorText } from '../ui/error-text';
import { ModalDialog } from '../ui/ModalDialog';
import { BaseCutSelect, initialBaseCut } from './BaseCutSelect';
import { ErrorBox } from '../ui/ErrorBox';

const NBPROJ = '.nbproj';

/**
 * "Use as a pretrained base": where to cut the run's network (by default before its classifier) and
 * which project receives it (a project file of the projects folder, on the desktop any project file
 * chosen with the native dialog, or a new project); the target then opens in the editor with the
 * base collapsed into one block.
 */
export function UseAsBaseDialog({ location, run, onClose }: { location: string; run: RunDetailsInfo; onClose(): void }) {
  const { t } = useTranslation();
  const [snapshot, setSnapshot] = useState<RunSnapshot>();
  const [files, setFiles] = useState<ProjectFileInfo[]>([]);
  const [upTo, setUpTo] = useState('');
  const [target, setTarget] = useState<'new' | 'file' | 'other'>('new');
  const [name, setName] = useState('');
  const [file, setFile] = useState('');
  const [native, setNative] = useState(false);
  const [other, setOther] = useState('');
  const [error, setError] = useState<string>();
  const [working, setWorking] = useState(false);

  useEffect(() => {
    let live = true;
    const api = getApi();
    api.getRunSnapshot(location, run.id).then(
      (s) => {
        if (!live) return;
        setSnapshot(s);
        setUpTo(initialBaseCut(s.project.graph));
        setName(t('ui-runs:useAsBase.newName', { project: s.project.name }));
      },
      (e: unknown) => live && setError(errorText(e)),
    );
    api.listProjectFiles().then(
      (list) => {
        if (!live) return;
        const usable = list.filter((f) => f.fileName.toLowerCase().endsWith(NBPROJ));
        setFiles(usable);
        setFile((current) => current || (usable.find((f) => f.location !== location) ?? usable[0])?.location || '');
      },
      () => undefined,
    );
    api.getAppInfo().then(
      (info) => live && setNative(info.nativeDialogs),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [location, run.id, t]);

  const graph = snapshot?.project.graph;
  const chosenFile = target === 'other' ? other : file;

  /** Desktop: any `.nbproj` file, with the native dialog; cancelling keeps the previous choice. */
  const chooseOther = async () => {
    try {
      const picked = await getApi().showOpenDialog({ weights: true });
      if (picked) {
        setOther(picked);
        setTarget('other');
      }
    } catch (e) {
      setError(errorText(e));
    }
  };

  const confirm = async () => {
    setWorking(true);
    setError(undefined);
    try {
      const opened = await getApi().useRunAsBase({
        location,
        runId: run.id,
        upTo,
        target: target === 'new' ? { kind: 'new', name } : { kind: 'file', location: chosenFile },
      });
      onClose();
      await showProject(opened);
      uiStore.getState().showToast(t('ui-runs:useAsBase.done', { id: run.id, project: opened.project.name }));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setWorking(false);
    }
  };

  return (
    <ModalDialog className="runs-confirm use-as-base" labelledBy="use-as-base-title" testId="use-as-base-dialog" onClose={onClose}>
      <h2 id="use-as-base-title">{t('ui-runs:useAsBase.title', { id: run.id })}</h2>
      <p>{t('ui-runs:useAsBase.intro')}</p>
      <BaseCutSelect id="use-as-base-cut" graph={graph} value={upTo} onChange={setUpTo} />
      <fieldset className="use-as-base__target">
        <legend>{t('ui-runs:useAsBase.target')}</legend>
        <label>
          <input type="radio" name="use-as-base-target" checked={target === 'new'} onChange={() => setTarget('new')} />{' '}
          {t('ui-runs:useAsBase.newProject')}
        </label>
        {target === 'new' && (
          <input
            type="text"
            aria-label={t('ui-runs:useAsBase.nameLabel')}
            value={name}
            onChange={(e) => setName(e.target.value)}
            maxLength={200}
          />
        )}
        <label>
          <input
            type="radio"
            name="use-as-base-target"
            checked={target === 'file'}
            onChange={() => setTarget('file')}
            disabled={!files.length}
          />{' '}
          {t('ui-runs:useAsBase.fileProject')}
        </label>
        {target === 'file' && (
          <select aria-label={t('ui-runs:useAsBase.fileProject')} value={file} onChange={(e) => setFile(e.target.value)}>
            {files.map((f) => (
              <option key={f.location} value={f.location}>
                {f.name ? `${f.name} (${f.fileName})` : f.fileName}
              </option>
            ))}
          </select>
        )}
        {!files.length && <p className="muted">{t('ui-runs:useAsBase.noFiles')}</p>}
        {native ? (
          <>
            <label>
              <input
                type="radio"
                name="use-as-base-target"
                checked={target === 'other'}
                onChange={() => (other ? setTarget('other') : void chooseOther())}
              />{' '}
              {t('ui-runs:useAsBase.otherProject')}
            </label>
            <div className="use-as-base__other">
              <button type="button" onClick={() => void chooseOther()}>
                {t('ui-runs:useAsBase.chooseOther')}
              </button>
              {other && (
                <span className="use-as-base__path" title={other}>
                  {other}
                </span>
              )}
            </div>
          </>
        ) : (
          <p className="muted">{t('ui-runs:useAsBase.browserFolderOnly')}</p>
        )}
      </fieldset>
      <p className="muted">{t('ui-runs:useAsBase.frozenNote')}</p>
      <ErrorBox text={error} />
      <div className="button-row runs-confirm__buttons">
        <button type="button" onClick={onClose}>
          {t('ui-runs:runHistory.cancel')}
        </button>
        <button
          type="button"
          className="primary"
          onClick={() => void confirm()}
          disabled={!graph || !upTo || working || (target !== 'new' && !chosenFile)}
        >
          {working ? t('ui-runs:runHistory.working') : t('ui-runs:useAsBase.confirm')}
        </button>
      </div>
    </ModalDialog>
  );
}
