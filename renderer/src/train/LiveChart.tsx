import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import './live-chart.css';
import type { Curves } from './training-store';
import { EPOCH_STEPS, epochRange, epochTicks, percentTicks, valueRange } from '../ui/chart-axes';
import { formatNumber } from '../ui/format';

export interface ChartSeries {
  key: keyof Omit<Curves, 'x'>;
  label: string;
  color: string;
  width: number;
  dash?: number[];
  points?: boolean;
}

interface Props {
  title: string;
  xLabel: string;
  series: ChartSeries[];
  /** Reads the curves and their version (bumped on every change). */
  source: { subscribe(listener: () => void): () => void; get(): { curves: Curves; version: number } };
  /** Fixed y range, e.g. [0, 1] for accuracy, whose ticks are then written as percentages. */
  yRange?: [number, number];
  testId: string;
}

const AXIS_FONT = '15px system-ui, sans-serif';

/**
 * A line chart that follows the curves live, redrawing at most once per animation frame. Its x axis
 * counts whole epochs, and both axes are set from the curves on display at each redraw, so that a
 * new run never shows the previous run's range. The ticks drawn are kept in `data-x-ticks` and
 * `data-y-ticks` (the canvas has no text to read).
 */
export function LiveChart({ title, xLabel, series, source, yRange, testId }: Props) {
  const { i18n } = useTranslation();
  const language = i18n.language;
  const host = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = host.current!;
    const data = (): uPlot.AlignedData => {
      const { curves } = source.get();
      // Copies: the store appends in place, and uPlot rescales only for new arrays.
      return [curves.x.slice(), ...series.map((s) => curves[s.key].slice())] as uPlot.AlignedData;
    };
    // The ranges of the curves on display, never those of a run shown before.
    const xDomain = (): [number, number] => epochRange(source.get().curves.x);
    const yDomain = (): [number, number] => yRange ?? valueRange(series.map((s) => source.get().curves[s.key]));
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: 220,
        legend: { show: true, live: false },
        cursor: { show: false },
        scales: { x: { time: false, range: () => xDomain() }, y: { range: () => yDomain() } },
        axes: [
          {
            label: xLabel,
            font: AXIS_FONT,
            labelFont: AXIS_FONT,
            stroke: '#1b1f27',
            grid: { stroke: '#e3e7ee' },
            incrs: EPOCH_STEPS,
            values: (_u, splits) => {
              const ticks = epochTicks(splits, (n) => formatNumber(n, language));
              element.dataset.xTicks = ticks.filter(Boolean).join(' ');
              return ticks;
            },
          },
          {
            font: AXIS_FONT,
            stroke: '#1b1f27',
            grid: { stroke: '#e3e7ee' },
            size: 70,
            values: (_u, splits) => {
              const ticks = yRange ? percentTicks(splits, language) : splits.map((v) => formatNumber(v, language));
              element.dataset.yTicks = ticks.join(' ');
              return ticks;
            },
          },
        ],
        series: [
          {},
          ...series.map((s) => ({
            label: s.label,
            stroke: s.color,
            width: s.width,
            dash: s.dash,
            spanGaps: true,
            points: { show: s.points ?? false, size: 8, fill: s.color },
          })),
        ],
      },
      data(),
      element,
    );
    plotRef.current = plot;
    element.dataset.xRange = xDomain().join(' ');
    let frame = 0;
    let drawnVersion = source.get().version;
    const unsubscribe = source.subscribe(() => {
      if (frame || source.get().version === drawnVersion) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        drawnVersion = source.get().version;
        plot.setData(data());
        const [xMin, xMax] = xDomain();
        plot.setScale('x', { min: xMin, max: xMax });
        const [yMin, yMax] = yDomain();
        plot.setScale('y', { min: yMin, max: yMax });
        element.dataset.points = String(source.get().curves.x.length);
        element.dataset.xRange = `${xMin} ${xMax}`;
      });
    });
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(element.clientWidth, 200), height: 220 }));
    resize.observe(element);
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
      resize.disconnect();
      plot.destroy();
      plotRef.current = null;
    };
  }, [source, series, xLabel, yRange, language]);

  return (
    <figure className="live-chart">
      <figcaption className="live-chart__title">{title}</figcaption>
      <div ref={host} className="live-chart__plot" data-testid={testId} data-points="0" role="img" aria-label={title} />
    </figure>
  );
}
