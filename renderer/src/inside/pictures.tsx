// The pictures of "Look inside": grids of numbers drawn pixel by pixel, and activation bars.
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { colourFilterPixels, toPixels, type ColourScale } from './colours';
import { formatValue } from './explain';

/** A row-major grid of values drawn one canvas pixel per value and enlarged without smoothing. */
export function GridImage({
  values,
  height,
  width,
  scale,
  size,
  label,
}: {
  values: number[];
  height: number;
  width: number;
  scale: ColourScale;
  size: number;
  label: string;
}) {
  const pixels = useMemo(() => toPixels(values, scale), [values, scale]);
  return <PixelImage pixels={pixels} height={height} width={width} size={size} label={label} />;
}

/** A first-layer filter over a colour image, in colour (see `colourFilterPixels`). */
export function ColourFilterImage({
  kernels,
  height,
  width,
  size,
  label,
}: {
  kernels: number[][];
  height: number;
  width: number;
  size: number;
  label: string;
}) {
  const pixels = useMemo(() => colourFilterPixels(kernels), [kernels]);
  return <PixelImage pixels={pixels} height={height} width={width} size={size} label={label} />;
}

function PixelImage({
  pixels,
  height,
  width,
  size,
  label,
}: {
  pixels: Uint8ClampedArray;
  height: number;
  width: number;
  size: number;
  label: string;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    if (!context) return;
    const image = context.createImageData(width, height);
    image.data.set(pixels);
    context.putImageData(image, 0, 0);
  }, [pixels, height, width]);
  const long = Math.max(height, width);
  return (
    <canvas
      ref={canvas}
      width={width}
      height={height}
      className="inside-grid-image"
      style={{ width: (size * width) / long, height: (size * height) / long }}
      role="img"
      aria-label={label}
    />
  );
}

/** One bar per value, up from zero (or down for negative values), labelled with class names when there are some. */
export function ActivationBars({ values, min, max, classNames }: { values: number[]; min: number; max: number; classNames?: string[] }) {
  const { t, i18n } = useTranslation();
  const fmt = (v: number) => formatValue(v, i18n.language);
  const width = 640;
  const labels = Boolean(classNames);
  // Few bars get their value written on them; the plot leaves room above and below for it.
  const written = values.length <= 16;
  const headroom = written ? 22 : 4;
  const plot = labels ? 150 : 170;
  const height = plot + (labels ? 30 : 22);
  const top = Math.max(max, 0);
  const bottom = Math.min(min, 0);
  const span = top - bottom || 1;
  const scaleY = (plot - headroom * (bottom < 0 ? 2 : 1)) / span;
  const zero = headroom + top * scaleY;
  const step = width / Math.max(values.length, 1);
  const gap = values.length > 40 ? 0.5 : Math.min(6, step * 0.2);
  const best = values.indexOf(Math.max(...values));
  return (
    <svg
      className="inside-bars"
      data-testid="inside-bars"
      data-count={values.length}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={t('ui-inside:barsLabel', {
        count: values.length,
        min: fmt(min),
        max: fmt(max),
        best: classNames ? classNames[best] : best + 1,
      })}
    >
      <line x1={0} x2={width} y1={zero} y2={zero} className="inside-bars__axis" />
      {values.map((v, i) => {
        const h = Math.abs(v) * scaleY;
        return (
          <rect
            key={i}
            x={i * step + gap / 2}
            width={Math.max(step - gap, 0.5)}
            y={v >= 0 ? zero - h : zero}
            height={Math.max(h, v === 0 ? 0 : 1)}
            className={`inside-bars__bar${v < 0 ? ' inside-bars__bar--negative' : ''}${i === best ? ' inside-bars__bar--best' : ''}`}
          />
        );
      })}
      {written &&
        values.map((v, i) => (
          <text
            key={`value-${i}`}
            x={(i + 0.5) * step}
            y={v >= 0 ? zero - Math.abs(v) * scaleY - 5 : zero + Math.abs(v) * scaleY + 15}
            textAnchor="middle"
            className="inside-bars__value"
          >
            {fmt(v)}
          </text>
        ))}
      {classNames
        ? classNames.map((name, i) => (
            <text key={i} x={(i + 0.5) * step} y={height - 6} textAnchor="middle" className="inside-bars__label">
              {name}
            </text>
          ))
        : [
            <text key="first" x={2} y={height - 4} className="inside-bars__label">
              1
            </text>,
            <text key="last" x={width - 2} y={height - 4} textAnchor="end" className="inside-bars__label">
              {values.length}
            </text>,
          ]}
    </svg>
  );
}
