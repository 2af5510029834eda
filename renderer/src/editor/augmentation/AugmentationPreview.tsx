import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AugmentationPreview as Preview } from '../../../../core/api/contract';
import { findAugmentationChain } from '../../../../core/model/augmentation-chain';
import { formatShape } from '../../../../core/model/graph';
import { getApi } from '../../api';
import { editorStore, useEditor } from '../../store/index';
import { paintSample } from '../../ui/SampleImage';
import {
  datasetKey,
  imagesDigest,
  LatestRequest,
  previewChoices,
  previewDependencies,
  PREVIEW_DEBOUNCE_MS,
  usePreviewChoice,
  type PreviewChoice,
} from './augment-preview-state';
import './augment.css';
import { errorText } from '../../ui/error-text';
import { useModalDialog } from '../../ui/use-modal-dialog';
import { useLatest } from '../../ui/use-latest';

export interface AugmentationPreviewProps {
  /** Random draws besides the original: 8 fill a 3×3 grid, 15 a 4×4 one. */
  draws?: number;
  /** The block selected in the inspector, marked in the list of blocks applied. */
  selectedId?: string;
  /** Bigger images (the enlarged view, for a projector). */
  large?: boolean;
  /** Offers to open the enlarged view. */
  canEnlarge?: boolean;
}

/** One image, scaled up with its pixels kept crisp. */
function PreviewImage({ values, shape, label }: { values: number[]; shape: number[]; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => paintSample(canvas.current, values, shape), [values, shape]);
  return <canvas ref={canvas} width={shape[1]} height={shape[0]} className="augment-image" role="img" aria-label={label} />;
}

/**
 * A training image of the project's data set beside several random draws of the augmentation
 * blocks right after its Input, with their current parameters. It follows the editor: a parameter
 * edit brings new images after a short pause. Mount it anywhere; it reads the editor store.
 */
