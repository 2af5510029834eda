import { CameraCapture } from './CameraCapture';
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppInfo, DatasetPreview, DownloadProgress, ImportedDataset, ImportedDatasetKind } from '../../../core/api/contract';
import { imageFitOf, type ImageFit } from '../../../core/model/image-fit';
import { builtinDatasets, type DatasetRef } from '../../../core/model/project';
import type { Shape } from '../../../core/model/graph';
import { getApi } from '../api';
import { editorStore, useEditor } from '../store/index';
import { fitAdvice, folderFiles, formatShape, formatSize, uploadDataset, type FitAdvice, type PickedFile } from './data-import';
import { dataStore, forgetPreview, loadPreview, useData } from './data-store';
import { trainingStore, updateForm, useTraining } from '../train/training-store';
import { useSettingsForm } from '../train/use-settings-form';
import './data.css';
import '../ui/fields.css';
import { errorText, problemLine } from '../ui/error-text';
import { CodeText } from '../ui/CodeText';
import { SkippedRows } from './SkippedRows';
import type { TFunction } from 'i18next';

type Builtin = (typeof builtinDatasets)[number];
/** Class colours of the scatter plot: distinct for colour-blind viewers, strong on a projector. */
const CLASS_COLOURS = ['#2446b8', '#c25400', '#1b6e2f', '#ad1457', '#6a1b9a', '#00796b', '#8a5300', '#37474f', '#d81b60', '#3949ab'];

/** The data sets the browser's pickers import, in the order of their buttons: a folder, or one file of the types accepted. */
const PICKERS: {
  kind: ImportedDatasetKind;
  label: 'importFolder' | 'importCsv' | 'importIdx' | 'importCifar';
  testId: string;
  folder?: true;
  accept?: string;
}[] = [
  { kind: 'imageFolder', label: 'importFolder', testId: 'data-folder-input', folder: true },
  { kind: 'csv', label: 'importCsv', testId: 'data-csv-input', accept: '.csv,text/csv' },
  { kind: 'idx', label: 'importIdx', testId: 'data-idx-input', folder: true },
  { kind: 'cifar', label: 'importCifar', testId: 'data-cifar-input', accept: '.gz,.tgz,.tar' },
];

/** A picked or dropped file's size, and its bytes read whole or in slices. */
const readable = (file: File) => ({ size: file.size, read: (start?: number, end?: number) => file.slice(start, end).arrayBuffer() });

/** A dropped folder's files, walking its sub-folders (paths relative to the folder's parent). */
async function droppedFiles(
  entry: FileSystemEntry,
  prefix = '',
): Promise<{ relativePath: string; size: number; read: PickedFile['read'] }[]> {
  if (entry.isFile) {
    const file = await new Promise<File>((resolve, reject) => (entry as FileSystemFileEntry).file(resolve, reject));
    return [
      { relativePath: prefix + entry.name, size: file.size, read: (start?: number, end?: number) => file.slice(start, end).arrayBuffer() },
    ];
  }
  const reader = (entry as FileSystemDirectoryEntry).createReader();
  const children: FileSystemEntry[] = [];
  // readEntries answers in pages (100 entries in Chromium) until an empty one.
  for (;;) {
    const page = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (page.length === 0) break;
    children.push(...page);
  }
  const nested = await Promise.all(children.map((child) => droppedFiles(child, `${prefix}${entry.name}/`)));
  return nested.flat();
}

