import { useEffect, useRef } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { Curves } from './training-store';

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
  /** Fixed y range, e.g. [0, 1] for accuracy. */
  yRange?: [number, number];
  testId: string;
}

const AXIS_FONT = '15px system-ui, sans-serif';

/** A line chart that follows the curves live, redrawing at most once per animation frame. */
export function LiveChart({ title, xLabel, series, source, yRange, testId }: Props) {
  const host = useRef<HTMLDivElement>(null);
  const plotRef = useRef<uPlot | null>(null);

  useEffect(() => {
    const element = host.current!;
    const data = (): uPlot.AlignedData => {
      const { curves } = source.get();
      // Copies: the store appends in place, and uPlot rescales only for new arrays.
      return [curves.x.slice(), ...series.map((s) => curves[s.key].slice())] as uPlot.AlignedData;
    };
    const plot = new uPlot(
      {
        width: Math.max(element.clientWidth, 200),
        height: 220,
        legend: { show: true, live: false },
        cursor: { show: false },
        scales: { x: { time: false }, y: yRange ? { range: yRange } : { auto: true } },
        axes: [
          { label: xLabel, font: AXIS_FONT, labelFont: AXIS_FONT, stroke: '#1b1f27', grid: { stroke: '#e3e7ee' } },
          { font: AXIS_FONT, stroke: '#1b1f27', grid: { stroke: '#e3e7ee' }, size: 60 },
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
    let frame = 0;
    let drawnVersion = source.get().version;
    const unsubscribe = source.subscribe(() => {
      if (frame || source.get().version === drawnVersion) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        drawnVersion = source.get().version;
        plot.setData(data());
        element.dataset.points = String(source.get().curves.x.length);
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
  }, [source, series, xLabel, yRange]);

  return (
    <figure className="live-chart">
      <figcaption className="live-chart__title">{title}</figcaption>
      <div ref={host} className="live-chart__plot" data-testid={testId} data-points="0" role="img" aria-label={title} />
    </figure>
  );
}
