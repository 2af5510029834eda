// "Look inside the model", under the Try it answer: what the chosen block makes of the current
// drawing (feature maps or activations) and the filters the first convolution learned. A block is
// chosen in the strip of the trained model's blocks or by clicking it in the graph.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useReactFlow } from '@xyflow/react';
import { useStore } from 'zustand';
import { createStore } from 'zustand/vanilla';
import type { BlockOutput, ConvFilters, InsideBlock, InspectRequest, ModelInUse } from '../../../core/api/contract';
import { getApi } from '../api';
import { editorStore, useEditor } from '../store/index';
import { readableView, readableZoom } from '../ui/view';
import { SampleImage } from '../ui/SampleImage';
import { colourScale } from './colours';
import { defaultBlock, explanationOf, formatValue } from './explain';
import { ActivationBars, ColourFilterImage, GridImage } from './pictures';
import { isMnistShape } from '../ui/image-input';
import './inside.css';
import { errorText } from '../ui/error-text';
import { ErrorBox } from '../ui/ErrorBox';

interface InsideState {
  open: boolean;
  /** The block whose output is shown. */
  selected?: string;
}

/** Kept outside the component, so that the view stays as it was across tab changes. */
export const insideStore = createStore<InsideState>()(() => ({ open: false }));

const message = (e: unknown) => errorText(e);

/** What a readable view keeps free across the strip: the zoom buttons on the left, a margin on the right (see readableView). */
const STRIP_MARGIN = 88;

/**
 * Moves the graph into the part of the canvas that the training panel leaves visible, so that its
 * blocks can be clicked while looking inside. Where that strip holds a whole block at a zoom the
 * class can read (a projector's window, the palette folded away beside the panel), the graph is
 * shown readable, from its Input, and scrolls; a narrower strip shows the whole graph, small, as a
 * map to click. Nothing moves when the strip is too narrow to use.
 */
function useGraphBesideDock(open: boolean): void {
  const { getNodesBounds, setViewport } = useReactFlow();
  useEffect(() => {
    if (!open) return;
    const pane = document.querySelector('.react-flow')?.getBoundingClientRect();
    const dock = document.getElementById('training-dock')?.getBoundingClientRect();
    const nodes = editorStore.getState().nodes;
    if (!pane || !dock || !nodes.length) return;
    const width = Math.min(pane.right, dock.left) - pane.left;
    if (width < 140) return;
    const bounds = getNodesBounds(nodes);
    const readable = readableZoom();
    const widest = Math.max(...nodes.map((n) => n.measured?.width ?? 0));
    if (widest * readable <= width - STRIP_MARGIN) {
      void setViewport(readableView(bounds, { width, height: pane.height }, readable), { duration: 300 });
      return;
    }
    const margin = 16;
    const zoom = Math.max(0.3, Math.min(1, (width - 2 * margin) / bounds.width, (pane.height - 2 * margin) / bounds.height));
    const x = (width - bounds.width * zoom) / 2 - bounds.x * zoom;
    const y = Math.max(margin, (pane.height - bounds.height * zoom) / 2) - bounds.y * zoom;
    void setViewport({ x, y, zoom }, { duration: 300 });
  }, [open, getNodesBounds, setViewport]);
}

const mapSize = (count: number) => (count <= 8 ? 66 : count <= 16 ? 56 : 46);

