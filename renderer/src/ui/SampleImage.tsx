import { useEffect, useRef } from 'react';
import './sample-image.css';

/** Paints a sample's values (grey or RGB in [0, 1], row-major height × width × channels) on a canvas of its size. */
export function paintSample(canvas: HTMLCanvasElement | null, values: readonly number[], shape: readonly number[]): void {
  const [height, width, channels = 1] = shape;
  const context = canvas?.getContext('2d');
  if (!context || !height || !width) return;
  const image = context.createImageData(width, height);
  for (let i = 0; i < width * height; i++) {
    const at = (c: number) => Math.round(Math.min(1, Math.max(0, values[i * channels + Math.min(c, channels - 1)])) * 255);
    image.data.set([at(0), at(1), at(2), 255], i * 4);
  }
  context.putImageData(image, 0, 0);
}

/** Draws a sample scaled up without smoothing. */
export function SampleImage({ values, shape, size, label }: { values: number[]; shape: number[]; size: number; label: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => paintSample(canvas.current, values, shape), [values, shape]);
  return (
    <canvas
      ref={canvas}
      width={shape[1]}
      height={shape[0]}
      style={{ width: size, height: size }}
      className="sample-image"
      role="img"
      aria-label={label}
    />
  );
}
