import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Prediction } from '../../../core/api/contract';
import { getApi } from '../api';
import { useEditor } from '../store/index';
import { toDigitImage } from '../ui/drawing';
import { LookInside } from '../inside/LookInside';
import { isImageShape, isMnistShape } from '../ui/image-input';
import { CameraInput } from './CameraInput';
import { ImageInput } from './ImageInput';
import { modelFor, noRunsToPick, useModel } from '../train/model-store';
import { GoToTrain } from '../train/NextSteps';
import { RunPicker, useModelSync } from './RunPicker';
import { SampleImage } from '../ui/SampleImage';
import { PredictionBars } from '../ui/PredictionBars';
import { TableTry } from './TableTry';
import { errorText } from '../ui/error-text';
import './try.css';
import { ErrorBox } from '../ui/ErrorBox';

const PAD = 280;
const BRUSH = 22;
/** Least time between two predictions while drawing. */
const PREDICT_EVERY_MS = 120;

export function TryPanel() {
  const { t } = useTranslation();
  useModelSync();
  const location = useEditor((s) => s.location);
  const trained = useModel((s) => modelFor(s, location));
  const known = useModel((s) => s.known && !noRunsToPick(s, location));
  const shape = trained?.inputShape;
  /** Images are fitted to the Input as the run's training fitted its own. */
  const imageFit = trained?.imageFit ?? 'letterbox';
  /** Before training, the graph's Input block tells whether this will be a drawing-pad model. */
  const graphInput = useEditor((s) => s.nodes.find((n) => n.data.blockType === 'Input')?.data.params.shape);
  const sessionId = trained?.sessionId;
  /** Predictions of another model than the one in use are dropped. */
  const currentRun = useRef(sessionId);
  currentRun.current = sessionId;
  /** The image file's values when the input is an image rather than the drawing. */
  const image = useRef<number[] | undefined>(undefined);
  const [imageKey, setImageKey] = useState(0);
  const canvas = useRef<HTMLCanvasElement>(null);
  const drawing = useRef<{ x: number; y: number } | null>(null);
  const pending = useRef<{ timer?: number; inFlight: boolean; again: boolean }>({ inFlight: false, again: false });
  const [prediction, setPrediction] = useState<Prediction>();
  const [digit, setDigit] = useState<number[]>();
  const [error, setError] = useState<string>();
  const fits = isMnistShape(shape);

  const clear = useCallback(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    context.fillStyle = '#000';
    context.fillRect(0, 0, PAD, PAD);
    setPrediction(undefined);
    setDigit(undefined);
  }, []);
  useEffect(clear, [clear, fits]);

  /** Shows `values` and predicts them; the answer is shown while its run is in use and `current()` says the image is still the one asked about. */
  const ask = useCallback((values: number[], current: () => boolean) => {
    setDigit(values);
    return getApi()
      .predict(values)
      .then(
        (p) => {
          if (p.sessionId !== currentRun.current || !current()) return;
          setPrediction(p);
          setError(undefined);
        },
        (e: unknown) => setError(errorText(e)),
      );
  }, []);

  const predictNow = useCallback(() => {
    const state = pending.current;
    if (state.inFlight) {
      state.again = true;
      return;
    }
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const pixels = context.getImageData(0, 0, PAD, PAD).data;
    const ink = new Float32Array(PAD * PAD);
    for (let i = 0; i < ink.length; i++) ink[i] = pixels[i * 4] / 255;
    const image = Array.from(toDigitImage(ink, PAD, PAD));
    if (!image.some((v) => v > 0)) return;
    state.inFlight = true;
    void ask(image, () => true).finally(() => {
      state.inFlight = false;
      if (state.again) {
        state.again = false;
        predictNow();
      }
    });
  }, [ask]);

  const predictImage = useCallback((values: number[]) => void ask(values, () => image.current === values), [ask]);

  /** A frame of the live camera: predicted unless the previous one is still being answered. */
  const live = useRef({ inFlight: false });
  const takeFrame = useCallback(
    (values: number[]) => {
      if (live.current.inFlight) return;
      live.current.inFlight = true;
      image.current = values;
      void ask(values, () => image.current === values).finally(() => (live.current.inFlight = false));
    },
    [ask],
  );

  const takeImage = useCallback(
    (values: number[] | undefined) => {
      image.current = values;
      // The pad is cleared: the answer shown is for the image.
      const context = canvas.current?.getContext('2d');
      if (context) {
        context.fillStyle = '#000';
        context.fillRect(0, 0, PAD, PAD);
      }
      setPrediction(undefined);
      setDigit(undefined);
      if (values) predictImage(values);
    },
    [predictImage],
  );

  // Another model answers again for the same drawing or image.
  useEffect(() => {
    if (!sessionId) return;
    if (image.current) predictImage(image.current);
    else predictNow();
  }, [sessionId, predictImage, predictNow]);

  const leaveImage = () => {
    if (!image.current) return;
    image.current = undefined;
    setImageKey((k) => k + 1);
  };

  const schedule = () => {
    const state = pending.current;
    if (state.timer !== undefined) return;
    state.timer = window.setTimeout(() => {
      state.timer = undefined;
      predictNow();
    }, PREDICT_EVERY_MS);
  };

  const point = (event: React.PointerEvent<HTMLCanvasElement>) => {
    const rect = event.currentTarget.getBoundingClientRect();
    return { x: ((event.clientX - rect.left) / rect.width) * PAD, y: ((event.clientY - rect.top) / rect.height) * PAD };
  };
  const stroke = (from: { x: number; y: number }, to: { x: number; y: number }) => {
    const context = canvas.current!.getContext('2d')!;
    context.strokeStyle = '#fff';
    context.lineWidth = BRUSH;
    context.lineCap = 'round';
    context.lineJoin = 'round';
    context.beginPath();
    context.moveTo(from.x, from.y);
    context.lineTo(to.x, to.y);
    context.stroke();
  };

  if (!trained || !shape)
    return (
      <>
        <RunPicker />
        {known && (
          <div className="train-empty">
            <p>{t('ui-try:none', { context: isMnistShape(Array.isArray(graphInput) ? graphInput : [28, 28, 1]) ? undefined : 'image' })}</p>
            <GoToTrain />
          </div>
        )}
      </>
    );
  if (!isImageShape(shape))
    return (
      <>
        <RunPicker />
        <TableTry sessionId={trained.sessionId} shape={shape} />
      </>
    );

  return (
    <div className="try-panel">
      <RunPicker />
      {!fits && (
        <div className="try-pad try-pad--image">
          <p className="train-hint">{t('ui-try:tryImage.tryHint', { shape: shape.join(' × ') })}</p>
          <ImageInput shape={shape} fit={imageFit} onInput={takeImage} layout="column" />
          <CameraInput shape={shape} fit={imageFit} onFrame={takeFrame} />
        </div>
      )}
      <div className="try-pad" hidden={!fits}>
        <p className="train-hint">{t('ui-try:hint')}</p>
        <canvas
          ref={canvas}
          width={PAD}
          height={PAD}
          className="draw-pad"
          data-testid="draw-pad"
          role="img"
          aria-label={t('ui-try:pad')}
          onPointerDown={(e) => {
            leaveImage();
            e.currentTarget.setPointerCapture(e.pointerId);
            const p = point(e);
            drawing.current = p;
            stroke(p, p);
            schedule();
          }}
          onPointerMove={(e) => {
            if (!drawing.current) return;
            const p = point(e);
            stroke(drawing.current, p);
            drawing.current = p;
            schedule();
          }}
          onPointerUp={() => {
            drawing.current = null;
            predictNow();
          }}
        />
        <div className="try-pad__footer">
          <button
            type="button"
            onClick={() => {
              leaveImage();
              clear();
            }}
          >
            {t('ui-try:clear')}
          </button>
          {digit && !image.current && (
            <span className="try-pad__seen">
              {t('ui-try:seen')} <SampleImage values={digit} shape={[28, 28, 1]} size={56} label={t('ui-try:seenLabel')} />
            </span>
          )}
        </div>
        {fits && <CameraInput shape={shape} fit={imageFit} onFrame={takeFrame} />}
      </div>
      {fits && (
        <div className="try-panel__image">
          <ImageInput key={imageKey} shape={shape} fit={imageFit} onInput={takeImage} layout="row" />
        </div>
      )}

      <section className="try-result" aria-labelledby="try-result-title">
        <h3 id="try-result-title">{t('ui-try:probabilities')}</h3>
        <ErrorBox text={error} />
        {prediction ? <PredictionBars prediction={prediction} /> : <p>{fits ? t('ui-try:drawFirst') : t('ui-try:tryImage.dropFirst')}</p>}
      </section>
      <LookInside values={digit} model={trained} />
    </div>
  );
}