/** `model`: the model Evaluate and Try it use (a run of this session or a recorded run's checkpoint). */
export function LookInside({ values, model }: { values?: number[]; model?: ModelInUse }) {
  const { t } = useTranslation();
  const open = useStore(insideStore, (s) => s.open);
  const selected = useStore(insideStore, (s) => s.selected);
  // The model's identity: a new run or checkpoint in use asks for its blocks again.
  const modelId = model ? `${model.sessionId}:${model.checkpoint ?? ''}` : undefined;
  const inputShape = model?.inputShape.length ? model.inputShape : undefined;
  const test = model?.test;
  // The drawing pad's words (drawing, ink) for a pad model only; an image otherwise.
  const context = inputShape && !isMnistShape(inputShape) ? 'image' : undefined;
  const picked = useEditor((s) => {
    const chosen = s.nodes.filter((n) => n.selected);
    return chosen.length === 1 ? chosen[0].id : '';
  });
  const [blocks, setBlocks] = useState<InsideBlock[]>();
  const [filters, setFilters] = useState<ConvFilters | null>();
  const [output, setOutput] = useState<BlockOutput>();
  const [error, setError] = useState<string>();
  const [notInModel, setNotInModel] = useState<string>();
  /** A test digit looked at instead of the drawing, until the next stroke. */
  const [testDigit, setTestDigit] = useState<{ values: number[]; label: string; index: number }>();
  useGraphBesideDock(open);
  useEffect(() => setTestDigit(undefined), [values, modelId]);
  const sample = testDigit?.values ?? values;
  const classNames = test?.classNames ?? [];

  // The trained model's blocks and first filters, once per run.
  useEffect(() => {
    if (!open || !modelId || !inputShape) return;
    let live = true;
    const api = getApi();
    const blank = new Array<number>(inputShape.reduce((a, b) => a * b, 1)).fill(0);
    setBlocks(undefined);
    setOutput(undefined);
    // An error of the model used before is not this one's.
    setError(undefined);
    api.inspectModel({ values: blank, nodeIds: [] }).then(
      (inside) => {
        if (!live) return;
        setBlocks(inside.blocks);
        const current = insideStore.getState().selected;
        if (!current || !inside.blocks.some((b) => b.id === current)) insideStore.setState({ selected: defaultBlock(inside.blocks) });
      },
      (e: unknown) => live && setError(message(e)),
    );
    api.getFilters().then(
      (f) => live && setFilters(f),
      (e: unknown) => {
        if (!live) return;
        setFilters(null);
        if ((e as { code?: string }).code !== 'no-filters') setError(message(e));
      },
    );
    return () => {
      live = false;
    };
  }, [open, modelId, inputShape]);

  // A block clicked in the graph is shown, when the trained model has it.
  useEffect(() => {
    if (!open || !picked || !blocks) return;
    if (blocks.some((b) => b.id === picked)) {
      insideStore.setState({ selected: picked });
      setNotInModel(undefined);
    } else setNotInModel(picked);
  }, [open, picked, blocks]);

  // One request at a time; while one is out, only the latest drawing waits for its turn.
  const queue = useRef<{ busy: boolean; next?: InspectRequest }>({ busy: false });
  const send = useCallback((request: InspectRequest) => {
    const state = queue.current;
    if (state.busy) {
      state.next = request;
      return;
    }
    state.busy = true;
    getApi()
      .inspectModel(request)
      .then(
        (inside) => {
          setOutput(inside.outputs[0]);
          setError(undefined);
        },
        (e: unknown) => setError(message(e)),
      )
      .finally(() => {
        state.busy = false;
        const next = state.next;
        state.next = undefined;
        if (next) send(next);
      });
  }, []);

  useEffect(() => {
    if (!open || !blocks || !selected || !blocks.some((b) => b.id === selected)) return;
    if (!sample) {
      queue.current.next = undefined;
      setOutput(undefined);
      return;
    }
    send({ values: sample, nodeIds: [selected] });
  }, [open, blocks, selected, sample, send]);

  /** A random test digit of the class among those the model gets right, else among those of its most common answer. */
  const pickTestDigit = (actual: number) => {
    const row = test?.confusionMatrix[actual] ?? [];
    const predicted = row[actual] > 0 ? actual : row.indexOf(Math.max(...row));
    getApi()
      .getTestSamples({ actual, predicted: Math.max(predicted, 0), limit: 24 })
      .then(
        ({ samples }) => {
          if (!samples.length) return;
          const chosen = samples[Math.floor(Math.random() * samples.length)];
          setTestDigit({ values: chosen.values, label: classNames[actual], index: chosen.index });
        },
        (e: unknown) => setError(message(e)),
      );
  };

  if (!open) {
    return (
      <p className="inside-closed">
        <button
          type="button"
          className="inside-open"
          data-testid="inside-open"
          aria-expanded={false}
          onClick={() => insideStore.setState({ open: true })}
        >
          <svg viewBox="0 0 20 20" width="18" height="18" aria-hidden="true" className="inside-open__icon">
            <circle cx="8" cy="8" r="6" fill="none" stroke="currentColor" strokeWidth="2.4" />
            <line x1="12.5" y1="12.5" x2="18" y2="18" stroke="currentColor" strokeWidth="2.6" strokeLinecap="round" />
          </svg>
          {t('ui-inside:show')}
        </button>
        <span className="train-hint">{t('ui-inside:teaser', { context })}</span>
      </p>
    );
  }

  const choose = (id: string) => {
    insideStore.setState({ selected: id });
    setNotInModel(undefined);
    if (editorStore.getState().nodes.some((n) => n.id === id)) editorStore.getState().select([id]);
  };
  const shown = output && output.id === selected ? output : undefined;

  return (
    <section className="inside" aria-labelledby="inside-title" data-testid="look-inside">
      <div className="inside__header">
        <h3 id="inside-title">{t('ui-inside:title')}</h3>
        <button type="button" aria-expanded onClick={() => insideStore.setState({ open: false })}>
          {t('ui-inside:hide')}
        </button>
      </div>
      <p className="train-hint">{t('ui-inside:intro', { context })}</p>
      <ErrorBox text={error} />
      {!blocks ? (
        !error && <p>{t('ui-inside:loading')}</p>
      ) : (
        <div className="inside__body">
          <div className="inside-blocks" role="group" aria-label={t('ui-inside:blocks')} data-testid="inside-blocks">
            {blocks.map((block) => (
              <button key={block.id} type="button" aria-pressed={block.id === selected} onClick={() => choose(block.id)}>
                <span className="inside-blocks__id">{block.id}</span>
                <span className="inside-blocks__type">{block.type}</span>
              </button>
            ))}
          </div>
          {classNames.length > 0 && classNames.length <= 20 && (
            <div className="inside-source">
              <span>{t('ui-inside:testDigits')}</span>
              {classNames.map((name, c) => (
                <button
                  key={c}
                  type="button"
                  title={t('ui-inside:testDigit', { label: name })}
                  aria-label={t('ui-inside:testDigit', { label: name })}
                  onClick={() => pickTestDigit(c)}
                >
                  {name}
                </button>
              ))}
            </div>
          )}
          {testDigit && inputShape && (
            <p className="inside-source__shown" role="status" data-testid="inside-test-digit">
              <SampleImage
                values={testDigit.values}
                shape={inputShape}
                size={48}
                label={t('ui-inside:testDigitImage', { label: testDigit.label })}
              />
              {t('ui-inside:showingTest', { index: testDigit.index, label: testDigit.label, context })}
            </p>
          )}
          {notInModel && (
            <p className="inside-notice" role="status">
              {t('ui-inside:notInModel', { id: notInModel })}
            </p>
          )}
          <BlockView block={blocks.find((b) => b.id === selected)} output={shown} drawn={Boolean(sample)} context={context} />
          {filters && <Filters filters={filters} context={context} />}
        </div>
      )}
    </section>
  );
}

