import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, ExampleSummary, ProjectFileInfo, RecentProject } from '../../../core/api/contract';
import { getApi } from '../api';
import { importProjectText, newProject, openProject, openWithDialog, uploadProjectFile } from '../project-actions';
import { exampleText } from './example-texts';
import { LanguageSwitch } from '../ui/LanguageSwitch';
import { dateTimeText } from '../ui/format';
import { errorText } from '../ui/error-text';
import { ImportNetworkButton } from '../import/NetworkImport';
import { ErrorBox } from '../ui/ErrorBox';

/** The start screen: a new project (empty or from an example), open one, or pick up a recent one. */
export function Home() {
  const { t, i18n } = useTranslation();
  const [info, setInfo] = useState<AppInfo>();
  const [examples, setExamples] = useState<ExampleSummary[]>([]);
  const [recent, setRecent] = useState<RecentProject[]>([]);
  const [files, setFiles] = useState<ProjectFileInfo[]>([]);
  const [error, setError] = useState<string>();

  useEffect(() => {
    const api = getApi();
    Promise.all([api.getAppInfo(), api.listExamples(), api.listRecentProjects(), api.listProjectFiles()])
      .then(([i, e, r, f]) => {
        setInfo(i);
        setExamples(e);
        setRecent(r);
        setFiles(f);
      })
      .catch((e: unknown) => setError(errorText(e)));
  }, []);

  const onFile = async (file: File | undefined) => {
    if (!file) return;
    if (/\.nbproj$/i.test(file.name)) await uploadProjectFile(file);
    else await importProjectText(await file.text(), file.name);
  };

  return (
    <div className="home">
      <header className="home__header">
        <h1>Neuroblocks</h1>
        <p className="home__tagline">{t('ui-home:tagline')}</p>
        <LanguageSwitch />
      </header>
      <ErrorBox text={error} />
      <main className="home__grid">
        <section aria-labelledby="new-title" className="card">
          <h2 id="new-title">{t('ui-home:new')}</h2>
          <button type="button" className="primary big" onClick={() => void newProject()} data-testid="new-empty">
            {t('ui-home:empty')}
          </button>
          <h3>{t('ui-home:fromExample')}</h3>
          <p className="home__hint">{t('ui-guide:homeHint')}</p>
          <ul className="example-list">
            {examples.map((ex) => (
              <li key={ex.id}>
                <button type="button" className="example" onClick={() => void newProject(ex.id)} data-testid={`example-${ex.id}`}>
                  <span className="example__name">{exampleText(ex, i18n.language).name}</span>
                  {ex.description && <span className="example__description">{exampleText(ex, i18n.language).description}</span>}
                  <span className="muted">
                    {t('ui-home:blocks', { count: ex.blockCount })}
                    {ex.totalParams !== undefined && ` · ${t('ui-home:params', { params: ex.totalParams })}`}
                  </span>
                </button>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="open-title" className="card">
          <h2 id="open-title">{t('ui-home:open')}</h2>
          {info?.nativeDialogs && (
            <button type="button" onClick={() => void openWithDialog()}>
              {t('ui-home:openFile')}
            </button>
          )}
          {/* The browser's own file button speaks the browser's language; this one speaks the app's. */}
          <label className="file-pick">
            <input
              type="file"
              className="sr-only"
              accept=".nbproj,.json,application/json"
              onChange={(e) => {
                const file = e.target.files?.[0];
                // The same file can be chosen again (e.g. after fixing it).
                e.target.value = '';
                void onFile(file);
              }}
            />
            {t('ui-home:importFile')}
          </label>
          <ImportNetworkButton mode="project" />
          <h3>{t('ui-home:recent')}</h3>
          {recent.length === 0 ? (
            <p className="muted">{t('ui-home:noRecent')}</p>
          ) : (
            <ul className="file-list">
              {recent.map((r) => (
                <li key={r.location}>
                  <button type="button" className="link" onClick={() => void openProject(r.location)} title={r.location}>
                    {r.name}
                  </button>
                  <span className="muted"> {dateTimeText(r.openedAt, i18n.language)}</span>
                </li>
              ))}
            </ul>
          )}
          {info && (
            <>
              <h3>{t('ui-home:inFolder', { folder: info.projectsDirectory })}</h3>
              {files.length === 0 ? (
                <p className="muted">{t('ui-home:noFiles')}</p>
              ) : (
                <ul className="file-list">
                  {files.map((f) => (
                    <li key={f.location}>
                      <button
                        type="button"
                        className="link"
                        onClick={() => void openProject(f.location)}
                        title={f.location}
                        data-testid={`file-${f.fileName}`}
                      >
                        {f.name ?? f.fileName}
                      </button>
                      <span className="muted"> {f.fileName}</span>
                    </li>
                  ))}
                </ul>
              )}
            </>
          )}
        </section>
      </main>
    </div>
  );
}