export function AugmentationPreview({ draws = 8, selectedId, large = false, canEnlarge = false }: AugmentationPreviewProps) {
  const { t } = useTranslation();
  const dependencies = useEditor(previewDependencies);
  const chainKey = useEditor((s) =>
    JSON.stringify(
      findAugmentationChain({ nodes: s.nodes.map((n) => ({ id: n.id, type: n.data.blockType, params: {} })), edges: s.edges }),
    ),
  );
  const chain = useMemo(() => JSON.parse(chainKey) as ReturnType<typeof findAugmentationChain>, [chainKey]);
  const dataset = useEditor(datasetKey);
  const { seed, sampleIndex } = usePreviewChoice(dataset);
  const choose = (change: Partial<PreviewChoice>) => previewChoices.getState().choose(dataset, change);
  const datasetRef = useLatest(dataset);
  const [preview, setPreview] = useState<Preview>();
  const [error, setError] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [enlarged, setEnlarged] = useState(false);
  const requests = useRef<LatestRequest<Preview>>(undefined);
  const sentDependencies = useRef<string>(undefined);

  useEffect(() => {
    const latest = new LatestRequest<Preview>((outcome) => {
      if (outcome.ok) {
        setPreview(outcome.value);
        setError(undefined);
        return;
      }
      const { error: failure } = outcome;
      // An image number kept from before may no longer exist (a smaller image folder): start again from the first.
      if (
        (failure as { code?: string } | undefined)?.code === 'bad-request' &&
        previewChoices.getState().byDataset[datasetRef.current]?.sampleIndex
      ) {
        previewChoices.getState().choose(datasetRef.current, { sampleIndex: 0 });
        return;
      }
      setError(errorText(failure));
    }, setBusy);
    requests.current = latest;
    return () => latest.close();
  }, []);

  const hasChain = chain.chain.length > 0;
  useEffect(() => {
    if (!hasChain) return;
    // Edits wait for a pause; a re-roll or another image is asked for at once.
    const delay = sentDependencies.current !== undefined && sentDependencies.current !== dependencies ? PREVIEW_DEBOUNCE_MS : 0;
    sentDependencies.current = dependencies;
    requests.current!.schedule(() => {
      const { toProject, location } = editorStore.getState();
      return getApi().previewAugmentation({ project: toProject(), location, sampleIndex, seed, count: draws });
    }, delay);
  }, [dependencies, hasChain, sampleIndex, seed, draws]);

  // Worked out here rather than taken from the last answer, so that they follow the graph at once.
  const notes = chain.outside.map((b) => (
    <p key={b.id} className="augment-warning" data-testid="augment-not-applied">
      {b.after
        ? t('ui-augment:notApplied', { type: b.type, id: b.id, afterType: b.after.type, afterId: b.after.id })
        : t('ui-augment:notConnected', { type: b.type, id: b.id })}
    </p>
  ));
  if (!chain.input) return <p className="augment-hint">{t('ui-augment:noInput')}</p>;
  if (!hasChain) {
    return (
      <>
        <p className="augment-hint" data-testid="augment-none">
          {t('ui-augment:noneYet')}
        </p>
        {notes}
      </>
    );
  }

  const shown = preview;
  const columns = Math.ceil(Math.sqrt(draws + 1));
  const anotherImage = () => {
    const count = shown?.sampleCount ?? 1;
    if (count < 2) return;
    // A different image each time, spread over the whole training split.
    let next = Math.floor(Math.random() * (count - 1));
    if (next >= sampleIndex) next += 1;
    choose({ sampleIndex: next });
  };

  return (
    <div className={`augment${large ? ' augment--large' : ''}`} aria-busy={busy || undefined}>
      <div className="button-row augment__actions">
        <button type="button" onClick={() => choose({ seed: (seed % 2_147_483_646) + 1 })} title={t('ui-augment:rerollHelp')}>
          {t('ui-augment:reroll')}
        </button>
        <button type="button" onClick={anotherImage} title={t('ui-augment:anotherHelp')} disabled={!shown || shown.sampleCount < 2}>
          {t('ui-augment:another')}
        </button>
        {canEnlarge && (
          <button type="button" onClick={() => setEnlarged(true)} title={t('ui-augment:enlargeHelp')} aria-haspopup="dialog">
            {t('ui-augment:enlarge')}
          </button>
        )}
      </div>
      {error && (
        <p role="alert" className="augment-error" data-testid="augment-error">
          {error}
        </p>
      )}
      {shown && (
        <>
          <div className="augment__caption">
            <span data-testid="augment-image">
              {t('ui-augment:image', {
                index: shown.sampleIndex,
                count: shown.sampleCount,
                label: shown.label,
              })}
            </span>
            <span className="augment__status" role="status" aria-live="polite">
              {busy ? t('ui-augment:loading') : ''}
            </span>
          </div>
          <div
            className={`augment-grid${error ? ' augment-grid--stale' : ''}`}
            style={{ gridTemplateColumns: `repeat(${columns}, 1fr)` }}
            data-testid="augment-grid"
            data-count={shown.images.length + 1}
            data-seed={shown.seed}
            data-sample={shown.sampleIndex}
            data-digest={imagesDigest(shown.images)}
          >
            <figure className="augment-cell augment-cell--original" data-testid="augment-cell">
              <PreviewImage
                values={shown.original}
                shape={shown.originalShape}
                label={t('ui-augment:originalLabel', { index: shown.sampleIndex, label: shown.label })}
              />
              <figcaption>{t('ui-augment:original')}</figcaption>
            </figure>
            {shown.images.map((values, i) => (
              <figure className="augment-cell" data-testid="augment-cell" key={i}>
                <PreviewImage
                  values={values}
                  shape={shown.shape}
                  label={t('ui-augment:drawLabel', { n: i + 1, index: shown.sampleIndex })}
                />
              </figure>
            ))}
          </div>
          {formatShape(shown.shape) !== formatShape(shown.originalShape) && (
            <p className="augment__note">
              {t('ui-augment:sizes', { from: formatShape(shown.originalShape), to: formatShape(shown.shape) })}
            </p>
          )}
          <p className="augment__note">
            {t('ui-augment:applied')}{' '}
            {shown.applied.map((b, i) => (
              <span key={b.id}>
                {i > 0 && ' → '}
                <span className={b.id === selectedId ? 'augment__current' : undefined}>{b.type}</span>
              </span>
            ))}
          </p>
        </>
      )}
      {notes}
      {enlarged && <EnlargedPreview onClose={() => setEnlarged(false)} selectedId={selectedId} />}
    </div>
  );
}

/** The preview as a large 4×4 grid in a dialog, for a projector. */
function EnlargedPreview({ onClose, selectedId }: { onClose: () => void; selectedId?: string }) {
  const { t } = useTranslation();
  const dialog = useModalDialog();
  return (
    <dialog ref={dialog} className="dialog augment-dialog" aria-labelledby="augment-dialog-title" onClose={onClose}>
      <div className="augment-dialog__header">
        <h2 id="augment-dialog-title">{t('ui-augment:title')}</h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          {t('ui-augment:close')}
        </button>
      </div>
      <p className="augment__intro">{t('ui-augment:intro')}</p>
      <AugmentationPreview draws={15} large selectedId={selectedId} />
    </dialog>
  );
}