const RGB = ['ui-inside:red', 'ui-inside:green', 'ui-inside:blue'] as const;

function BlockView({ block, output, drawn, context }: { block?: InsideBlock; output?: BlockOutput; drawn: boolean; context?: 'image' }) {
  const { t, i18n } = useTranslation();
  const n = (v: number) => formatValue(v, i18n.language);
  const scale = useMemo(() => (output ? colourScale(output.min, output.max) : undefined), [output]);
  if (!block) return null;
  return (
    <div className="inside-view" data-testid="inside-view" aria-live="polite">
      <h4>{t('ui-inside:heading', { id: block.id, type: block.type, shape: block.shape.join('×') })}</h4>
      {!drawn ? (
        <p>{t('ui-inside:drawFirst', { context })}</p>
      ) : !output || !scale ? (
        <p>{t('ui-inside:loading')}</p>
      ) : (
        <>
          <p className="inside-view__explain" data-testid="inside-explain">
            {t(`ui-inside:explain.${explanationOf(output)}`, { shape: output.shape.join('×'), context })}
          </p>
          {output.kind === 'maps' ? (
            <>
              <ol className="inside-maps" data-testid="inside-maps" aria-label={t('ui-inside:mapsLabel', { id: output.id })}>
                {output.maps.map((map, c) => {
                  // A colour image's three channels are named by their colour.
                  const colour = output.type === 'Input' && output.channels === 3 ? t(RGB[c]) : undefined;
                  return (
                    <li key={c}>
                      <GridImage
                        values={map}
                        height={output.height}
                        width={output.width}
                        scale={scale}
                        size={mapSize(output.maps.length)}
                        label={colour ?? t('ui-inside:channel', { n: c + 1 })}
                      />
                      <span aria-hidden="true">{colour ?? c + 1}</span>
                    </li>
                  );
                })}
              </ol>
              <p className="inside-view__note">
                {scale.signed
                  ? t('ui-inside:scaleSigned', { min: n(output.min), max: n(output.max) })
                  : t('ui-inside:scaleGrey', { max: n(output.max) })}
                {output.maps.length < output.channels &&
                  ` ${t('ui-inside:moreMaps', { shown: output.maps.length, total: output.channels })}`}
                {(output.height !== output.shape[0] || output.width !== output.shape[1]) &&
                  ` ${t('ui-inside:smaller', { height: output.height, width: output.width })}`}
              </p>
            </>
          ) : (
            <>
              <ActivationBars values={output.values} min={output.min} max={output.max} classNames={output.classNames} />
              {output.values.length < output.length && (
                <p className="inside-view__note">{t('ui-inside:moreValues', { shown: output.values.length, total: output.length })}</p>
              )}
            </>
          )}
        </>
      )}
    </div>
  );
}