function Scatter({ preview, label }: { preview: DatasetPreview; label: string }) {
  const points = preview.points ?? [];
  if (points.length === 0) return null;
  const xs = points.map((p) => p.x);
  const ys = points.map((p) => p.y);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const side = 300;
  const at = (v: number, min: number, max: number) => 12 + ((v - min) / (max - min || 1)) * (side - 24);
  return (
    <figure className="data-scatter">
      <svg width={side} height={side} viewBox={`0 0 ${side} ${side}`} role="img" aria-label={label} data-testid="data-scatter">
        <rect x={0} y={0} width={side} height={side} className="data-scatter__frame" />
        {points.map((p, i) => (
          <circle
            key={i}
            cx={at(p.x, minX, maxX)}
            cy={side - at(p.y, minY, maxY)}
            r={3.2}
            fill={CLASS_COLOURS[p.label % CLASS_COLOURS.length]}
            fillOpacity={0.8}
          />
        ))}
      </svg>
      <figcaption>
        {label}
        {preview.classes.map((c, i) => (
          <span key={c.name} className="data-scatter__legend">
            <span className="data-scatter__swatch" style={{ background: CLASS_COLOURS[i % CLASS_COLOURS.length] }} aria-hidden="true" />{' '}
            {c.name}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}

function AdviceItem({ advice }: { advice: FitAdvice }) {
  const { t } = useTranslation();
  if (advice.kind === 'noInput') return <p className="warning-box">{t('ui-data:fitNoInput')}</p>;
  if (advice.kind === 'input') {
    const values = {
      data: shapeText(advice.data, t),
      id: advice.id,
      input: shapeText(advice.input, t),
      fix: formatShape(advice.fix),
      conversion: t(`ui-data:${advice.conversion}`),
    };
    return (
      <div className="warning-box data-advice" data-testid="data-fit-input">
        <p>
          {t(
            advice.images
              ? advice.fix.join('×') === advice.data.join('×')
                ? 'ui-data:fitInputImages'
                : 'ui-data:fitInputImagesLarge'
              : 'ui-data:fitInput',
            values,
          )}
        </p>
        <button type="button" onClick={() => editorStore.getState().setParam(advice.id, 'shape', advice.fix)}>
          {t('ui-data:fixInput', { shape: formatShape(advice.fix) })}
        </button>
      </div>
    );
  }
  return (
    <div className="warning-box data-advice" data-testid="data-fit-units">
      <p>{t('ui-data:fitUnits', { classes: advice.classes, id: advice.id, units: advice.units })}</p>
      {advice.fixable && (
        <button type="button" onClick={() => editorStore.getState().setParam(advice.id, 'units', advice.classes)}>
          {t('ui-data:fixUnits', { classes: advice.classes })}
        </button>
      )}
    </div>
  );
}

function PreviewView({ preview }: { preview: DatasetPreview }) {
  const { t, i18n } = useTranslation();
  const analysis = useEditor((s) => s.analysis);
  const loss = useTraining((s) => s.form?.training.loss);
  const advice = fitAdvice(preview, analysis, loss);
  return (
    <>
      <p className="data-summary" data-testid="data-summary">
        {t('ui-data:summary', {
          classes: preview.classes.length,
          train: preview.trainCount,
          test: preview.testCount,
          shape: shapeText(preview.inputShape, t),
        })}
      </p>
      {advice.map((a) => (
        <AdviceItem key={a.kind} advice={a} />
      ))}
      {preview.sizeRange && (
        <p className="train-hint">
          {t('ui-data:sizeRange', { smallest: preview.sizeRange.smallest.join('×'), largest: preview.sizeRange.largest.join('×') })}
        </p>
      )}
      {preview.checked && (
        <p className="train-hint data-checked" data-testid="data-checked">
          {t(preview.checked.headers < preview.checked.images ? 'ui-data:checkedHeaders' : 'ui-data:checked', {
            decoded: preview.checked.decoded,
            headers: preview.checked.headers,
            images: preview.checked.images,
          })}
        </p>
      )}
      {/* The skipped files have their own list below. */}
      {preview.warnings
        .filter((w) => w.code !== 'data:skippedFiles' && w.code !== 'data:skippedRows')
        .map((w) => problemLine(w, i18n.language))
        .map((text) => (
          <p key={text} className="warning-box" data-testid="data-warning">
            {text}
          </p>
        ))}
      {preview.skipped.length > 0 && preview.skipped.every((s) => s.line !== undefined) ? (
        <SkippedRows skipped={preview.skipped} />
      ) : (
        preview.skipped.length > 0 && (
          <details className="data-skipped" open data-testid="data-skipped">
            <summary>{t('ui-data:skipped', { count: preview.skipped.length })}</summary>
            <ul>
              {preview.skipped.slice(0, 50).map((s) => (
                <li key={s.file}>
                  <code>{s.file}</code> — {problemLine(s.reason, i18n.language)}
                </li>
              ))}
            </ul>
          </details>
        )
      )}
      <table className="data-classes" data-testid="data-classes">
        <thead>
          <tr>
            <th scope="col">{t('ui-data:class')}</th>
            <th scope="col">{t('ui-data:count')}</th>
            {preview.classes.some((c) => c.thumbnails.length > 0) && <th scope="col">{t('ui-data:samples')}</th>}
          </tr>
        </thead>
        <tbody>
          {preview.classes.map((c, i) => (
            <tr key={c.name} data-testid="data-class">
              <th scope="row">
                {preview.points && (
                  <span
                    className="data-scatter__swatch data-scatter__swatch--row"
                    style={{ background: CLASS_COLOURS[i % CLASS_COLOURS.length] }}
                    aria-hidden="true"
                  />
                )}
                {c.name}
              </th>
              <td className="data-classes__count">{t('ui-data:countValue', { train: c.count, test: c.testCount })}</td>
              {c.thumbnails.length > 0 && (
                <td className="data-thumbnails">
                  {c.thumbnails.map((src, k) => (
                    <img key={k} src={src} alt={t('ui-data:thumbnail', { name: c.name })} width={44} height={44} />
                  ))}
                </td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <Scatter preview={preview} label={t('ui-data:scatter')} />
      {preview.table && (
        <div className="data-table-wrap">
          <p className="train-hint">{t('ui-data:tableRows', { shown: preview.table.rows.length, total: preview.table.totalRows })}</p>
          <table className="data-table" data-testid="data-table">
            <thead>
              <tr>
                {preview.table.header.map((h) => (
                  <th key={h} scope="col" className={h === preview.labelColumn ? 'data-table__label' : undefined}>
                    {h}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {preview.table.rows.map((row, r) => (
                <tr key={r}>
                  {row.map((cell, c) => (
                    <td key={c} className={preview.table!.header[c] === preview.labelColumn ? 'data-table__label' : undefined}>
                      {cell}
                    </td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}

/** `28×28×1` for images, `4 values` for a row of numbers. */
function shapeText(shape: number[], t: TFunction): string {
  return shape.length === 1 ? t('ui-data:values', { count: shape[0] }) : formatSize(shape);
}

/** A download's progress in megabytes, for its message. */
const megabytes = (d: DownloadProgress) => ({
  file: d.file,
  received: d.received / 1e6,
  total: d.total ? d.total / 1e6 : undefined,
  context: d.total ? undefined : 'unknownSize',
});

/** How an image folder's images are fitted to the Input: letter-box or centre-crop; stretch only while a project made before the choice still uses it. */
function FitChoice({ fit, disabled, onChange }: { fit: ImageFit; disabled: boolean; onChange(fit: ImageFit): void }) {
  const { t } = useTranslation();
  const choices: { value: ImageFit; label: string }[] = [
    { value: 'letterbox', label: t('ui-data:fitLetterbox') },
    { value: 'crop', label: t('ui-data:fitCrop') },
  ];
  if (fit === 'stretch') choices.push({ value: 'stretch', label: t('ui-data:fitStretch') });
  return (
    <fieldset className="data-fit" disabled={disabled} data-testid="data-fit">
      <legend>{t('ui-data:fitTitle')}</legend>
      {choices.map((c) => (
        <label key={c.value} className="data-fit__choice">
          <input type="radio" name="data-fit" value={c.value} checked={fit === c.value} onChange={() => onChange(c.value)} />
          <span>{c.label}</span>
        </label>
      ))}
      <p className="train-hint">{t('ui-data:fitHelp')}</p>
    </fieldset>
  );
}

const refName = (ref: DatasetRef) => (ref.kind === 'builtin' ? ref.name : ref.path);

/** Choosing, importing and previewing the data a model trains on. */
export function DataPanel() {
  const { t, i18n } = useTranslation();
  const api = getApi();
  const form = useSettingsForm();
  const location = useEditor((s) => s.location);
  const datasets = useTraining((s) => s.datasets);
  const busy = useTraining((s) => s.phase === 'starting' || s.phase === 'running' || s.phase === 'paused' || s.phase === 'stopping');
  const { preview, loading, error, columns, importing, imported, refused, importError } = useData((s) => s);
  const [info, setInfo] = useState<AppInfo>();
  const [dragging, setDragging] = useState(false);
  const [download, setDownload] = useState<DownloadProgress>();
  useEffect(() => api.onDownloadProgress(setDownload), [api]);
  const pickerInputs = useRef<Partial<Record<ImportedDatasetKind, HTMLInputElement | null>>>({});

  useEffect(() => {
    void api.getAppInfo().then(setInfo);
    if (trainingStore.getState().datasets.length === 0) void api.listDatasets().then((list) => trainingStore.setState({ datasets: list }));
  }, [api]);

  const dataset = form?.dataset;
  // An image folder's thumbnails are fitted to the model's Input, as training will fit the images.
  const analysis = useEditor((s) => s.analysis);
  const input = analysis.inputs.length === 1 ? analysis.nodes[analysis.inputs[0]]?.outputShape : undefined;
  const imageInput: Shape | undefined =
    dataset?.kind === 'imageFolder' && input?.length === 3 && (input[2] === 1 || input[2] === 3) ? input : undefined;
  const imageInputKey = imageInput?.join('×');
  useEffect(() => {
    if (dataset) void loadPreview(api, dataset, location, imageInputKey ? imageInputKey.split('×').map(Number) : undefined);
  }, [api, dataset, location, imageInputKey]);

  if (!form) return null;
  const choose = (ref: DatasetRef) => updateForm({ ...trainingStore.getState().form!, dataset: ref });

  const afterImport = (result: ImportedDataset, name: string, count: number) => {
    forgetPreview();
    dataStore.setState({ importing: undefined, imported: { name, count }, refused: result.refused });
    choose(result.ref);
  };
  const failImport = (e: unknown) => dataStore.setState({ importing: undefined, importError: errorText(e) });

  const upload = async (kind: ImportedDatasetKind, name: string, files: PickedFile[]) => {
    dataStore.setState({ importing: { name, sent: 0, total: files.length }, imported: undefined, refused: [], importError: undefined });
    try {
      const result = await uploadDataset(api, { kind, name, files, location }, (sent, total) =>
        dataStore.setState({ importing: { name, sent, total } }),
      );
      afterImport(result, name, files.length - result.refused.length);
    } catch (e) {
      failImport(e);
    }
  };

  const pick = async (kind: ImportedDatasetKind) => {
    if (!info?.nativeDialogs) {
      pickerInputs.current[kind]?.click();
      return;
    }
    dataStore.setState({ imported: undefined, refused: [], importError: undefined });
    try {
      const result = await api.showDatasetDialog(kind, location ? { location } : {});
      if (result) afterImport(result, result.path.split(/[\\/]/).pop() ?? result.path, 0);
    } catch (e) {
      failImport(e);
    }
  };

  /** The files a picker gave: a folder's (image folder, IDX files), or the one file of a CSV or a CIFAR archive. */
  const onPicked = (kind: ImportedDatasetKind, list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    if (kind === 'imageFolder' || kind === 'idx') {
      const folder = folderFiles(files.map((f) => ({ relativePath: f.webkitRelativePath || f.name, ...readable(f) })));
      void upload(kind, folder.name, folder.files);
    } else void upload(kind, files[0].name, [{ path: files[0].name, ...readable(files[0]) }]);
  };
  const onDrop = async (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (busy || importing) return;
    const items = [...event.dataTransfer.items].filter((item) => item.kind === 'file');
    const entry = items.map((item) => item.webkitGetAsEntry?.()).find(Boolean);
    // Without a file system entry (some browsers, files handed over by a script) only a file can be told apart.
    const plain = entry ? undefined : (items[0]?.getAsFile() ?? event.dataTransfer.files[0]);
    if (plain && /\.csv$/i.test(plain.name)) {
      void upload('csv', plain.name, [{ path: plain.name, ...readable(plain) }]);
    } else if (entry?.isDirectory) {
      const folder = folderFiles(await droppedFiles(entry));
      if (folder.files.length > 0) void upload('imageFolder', folder.name, folder.files);
    } else if (entry?.isFile && /\.csv$/i.test(entry.name)) {
      const [file] = await droppedFiles(entry);
      void upload('csv', entry.name, [{ path: entry.name, size: file.size, read: file.read }]);
    } else {
      dataStore.setState({ importError: t('ui-data:dropUnknown') });
    }
  };

  const builtinChosen = dataset?.kind === 'builtin' ? dataset.name : undefined;
  const disabled = busy || Boolean(importing);
  return (
    <div
      className={`data-panel${dragging ? ' data-panel--dragging' : ''}`}
      onDragOver={(e) => {
        if (disabled) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(e) => void onDrop(e)}
      data-testid="data-panel"
    >
      <section className="data-choose" aria-labelledby="data-choose-title">
        <h3 id="data-choose-title">{t('ui-data:choose')}</h3>
        <fieldset className="data-builtins" disabled={disabled}>
          <legend>{t('ui-data:builtin')}</legend>
          {builtinDatasets.map((name: Builtin) => {
            const entry = datasets.find((d) => d.name === name);
            return (
              <label
                key={name}
                className={`data-builtin${builtinChosen === name ? ' data-builtin--chosen' : ''}`}
                title={t(`ui-data:builtinDescription.${name}`, { defaultValue: entry?.description ?? '' })}
                data-testid={`data-builtin-${name}`}
              >
                <input
                  type="radio"
                  name="data-builtin"
                  checked={builtinChosen === name}
                  onChange={() => choose({ kind: 'builtin', name })}
                />
                <span className="data-builtin__name">{t(`ui-data:builtinName.${name}`)}</span>
                {entry && (
                  <span className="data-builtin__shape">
                    {t('ui-data:builtinShape', { shape: shapeText(entry.inputShape, t), classes: entry.classes })}
                  </span>
                )}
              </label>
            );
          })}
        </fieldset>
        <div className="data-import">
          <h4>{t('ui-data:importTitle')}</h4>
          <div className="data-import__buttons">
            {PICKERS.map((picker) => (
              <button key={picker.kind} type="button" onClick={() => void pick(picker.kind)} disabled={disabled}>
                {t(`ui-data:${picker.label}`)}
              </button>
            ))}
            <span className="data-import__drop">{dragging ? t('ui-data:dropNow') : t('ui-data:dropHere')}</span>
          </div>
          <p className="train-hint">{t('ui-data:importHelp')}</p>
          {/* The browser's pickers: hidden, opened by the buttons above. */}
          {PICKERS.map((picker) => (
            <input
              key={picker.kind}
              ref={(element) => {
                pickerInputs.current[picker.kind] = element;
              }}
              type="file"
              hidden
              accept={picker.accept}
              data-testid={picker.testId}
              aria-label={t(`ui-data:${picker.label}`)}
              {...(picker.folder ? ({ webkitdirectory: '', directory: '', multiple: true } as Record<string, string | boolean>) : {})}
              onChange={(e) => {
                onPicked(picker.kind, e.target.files);
                e.target.value = '';
              }}
            />
          ))}
          {importing && (
            <div className="data-progress" role="status">
              <progress max={Math.max(1, importing.total)} value={importing.sent} aria-label={t('ui-data:uploading', importing)} />
              <span>{t('ui-data:uploading', importing)}</span>
            </div>
          )}
          {imported && imported.count > 0 && (
            <p className="data-imported" role="status">
              {t('ui-data:imported', imported)}
            </p>
          )}
          {importError && (
            <p className="error-box data-error" role="alert">
              <CodeText text={importError} />
            </p>
          )}
          {refused.length > 0 && (
            <details className="data-skipped" data-testid="data-refused">
              <summary>{t('ui-data:refused', { count: refused.length })}</summary>
              <ul>
                {refused.slice(0, 50).map((r) => (
                  <li key={r.file}>
                    <code>{r.file}</code> — {problemLine(r.reason, i18n.language)}
                  </li>
                ))}
              </ul>
            </details>
          )}
        </div>
        <CameraCapture disabled={disabled} onSave={(name, files) => void upload('imageFolder', name, files)} />
      </section>

      <section className="data-preview" aria-labelledby="data-preview-title" aria-busy={loading}>
        <h3 id="data-preview-title">{t('ui-data:preview')}</h3>
        {dataset ? (
          <p className="data-current" data-testid="data-current">
            {t('ui-data:current')}{' '}
            <strong>{dataset.kind === 'builtin' ? t(`ui-data:builtinName.${dataset.name}`) : refName(dataset).split(/[\\/]/).pop()}</strong>
            {dataset.kind !== 'builtin' && <span className="data-current__path">{preview?.path ?? refName(dataset)}</span>}
          </p>
        ) : (
          <p className="train-empty">{t('ui-data:none')}</p>
        )}
        {dataset?.kind === 'imageFolder' && (
          <FitChoice fit={imageFitOf(dataset)} disabled={disabled} onChange={(fit) => choose({ ...dataset, fit })} />
        )}
        {dataset?.kind === 'csv' && columns && (
          <label className="train-field data-label-column" htmlFor="data-label-column">
            <span>{t('ui-data:labelColumn')}</span>
            <select
              id="data-label-column"
              value={dataset.labelColumn}
              disabled={disabled}
              onChange={(e) => choose({ ...dataset, labelColumn: e.target.value })}
            >
              {!columns.includes(dataset.labelColumn) && <option value={dataset.labelColumn}>{dataset.labelColumn}</option>}
              {columns.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
        {loading && (!download || download.received === download.total) && (
          <div className="data-progress" role="status" data-testid="data-loading">
            <progress aria-label={t('ui-data:loading')} />
            <span>{t('ui-data:loading')}</span>
          </div>
        )}
        {loading && download && download.received !== download.total && (
          <div className="data-progress" role="status" data-testid="data-downloading">
            <progress
              max={download.total ?? 1}
              value={download.total ? download.received : undefined}
              aria-label={t('ui-data:downloading', megabytes(download))}
            />
            <span>{t('ui-data:downloading', megabytes(download))}</span>
          </div>
        )}
        {error && (
          <p className="error-box data-error" role="alert" data-testid="data-error">
            <CodeText text={error} />
          </p>
        )}
        {preview && !loading && !error && <PreviewView preview={preview} />}
      </section>
    </div>
  );
}
