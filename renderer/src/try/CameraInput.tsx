import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { frameImage, useCamera } from '../data/camera';
import type { ImageFit } from '../../../core/model/image-fit';
import { useLatest } from '../ui/use-latest';
import { toModelInput } from '../ui/image-input';
import { ErrorBox } from '../ui/ErrorBox';

/** Time between two frames sent to the model. */
const FRAME_EVERY_MS = 330;

/**
 * Try it's live camera: about three frames a second, their centre square (as the camera's own data
 * sets are captured) fitted to the model's input as `fit` says, go to `onFrame`.
 */
export function CameraInput({ shape, fit, onFrame }: { shape: [number, number, number]; fit: ImageFit; onFrame(values: number[]): void }) {
  const { t } = useTranslation();
  const { video, stream, error, start, stop } = useCamera();
  const canvas = useRef<HTMLCanvasElement>(null);
  const report = useLatest(onFrame);
  const shapeKey = shape.join('×');

  useEffect(() => {
    if (!stream) return;
    const [height, width, channels] = shapeKey.split('×').map(Number) as [number, number, number];
    const timer = window.setInterval(() => {
      const image = video.current && canvas.current && frameImage(video.current, canvas.current);
      if (!image) return;
      const input = toModelInput(image, [height, width, channels], fit);
      if (!input.blank) report.current(input.values);
    }, FRAME_EVERY_MS);
    return () => window.clearInterval(timer);
  }, [stream, shapeKey, video, fit]);

  return (
    <div className="try-camera" data-testid="try-camera">
      <button type="button" onClick={() => (stream ? stop() : void start())}>
        {stream ? t('ui-camera:tryStop') : t('ui-camera:tryStart')}
      </button>
      <ErrorBox text={error && t(`ui-camera:${error.key}`, { reason: error.reason })} />
      {stream && (
        <>
          <p className="train-hint">{t('ui-camera:tryHint')}</p>
          <video ref={video} className="try-camera__video" muted playsInline aria-label={t('ui-camera:video')} />
          <canvas ref={canvas} hidden />
        </>
      )}
    </div>
  );
}