function Filters({ filters, context }: { filters: ConvFilters; context?: 'image' }) {
  const { t } = useTranslation();
  const scale = useMemo(() => colourScale(Math.min(filters.min, -filters.max), filters.max), [filters]);
  // Over a colour image (three input channels), each filter is one picture in colour.
  const inColour = filters.kernels[0]?.length === 3;
  return (
    <section className="inside-filters" aria-labelledby="inside-filters-title">
      <h4 id="inside-filters-title">{t('ui-inside:filtersTitle', { id: filters.nodeId })}</h4>
      <p className="inside-view__explain" data-testid="inside-filters-explain">
        {t('ui-inside:filtersExplain', { size: `${filters.kernelHeight}×${filters.kernelWidth}`, context: inColour ? 'colour' : context })}
      </p>
      <ol className="inside-filters__grid" data-testid="inside-filters">
        {filters.kernels.map((channels, f) => (
          <li key={f}>
            <span className="inside-filters__kernels">
              {inColour ? (
                <ColourFilterImage
                  kernels={channels}
                  height={filters.kernelHeight}
                  width={filters.kernelWidth}
                  size={60}
                  label={t('ui-inside:filterColour', { n: f + 1 })}
                />
              ) : (
                channels.map((kernel, c) => (
                  <GridImage
                    key={c}
                    values={kernel}
                    height={filters.kernelHeight}
                    width={filters.kernelWidth}
                    scale={scale}
                    size={channels.length > 1 ? 40 : 60}
                    label={
                      channels.length > 1 ? t('ui-inside:filterChannel', { n: f + 1, channel: c + 1 }) : t('ui-inside:filter', { n: f + 1 })
                    }
                  />
                ))
              )}
            </span>
            <span aria-hidden="true">{f + 1}</span>
          </li>
        ))}
      </ol>
      {filters.kernels.length < filters.filters && (
        <p className="inside-view__note">{t('ui-inside:moreFilters', { shown: filters.kernels.length, total: filters.filters })}</p>
      )}
    </section>
  );
}
