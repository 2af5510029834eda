/** Seconds left, extrapolated from the share of all batches done so far; undefined before the first batch. */
export function remainingSeconds(p: {
  epoch: number;
  batch: number;
  batchesPerEpoch: number;
  epochs: number;
  elapsedSeconds: number;
}): number | undefined {
  const total = p.epochs * p.batchesPerEpoch;
  const done = (p.epoch - 1) * p.batchesPerEpoch + p.batch;
  if (done <= 0 || total <= 0) return undefined;
  return (p.elapsedSeconds / done) * Math.max(0, total - done);
}

/** 75 → "1:15", 3725 → "1:02:05". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const rest = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`;
}
